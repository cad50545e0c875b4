using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Work;

/// <summary>One overdue milestone of one young person.</summary>
public sealed record OverdueItem(TrackerRow Person, Milestone Milestone, int DaysOverdue);

/// <summary>
/// "My overdue work": milestones overdue for the young people who name the user as their worker, and those owned by
/// the user's role across the council (a manager sees every team's), most overdue first.
/// </summary>
public sealed class MyWorkModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time) : PageModel
{
    public const int Shown = 50;

    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<OverdueItem> Mine { get; private set; } = [];
    public IReadOnlyList<OverdueItem> Team { get; private set; } = [];
    public IReadOnlyList<(Rule Rule, int People)> TeamByRule { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var rows = await HttpContext.VisibleAsync(db, await cache.RowsAsync(db, User.Council(), AsOf, cancellationToken), r => r.Id);
        var role = User.Role();
        var overdue = rows.SelectMany(r => r.Clock.Milestones.Where(m => m.Status == MilestoneStatus.Overdue)
                .Select(m => new OverdueItem(r, m, AsOf.DayNumber - m.Due!.Value.DayNumber)))
            .OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.Person.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        Mine = overdue.Where(i => i.Person.NamedWorker is { } worker && worker == User.Name()).ToList();
        var team = overdue.Where(i => Owners.Owns(role, i.Milestone.Rule)).ToList();
        TeamByRule = team.GroupBy(i => i.Milestone.Rule).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
        Team = team;
        await audit.RecordAsync(User, "view-my-work", null, $"{Mine.Count} mine, {team.Count} team", cancellationToken);
    }
}
