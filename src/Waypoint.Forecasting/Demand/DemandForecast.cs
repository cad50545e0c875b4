using System.Text.Json.Serialization;

namespace Waypoint.Forecasting.Demand;

/// <summary>
/// A forecast of new adult social care entrants aged 18-25 by financial year. Serialised with System.Text.Json and
/// camelCase it is exactly the CLI's shape of issue 9 (<c>{"years": [{"year", "total", "byPrimarySupportReason",
/// "byCostBand", "annualCost"}]}</c>); what it rests on, and the splits a scenario needs, are kept out of it.
/// </summary>
public sealed record DemandForecast(IReadOnlyList<DemandYear> Years, [property: JsonIgnore] DemandBasis Basis);

/// <summary>One financial year of the forecast.</summary>
/// <param name="Year">The financial year, by the calendar year it starts in (1 April).</param>
/// <param name="Total">New entrants aged 18-25 starting long-term adult social care in the year.</param>
/// <param name="ByPrimarySupportReason">New entrants by primary support reason (CLD wording, as recorded), in
/// ordinal order; every reason met in the history is there.</param>
/// <param name="ByCostBand">New entrants by weekly cost band, every band in order (<see cref="WeeklyCostBands"/>).</param>
/// <param name="AnnualCost">The whole 18-25 cohort's cost for the year, in pounds: everyone in adult care under 26 on
/// 1 April, and the year's new entrants, each at weekly cost x 52.</param>
/// <param name="BySetting">New entrants by setting (<see cref="Residential"/>, <see cref="Community"/>), for scenarios.</param>
/// <param name="BySource">New entrants by whether children's services knew them (<see cref="Known"/>,
/// <see cref="NotKnown"/>).</param>
public sealed record DemandYear(
    int Year,
    Estimate Total,
    IReadOnlyDictionary<string, Estimate> ByPrimarySupportReason,
    IReadOnlyDictionary<string, Estimate> ByCostBand,
    Estimate AnnualCost,
    [property: JsonIgnore] IReadOnlyDictionary<string, Estimate> BySetting,
    [property: JsonIgnore] IReadOnlyDictionary<string, Estimate> BySource)
{
    public const string Residential = "Residential or nursing care";
    public const string Community = "In the community";
    public const string Known = "Known to children's services";
    public const string NotKnown = "Not known to children's services";
}

/// <summary>
/// The mean of the simulations and the ranges that held 80% and 95% of them (10th to 90th and 2.5th to 97.5th
/// percentiles, each end a simulated value, so a count's range is whole people).
/// </summary>
public sealed record Estimate(double Mean, IReadOnlyList<double> P80, IReadOnlyList<double> P95)
{
    /// <summary>Equal when the mean and both ranges are (the ranges are lists, which records compare by reference).</summary>
    public bool Equals(Estimate? other) =>
        other is not null && Mean.Equals(other.Mean) && P80.SequenceEqual(other.P80) && P95.SequenceEqual(other.P95);

    public override int GetHashCode() => HashCode.Combine(Mean, P80[0], P80[1], P95[0], P95[1]);

    /// <summary>Summarises the simulated values (sorting them in place).</summary>
    internal static Estimate Of(double[] values)
    {
        Array.Sort(values);
        var sum = 0.0;
        foreach (var v in values) sum += v;
        var last = values.Length - 1;
        double Lower(double q) => values[(int)Math.Floor(q * last)];
        double Upper(double q) => values[(int)Math.Ceiling((1 - q) * last)];
        return new Estimate(sum / values.Length, [Lower(0.10), Upper(0.10)], [Lower(0.025), Upper(0.025)]);
    }
}

/// <summary>What a forecast rests on, for the page that explains it.</summary>
/// <param name="AsOf">The day the history is read to.</param>
/// <param name="Simulations">How many simulated futures.</param>
/// <param name="Seed">The seed: the same inputs and seed give the same forecast.</param>
/// <param name="EntryByYearAfter18">Of young people known to children's services who go on to adult care by 26,
/// the share starting in each year after their 18th birthday (first year first).</param>
/// <param name="NotKnownPerYear">The estimated number a year reaching adult care aged 18-25 unknown to children's
/// services.</param>
/// <param name="NotKnownYears">The past financial years that estimate rests on.</param>
/// <param name="Pipeline">Young people known to children's services, not yet in adult care, who could start it within
/// the forecast.</param>
/// <param name="InCare">Young adults already in adult care who are under 26 at the start of the forecast.</param>
/// <param name="Notes">What a reader should know, in plain words.</param>
public sealed record DemandBasis(
    DateOnly AsOf,
    int Simulations,
    int Seed,
    IReadOnlyList<double> EntryByYearAfter18,
    double NotKnownPerYear,
    int NotKnownYears,
    int Pipeline,
    int InCare,
    IReadOnlyList<string> Notes);

/// <summary>
/// A "what if" for the forecast. <paramref name="ResidentialToCommunityShare"/> of the new entrants heading for
/// residential or nursing care are supported in the community instead, at <paramref name="CommunityWeeklyCost"/> a
/// week; <paramref name="NotKnownFactor"/> scales the number reaching adult care unknown to children's services
/// (1.25 is a quarter more). Nothing else changes.
/// </summary>
public sealed record DemandScenario(double ResidentialToCommunityShare = 0, decimal CommunityWeeklyCost = 0, double NotKnownFactor = 1)
{
    public static readonly DemandScenario None = new();
}

/// <summary>How far ahead, how many simulations, the seed and the scenario.</summary>
public sealed record DemandForecastOptions(int Years = 5, int Simulations = 10_000, int Seed = 1, DemandScenario? Scenario = null);
