using Waypoint.Forecasting.Demand;

namespace Waypoint.Forecasting.Tests.Demand;

public class DemandBacktestTests
{
    /// <summary>
    /// A simple stand-in for the likelihood model: by need group, the share of those known to children's services
    /// followed to 26 by the origin who started adult care (or, with too few, of everyone followed that far).
    /// </summary>
    private static Func<ForecastPerson, double> EmpiricalRate(IReadOnlyList<ForecastPerson> history, DateOnly origin)
    {
        var followed = history.Where(p => p.KnownToChildrensServices && p.DateOfBirth.AddYears(26) <= origin).ToList();
        var overall = followed.Count == 0 ? 0.3 : followed.Average(p => p.AdultCare is null ? 0.0 : 1);
        var byGroup = followed.GroupBy(p => p.NeedGroup).Where(g => g.Count() >= 20).ToDictionary(g => g.Key, g => g.Average(p => p.AdultCare is null ? 0.0 : 1));
        return p => byGroup.GetValueOrDefault(p.NeedGroup, overall);
    }

    [Fact]
    public void Every_origin_and_horizon_is_scored_against_what_happened()
    {
        var council = new SyntheticCouncil(seed: 21, perCohort: 200, firstCohort: 1986, firstDataYear: 2004);
        var asOf = new DateOnly(2026, 3, 31);

        var result = DemandBacktest.Run(ForecastHistory.AsOf(council.People, asOf), asOf, EmpiricalRate, origins: 5, horizons: 3, simulations: 1_000);

        // Origins 2020 to 2024 (each fitted to its own end); a horizon only where the year is over by 31 March 2026.
        Assert.Equal([(2020, 1), (2020, 2), (2020, 3), (2021, 1), (2021, 2), (2021, 3), (2022, 1), (2022, 2), (2022, 3), (2023, 1), (2023, 2), (2024, 1)],
            result.Points.Select(p => (p.Origin, p.Horizon)));
        Assert.All(result.Points, p => Assert.Equal(council.Entrants(p.Year), p.Actual));
        Assert.InRange(result.MeanAbsolutePercentageError, 0, 0.2);
        Assert.InRange(result.Coverage80, 0.5, 1);
        Assert.True(result.Coverage95 >= result.Coverage80);
        Assert.Equal(result.Points.Average(p => p.In80 ? 1.0 : 0), result.Coverage80);
    }
}
