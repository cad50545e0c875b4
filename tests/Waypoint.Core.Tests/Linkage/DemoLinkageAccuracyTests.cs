using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.People;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Linkage;

/// <summary>
/// Exact linking on a generated council with no noise, scored pairwise against truth.csv: every pair of 903,
/// CIN and SEN2 records of the same person must be linked (recall 1) and no two people merged (precision 1).
/// </summary>
public class DemoLinkageAccuracyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExactLinking_SmallCouncilWithoutNoise_HasPrecisionAndRecallOne(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        var summary = DemoCouncilGenerator.Generate(new DemoOptions(DemoSize.Small, 11, new DateOnly(2026, 11, 22), DemoNoise.None), folder.Path);
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await ImporterTests.ImportDemoAsync(database, folder, summary);

        Assert.True(result.Committed);
        Assert.Empty(result.Problems); // generated files are clean: every parser reads them without a single warning
        var truth = File.ReadLines(folder.File(DemoCouncilGenerator.TruthFile)).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
        await using var db = database.Open();
        var links = (await PeopleDirectory.ListLinksAsync(db, null, CancellationToken.None)).ToDictionary(l => l.SourceKey, l => l.PersonId);
        Assert.Equal(truth.Keys.Order(), links.Keys.Order()); // every source record imported and linked, none invented

        var scored = truth.Keys.Where(k => k.Split(':')[0] is SourceFormat.Ssda903 or SourceFormat.Cin or SourceFormat.Sen2).ToList();
        var (precision, recall) = PairwiseScore(scored, k => truth[k], k => links[k]);
        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
        // Adults' records never merge two people either. Some stay apart from their SEN2 record: an adult known
        // only to SEN2 shares no exact key with it (no council id, no NHS number in SEN2) - probabilistic linkage's job.
        var all = PairwiseScore(truth.Keys.ToList(), k => truth[k], k => links[k]);
        Assert.Equal(1.0, all.Precision);
        Assert.InRange(all.Recall, 0.95, 1.0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExactLinking_SmallCouncilWithRealisticNoise_NeverMergesTwoPeople(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        var summary = DemoCouncilGenerator.Generate(new DemoOptions(DemoSize.Small, 12, new DateOnly(2026, 11, 22), DemoNoise.Realistic), folder.Path);
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await ImporterTests.ImportDemoAsync(database, folder, summary);

        Assert.True(result.Committed);
        Assert.Contains(result.Problems, p => p.Field.EndsWith("UPN", StringComparison.Ordinal)); // the noise is reported
        var truth = File.ReadLines(folder.File(DemoCouncilGenerator.TruthFile)).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
        await using var db = database.Open();
        var links = (await PeopleDirectory.ListLinksAsync(db, null, CancellationToken.None)).ToDictionary(l => l.SourceKey, l => l.PersonId);
        var (precision, recall) = PairwiseScore(truth.Keys.ToList(), k => truth[k], k => links[k]);
        Assert.Equal(1.0, precision); // twins, typos and missing ids never join two people on an exact key
        Assert.InRange(recall, 0.5, 0.999); // some links are lost to the noise: probabilistic linkage (issue 5) finds them
    }

    /// <summary>Pairwise precision and recall of predicted clusters against true clusters, counted without listing pairs.</summary>
    internal static (double Precision, double Recall) PairwiseScore(IReadOnlyList<string> keys, Func<string, string> truePerson, Func<string, string> predicted)
    {
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var truePairs = Pairs(keys.GroupBy(truePerson).Select(g => g.Count()));
        var predictedPairs = Pairs(keys.GroupBy(predicted).Select(g => g.Count()));
        var both = Pairs(keys.GroupBy(k => (truePerson(k), predicted(k))).Select(g => g.Count()));
        return (predictedPairs == 0 ? 1 : (double)both / predictedPairs, truePairs == 0 ? 1 : (double)both / truePairs);
    }
}
