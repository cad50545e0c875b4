using System.Diagnostics;
using Waypoint.Core.Data;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Demand;
using Waypoint.Forecasting.Likelihood;
using Waypoint.Forecasting.Routes;

namespace Waypoint.Web.Forecasts;

/// <summary>
/// The forecasting models fitted on one council's linked history on one day (issue 9): the history as the models see
/// it, the likelihood score (fitted, or the rules until there is enough history) and the route model. Each young
/// person's likelihood and roadmap is read from here, so a page never refits.
/// </summary>
public sealed record FittedForecast(DateOnly AsOf, IReadOnlyList<ForecastPerson> People, ILikelihoodScore Likelihood, RouteModel Routes)
{
    private readonly Dictionary<long, ForecastPerson> _byId = People.ToDictionary(p => p.Id);

    /// <summary>The young person as the models see them, if they are in the history (aged 14 to 25 with a date of birth).</summary>
    public ForecastPerson? Person(long personId) => _byId.GetValueOrDefault(personId);

    /// <summary>
    /// Each young person's likelihood of needing adult care, for those it applies to (<see cref="Likelihoods.Applies"/>):
    /// worked out once per fit, so the tracker reads it with one look-up a row.
    /// </summary>
    public IReadOnlyDictionary<long, double> PersonLikelihoods { get; } = LikelihoodsOf(People, Likelihood, AsOf);

    private static Dictionary<long, double> LikelihoodsOf(IReadOnlyList<ForecastPerson> people, ILikelihoodScore score, DateOnly asOf) =>
        people.Where(p => Likelihoods.Applies(p, asOf)).ToDictionary(p => p.Id, score.Probability);
}

