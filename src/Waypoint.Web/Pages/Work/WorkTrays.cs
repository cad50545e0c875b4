using System.Security.Claims;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Work;

/// <summary>A statutory milestone as a tray shows it: which, and by when.</summary>
public sealed record NextMilestone(string RuleId, string Name, DateOnly Due, MilestoneStatus Status);

/// <summary>One case of "my cases": where it stands, for how long, and what the statutory clock says is next.</summary>
public sealed record MyCase(
    string Reference, string DisplayName, int? Age, TransitionsStage Stage, DateOnly StageSince, int DaysAtStage, int Version, NextMilestone? Next, int OverdueMilestones);

/// <summary>What the work pages and their API twins share: the trays' lists for the signed-in user.</summary>
public static class WorkTrays
{
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetLocalNow().Date);
    }

    /// <summary>The user's caseload, with each young person's next milestone from the tracker's statutory clock.</summary>
    public static async Task<IReadOnlyList<MyCase>> MyCasesAsync(WaypointDbContext db, TrackerCache cache, ClaimsPrincipal user, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var cases = await Caseloads.OfWorkerAsync(db, user.Council(), user.Name(), asOf, cancellationToken);
        if (cases.Count == 0) return [];
        // Someone outside the tracker's ages (13 to 25) has no clock there, and so no next milestone.
        var clocks = (await cache.RowsAsync(db, user.Council(), asOf, cancellationToken)).ToDictionary(r => r.Id, r => r.Clock);
        return [.. cases.Select(c =>
        {
            var clock = clocks.GetValueOrDefault(c.PersonId);
            var next = clock?.Next is { Due: { } due } m ? new NextMilestone(m.Rule.Id, m.Rule.Name, due, m.Status) : null;
            return new MyCase(c.Reference, c.DisplayName, c.Age, c.Stage, c.StageSince, c.DaysAtStage, c.Version, next, clock?.OverdueCount ?? 0);
        })];
    }

    /// <summary>The waiting list as the user may see it: only the young people the access rules let them see, counted again.</summary>
    public static async Task<WaitingListView> WaitingListAsync(HttpContext context, WaypointDbContext db, DateOnly asOf, WaitingListSort sort)
    {
        ArgumentNullException.ThrowIfNull(context);
        var list = await WaitingList.GetAsync(db, context.User.Council(), asOf, sort, context.RequestAborted);
        var visible = await context.VisibleAsync(db, list.Entries, e => e.PersonId);
        return ReferenceEquals(visible, list.Entries) ? list : list with { Summary = WaitingList.Summarise([.. visible]), Entries = visible };
    }

    /// <summary>A number of days in words, as a tray shows how long something has waited.</summary>
    public static string Days(int days) => days == 0 ? "Less than a day" : WaitingList.Waited(days);
}
