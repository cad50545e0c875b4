using Waypoint.Forecasting.Demand;

namespace Waypoint.Core.Insight;

/// <summary>One row of the cost-band table: how many people, their weekly and annual cost, and its share of the total in per cent to one decimal place.</summary>
public sealed record CostBandRow(string Band, int People, decimal WeeklyCost, decimal AnnualCost, decimal ShareOfCost);

/// <summary>The cost-band table: a row for every band, in order, whether or not anyone is in it, and the total.</summary>
public sealed record CostBandTable(IReadOnlyList<CostBandRow> Rows, CostBandRow Total);

/// <summary>
/// People and their weekly and annual cost by weekly cost band, with each band's share of the total (domain.md
/// "Measures": 0-99, 100-299, 300-499, 500-799, 800-999, 1000-2000, 2000+ a week; the Dorset table of young adults with a
/// learning disability is this table).
/// </summary>
public static class CostBands
{
    /// <summary>The bands, as the council names them (<see cref="WeeklyCostBands"/>, shared with the demand forecast).</summary>
    public static IReadOnlyList<string> Bands => WeeklyCostBands.Bands;

    /// <summary>Weeks in a year for the annual cost, as the council's own table works it out (annual = weekly x 52).</summary>
    public const int WeeksInAYear = WeeklyCostBands.WeeksInAYear;

    public static string BandOf(decimal weeklyCost) => WeeklyCostBands.BandOf(weeklyCost);

    /// <summary>
    /// The table for each person's weekly cost. Shares are rounded to one decimal place by the largest remainder method:
    /// each band gets its share rounded down to a tenth, and the tenths still missing from 100.0 go one each to the bands
    /// that lost most in the rounding (the earlier band first on a tie). Rounding each share on its own can make the
    /// column add up to 99.9 or 100.1, which a board member will query; this way it always shows 100.0, and no share is
    /// off by more than a tenth. With no cost at all every share, the total's too, is 0.
    /// </summary>
    public static CostBandTable Of(IEnumerable<decimal> weeklyCosts)
    {
        ArgumentNullException.ThrowIfNull(weeklyCosts);
        var byBand = weeklyCosts.GroupBy(BandOf).ToDictionary(g => g.Key, g => (People: g.Count(), Weekly: g.Sum()));
        var rows = Bands.Select(b => byBand.TryGetValue(b, out var x) ? x : (People: 0, Weekly: 0m)).ToList();
        var totalWeekly = rows.Sum(r => r.Weekly);
        var totalAnnual = totalWeekly * WeeksInAYear;

        var tenths = new int[rows.Count];
        if (totalAnnual > 0)
        {
            var exact = rows.Select(r => r.Weekly * WeeksInAYear * 1000 / totalAnnual).ToList();
            for (var i = 0; i < rows.Count; i++) tenths[i] = (int)decimal.Floor(exact[i]);
            var missing = 1000 - tenths.Sum();
            foreach (var i in Enumerable.Range(0, rows.Count).OrderByDescending(i => exact[i] - tenths[i]).ThenBy(i => i).Take(missing)) tenths[i]++;
        }

        return new CostBandTable(
            [.. rows.Select((r, i) => new CostBandRow(Bands[i], r.People, r.Weekly, r.Weekly * WeeksInAYear, tenths[i] / 10m))],
            new CostBandRow("Total", rows.Sum(r => r.People), totalWeekly, totalAnnual, totalAnnual > 0 ? 100.0m : 0m));
    }
}
