using Waypoint.Forecasting.Likelihood;
using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Forecasting.Tests.Likelihood;

public class LikelihoodBacktestTests(ITestOutputHelper output)
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    [Fact]
    public void Run_PastYears_CalibratedAndBeatsRuleBasedScore()
    {
        // 30,000 young people turning 18 from 2010 to 2024: 2,000 a year.
        var history = SyntheticHistory.Generate(seed: 21, count: 30_000, firstYear: 2010, years: 15);

        var result = LikelihoodBacktest.Run(history, AsOf);

        foreach (var origin in result.Origins)
            output.WriteLine($"{origin.Year}: fitted on {origin.FittedOn}, scored {origin.Scored}, AUC {origin.Auc:F3} (rules {origin.RuleBasedAuc:F3})");
        output.WriteLine($"pooled AUC {result.Auc:F3}, rule-based {result.RuleBasedAuc:F3}");
        // The first year with 200 known outcomes is 2011 (those turning 18 in the first three months of 2010 are too few);
        // the last whose outcomes are all known on 1 June 2025 is 2023 (2024's run to March 2027).
        Assert.Equal(Enumerable.Range(2011, 13), result.Origins.Select(o => o.Year));
        Assert.True(result.Auc > result.RuleBasedAuc + 0.02, $"fitted {result.Auc}, rule-based {result.RuleBasedAuc}");
        Assert.Equal(result.Origins.Sum(o => o.Scored), result.Scored);
        foreach (var decile in result.Calibration)
        {
            output.WriteLine($"decile {decile.Decile}: expected {decile.Expected:F3}, observed {decile.Observed:F3} of {decile.Count}");
            // About 2,500 a decile, most fitted on less than the full history: 0.05 allows for both.
            Assert.InRange(decile.Observed - decile.Expected, -0.05, 0.05);
        }
    }

    [Fact]
    public void Run_EachOrigin_FitsOnlyOnOutcomesKnownAtItsStart()
    {
        var history = SyntheticHistory.Generate(seed: 22, count: 6_000, firstYear: 2012, years: 8);

        var result = LikelihoodBacktest.Run(history, AsOf);

        Assert.NotEmpty(result.Origins);
        foreach (var origin in result.Origins)
        {
            var start = new DateOnly(origin.Year, 4, 1);
            Assert.Equal(history.Count(p => p.KnownToChildrensServices && p.Turns18.AddYears(1) <= start), origin.FittedOn);
            Assert.Equal(history.Count(p => p.KnownToChildrensServices && p.Turns18 >= start && p.Turns18 < start.AddYears(1)), origin.Scored);
        }
    }

    [Fact]
    public void Run_FutureOutcomeLeakingIntoAFeature_NotSeenByTheBacktest()
    {
        // A feature that equals the outcome for those turning 18 from April 2016 (the last year the backtest scores): had
        // the backtest fitted on anyone whose outcome was not known at the origin, it would learn it and the AUC would
        // near 1.
        var history = SyntheticHistory.Generate(seed: 23, count: 6_000, firstYear: 2012, years: 8)
            .Select(p => p.Turns18 >= new DateOnly(2016, 4, 1) && LikelihoodOutcome.ReceivedCare(p)
                ? p with { Features = new Dictionary<string, double>(p.Features) { ["leak"] = 1 } } : p)
            .ToList();

        var result = LikelihoodBacktest.Run(history, new DateOnly(2018, 4, 1));

        Assert.Equal([2014, 2015, 2016], result.Origins.Select(o => o.Year));
        Assert.True(result.Origins[^1].Auc < 0.85, $"AUC {result.Origins[^1].Auc}");
    }

    [Fact]
    public void Outcome_CareStartingAroundTheYearAfter18_CountsUpToTheDay()
    {
        var born = new DateOnly(2000, 2, 29);
        ForecastPerson Started(DateOnly? day) => new(1, born, new Dictionary<string, double>(), NeedGroups.Other, true,
            day is { } d ? SyntheticHistory.Care(d) : null, new Dictionary<int, RouteState>());

        Assert.Equal(new DateOnly(2018, 3, 1), Started(null).Turns18);
        Assert.True(LikelihoodOutcome.ReceivedCare(Started(new DateOnly(2019, 3, 1))));
        Assert.False(LikelihoodOutcome.ReceivedCare(Started(new DateOnly(2019, 3, 2))));
        Assert.True(LikelihoodOutcome.ReceivedCare(Started(new DateOnly(2017, 6, 1))));
        Assert.False(LikelihoodOutcome.ReceivedCare(Started(null)));
        Assert.False(LikelihoodOutcome.Known(Started(null), new DateOnly(2019, 2, 28)));
        Assert.True(LikelihoodOutcome.Known(Started(null), new DateOnly(2019, 3, 1)));
        Assert.False(LikelihoodOutcome.Known(Started(null) with { KnownToChildrensServices = false }, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Features_Catalogue_UniqueCodesWithLabels()
    {
        Assert.Equal(F.All.Count, F.All.Select(f => f.Code).Distinct().Count());
        Assert.All(F.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Label)));
        Assert.Equal("ehc-need:sensory", F.EhcNeed("msi"));
        Assert.Equal("ehc-need:SLD", F.EhcNeed(" sld"));
        Assert.Equal("cin-disability:AUT", F.CinDisability("aut"));
        Assert.Contains(F.All, f => f.Code == F.EhcNeed("VI"));
        Assert.Contains(F.All, f => f.Code == F.CinDisability("COMM"));
        Assert.Equal("unknown-code", F.Label("unknown-code"));
    }
}
