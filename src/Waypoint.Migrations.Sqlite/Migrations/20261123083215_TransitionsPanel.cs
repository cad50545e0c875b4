using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TransitionsPanel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PanelMeetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    MeetsOn = table.Column<string>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Chair = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PanelActionFollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PanelMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseTaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Done = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NewDueOn = table.Column<string>(type: "TEXT", nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelActionFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelActionFollowUps_CaseTasks_CaseTaskId",
                        column: x => x.CaseTaskId,
                        principalTable: "CaseTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelActionFollowUps_PanelMeetings_PanelMeetingId",
                        column: x => x.PanelMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelAttendees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PanelMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attendance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelAttendees_PanelMeetings_PanelMeetingId",
                        column: x => x.PanelMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PanelMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StageWhenAdded = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DeferredToMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelCases_PanelMeetings_DeferredToMeetingId",
                        column: x => x.DeferredToMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelCases_PanelMeetings_PanelMeetingId",
                        column: x => x.PanelMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelCases_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelCases_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_PanelMeetingId",
                table: "CaseTasks",
                column: "PanelMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelActionFollowUps_CaseTaskId_PanelMeetingId",
                table: "PanelActionFollowUps",
                columns: new[] { "CaseTaskId", "PanelMeetingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelActionFollowUps_PanelMeetingId",
                table: "PanelActionFollowUps",
                column: "PanelMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelAttendees_PanelMeetingId",
                table: "PanelAttendees",
                column: "PanelMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_CouncilCode_PersonId",
                table: "PanelCases",
                columns: new[] { "CouncilCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_DeferredToMeetingId",
                table: "PanelCases",
                column: "DeferredToMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_PanelMeetingId_TransitionsCaseId",
                table: "PanelCases",
                columns: new[] { "PanelMeetingId", "TransitionsCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_PersonId",
                table: "PanelCases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_TransitionsCaseId",
                table: "PanelCases",
                column: "TransitionsCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMeetings_CouncilCode_MeetsOn",
                table: "PanelMeetings",
                columns: new[] { "CouncilCode", "MeetsOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_CaseTasks_PanelMeetings_PanelMeetingId",
                table: "CaseTasks",
                column: "PanelMeetingId",
                principalTable: "PanelMeetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseTasks_PanelMeetings_PanelMeetingId",
                table: "CaseTasks");

            migrationBuilder.DropTable(
                name: "PanelActionFollowUps");

            migrationBuilder.DropTable(
                name: "PanelAttendees");

            migrationBuilder.DropTable(
                name: "PanelCases");

            migrationBuilder.DropTable(
                name: "PanelMeetings");

            migrationBuilder.DropIndex(
                name: "IX_CaseTasks_PanelMeetingId",
                table: "CaseTasks");
        }
    }
}
