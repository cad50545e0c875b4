namespace Waypoint.Forecasting.Demand;

/// <summary>What the council's history said at an earlier day, for fitting as if it were then (the backtest).</summary>
public static class ForecastHistory
{
    /// <summary>
    /// Each person as the history knew them at the end of <paramref name="day"/>: adult care that started later is not
    /// yet known, an end after that day not yet happened, and routes at ages not yet reached not yet seen. Features are
    /// kept (they are what was known by 16).
    /// </summary>
    public static IReadOnlyList<ForecastPerson> AsOf(IEnumerable<ForecastPerson> people, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(people);
        return [.. people.Select(p => p with
        {
            AdultCare = p.AdultCare is not { } care || care.Started > day ? null : care.Ended > day ? care with { Ended = null } : care,
            Routes = p.Routes.Where(r => p.DateOfBirth.AddYears(r.Key) <= day).ToDictionary(r => r.Key, r => r.Value),
        })];
    }

    /// <summary>Whether <paramref name="person"/> started adult care aged 18 to 25 (before their 26th birthday).</summary>
    internal static bool IsYoungAdultEntrant(ForecastPerson person) =>
        person.AdultCare is { } care && care.Started < person.DateOfBirth.AddYears(26);
}
