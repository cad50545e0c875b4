using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The board's measures as charts with their tables, for a period, team and cohort (issue 8). Managers see exact counts,
/// each linking to the young people behind it; commissioners and analysts, who see no young people, get the counts with
/// small numbers withheld (docs/security.md, "Small numbers") and no links.
/// </summary>
public sealed class DashboardModel(WaypointDbContext db, TrackerCache cache, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }

    public DashboardFilter Filter { get; private set; } = null!;
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>Exact counts with drill-down links, for those who may see the young people (managers).</summary>
    public bool Exact { get; private set; }

    public IReadOnlyList<string> Teams { get; private set; } = [];
    public IReadOnlyList<(DashboardSection Section, IReadOnlyList<ChartView> Charts)> Sections { get; private set; } = [];

    /// <summary>The months that can be chosen: five years back to the month in progress.</summary>
    public IReadOnlyList<CalendarMonth> Months => CalendarMonth.Range(CalendarMonth.Of(Today.AddYears(-5)), CalendarMonth.Of(Today));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        (Filter, Error) = DashboardFilter.Read(From, To, Team, Cohort, Today);
        Exact = SeesPeopleBehindCounts(User.Role());
        var council = User.Council();
        Teams = await Core.Access.Teams.NamesAsync(db, council, cancellationToken);
        var scope = await Filter.ScopeAsync(db, cache, council, Today, cancellationToken);
        var sections = await new DashboardMeasures(db, scope, Today, Exact).SectionsAsync(cancellationToken);
        Sections = [.. sections.Select(s => (s, (IReadOnlyList<ChartView>)[.. s.Charts.Select((c, i) => ChartView.Of(c, Exact, Exact ? b => Link(c, b) : null, i == 0 ? s.Trend : null))]))];
    }

    /// <summary>Managers: the roles that both see summaries and see young people (Roles.SeeSummaries and Roles.SeePeople).</summary>
    public static bool SeesPeopleBehindCounts(string role) => Roles.SeeSummaries.Contains(role) && Roles.SeePeople.Contains(role);

    private string Link(ChartData chart, ChartBar? bar)
    {
        var values = Filter.RouteValues();
        values["measure"] = chart.Measure;
        if (bar is not null) values["key"] = bar.Key;
        return Url.Page("/Insight/DashboardPeople", values)!;
    }
}
