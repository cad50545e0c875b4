using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TransitionAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentRefusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    RefusedOn = table.Column<string>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PreventionAdvice = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRefusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentRefusals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentRefusals_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransitionAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CarerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Footing = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FootingNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StartedOn = table.Column<string>(type: "TEXT", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    NeedsArise = table.Column<bool>(type: "INTEGER", nullable: true),
                    HealthAtRisk = table.Column<bool>(type: "INTEGER", nullable: true),
                    WellbeingImpact = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConditionsEvidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ConditionsRecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Eligible = table.Column<bool>(type: "INTEGER", nullable: true),
                    DecidedOn = table.Column<string>(type: "TEXT", nullable: true),
                    DecisionReasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DecisionMoveId = table.Column<long>(type: "INTEGER", nullable: true),
                    RulesOutcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Contradiction = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    DepartureReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Advice = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SignpostedTo = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransitionAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransitionAssessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransitionAssessments_TransitionsCaseMoves_DecisionMoveId",
                        column: x => x.DecisionMoveId,
                        principalTable: "TransitionsCaseMoves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransitionAssessments_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessedOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionAssessmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NeedsAssistance = table.Column<bool>(type: "INTEGER", nullable: false),
                    PainDistressOrAnxiety = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndangersHealthOrSafety = table.Column<bool>(type: "INTEGER", nullable: false),
                    TakesSignificantlyLonger = table.Column<bool>(type: "INTEGER", nullable: false),
                    Fluctuates = table.Column<bool>(type: "INTEGER", nullable: false),
                    PeriodLongEnough = table.Column<bool>(type: "INTEGER", nullable: false),
                    MetByCarer = table.Column<bool>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessedOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessedOutcomes_TransitionAssessments_TransitionAssessmentId",
                        column: x => x.TransitionAssessmentId,
                        principalTable: "TransitionAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessedOutcomes_TransitionAssessmentId_Outcome",
                table: "AssessedOutcomes",
                columns: new[] { "TransitionAssessmentId", "Outcome" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRefusals_PersonId",
                table: "AssessmentRefusals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRefusals_TransitionsCaseId",
                table: "AssessmentRefusals",
                column: "TransitionsCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_TransitionAssessments_CouncilCode_ReviewedAt",
                table: "TransitionAssessments",
                columns: new[] { "CouncilCode", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TransitionAssessments_DecisionMoveId",
                table: "TransitionAssessments",
                column: "DecisionMoveId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransitionAssessments_PersonId",
                table: "TransitionAssessments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_TransitionAssessments_TransitionsCaseId",
                table: "TransitionAssessments",
                column: "TransitionsCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessedOutcomes");

            migrationBuilder.DropTable(
                name: "AssessmentRefusals");

            migrationBuilder.DropTable(
                name: "TransitionAssessments");
        }
    }
}
