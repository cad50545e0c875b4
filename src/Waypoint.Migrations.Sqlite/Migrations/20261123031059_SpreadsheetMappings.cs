using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SpreadsheetMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChildPlacementCosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<string>(type: "TEXT", nullable: false),
                    EndDate = table.Column<string>(type: "TEXT", nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    FundingStream = table.Column<string>(type: "TEXT", nullable: true),
                    PlacementType = table.Column<string>(type: "TEXT", nullable: true),
                    Provider = table.Column<string>(type: "TEXT", nullable: true),
                    SourceRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildPlacementCosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildPlacementCosts_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HealthInvolvements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Service = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<string>(type: "TEXT", nullable: true),
                    EndDate = table.Column<string>(type: "TEXT", nullable: true),
                    ChecklistDate = table.Column<string>(type: "TEXT", nullable: true),
                    ChecklistOutcome = table.Column<string>(type: "TEXT", nullable: true),
                    DecisionDate = table.Column<string>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true),
                    SourceRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthInvolvements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthInvolvements_SourceRecords_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpreadsheetMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Holds = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonKeyHeading = table.Column<string>(type: "TEXT", nullable: false),
                    PersonKeyIdentifier = table.Column<string>(type: "TEXT", nullable: false),
                    Worksheet = table.Column<string>(type: "TEXT", nullable: true),
                    SavedBy = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpreadsheetMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpreadsheetCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpreadsheetMappingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpreadsheetCode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpreadsheetCode_SpreadsheetMappings_SpreadsheetMappingId",
                        column: x => x.SpreadsheetMappingId,
                        principalTable: "SpreadsheetMappings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpreadsheetColumn",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpreadsheetMappingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    Heading = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpreadsheetColumn", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpreadsheetColumn_SpreadsheetMappings_SpreadsheetMappingId",
                        column: x => x.SpreadsheetMappingId,
                        principalTable: "SpreadsheetMappings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChildPlacementCosts_SourceRecordId",
                table: "ChildPlacementCosts",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_HealthInvolvements_SourceRecordId",
                table: "HealthInvolvements",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SpreadsheetCode_SpreadsheetMappingId",
                table: "SpreadsheetCode",
                column: "SpreadsheetMappingId");

            migrationBuilder.CreateIndex(
                name: "IX_SpreadsheetColumn_SpreadsheetMappingId",
                table: "SpreadsheetColumn",
                column: "SpreadsheetMappingId");

            migrationBuilder.CreateIndex(
                name: "IX_SpreadsheetMappings_CouncilCode_Name",
                table: "SpreadsheetMappings",
                columns: new[] { "CouncilCode", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChildPlacementCosts");

            migrationBuilder.DropTable(
                name: "HealthInvolvements");

            migrationBuilder.DropTable(
                name: "SpreadsheetCode");

            migrationBuilder.DropTable(
                name: "SpreadsheetColumn");

            migrationBuilder.DropTable(
                name: "SpreadsheetMappings");
        }
    }
}
