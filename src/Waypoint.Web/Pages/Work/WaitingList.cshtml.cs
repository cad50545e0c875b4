using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Work;

/// <summary>
/// The waiting list for a first transition assessment: by priority (urgency, then the oldest young person first) to
/// choose who is assessed next, or by wait, so a manager sees who has waited longest and why. The transitions team
/// can allocate a waiting case to themselves from here.
/// </summary>
public sealed class WaitingListModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public WaitingListView List { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> WorkerNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>"waited" for the longest wait first; anything else is priority order.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public bool MayAllocate => Roles.RunPathway.Contains(User.Role());

    public static WaitingListSort SortOf(string? sort) => sort == "waited" ? WaitingListSort.WaitedLongest : WaitingListSort.Priority;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = await WorkTrays.WaitingListAsync(HttpContext, db, WorkTrays.Today(time), SortOf(Sort));
        WorkerNames = await StaffDirectory.NamesAsync(db, User.Council(), List.Entries.Where(e => e.NamedWorker is not null).Select(e => e.NamedWorker!), cancellationToken);
        await audit.RecordAsync(User, "view-waiting-list", null, $"{List.Entries.Count} waiting, sorted by {List.Sort}", cancellationToken);
    }

    public static string UrgencyTag(ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.Urgent => "govuk-tag govuk-tag--red",
        ReferralUrgency.Soon => "govuk-tag govuk-tag--yellow",
        _ => "govuk-tag govuk-tag--grey",
    };
}
