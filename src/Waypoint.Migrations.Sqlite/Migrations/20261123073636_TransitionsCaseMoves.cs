using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TransitionsCaseMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TransitionsCaseMoves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransitionsCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouncilCode = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Why = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransitionsCaseMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransitionsCaseMoves_TransitionsCases_TransitionsCaseId",
                        column: x => x.TransitionsCaseId,
                        principalTable: "TransitionsCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TransitionsCaseMoves_TransitionsCaseId",
                table: "TransitionsCaseMoves",
                column: "TransitionsCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TransitionsCaseMoves");
        }
    }
}
