using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Waypoint.Forecasting.Demand;

namespace Waypoint.Forecasting.Tests.Demand;

public class DemandForecasterTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 31); // the end of financial year 2025

    private static readonly Lazy<List<(int Actual, Estimate Forecast)>> Repeated = new(() =>
    {
        // 200 councils from the same known process, each forecast for its next year and scored against what happened.
        var points = new List<(int, Estimate)>();
        for (var r = 0; r < 200; r++)
        {
            var council = new SyntheticCouncil(seed: 1000 + r, perCohort: 120, lastCohort: 2010);
            var history = ForecastHistory.AsOf(council.People, AsOf);
            var forecast = DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 1, Simulations: 1_000, Seed: r));
            points.Add((council.Entrants(2026), forecast.Years[0].Total));
        }

        return points;
    });

    [Fact]
    public void Intervals_cover_the_known_truth_at_about_their_nominal_rate()
    {
        var points = Repeated.Value;
        var in80 = points.Average(p => p.Actual >= p.Forecast.P80[0] && p.Actual <= p.Forecast.P80[1] ? 1.0 : 0);
        var in95 = points.Average(p => p.Actual >= p.Forecast.P95[0] && p.Actual <= p.Forecast.P95[1] ? 1.0 : 0);
        Assert.InRange(in80, 0.70, 0.90);
        Assert.InRange(in95, 0.90, 0.99);
    }

    [Fact]
    public void The_forecast_mean_is_close_to_the_expected_count()
    {
        var points = Repeated.Value;
        var actual = points.Select(p => (double)p.Actual).ToList();
        var mean = actual.Average();
        var standardError = Math.Sqrt(actual.Sum(a => (a - mean) * (a - mean)) / (actual.Count - 1) / actual.Count);
        Assert.InRange(points.Average(p => p.Forecast.Mean), mean - (4 * standardError), mean + (4 * standardError));
    }

    [Fact]
    public void Planned_starts_on_the_18th_birthday_are_forecast_in_the_year_of_the_birthday()
    {
        // Most starts come on the 18th birthday itself. Those who turned 18 before the forecast's day and have not started
        // are then mostly not going to, and those turning 18 in the year start in it: spreading the first year after 18
        // evenly would put half of the year's starts in the next and count the next year 14% too few (as it did).
        double[] timing = [0.9, 0.02, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01];
        var council = new SyntheticCouncil(seed: 11, perCohort: 4000, notKnownPerYear: 0.001, onTheBirthday: 0.95, timing: timing);
        var forecast = DemandForecaster.Forecast(ForecastHistory.AsOf(council.People, AsOf), AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 3, Simulations: 1_000));

        var expected = SyntheticCouncil.ExpectedKnownEntrantsPerYear(4000);
        Assert.All(forecast.Years, y => Assert.InRange(y.Total.Mean, expected * 0.95, expected * 1.05));
        Assert.InRange(DemandForecaster.EntryTiming(council.People, AsOf)[0], timing[0] - 0.03, timing[0] + 0.03);
    }

    [Fact]
    public void Each_stream_and_support_reason_is_about_its_known_expected_count()
    {
        // A big council, so sampling error is small: the year's entrants unknown to children's services are about the
        // known rate, and the learning-disability share of entrants is about the known mix.
        var council = new SyntheticCouncil(seed: 7, perCohort: 1500, notKnownPerYear: 40);
        var forecast = DemandForecaster.Forecast(ForecastHistory.AsOf(council.People, AsOf), AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 3, Simulations: 2_000));

        foreach (var year in forecast.Years)
        {
            Assert.InRange(year.BySource[DemandYear.NotKnown].Mean, 40 * 0.85, 40 * 1.15);
            var truth = council.Entrants(year.Year);
            Assert.InRange(year.Total.Mean, truth * 0.9, truth * 1.1);
            Assert.Equal(year.Total.Mean, year.ByPrimarySupportReason.Values.Sum(e => e.Mean), 6);
            Assert.Equal(year.Total.Mean, year.ByCostBand.Values.Sum(e => e.Mean), 6);
            Assert.Equal(year.Total.Mean, year.BySetting.Values.Sum(e => e.Mean), 6);
        }

        Assert.InRange(forecast.Basis.EntryByYearAfter18[0], 0.55, 0.65);
        Assert.InRange(forecast.Basis.NotKnownPerYear, 40 * 0.85, 40 * 1.15);
    }

    [Fact]
    public void Supporting_a_share_of_residential_entrants_in_the_community_moves_them_and_changes_only_setting_band_and_cost()
    {
        var council = new SyntheticCouncil(seed: 3);
        var history = ForecastHistory.AsOf(council.People, AsOf);
        var baseline = DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 3, Simulations: 2_000));
        var scenario = DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability,
            new DemandForecastOptions(Years: 3, Simulations: 2_000, Scenario: new DemandScenario(ResidentialToCommunityShare: 0.5, CommunityWeeklyCost: 900)));

        for (var y = 0; y < 3; y++)
        {
            var (before, after) = (baseline.Years[y], scenario.Years[y]);
            Assert.Equal(before.Total, after.Total);
            Assert.Equal(Means(before.ByPrimarySupportReason), Means(after.ByPrimarySupportReason));
            Assert.Equal(Means(before.BySource), Means(after.BySource));

            var moved = before.BySetting[DemandYear.Residential].Mean - after.BySetting[DemandYear.Residential].Mean;
            Assert.InRange(moved, 0.3 * before.BySetting[DemandYear.Residential].Mean, 0.7 * before.BySetting[DemandYear.Residential].Mean);
            Assert.Equal(moved, after.BySetting[DemandYear.Community].Mean - before.BySetting[DemandYear.Community].Mean, 9);
            Assert.Equal(moved, before.ByCostBand["2000+"].Mean - after.ByCostBand["2000+"].Mean, 9);
            Assert.Equal(moved, after.ByCostBand["800-999"].Mean - before.ByCostBand["800-999"].Mean, 9);
            foreach (var band in new[] { "0-99", "100-299", "300-499", "500-799", "1000-2000" })
            {
                Assert.Equal(before.ByCostBand[band], after.ByCostBand[band]);
            }
        }

        // In the first year (no days left before it) the cohort's cost changes by exactly the moves: 52 x (900 - 2,500) each.
        var movedInFirstYear = baseline.Years[0].BySetting[DemandYear.Residential].Mean - scenario.Years[0].BySetting[DemandYear.Residential].Mean;
        Assert.Equal(52 * (900 - 2500) * movedInFirstYear, scenario.Years[0].AnnualCost.Mean - baseline.Years[0].AnnualCost.Mean, 3);
        Assert.True(scenario.Years[2].AnnualCost.Mean < scenario.Years[0].AnnualCost.Mean + baseline.Years[2].AnnualCost.Mean - baseline.Years[0].AnnualCost.Mean);
    }

    private static Dictionary<string, double> Means(IReadOnlyDictionary<string, Estimate> estimates) => estimates.ToDictionary(e => e.Key, e => e.Value.Mean);

    [Fact]
    public void More_people_unknown_to_childrens_services_changes_only_that_stream()
    {
        var council = new SyntheticCouncil(seed: 4, notKnownPerYear: 20);
        var history = ForecastHistory.AsOf(council.People, AsOf);
        var baseline = DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 2, Simulations: 2_000));
        var scenario = DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Years: 2, Simulations: 2_000, Scenario: new DemandScenario(NotKnownFactor: 1.5)));

        for (var y = 0; y < 2; y++)
        {
            Assert.Equal(baseline.Years[y].BySource[DemandYear.Known], scenario.Years[y].BySource[DemandYear.Known]);
            var ratio = scenario.Years[y].BySource[DemandYear.NotKnown].Mean / baseline.Years[y].BySource[DemandYear.NotKnown].Mean;
            Assert.InRange(ratio, 1.4, 1.6);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_forecast_and_another_seed_another()
    {
        var council = new SyntheticCouncil(seed: 5);
        var history = ForecastHistory.AsOf(council.People, AsOf);
        string Json(int seed) => JsonSerializer.Serialize(DemandForecaster.Forecast(history, AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Simulations: 3_000, Seed: seed)), JsonSerializerOptions.Web);

        Assert.Equal(Json(42), Json(42));
        Assert.NotEqual(Json(42), Json(43));
    }

    [Fact]
    public void Serialised_in_camel_case_it_is_the_shape_the_command_line_prints()
    {
        var council = new SyntheticCouncil(seed: 6);
        var forecast = DemandForecaster.Forecast(ForecastHistory.AsOf(council.People, AsOf), AsOf, SyntheticCouncil.Probability, new DemandForecastOptions(Simulations: 500));

        var json = JsonNode.Parse(JsonSerializer.Serialize(forecast, JsonSerializerOptions.Web))!.AsObject();

        Assert.Equal(["years"], json.Select(p => p.Key));
        var years = json["years"]!.AsArray();
        Assert.Equal([2026, 2027, 2028, 2029, 2030], years.Select(y => y!["year"]!.GetValue<int>()));
        foreach (var year in years)
        {
            Assert.Equal(["year", "total", "byPrimarySupportReason", "byCostBand", "annualCost"], year!.AsObject().Select(p => p.Key));
            Assert.Equal(WeeklyCostBands.Bands, year["byCostBand"]!.AsObject().Select(p => p.Key));
            Assert.Equal([SyntheticCouncil.LearningDisabilitySupport, SyntheticCouncil.MentalHealthSupport, SyntheticCouncil.PersonalCare],
                year["byPrimarySupportReason"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            var estimates = new[] { year["total"]!, year["annualCost"]! }
                .Concat(year["byCostBand"]!.AsObject().Select(p => p.Value!))
                .Concat(year["byPrimarySupportReason"]!.AsObject().Select(p => p.Value!));
            foreach (var estimate in estimates)
            {
                Assert.Equal(["mean", "p80", "p95"], estimate.AsObject().Select(p => p.Key));
                var (p80, p95) = (estimate["p80"]!.AsArray(), estimate["p95"]!.AsArray());
                Assert.Equal(2, p80.Count);
                Assert.Equal(2, p95.Count);
                Assert.True(p95[0]!.GetValue<double>() <= p80[0]!.GetValue<double>() && p80[1]!.GetValue<double>() <= p95[1]!.GetValue<double>());
            }
        }
    }

    [Fact]
    public void Weekly_cost_bands_match_the_councils_edges()
    {
        Assert.Equal("0-99", WeeklyCostBands.BandOf(99.99m));
        Assert.Equal("100-299", WeeklyCostBands.BandOf(100m));
        Assert.Equal("1000-2000", WeeklyCostBands.BandOf(2000m));
        Assert.Equal("2000+", WeeklyCostBands.BandOf(2000.01m));
        Gen.Decimal[0m, 10_000m].Select(Gen.Decimal[0m, 10_000m]).Sample((a, b) =>
            Assert.True(WeeklyCostBands.IndexOf(Math.Min(a, b)) <= WeeklyCostBands.IndexOf(Math.Max(a, b))));
    }
}
