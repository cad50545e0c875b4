using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    /// <summary>What the web app gives the cache: the store (for a fit in the background) and a log, here kept to be read.</summary>
    private static ServiceProvider Services(TestDatabase database, KeptLog? log = null) => new ServiceCollection()
        .AddDbContext<WaypointDbContext>(o => WaypointDatabase.Configure(o, database.Provider, database.Database))
        .AddSingleton(new RulesPolicy())
        .AddSingleton<ILogger<ForecastCache>>(log ?? new KeptLog())
        .AddSingleton<ForecastCache>()
        .BuildServiceProvider();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACaseOpenedByAReferral_IsFittedAgain_SoTheRuleBasedLikelihoodCountsItAtOnce(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var services = Services(database);
        var cache = services.GetRequiredService<ForecastCache>();
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

    [Fact]
    public async Task WhenNotReady_NothingIsWaitedFor_OneFitRunsInTheBackground_AndOneThatFailedIsLoggedAndTriedAgainOnTheNextRequest()
    {
        await using var database = await CouncilAsync(DatabaseProvider.Sqlite);
        var log = new KeptLog();
        await using var services = Services(database, log);
        var cache = services.GetRequiredService<ForecastCache>();
        var holds = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first background fit fails; the second is held until the test lets it go.
        cache.BeforeBackgroundFit = ct => Interlocked.Increment(ref holds) == 1
            ? throw new InvalidOperationException("The store was busy")
            : release.Task.WaitAsync(ct);
        await using var db = database.Open();

        Assert.Null(await cache.FittedIfReadyAsync(db, Council, AsOf, Ct));
        await cache.Fitting;
        Assert.Equal(1, holds);
        var failed = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Contains("InvalidOperationException", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Younger", failed.Message, StringComparison.Ordinal);

        // Tried again on the next request; while that runs, further requests do not start another.
        Assert.Null(await cache.FittedIfReadyAsync(db, Council, AsOf, Ct));
        Assert.Null(await cache.FittedIfReadyAsync(db, Council, AsOf, Ct));
        Assert.False(cache.Fitting.IsCompleted);
        release.SetResult();
        await cache.Fitting;
        Assert.Equal(2, holds);

        var fitted = await cache.FittedIfReadyAsync(db, Council, AsOf, Ct);
        Assert.NotNull(fitted);
        Assert.Same(fitted, await cache.FittedAsync(db, Council, AsOf, Ct));
        Assert.Equal(2, holds);
    }

    /// <summary>A log that keeps what is written to it, to be read by the test.</summary>
    private sealed class KeptLog : ILogger<ForecastCache>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lock (Entries) Entries.Add((logLevel, formatter(state, exception) + exception));
        }
    }
}
