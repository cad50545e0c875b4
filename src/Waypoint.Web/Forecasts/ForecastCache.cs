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
/// tracker's cache (reading a national council's history takes seconds). Demand forecasts are kept by
/// their options (scenario, seed), as the same inputs always give the same answer. Each web node keeps its own.
/// </summary>
public sealed class ForecastCache(RulesPolicy policy) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private (string Council, DateOnly AsOf, ImportedDataVersion Imported, CaseStagesVersion Cases) _key;
    private FittedForecast? _fitted;
    private readonly Dictionary<DemandForecastOptions, DemandForecast> _forecasts = [];
    private CouncilBacktest? _backtest;

    public async Task<FittedForecast> FittedAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = (council, asOf, await ImportedData.VersionAsync(db, council, cancellationToken), await CaseStages.VersionAsync(db, council, cancellationToken));
        if (Volatile.Read(ref _fitted) is { } fitted && _key == key) return fitted;
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_fitted is not null && _key == key) return _fitted;
            var councilPolicy = policy.ForCouncil(council);
            var people = await ForecastPeople.LoadAsync(db, council, asOf, councilPolicy, cancellationToken);
            var fresh = new FittedForecast(asOf, people, CouncilForecast.Likelihood(people, asOf, councilPolicy), RouteModel.Fit(people));
            lock (_forecasts)
            {
                _forecasts.Clear();
                _backtest = null;
            }
            _key = key;
            Volatile.Write(ref _fitted, fresh);
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
        var fitted = await FittedAsync(db, council, asOf, cancellationToken);
        lock (_forecasts)
        {
            if (_forecasts.TryGetValue(options, out var kept)) return kept;
        }
        var forecast = await Task.Run(() => CouncilForecast.Demand(fitted.People, asOf, fitted.Likelihood, options), cancellationToken);
        lock (_forecasts)
        {
            if (_forecasts.Count >= 32) _forecasts.Clear();
            _forecasts[options] = forecast;
        }
        return forecast;
    }

    /// <summary>How the forecast did on past years, worked out once a day per council.</summary>
    public async Task<CouncilBacktest> BacktestAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken)
    {
        var fitted = await FittedAsync(db, council, asOf, cancellationToken);
        if (Volatile.Read(ref _backtest) is { } kept) return kept;
        var backtest = await Task.Run(() => CouncilForecast.Backtest(fitted.People, asOf, policy.ForCouncil(council), seed: 1), cancellationToken);
        Volatile.Write(ref _backtest, backtest);
        return backtest;
    }

    public void Dispose() => _building.Dispose();
}