/// <summary>
/// The fitted models for a council, worked out again after each import, each merge or split of people, each opening,
/// move or closing of a transitions case (the rule-based likelihood counts an open case) and each new day, like the
/// tracker's cache (reading a national council's history takes seconds). Demand forecasts are kept by their options
/// (scenario, seed), as the same inputs always give the same answer. Each web node keeps its own. The tracker does not
/// wait for a fit (<see cref="FittedIfReadyAsync"/>): it starts one in the background and shows the rest at once.
/// </summary>
public sealed partial class ForecastCache(RulesPolicy policy, IServiceScopeFactory scopes, ILogger<ForecastCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private Task _fitting = Task.CompletedTask;
    private Kept? _kept;

    private readonly record struct Key(string Council, DateOnly AsOf, ImportedDataVersion Imported, CaseStagesVersion Cases);

    /// <summary>One fit with what has been worked out from it, so nothing from an older fit is kept for a newer one.</summary>
    private sealed class Kept(Key key, FittedForecast fitted)
    {
        public Key Key { get; } = key;
        public FittedForecast Fitted { get; } = fitted;
        public Dictionary<DemandForecastOptions, DemandForecast> Forecasts { get; } = [];
        public CouncilBacktest? Backtest { get; set; }
    }

    /// <summary>A test's hold on background fits: awaited before each one starts.</summary>
    internal Func<CancellationToken, Task>? BeforeBackgroundFit { get; set; }

    /// <summary>The background fit running, or the last one (finished): tests wait on it.</summary>
    internal Task Fitting
    {
        get
        {
            lock (_starting) return _fitting;
        }
    }

    /// <summary>
    /// The fitted models for the council's data as it is now (<paramref name="data"/>, when the caller has read it already:
    /// <see cref="Tracker.RequestDataVersion"/>), fitting them first (and waiting) if they are not ready.
    /// </summary>
    public async Task<FittedForecast> FittedAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, CouncilDataVersion? data = null) =>
        (await KeptAsync(db, council, asOf, cancellationToken, data)).Fitted;

    /// <summary>
    /// The fitted models if they are ready for the council's data as it is now; otherwise a fit is started in the
    /// background (<see cref="StartFitting"/>), so the caller can show what it has at once, and meanwhile the last fit
    /// is given if only transitions cases have changed since it (a case changes only the rule-based score, by one rule,
    /// and a busy team opens and moves cases all day), else nothing.
    /// </summary>
    public async Task<FittedForecast?> FittedIfReadyAsync(
        WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, CouncilDataVersion? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = await KeyAsync(db, council, asOf, data, cancellationToken);
        if (Ready(key) is { } kept) return kept.Fitted;
        StartFitting(council, asOf);
        return Volatile.Read(ref _kept) is { } last && last.Key with { Cases = key.Cases } == key ? last.Fitted : null;
    }

    /// <summary>
    /// Fits the models for the council's data as it is now, in the background, unless a fit is already running (one at
    /// a time: a change meanwhile is fitted on the next request). A fit that fails is logged, and tried again on the next
    /// request that finds the models not ready.
    /// </summary>
    public void StartFitting(string council, DateOnly asOf)
    {
        lock (_starting)
        {
            if (!_fitting.IsCompleted || _stopping.IsCancellationRequested) return;
            _fitting = Task.Run(() => FitInBackgroundAsync(council, asOf));
        }
    }

    private async Task FitInBackgroundAsync(string council, DateOnly asOf)
    {
        try
        {
            if (BeforeBackgroundFit is { } hold) await hold(_stopping.Token);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
            var started = Stopwatch.GetTimestamp();
            var fitted = await FittedAsync(db, council, asOf, _stopping.Token);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogFitted(logger, council, fitted.People.Count, seconds);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
        {
            // Waypoint is stopping (the store's services may be gone already).
        }
#pragma warning disable CA1031 // a fit that fails (the store busy or down) is tried again on the next request; only the kind of error is logged, never what it says about anyone
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFitFailed(logger, council, e.GetType().FullName ?? "exception");
        }
    }

    private static async Task<Key> KeyAsync(WaypointDbContext db, string council, DateOnly asOf, CouncilDataVersion? data, CancellationToken cancellationToken)
    {
        var version = data ?? await CouncilDataVersion.ReadAsync(db, council, cancellationToken);
        return new(council, asOf, version.Imported, version.Cases);
    }

    private Kept? Ready(Key key) => Volatile.Read(ref _kept) is { } kept && kept.Key == key ? kept : null;

    private async Task<Kept> KeptAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, CouncilDataVersion? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = await KeyAsync(db, council, asOf, data, cancellationToken);
        if (Ready(key) is { } kept) return kept;
        // One fit at a time: a burst of first requests (and a background fit) waits for it rather than each doing it.
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Ready(key) is { } done) return done;
            var councilPolicy = policy.ForCouncil(council);
            var people = await ForecastPeople.LoadAsync(db, council, asOf, councilPolicy, cancellationToken);
            var fresh = new Kept(key, new FittedForecast(asOf, people, CouncilForecast.Likelihood(people, asOf, councilPolicy), RouteModel.Fit(people)));
            Volatile.Write(ref _kept, fresh);
            return fresh;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The demand forecast for the council today with these options (throws <see cref="InvalidOperationException"/> when the history cannot give one).</summary>
    public async Task<DemandForecast> DemandAsync(WaypointDbContext db, string council, DateOnly asOf, DemandForecastOptions options, CancellationToken cancellationToken)
    {
        var kept = await KeptAsync(db, council, asOf, cancellationToken);
        lock (kept.Forecasts)
        {
            if (kept.Forecasts.TryGetValue(options, out var forecast)) return forecast;
        }
        var fitted = kept.Fitted;
        var fresh = await Task.Run(() => CouncilForecast.Demand(fitted.People, asOf, fitted.Likelihood, options), cancellationToken);
        lock (kept.Forecasts)
        {
            if (kept.Forecasts.Count >= 32) kept.Forecasts.Clear();
            kept.Forecasts[options] = fresh;
        }
        return fresh;
    }

    /// <summary>How the forecast did on past years, worked out once per fit.</summary>
    public async Task<CouncilBacktest> BacktestAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken)
    {
        var kept = await KeptAsync(db, council, asOf, cancellationToken);
        if (kept.Backtest is { } backtest) return backtest;
        var people = kept.Fitted.People;
        var fresh = await Task.Run(() => CouncilForecast.Backtest(people, asOf, policy.ForCouncil(council), seed: 1), cancellationToken);
        kept.Backtest = fresh;
        return fresh;
    }

    /// <summary>Stops a background fit (waiting a little for it to let go of the store) before letting go of the lock it takes.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        Fitting.Wait(TimeSpan.FromSeconds(30));
        _building.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecast fitted in the background for council {Council}: {People} young people in {Seconds:0.0} s")]
    private static partial void LogFitted(ILogger logger, string council, int people, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forecast fit in the background failed for council {Council} ({Error}); it is tried again on the next request")]
    private static partial void LogFitFailed(ILogger logger, string council, string error);
}
