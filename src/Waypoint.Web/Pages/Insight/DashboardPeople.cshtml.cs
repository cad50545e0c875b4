using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The young people behind one number of the dashboard: the same measure, worked out again for the same scope, and the
/// people of the bar asked for (or of the whole chart). Only those the access rules let the user see are listed, and the
/// page says how many others there are. A read of a list of people, so it is audited as the waiting list is.
/// </summary>
public sealed class DashboardPeopleModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }

    public DashboardFilter Filter { get; private set; } = null!;
    public ChartData Chart { get; private set; } = null!;
    public ChartBar? Bar { get; private set; }

    /// <summary>How many the number counts (a young person referred twice counts twice).</summary>
    public int Counted { get; private set; }

    public IReadOnlyList<CasePerson> People { get; private set; } = [];
    public int Hidden { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        (Filter, var error) = DashboardFilter.Read(From, To, Team, Cohort, today);
        if (error is not null || Measure is null) return NotFound();
        var scope = await Filter.ScopeAsync(db, cache, User.Council(), today, cancellationToken);
        var sections = await new DashboardMeasures(db, scope, today, exact: true).SectionsAsync(cancellationToken, Measure);
        if (sections.SelectMany(s => s.Charts).FirstOrDefault(c => c.Measure == Measure) is not { } chart) return NotFound();
        Chart = chart;
        Bar = Key is null ? null : chart.Bars.FirstOrDefault(b => b.Key == Key);
        if (Key is not null && Bar is null) return NotFound();
        var ids = (Bar?.People ?? [.. chart.People]).ToList();
        Counted = ids.Count;

        var people = await CasePeople.OfAsync(db, ids, cancellationToken);
        var all = people.Values.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Reference, StringComparer.Ordinal).ToList();
        // Someone counted in a past period may have left the cohort since, and a manager's page about them would refuse.
        People = await HttpContext.VisibleAsync(db, all, p => p.Id, allInCohort: false);
        Hidden = all.Count - People.Count;
        await audit.RecordAsync(User, "view-dashboard-people", null,
            $"{People.Count} people shown, {Hidden} not shown; measure={Measure}, key={Key ?? "all"}; {Filter.Describe()}", cancellationToken);
        return Page();
    }

    /// <summary>What the number counts, in words: "Referrals per month, April 2025".</summary>
    public string Heading => Bar is null ? $"{Chart.Title}, {Chart.Period}" : $"{Chart.Title}: {Bar.Label}, {Chart.Period}";

    public string BackLink => Url.Page("/Insight/Dashboard", Filter.RouteValues())!;
}
