using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseHistoryAndReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "TransitionsCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CaseEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvents_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Referrer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReceivedOn = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvents_TransitionsCaseId_Version",
                table: "CaseEvents",
                columns: new[] { "TransitionsCaseId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CouncilCode_PersonId",
                table: "Referrals",
                columns: new[] { "CouncilCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PersonId",
                table: "Referrals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TransitionsCaseId",
                table: "Referrals",
                column: "TransitionsCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseEvents");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "TransitionsCases");
        }
    }
}
