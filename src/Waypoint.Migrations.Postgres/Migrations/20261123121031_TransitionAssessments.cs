using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TransitionsCaseId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    RefusedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PreventionAdvice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TransitionsCaseId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CarerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Footing = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FootingNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NeedsArise = table.Column<bool>(type: "boolean", nullable: true),
                    HealthAtRisk = table.Column<bool>(type: "boolean", nullable: true),
                    WellbeingImpact = table.Column<bool>(type: "boolean", nullable: true),
                    ConditionsEvidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConditionsRecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Eligible = table.Column<bool>(type: "boolean", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionReasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionMoveId = table.Column<long>(type: "bigint", nullable: true),
                    RulesOutcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Contradiction = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DepartureReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Advice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SignpostedTo = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TransitionAssessmentId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NeedsAssistance = table.Column<bool>(type: "boolean", nullable: false),
                    PainDistressOrAnxiety = table.Column<bool>(type: "boolean", nullable: false),
                    EndangersHealthOrSafety = table.Column<bool>(type: "boolean", nullable: false),
                    TakesSignificantlyLonger = table.Column<bool>(type: "boolean", nullable: false),
                    Fluctuates = table.Column<bool>(type: "boolean", nullable: false),
                    PeriodLongEnough = table.Column<bool>(type: "boolean", nullable: false),
                    MetByCarer = table.Column<bool>(type: "boolean", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessedOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessedOutcomes_TransitionAssessments_TransitionAssessment~",
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
