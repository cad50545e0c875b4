using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>The data quality queries on both stores, over two imports with known problems and another council's.</summary>
public class DataQualityTests
{
    private static async Task<(long Older, long Newer)> ImportTwiceAsync(TestDatabase database)
    {
        using var folder = TestFiles.TempFolder();
        // Older: three unknown UPNs and a child born in 2099. Newer: one unknown UPN, and an overlapping episode.
        var older = SourceFileBuilder.Header903(folder, "older/header.csv",
            new ChildRow("1", "2010-01-01", Upn: "UN1"), new ChildRow("2", "2010-01-01", Upn: "UN2"), new ChildRow("3", "2010-01-01", Upn: "UN3"), new ChildRow("4", "2099-01-01"));
        var newer = SourceFileBuilder.Header903(folder, "newer/header.csv", new ChildRow("1", "2010-01-01", Upn: "UN4"));
        var episodes = SourceFileBuilder.Episodes903(folder, "newer/episodes.csv", new EpisodeRow("1", "2020-01-01", "2020-06-01"), new EpisodeRow("1", "2020-05-01"));
        var other = SourceFileBuilder.Header903(folder, "other/header.csv", new ChildRow("9", "2010-01-01", Upn: "UN5"));
        var first = await ImporterTests.ImportAsync(database, new ImportOptions("999"), older);
        var second = await ImporterTests.ImportAsync(database, new ImportOptions("999"), newer, episodes);
        Assert.True((await ImporterTests.ImportAsync(database, new ImportOptions("888"), other)).Committed);
        return (first.BatchId!.Value, second.BatchId!.Value);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Summary_CountsByRuleFileAndImport_ForOneCouncil(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (older, newer) = await ImportTwiceAsync(database);
        await using var db = database.Open();

        var all = await DataQuality.SummaryAsync(db, "999", new DataQualityFilter(), CancellationToken.None);

        Assert.Equal([newer, older], all.Imports.Select(i => i.Batch));
        Assert.Equal([2, 1], all.Imports.Select(i => i.Files));
        Assert.Equal(6, all.Total);
        Assert.Equal([("upn-unknown-code", "Warning", 4), ("date-of-birth-impossible", "Error", 1), ("episode-overlap", "Error", 1)],
            all.Counts.Select(c => (c.Rule, c.Severity, c.Count)));
        Assert.Equal([(newer, "header.csv", 1), (newer, "episodes.csv", 1), (older, "header.csv", 4)], all.Files.Select(f => (f.Batch, f.Name, f.Count)));
        Assert.Equal(["episodes.csv", "header.csv"], all.FileNames);
        Assert.Equal(new Dictionary<(long, string), int> { [(newer, "upn-unknown-code")] = 1, [(newer, "episode-overlap")] = 1, [(older, "upn-unknown-code")] = 3, [(older, "date-of-birth-impossible")] = 1 },
            all.Trend);

        var errorsInOlder = await DataQuality.SummaryAsync(db, "999", new DataQualityFilter(Batch: older, Severity: "Error"), CancellationToken.None);
        Assert.Equal([("date-of-birth-impossible", 1)], errorsInOlder.Counts.Select(c => (c.Rule, c.Count)));
        Assert.Equal(["header.csv"], errorsInOlder.FileNames);
        // The trend is across imports: the import filter leaves it alone, the others apply.
        Assert.Equal(new Dictionary<(long, string), int> { [(newer, "episode-overlap")] = 1, [(older, "date-of-birth-impossible")] = 1 }, errorsInOlder.Trend);

        var byFile = await DataQuality.SummaryAsync(db, "999", new DataQualityFilter(File: "episodes.csv", Rule: "episode-overlap"), CancellationToken.None);
        Assert.Equal([(newer, "episodes.csv", 1)], byFile.Files.Select(f => (f.Batch, f.Name, f.Count)));

        var otherCouncil = await DataQuality.SummaryAsync(db, "888", new DataQualityFilter(), CancellationToken.None);
        Assert.Equal([("upn-unknown-code", 1)], otherCouncil.Counts.Select(c => (c.Rule, c.Count)));
        Assert.Empty((await DataQuality.SummaryAsync(db, "777", new DataQualityFilter(), CancellationToken.None)).Imports);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pages_AndTheWholeList_FollowFilesInOrderAcrossPageBreaks(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (older, newer) = await ImportTwiceAsync(database);
        await using var db = database.Open();
        var filter = new DataQualityFilter();
        var summary = await DataQuality.SummaryAsync(db, "999", filter, CancellationToken.None);

        var all = new List<DataQualityMessage>();
        await foreach (var m in DataQuality.AllAsync(db, summary, filter, CancellationToken.None)) all.Add(m);
        var pages = new List<DataQualityMessage>();
        for (var skip = 0; skip < 6; skip += 4) pages.AddRange(await DataQuality.PageAsync(db, summary, filter, skip, 4, CancellationToken.None));

        Assert.Equal(
        [
            (newer, "header.csv", 2, "UPN", "upn-unknown-code"), (newer, "episodes.csv", 3, "DECOM", "episode-overlap"),
            (older, "header.csv", 2, "UPN", "upn-unknown-code"), (older, "header.csv", 3, "UPN", "upn-unknown-code"),
            (older, "header.csv", 4, "UPN", "upn-unknown-code"), (older, "header.csv", 5, "DOB", "date-of-birth-impossible"),
        ], all.Select(m => (m.Batch, m.File, m.Line, m.Field, m.Rule)));
        Assert.Equal(all, pages);
        Assert.Equal("UN2: the UPN is not known; not used for linking", all[3].Text);

        var warnings = new DataQualityFilter(Severity: "Warning");
        var warningSummary = await DataQuality.SummaryAsync(db, "999", warnings, CancellationToken.None);
        Assert.Equal([3, 4], (await DataQuality.PageAsync(db, warningSummary, warnings, 2, 10, CancellationToken.None)).Select(m => m.Line));
    }
}
