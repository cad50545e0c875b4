namespace Waypoint.Forecasting.Demand;

/// <summary>One forecast point of the backtest: made at the end of <paramref name="Origin"/> for <paramref name="Year"/>.</summary>
/// <param name="Origin">The last financial year the forecast knew.</param>
/// <param name="Year">The financial year forecast.</param>
/// <param name="Horizon">Years ahead (1 is the next year).</param>
/// <param name="Actual">New entrants aged 18-25 the history shows in that year.</param>
/// <param name="Forecast">What was forecast for it.</param>
public sealed record DemandBacktestPoint(int Origin, int Year, int Horizon, int Actual, Estimate Forecast)
{
    public bool In80 => Actual >= Forecast.P80[0] && Actual <= Forecast.P80[1];

    public bool In95 => Actual >= Forecast.P95[0] && Actual <= Forecast.P95[1];
}

/// <summary>
/// How the demand forecast has done on past years: the mean absolute percentage error of the total (a fraction; points
/// with no entrants at all are left out of it, as a percentage of nothing has no meaning), and the fraction of points
/// whose actual fell inside the 80% and 95% ranges, over every origin and horizon tested.
/// </summary>
public sealed record DemandBacktestResult(double MeanAbsolutePercentageError, double Coverage80, double Coverage95, IReadOnlyList<DemandBacktestPoint> Points);

/// <summary>
/// Rolling-origin backtest (issue 9): for each past financial year t, forecast t+1 to t+3 from the history as it stood
/// at the end of t, and compare with what happened.
/// </summary>
public static class DemandBacktest
{
    /// <param name="people">The council's linked history as it stands at <paramref name="asOf"/>.</param>
    /// <param name="asOf">The day the history runs to: only years wholly before it are compared.</param>
    /// <param name="entryProbabilityAt">Given the history as it stood at an origin and that origin's day, the
    /// probability each young person starts adult care aged 18-25 (fitted on that history alone, so the backtest does
    /// not see the future).</param>
    /// <param name="origins">How many origins, the latest first (each needs at least one year after it).</param>
    /// <param name="horizons">How many years ahead each forecast goes.</param>
    /// <param name="simulations">Simulations per forecast.</param>
    /// <param name="seed">The seed: the same inputs and seed give the same result.</param>
    public static DemandBacktestResult Run(
        IReadOnlyList<ForecastPerson> people,
        DateOnly asOf,
        Func<IReadOnlyList<ForecastPerson>, DateOnly, Func<ForecastPerson, double>> entryProbabilityAt,
        int origins = 5,
        int horizons = 3,
        int simulations = 2_000,
        int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(entryProbabilityAt);
        ArgumentOutOfRangeException.ThrowIfLessThan(origins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizons, 1);

        var lastComplete = FinancialYear.LastComplete(asOf);
        var actual = new Dictionary<int, int>();
        foreach (var p in people)
        {
            if (p.AdultCare is { } care && care.Started <= asOf && ForecastHistory.IsYoungAdultEntrant(p))
            {
                var year = FinancialYear.Of(care.Started);
                actual[year] = actual.GetValueOrDefault(year) + 1;
            }
        }

        var points = new List<DemandBacktestPoint>();
        for (var origin = lastComplete - origins; origin < lastComplete; origin++)
        {
            var day = FinancialYear.Start(origin + 1).AddDays(-1);
            var history = ForecastHistory.AsOf(people, day);
            var years = Math.Min(horizons, lastComplete - origin);
            var forecast = DemandForecaster.Forecast(history, day, entryProbabilityAt(history, day), new DemandForecastOptions(years, simulations, seed));
            foreach (var y in forecast.Years)
            {
                points.Add(new DemandBacktestPoint(origin, y.Year, y.Year - origin, actual.GetValueOrDefault(y.Year), y.Total));
            }
        }

        var withEntrants = points.Where(p => p.Actual > 0).ToList();
        return new DemandBacktestResult(
            withEntrants.Count == 0 ? double.NaN : withEntrants.Average(p => Math.Abs(p.Forecast.Mean - p.Actual) / p.Actual),
            points.Average(p => p.In80 ? 1.0 : 0),
            points.Average(p => p.In95 ? 1.0 : 0),
            points);
    }
}
