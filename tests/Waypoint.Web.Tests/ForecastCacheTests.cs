using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Forecasting.Likelihood;
using Waypoint.TestCommon;
using Waypoint.Web.Forecasts;

namespace Waypoint.Web.Tests;

/// <summary>
/// The forecast cache on a real database of its own: one 15-year-old with an EHC plan for autism (SEN2), which no rule
/// of the rule-based likelihood counts, in council 999 with too little history for a fitted model.
/// </summary>
public class ForecastCacheTests
{
    private const string Council = "999";
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var sen2 = SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Young", "Younger", "2011-01-01", null, "ASD", "2020-09-01"));
        await using var db = database.Open();
        var imported = await new Importer(db, TimeProvider.System).ImportAsync([sen2], new ImportOptions(Council), null, Ct);
        Assert.True(imported.Committed);
        return database;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACaseOpenedByAReferral_IsFittedAgain_SoTheRuleBasedLikelihoodCountsItAtOnce(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        using var cache = new ForecastCache(new RulesPolicy());
        await using var db = database.Open();

        var before = await cache.FittedAsync(db, Council, AsOf, Ct);
        Assert.IsType<RuleBasedScore>(before.Likelihood);
        var young = Assert.Single(before.People);
        // No rule met: 1 in 20.
        Assert.Equal(0.05, before.PersonLikelihoods[young.Id], 6);

        db.TransitionsCases.Add(TransitionsCase.Open(young.Id, Council, TransitionsStage.Referred, "a.worker", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "referral from the SEN team"));
        await db.SaveChangesAsync(Ct);

        // The same day and the same imported data, but a case opened: one rule met, even odds, with no new import.
        var after = await cache.FittedAsync(db, Council, AsOf, Ct);
        Assert.Equal(0.5, after.PersonLikelihoods[young.Id], 6);
        Assert.Same(after, await cache.FittedAsync(db, Council, AsOf, Ct));
    }
}
