using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportMessageRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Rule",
                table: "ImportMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                // Messages stored before rules had ids (DataQualityRules.Unclassified).
                defaultValue: "unclassified");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMessages_CouncilCode_Rule",
                table: "ImportMessages",
                columns: new[] { "CouncilCode", "Rule" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportMessages_CouncilCode_Rule",
                table: "ImportMessages");

            migrationBuilder.DropColumn(
                name: "Rule",
                table: "ImportMessages");
        }
    }
}
