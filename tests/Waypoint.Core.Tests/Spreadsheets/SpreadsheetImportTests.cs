using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Spreadsheets;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Spreadsheets;

/// <summary>Saved mappings and spreadsheet imports against a real store, on SQLite and on PostgreSQL.</summary>
public class SpreadsheetImportTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    internal static async Task SaveAsync(TestDatabase database, params SpreadsheetMapping[] mappings)
    {
        await using var db = database.Open();
        foreach (var mapping in mappings) Assert.Empty(await SpreadsheetMappings.SaveAsync(db, mapping, "tester", "analyst", Clock, CancellationToken.None));
    }

    private static ImportOptions Through(ImportOptions options, params (string Path, string Mapping)[] sheets) =>
        options with { Spreadsheets = sheets.ToDictionary(s => s.Path, s => s.Mapping) };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaveAsync_ReplacesByName_ChangesNothingWhenTheSame_AndRefusesAMappingWithProblems(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SaveAsync(database, SheetBuilder.PlacementCosts(), SheetBuilder.HealthInvolvement(), SheetBuilder.PlacementCosts(council: "123"));
        await SaveAsync(database, SheetBuilder.PlacementCosts());
        var changed = SheetBuilder.PlacementCosts();
        changed.Columns.Single(c => c.Field == "provider").Heading = "Provider Name";
        await SaveAsync(database, changed);
        var broken = SheetBuilder.PlacementCosts();
        broken.Columns.RemoveAll(c => c.Field == "start");
        await using var db = database.Open();

        var problems = await SpreadsheetMappings.SaveAsync(db, broken, "tester", "analyst", Clock, CancellationToken.None);

        Assert.Equal(["A placement costs sheet needs a heading for 'start' (placement start)."], problems);
        var mappings = await SpreadsheetMappings.ListAsync(db, "999", CancellationToken.None);
        Assert.Equal(["health involvement", "placement costs"], mappings.Select(m => m.Name));
        var saved = mappings[1];
        Assert.Equal(("Provider Name", 5, 2, "tester"), (saved.HeadingOf("provider"), saved.Columns.Count, saved.Codes.Count, saved.SavedBy));
        Assert.Equal(changed.Fingerprint(""), saved.Fingerprint(""));
        Assert.Equal(5, await db.Set<SpreadsheetColumn>().CountAsync(c => c.SpreadsheetMappingId == saved.Id));
        // Three first saves and one replacement are audited; saving the same mapping again and the refused one are not.
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.Action == "save-spreadsheet-mapping"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_Sheets_LinkToChildrenAndAdults_OnTheirKeys_AndSkipTheSameBytesThroughTheSameMapping(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await SaveAsync(database, SheetBuilder.PlacementCosts(), SheetBuilder.HealthInvolvement());
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("100", "2009-05-03"), new ChildRow("200", "2010-01-01"));
        var cld = SourceFileBuilder.Cld(folder, "cld.csv", new CldRow("A9", "9434765870", "2004-02-02"));
        var costs = SheetBuilder.Xlsx(folder, "costs.xlsx", "Placements", [.. SheetBuilder.CostHeadings],
            ["100", new DateTime(2025, 1, 1), null, 5200, "CSC Placements", "Oak House"],
            ["100", new DateTime(2024, 1, 1), new DateTime(2024, 12, 31), 900, "CSC Placements", "Foster carer"]);
        // Child 100's health row carries their NHS number and child id; the adult's only their NHS number.
        var health = SheetBuilder.Csv(folder, "health.csv", SheetBuilder.HealthHeadings,
            ["9434765919", "100", "03/05/2009", "Continuing Healthcare", "10/06/2026", "Full assessment", "", ""],
            ["9434765870", "", "", "CAMHS", "", "", "", ""]);
        var options = Through(new ImportOptions("999"), (costs, "placement costs"), (health, "health involvement"));

        var result = await ImporterTests.ImportAsync(database, options, header, cld, costs, health);

        Assert.True(result.Committed, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal(["header.csv (903) 2/2", "cld.csv (CLD) 1/1", "costs.xlsx (SHEET) 2/2", "health.csv (SHEET) 2/2"],
            result.Files.Select(f => $"{f.File} ({f.Format}) {f.RecordsRead}/{f.Imported}"));
        await using (var db = database.Open())
        {
            var partition = await DatabaseSnapshot.PartitionAsync(db);
            Assert.Contains("903:header.csv:100|SHEET:costs.xlsx:100|SHEET:health.csv:9434765919", partition);
            Assert.Contains("CLD:cld.csv:A9|SHEET:health.csv:9434765870", partition);
            Assert.Equal(3, partition.Count);
            Assert.Equal([900m, 5200m], (await db.ChildPlacementCosts.Select(c => c.WeeklyCost).ToListAsync()).Order());
            Assert.Equal(["CAMHS", "CHC"], (await db.HealthInvolvements.Select(h => h.Service).ToListAsync()).Order());
        }

        // The same bytes through the same mapping: skipped. Through a changed mapping: read again, rows replaced, not added.
        var again = await ImporterTests.ImportAsync(database, options, costs, health);
        Assert.All(again.Files, f => Assert.True(f.Skipped));
        var changed = SheetBuilder.PlacementCosts();
        changed.Codes.Add(new SpreadsheetCode { Field = "provider", Value = "Oak House", Code = "Oak House Ltd" });
        await SaveAsync(database, changed);
        var reread = await ImporterTests.ImportAsync(database, options, costs, health);
        Assert.Equal([false, true], reread.Files.Select(f => f.Skipped));
        await using (var db = database.Open())
        {
            Assert.Equal(["Foster carer", "Oak House Ltd"], (await db.ChildPlacementCosts.Select(c => c.Provider).ToListAsync()).Order());
            Assert.Equal(6, await db.SourceRecords.CountAsync());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_UnknownMappingOrMissingHeading_IsFatal_AndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await SaveAsync(database, SheetBuilder.PlacementCosts());
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("100", "2009-05-03"));
        var costs = SheetBuilder.Csv(folder, "costs.csv", ["Client ID", "Weekly Cost (GBP)"], ["100", "100"]);
        await using var before = database.Open();
        var counts = await DatabaseSnapshot.CountsAsync(before);

        var unknown = await ImporterTests.ImportAsync(database, Through(new ImportOptions("999"), (costs, "costs 2026")), header, costs);
        var missing = await ImporterTests.ImportAsync(database, Through(new ImportOptions("999"), (costs, "placement costs")), header, costs);

        Assert.False(unknown.Committed);
        Assert.Equal("costs.csv:0: (mapping): council 999 has no saved spreadsheet mapping named 'costs 2026'", Assert.Single(unknown.Problems).ToString());
        Assert.False(missing.Committed);
        Assert.StartsWith("costs.csv:1: Placement Start, Placement End, Funding Stream, Provider: the mapping 'placement costs' reads headings",
            Assert.Single(missing.Problems).ToString(), StringComparison.Ordinal);
        await using var after = database.Open();
        Assert.Equal(counts, await DatabaseSnapshot.CountsAsync(after));
    }
}
