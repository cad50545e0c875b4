using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PeopleByDateOfBirth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_CouncilCode",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_CouncilCode_DateOfBirth",
                table: "People",
                columns: new[] { "CouncilCode", "DateOfBirth" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_CouncilCode_DateOfBirth",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_CouncilCode",
                table: "People",
                column: "CouncilCode");
        }
    }
}
