using System.Globalization;
using Waypoint.Core.Data;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Insight;
using Waypoint.Forecasting.Demand;
using Waypoint.Web.Forecasts;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The commissioners' forecast (issue 9): new adults aged 18-25 starting long-term adult social care in each of the next
/// five financial years, with the scenario asked for beside it, and how the forecast and the likelihood model did on
/// past years. Read from <see cref="ForecastCache"/>, so a page or a download never refits or resimulates what is kept.
/// The page and the workbook both write its numbers with <see cref="ForecastText"/>, so they always agree.
/// </summary>
public sealed record ForecastReport(
    DateOnly AsOf,
    string? CouncilName,
    DemandForecast Baseline,
    DemandScenario? Chosen,
    DemandForecast? Scenario,
    CouncilBacktest? Backtest,
    string LikelihoodMethod)
{
    /// <summary>The options of the forecast without a scenario: five years, 10,000 simulations, seed 1 (the CLI's defaults).</summary>
    public static readonly DemandForecastOptions BaselineOptions = new();

    public static DemandForecastOptions OptionsFor(DemandScenario? scenario) => scenario is null ? BaselineOptions : BaselineOptions with { Scenario = scenario };

    /// <summary>
    /// The forecast for the council today, with the scenario if one is chosen; null when the history cannot give one (the
    /// page says so). A backtest the history cannot give is left out, and the page says that instead.
    /// </summary>
    public static async Task<ForecastReport?> BuildAsync(WaypointDbContext db, ForecastCache cache, string council, string? councilName, DateOnly asOf, DemandScenario? scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        DemandForecast baseline;
        DemandForecast? withScenario;
        try
        {
            baseline = await cache.DemandAsync(db, council, asOf, BaselineOptions, cancellationToken);
            withScenario = scenario is null ? null : await cache.DemandAsync(db, council, asOf, OptionsFor(scenario), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        CouncilBacktest? backtest;
        try
        {
            backtest = await cache.BacktestAsync(db, council, asOf, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            backtest = null;
        }
        var fitted = await cache.FittedAsync(db, council, asOf, cancellationToken);
        return new ForecastReport(asOf, councilName, baseline, scenario, withScenario, backtest, fitted.Likelihood.Method);
    }

    public DemandYear NextYear => Baseline.Years[0];

    /// <summary>The primary support reason the commissioner's question is about, as the council's data records it (CLD wording varies in case).</summary>
    public string? LearningDisability => NextYear.ByPrimarySupportReason.Keys.FirstOrDefault(r => r.Contains("learning disability", StringComparison.OrdinalIgnoreCase));

    public string FileName => $"forecast-{AsOf:yyyy-MM-dd}.xlsx";

    public const string RangeMeaning =
        "An 80% range means that in 8 of every 10 of the futures we simulated the number fell inside it; a 95% range holds 19 in 20.";

    public const string EstimatesNote =
        "Forecast numbers are estimates from simulation, not counts of young people, so they are shown in full. Counts of real young people in the backtest are shown as <5 from 1 to 4.";

    /// <summary>"Next year (2027-28) we expect about 42 new adults aged 18-25 to start long-term adult social care (80% range 35 to 50; 95% range 32 to 54)."</summary>
    public string Headline =>
        $"Next year ({ForecastText.Year(NextYear.Year)}) we expect about {ForecastText.Count(NextYear.Total.Mean)} new adults aged 18-25 to start long-term adult social care "
        + $"({ForecastText.Ranges(NextYear.Total)}).";

    /// <summary>The learning-disability line, or that no past entrant had that reason.</summary>
    public string LearningDisabilityLine => LearningDisability is { } reason
        ? $"Of them, about {ForecastText.Count(NextYear.ByPrimarySupportReason[reason].Mean)} with learning disability support (80% range {ForecastText.Range(NextYear.ByPrimarySupportReason[reason].P80)})."
        : "No past new adult aged 18-25 had learning disability support as their primary support reason, so none is forecast with it.";

    public string CostLine =>
        $"The 18-25 cohort's adult social care is expected to cost about {ForecastText.Money(NextYear.AnnualCost.Mean)} next year (80% range {ForecastText.Range(NextYear.AnnualCost.P80, money: true)}).";

    /// <summary>The scenario in words, for the page, the workbook and the audit.</summary>
    public static string Describe(DemandScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var change = (scenario.NotKnownFactor - 1) * 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"{scenario.ResidentialToCommunityShare * 100:0}% of those heading for residential or nursing care supported in the community instead at {ForecastText.Money((double)scenario.CommunityWeeklyCost)} a week; "
            + $"people reaching adult care not known to children's services {(change >= 0 ? "+" : "")}{change:0}%");
    }

    /// <summary>The measures a scenario changes, for one year, without it and with it.</summary>
    public static IReadOnlyList<(string Measure, Estimate Without, Estimate With, bool IsMoney)> Compare(DemandYear without, DemandYear with)
    {
        ArgumentNullException.ThrowIfNull(without);
        ArgumentNullException.ThrowIfNull(with);
        return
        [
            ($"New adults: {DemandYear.Residential.ToLowerInvariant()}", without.BySetting[DemandYear.Residential], with.BySetting[DemandYear.Residential], false),
            ($"New adults: {DemandYear.Community.ToLowerInvariant()}", without.BySetting[DemandYear.Community], with.BySetting[DemandYear.Community], false),
            ($"New adults: {DemandYear.NotKnown.ToLowerInvariant()}", without.BySource[DemandYear.NotKnown], with.BySource[DemandYear.NotKnown], false),
            ("New adults: all", without.Total, with.Total, false),
            ("Annual cost of the 18-25 cohort", without.AnnualCost, with.AnnualCost, true),
        ];
    }

    /// <summary>The totals by year as a chart (bars at the mean, whiskers over the 80% range) with its text alternative and table.</summary>
    public ChartView TotalChart => ChartView.OfRanges(
        "forecast-total",
        "New adults aged 18-25 starting long-term adult social care, by financial year",
        "New adults aged 18-25 starting long-term adult social care, by financial year: "
        + string.Join("; ", Baseline.Years.Select(y => $"{ForecastText.Year(y.Year)} about {ForecastText.Count(y.Total.Mean)} (80% range {ForecastText.Range(y.Total.P80)})"))
        + ". Each bar is the mean; the line over it is the 80% range.",
        "Financial year", "New adults (mean)", ["80% range", "95% range"],
        [.. Baseline.Years.Select(y => (ForecastText.Year(y.Year), y.Total.Mean, y.Total.P80[0], y.Total.P80[1], ForecastText.Count(y.Total.Mean),
            (IReadOnlyList<string>)[ForecastText.Range(y.Total.P80), ForecastText.Range(y.Total.P95)]))]);

    /// <summary>How the forecast is made, in a few sentences with the figures it rests on (docs/forecasting.md says more).</summary>
    public IReadOnlyList<string> HowItIsMade
    {
        get
        {
            var basis = Baseline.Basis;
            return
            [
                $"The forecast starts from the {basis.Pipeline:N0} young people known to children's services who are not yet in adult social care and could start it in the next five years. "
                + $"Each has a chance of starting it by 25 from the likelihood score ({LikelihoodMethod}), spread over the years after their 18th birthday as past young people's starts were.",
                string.Create(CultureInfo.InvariantCulture, $"To them are added people who reach adult care aged 18-25 without being known to children's services: about {basis.NotKnownPerYear:0.#} a year, from the last {basis.NotKnownYears} whole years."),
                "Each new adult takes the primary support reason, weekly cost and setting of a past new adult with the same kind of need.",
                $"The annual cost is the {basis.InCare:N0} young adults already in adult care and under 26, and each year's new adults, each at their weekly cost for 52 weeks.",
                $"The future is simulated {basis.Simulations:N0} times (seed {basis.Seed}); the mean and the ranges come from those simulations. The history is read as it stood on {basis.AsOf:d MMMM yyyy}.",
            ];
        }
    }

    /// <summary>"In the last 5 years ...": the backtest of the totals in plain words, or why there is none.</summary>
    public IReadOnlyList<string> BacktestSentences
    {
        get
        {
            if (Backtest is not { DemandPoints.Count: > 0 } b)
                return ["There is too little history yet to test the forecast on past years: it needs whole past years of new adults to compare with."];
            var points = b.DemandPoints;
            var origins = points.Select(p => p.Origin).Distinct().Count();
            var in80 = points.Count(p => p.In80);
            var in95 = points.Count(p => p.In95);
            var sentences = new List<string>
            {
                $"We tested the forecast on the last {origins} years as if we did not know what came next: from the end of each year we forecast up to {points.Max(p => p.Horizon)} years ahead, {points.Count} forecasts in all.",
                $"The actual number of new adults fell inside our 80% range {in80} of {points.Count} times ({ForecastText.Percent(in80 / (double)points.Count)}), and inside our 95% range {in95} of {points.Count} times ({ForecastText.Percent(in95 / (double)points.Count)}).",
            };
            sentences.Add(b.MeanAbsolutePercentageError is { } error && !double.IsNaN(error)
                ? $"On average our forecast was off by {ForecastText.Percent(error)} of the actual number."
                : "No tested year had any new adults, so how far off the forecast was cannot be given as a percentage.");
            // Which way it missed, so a commissioner knows which end of a range to plan towards.
            var below = points.Count(p => p.Forecast.Mean < p.Actual);
            var above = points.Count(p => p.Forecast.Mean > p.Actual);
            sentences.Add($"The forecast was below the actual number {below} of {points.Count} times"
                + (below * 3 >= points.Count * 2 ? ", so plan towards the upper end of the range."
                    : above * 3 >= points.Count * 2 ? $" and above it {above} times, so plan towards the lower end of the range."
                    : $" and above it {above} times: neither way more often."));
            var nextYear = points.Where(p => p.Horizon == 1).ToList();
            if (nextYear.Count > 0)
                sentences.Add($"Forecasting one year ahead, as for next year, the actual fell inside the 80% range {nextYear.Count(p => p.In80)} of {nextYear.Count} times.");
            return sentences;
        }
    }

    /// <summary>The likelihood model's discrimination in words, against the rules; or that there is too little history.</summary>
    public string AucSentence => Backtest?.Auc is { } auc
        ? $"Taking one young person who went on to need adult care within a year of turning 18 and one who did not, the likelihood score ranked the first higher {ForecastText.InHundred(auc)} times in 100 (AUC {auc.ToString("0.00", CultureInfo.InvariantCulture)})"
          + (Backtest.RuleBasedAuc is { } rules ? $"; the rule-based score did so {ForecastText.InHundred(rules)} times in 100 (AUC {rules.ToString("0.00", CultureInfo.InvariantCulture)})." : ".")
        : "There is too little history yet to test the likelihood model on past years: no past year had enough young people both to fit it and to check it on.";
}

/// <summary>How the forecast's numbers are written, on the page and in the workbook alike.</summary>
public static class ForecastText
{
    /// <summary>"2027-28": a financial year by the calendar year it starts in.</summary>
    public static string Year(int year) => string.Create(CultureInfo.InvariantCulture, $"{year}-{(year + 1) % 100:00}");

    /// <summary>A mean number of people: whole from 10, to one decimal below (0.4 is not "none").</summary>
    public static string Count(double mean) => mean.ToString(Math.Abs(mean) >= 10 ? "N0" : "0.#", CultureInfo.InvariantCulture);

    public static string Money(double pounds) => (pounds < 0 ? "-£" : "£") + Math.Abs(pounds).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"35 to 50": a range, each end a simulated value.</summary>
    public static string Range(IReadOnlyList<double> range, bool money = false)
    {
        ArgumentNullException.ThrowIfNull(range);
        return money ? $"{Money(range[0])} to {Money(range[1])}" : string.Create(CultureInfo.InvariantCulture, $"{range[0]:N0} to {range[1]:N0}");
    }

    public static string Ranges(Estimate estimate, bool money = false)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return $"80% range {Range(estimate.P80, money)}; 95% range {Range(estimate.P95, money)}";
    }

    /// <summary>"12 (8 to 16)": a mean and its 80% range in one cell.</summary>
    public static string WithRange(Estimate estimate, bool money = false)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return $"{(money ? Money(estimate.Mean) : Count(estimate.Mean))} ({Range(estimate.P80, money)})";
    }

    /// <summary>A difference, signed: "+3.5", "-£120,000", "0".</summary>
    public static string Difference(double difference, bool money = false)
    {
        var rounded = money ? Math.Round(difference) : Math.Round(difference, Math.Abs(difference) >= 10 ? 0 : 1);
        if (rounded == 0) return money ? "£0" : "0";
        return (rounded > 0 ? "+" : "") + (money ? Money(rounded) : Count(rounded));
    }

    public static string Percent(double fraction) => fraction.ToString("0%", CultureInfo.InvariantCulture);

    public static string InHundred(double fraction) => Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>A count of real young people, withheld from 1 to 4 as every summary withholds it.</summary>
    public static string People(int count) => SmallNumbers.Single(count).Display;
}
