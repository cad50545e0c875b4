using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    FundingStream = table.Column<string>(type: "text", nullable: true),
                    PlacementType = table.Column<string>(type: "text", nullable: true),
                    Provider = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Service = table.Column<string>(type: "text", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ChecklistDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ChecklistOutcome = table.Column<string>(type: "text", nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Decision = table.Column<string>(type: "text", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Holds = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PersonKeyHeading = table.Column<string>(type: "text", nullable: false),
                    PersonKeyIdentifier = table.Column<string>(type: "text", nullable: false),
                    Worksheet = table.Column<string>(type: "text", nullable: true),
                    SavedBy = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpreadsheetMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpreadsheetCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SpreadsheetMappingId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SpreadsheetMappingId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "text", nullable: false),
                    Heading = table.Column<string>(type: "text", nullable: false)
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
