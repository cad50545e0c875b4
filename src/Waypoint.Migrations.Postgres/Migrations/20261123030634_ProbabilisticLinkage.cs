using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProbabilisticLinkage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LinkDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    RecordId = table.Column<long>(type: "bigint", nullable: false),
                    OtherRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PossibleMatchId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkDecisions_SourceRecords_OtherRecordId",
                        column: x => x.OtherRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LinkDecisions_SourceRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PossibleMatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilCode = table.Column<string>(type: "text", nullable: false),
                    RecordId = table.Column<long>(type: "bigint", nullable: false),
                    OtherRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    Probability = table.Column<double>(type: "double precision", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FoundInBatchId = table.Column<long>(type: "bigint", nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PossibleMatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PossibleMatches_SourceRecords_OtherRecordId",
                        column: x => x.OtherRecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PossibleMatches_SourceRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "SourceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LinkDecisions_CouncilCode",
                table: "LinkDecisions",
                column: "CouncilCode");

            migrationBuilder.CreateIndex(
                name: "IX_LinkDecisions_OtherRecordId",
                table: "LinkDecisions",
                column: "OtherRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkDecisions_RecordId",
                table: "LinkDecisions",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleMatches_CouncilCode_Status",
                table: "PossibleMatches",
                columns: new[] { "CouncilCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PossibleMatches_OtherRecordId",
                table: "PossibleMatches",
                column: "OtherRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleMatches_RecordId",
                table: "PossibleMatches",
                column: "RecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkDecisions");

            migrationBuilder.DropTable(
                name: "PossibleMatches");
        }
    }
}
