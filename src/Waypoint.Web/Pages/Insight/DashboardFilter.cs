using System.Globalization;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// What the dashboard and its drill-down count over, from the query string: a period of whole months (the last complete
/// quarter unless chosen), and optionally one team's and one cohort's young people. Only month codes, a team's name and
/// a cohort's code travel in the URL: nothing about anyone.
/// </summary>
public sealed record DashboardFilter(CalendarMonth From, CalendarMonth To, string? Team, string? Cohort)
{
    /// <summary>
    /// The filter asked for, or the default where a part is missing; an error where the months cannot be read or the last
    /// comes before the first (the default period is used then). An unknown cohort counts as no cohort chosen.
    /// </summary>
    public static (DashboardFilter Filter, string? Error) Read(string? from, string? to, string? team, string? cohort, DateOnly today)
    {
        // The last complete quarter, as the board report's default (financial quarters are also calendar quarters).
        var quarter = FinancialQuarter.LastComplete(today);
        var (defaultFrom, defaultTo) = (quarter.From, quarter.To);
        var first = string.IsNullOrEmpty(from) ? defaultFrom : DashboardMeasures.ParseMonth(from);
        var last = string.IsNullOrEmpty(to) ? defaultTo : DashboardMeasures.ParseMonth(to);
        team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        cohort = Core.People.Cohort.All.Any(c => c.Id == cohort) ? cohort : null;
        string? error = null;
        if (first is null || last is null) error = "Choose the first and last months from the lists";
        else if (last < first) error = "The last month must be the same as or after the first month";
        else if (CalendarMonth.Range(first.Value, last.Value).Count > 60) error = "Choose a period of 5 years or less";
        return error is null ? (new DashboardFilter(first!.Value, last!.Value, team, cohort), null) : (new DashboardFilter(defaultFrom, defaultTo, team, cohort), error);
    }

    /// <summary>The scope for Core's measures: the team's young people from the staff list and cases, the cohort's from the tracker's cache.</summary>
    public async Task<MeasureScope> ScopeAsync(WaypointDbContext db, TrackerCache cache, string council, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var team = Team is null ? null : await MeasurePeople.OfTeamAsync(db, council, Team, cancellationToken);
        var cohort = Cohort is null ? null : MeasurePeople.InCohort(await cache.CohortsAsync(db, council, today, cancellationToken), Cohort);
        return new MeasureScope(council, From, To) { People = MeasurePeople.Both(team, cohort) };
    }

    /// <summary>The query string of this filter, for links to the drill-down and back.</summary>
    public Dictionary<string, string?> RouteValues() => new()
    {
        ["from"] = DashboardMeasures.MonthKey(From),
        ["to"] = DashboardMeasures.MonthKey(To),
        ["team"] = Team,
        ["cohort"] = Cohort,
    };

    /// <summary>The filter in words, for headings and the audit trail (team and cohort names are nobody's personal data).</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{DashboardMeasures.Period(From, To)}; team={Team ?? "all"}, cohort={Cohort ?? "all"}");
}
