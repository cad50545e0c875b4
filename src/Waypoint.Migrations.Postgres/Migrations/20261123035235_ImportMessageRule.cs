using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportMessageRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportMessages_ImportedFileId",
                table: "ImportMessages");

            migrationBuilder.AddColumn<string>(
                name: "Rule",
                table: "ImportMessages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                // Messages stored before rules had ids (DataQualityRules.Unclassified).
                defaultValue: "unclassified");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMessages_CouncilCode_Rule_Severity_ImportedFileId",
                table: "ImportMessages",
                columns: new[] { "CouncilCode", "Rule", "Severity", "ImportedFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportMessages_ImportedFileId_Line",
                table: "ImportMessages",
                columns: new[] { "ImportedFileId", "Line" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportMessages_CouncilCode_Rule_Severity_ImportedFileId",
                table: "ImportMessages");

            migrationBuilder.DropIndex(
                name: "IX_ImportMessages_ImportedFileId_Line",
                table: "ImportMessages");

            migrationBuilder.DropColumn(
                name: "Rule",
                table: "ImportMessages");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMessages_ImportedFileId",
                table: "ImportMessages",
                column: "ImportedFileId");
        }
    }
}
