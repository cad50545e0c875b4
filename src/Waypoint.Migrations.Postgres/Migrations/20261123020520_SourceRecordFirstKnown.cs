using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SourceRecordFirstKnown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstKnownOn",
                table: "SourceRecords",
                type: "date",
                nullable: true);

            // Records imported before the column existed: their first referral (CIN) or request (SEN2).
            migrationBuilder.Sql("""
                UPDATE "SourceRecords" SET "FirstKnownOn" =
                    (SELECT MIN(c."ReferralDate") FROM "CinReferrals" c WHERE c."SourceRecordId" = "SourceRecords"."Id")
                WHERE "Format" = 'CIN';
                """);
            migrationBuilder.Sql("""
                UPDATE "SourceRecords" SET "FirstKnownOn" =
                    (SELECT MIN(q."ReceivedDate") FROM "EhcRequests" q WHERE q."SourceRecordId" = "SourceRecords"."Id")
                WHERE "Format" = 'SEN2';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstKnownOn",
                table: "SourceRecords");
        }
    }
}
