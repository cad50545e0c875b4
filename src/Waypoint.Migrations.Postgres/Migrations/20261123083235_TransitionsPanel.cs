using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    MeetsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Place = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Chair = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PanelActionFollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PanelMeetingId = table.Column<long>(type: "bigint", nullable: false),
                    CaseTaskId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NewDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PanelMeetingId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Agency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attendance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PanelMeetingId = table.Column<long>(type: "bigint", nullable: false),
                    TransitionsCaseId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StageWhenAdded = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DeferredToMeetingId = table.Column<long>(type: "bigint", nullable: true),
                    DecisionNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
