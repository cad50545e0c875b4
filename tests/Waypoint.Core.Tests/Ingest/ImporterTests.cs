using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>The importer against a real store: each test runs on SQLite and on PostgreSQL with the same code.</summary>
public class ImporterTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    internal static async Task<ImportResult> ImportAsync(TestDatabase database, ImportOptions options, params string[] files)
    {
        await using var db = database.Open();
        return await new Importer(db, Clock).ImportAsync(files, options);
    }

    /// <summary>A generated demo council, imported as the demo loads it (its own sheets through the demo mappings).</summary>
    internal static async Task<ImportResult> ImportDemoAsync(TestDatabase database, TempFolder folder, Core.Demo.DemoSummary summary)
    {
        await using var db = database.Open();
        return await Core.Demo.DemoImport.ImportAsync(db, Clock, folder.Path, summary, new ImportOptions(Councils.DemoCouncilCode) { SharedPersonIds = true });
    }

    private static readonly ImportOptions Council = new("999");

    private static string[] PeerSamples() =>
        [.. Directory.GetFiles(TestFiles.PeerSample("ssda903"), "*.csv").Order(), .. Directory.GetFiles(TestFiles.PeerSample("cin"), "*.xml").Order()];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_PeerSamples_CommitsValidRowsAndReportsDeliberateErrors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await ImportAsync(database, Council, PeerSamples());

        Assert.True(result.Committed);
        Assert.Contains("DoLo.csv:2: CHILD: CHILD CHILD10 is not in the Header; the row is rejected", result.Problems.Select(p => p.ToString()));
        Assert.Contains(result.Problems, p => p.File == "oc3.csv" && p.Field == "ACCOM" && p.Severity == Severity.Warning);
        await using var db = database.Open();
        Assert.Equal(2675 + 332 + 2, await db.SourceRecords.CountAsync());
        Assert.Equal(5050 - 71, await db.CareEpisodes.CountAsync()); // 71 overlapping or open before a later one
        Assert.Equal(53, await db.CareLeaverContacts.CountAsync());
        Assert.Equal(12582, await db.CareReviews.CountAsync());
        Assert.Equal(402 + 2, await db.CinReferrals.CountAsync());
        Assert.Equal(await db.SourceRecords.CountAsync(), await db.RecordLinks.CountAsync());
        var audit = Assert.Single(await db.AuditEvents.ToListAsync());
        Assert.Equal("import", audit.Action);
        Assert.Contains("episodes.csv (903): read 5050, imported 4979, rejected 71", audit.Detail, StringComparison.Ordinal);
        Assert.Equal(result.Problems.Select(p => p.Rule.Id).Order(StringComparer.Ordinal), (await db.ImportMessages.Select(m => m.Rule).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_FatalFileInCall_LeavesDatabaseUnchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await ImportAsync(database, Council, SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01")));
        await using var before = database.Open();
        var counts = await DatabaseSnapshot.CountsAsync(before);

        // Valid files come first and are written; the broken XML further on must undo them all.
        var good = SourceFileBuilder.Header903(folder, "header2.csv", new ChildRow("2", "2011-01-01"));
        var sen2 = SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2008-04-12", "Q999000000011"));
        var broken = folder.Write("cin.xml", "<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children>\n<Child><ChildIdentifiers><LAchildID>9</LAchildID></Child>\n</Children></Message>");
        var result = await ImportAsync(database, Council, good, sen2, broken);

        Assert.False(result.Committed);
        var fatal = Assert.Single(result.Problems, p => p.Severity == Severity.Fatal);
        Assert.Equal("cin.xml", fatal.File);
        Assert.Equal(2, fatal.Line);
        await using var after = database.Open();
        Assert.Equal(counts, await DatabaseSnapshot.CountsAsync(after));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_SameFilesAgain_AreSkippedAndNothingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var files = PeerSamples();
        await ImportAsync(database, Council, files);
        await using var before = database.Open();
        var counts = await DatabaseSnapshot.CountsAsync(before);
        var links = await PeopleLinks(before);

        var again = await ImportAsync(database, Council, [.. files.Reverse()]);

        Assert.True(again.Committed);
        Assert.All(again.Files, f => Assert.True(f.Skipped));
        await using var after = database.Open();
        var countsAfter = await DatabaseSnapshot.CountsAsync(after);
        // Only the second batch and its audit row are new.
        Assert.Equal(counts["ImportBatches"] + 1, countsAfter["ImportBatches"]);
        Assert.Equal(counts["AuditEvents"] + 1, countsAfter["AuditEvents"]);
        foreach (var table in counts.Keys.Except(["ImportBatches", "AuditEvents"])) Assert.Equal(counts[table], countsAfter[table]);
        Assert.Equal(links, await PeopleLinks(after));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_ChangedFileOfSameName_UpdatesRecordsInPlace(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var v1 = TestFiles.TempFolder();
        await ImportAsync(database, Council,
            SourceFileBuilder.Header903(v1, "header.csv", new ChildRow("1", "2010-01-01"), new ChildRow("2", "2011-02-02")),
            SourceFileBuilder.Episodes903(v1, "episodes.csv", new EpisodeRow("1", "2020-01-01", "2021-01-01"), new EpisodeRow("1", "2021-01-01"), new EpisodeRow("2", "2022-05-05")));
        await using var first = database.Open();
        var links = await PeopleLinks(first);

        // Next year's return under the same names: child 1 corrected, child 3 new, child 2 absent (kept, never lost).
        using var v2 = TestFiles.TempFolder();
        var result = await ImportAsync(database, Council,
            SourceFileBuilder.Header903(v2, "header.csv", new ChildRow("1", "2010-01-01", Sex: "F"), new ChildRow("3", "2012-03-03")),
            SourceFileBuilder.Episodes903(v2, "episodes.csv", new EpisodeRow("1", "2020-01-01", "2021-06-01"), new EpisodeRow("3", "2023-01-01")));

        Assert.True(result.Committed);
        await using var db = database.Open();
        Assert.Equal(3, await db.SourceRecords.CountAsync());
        Assert.Equal("F", (await db.SourceRecords.SingleAsync(r => r.LocalKey == "1")).Sex);
        var episodes = await db.CareEpisodes.Join(db.SourceRecords, e => e.SourceRecordId, r => r.Id, (e, r) => new { r.LocalKey, e.StartDate, e.EndDate }).ToListAsync();
        Assert.Equal(3, episodes.Count); // child 1's two old episodes replaced by one, child 2's kept, child 3's added
        Assert.Contains(episodes, e => e.LocalKey == "1" && e.EndDate == new DateOnly(2021, 6, 1));
        Assert.Contains(episodes, e => e.LocalKey == "2");
        var linksAfter = await PeopleLinks(db);
        foreach (var (key, person) in links) Assert.Equal(person, linksAfter[key]);
        Assert.Equal("F", (await db.People.SingleAsync(p => p.Reference == links["903:header.csv:1"])).Sex);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_FilesInAnyOrder_LinkTheSamePeople(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        string[] files =
        [
            SourceFileBuilder.Episodes903(folder, "episodes.csv", new EpisodeRow("1", "2020-01-01")),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2010-01-01", "Q999000000011")),
            SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("1", "2010-01-01", "Q999000000011")),
            SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01")),
        ];
        await using var forwards = await TestDatabase.CreateAsync(provider);
        await using var backwards = await TestDatabase.CreateAsync(provider);
        Assert.True((await ImportAsync(forwards, Council, files)).Committed);
        Assert.True((await ImportAsync(backwards, Council, [.. files.Reverse()])).Committed);
        await using var a = forwards.Open();
        await using var b = backwards.Open();
        var partition = await DatabaseSnapshot.PartitionAsync(a);
        Assert.Equal(partition, await DatabaseSnapshot.PartitionAsync(b));
        Assert.Equal("903:header.csv:1|CIN:cin.xml:1|SEN2:sen2.xml:1", Assert.Single(partition));
        Assert.Single(await a.CareEpisodes.ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_FirstImportIntoEmptyDatabase_Commits(DatabaseProvider provider)
    {
        // Creating a missing SQLite file is the CLI's job: see ImportCommandTests.Import_NewSqliteFile_IsCreatedAndTheSummaryPrinted.
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var result = await ImportAsync(database, Council, SourceFileBuilder.Header903(folder, "h.csv", new ChildRow("1", "2010-01-01")));
        Assert.True(result.Committed);
    }

    private static async Task<Dictionary<string, string>> PeopleLinks(WaypointDbContext db) =>
        (await Core.People.PeopleDirectory.ListLinksAsync(db, null, CancellationToken.None)).ToDictionary(l => l.SourceKey, l => l.PersonId);
}
