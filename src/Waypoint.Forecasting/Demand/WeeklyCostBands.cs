namespace Waypoint.Forecasting.Demand;

/// <summary>
/// The weekly cost bands of domain.md "Measures" (0-99, 100-299, 300-499, 500-799, 800-999, 1000-2000, 2000+ a week),
/// for the demand forecast and for the board's cost-band table (Core's <c>CostBands</c> uses these). They name whole
/// pounds, but costs have pence, so each band runs from its first figure up to the next band's first figure: 99.99 is
/// in 0-99, exactly 100 in 100-299. The one band that includes its last figure is 1000-2000, as its name says: exactly
/// 2000 is in 1000-2000, and 2000.01 in 2000+.
/// </summary>
public static class WeeklyCostBands
{
    public static readonly IReadOnlyList<string> Bands = ["0-99", "100-299", "300-499", "500-799", "800-999", "1000-2000", "2000+"];

    /// <summary>Weeks in a year for an annual cost, as the council's own table works it out (annual = weekly x 52).</summary>
    public const int WeeksInAYear = 52;

    public static int IndexOf(decimal weeklyCost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeklyCost);
        return weeklyCost switch
        {
            < 100 => 0,
            < 300 => 1,
            < 500 => 2,
            < 800 => 3,
            < 1000 => 4,
            <= 2000 => 5,
            _ => 6,
        };
    }

    public static string BandOf(decimal weeklyCost) => Bands[IndexOf(weeklyCost)];
}
