using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GrandchildRowsKeyedThroughParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ChildProtectionPlans_SourceRecords_SourceRecordId",
                table: "ChildProtectionPlans");

            migrationBuilder.DropForeignKey(
                name: "FK_CinAssessments_SourceRecords_SourceRecordId",
                table: "CinAssessments");

            migrationBuilder.DropForeignKey(
                name: "FK_CinPlans_SourceRecords_SourceRecordId",
                table: "CinPlans");

            migrationBuilder.DropForeignKey(
                name: "FK_EhcActivePlans_SourceRecords_SourceRecordId",
                table: "EhcActivePlans");

            migrationBuilder.DropForeignKey(
                name: "FK_EhcAssessments_SourceRecords_SourceRecordId",
                table: "EhcAssessments");

            migrationBuilder.DropForeignKey(
                name: "FK_EhcNeeds_SourceRecords_SourceRecordId",
                table: "EhcNeeds");

            migrationBuilder.DropForeignKey(
                name: "FK_EhcPlacements_SourceRecords_SourceRecordId",
                table: "EhcPlacements");

            migrationBuilder.DropForeignKey(
                name: "FK_EhcPlans_SourceRecords_SourceRecordId",
                table: "EhcPlans");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_ChildProtectionPlans_SourceRecords_SourceRecordId",
                table: "ChildProtectionPlans",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CinAssessments_SourceRecords_SourceRecordId",
                table: "CinAssessments",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CinPlans_SourceRecords_SourceRecordId",
                table: "CinPlans",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EhcActivePlans_SourceRecords_SourceRecordId",
                table: "EhcActivePlans",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EhcAssessments_SourceRecords_SourceRecordId",
                table: "EhcAssessments",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EhcNeeds_SourceRecords_SourceRecordId",
                table: "EhcNeeds",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EhcPlacements_SourceRecords_SourceRecordId",
                table: "EhcPlacements",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EhcPlans_SourceRecords_SourceRecordId",
                table: "EhcPlans",
                column: "SourceRecordId",
                principalTable: "SourceRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
