using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>
/// One meeting as the panel works it: the agenda with each decision, who is expected and who came, the actions it set,
/// and the open actions of earlier meetings it follows up. Every young person shown is audited.
/// </summary>
public sealed class MeetingModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>Cases are added only before a meeting has happened; decisions and follow-ups only once it has begun.</summary>
    public bool Held => Meeting.MeetsOn <= Today;

    public bool Upcoming => Meeting.MeetsOn >= Today;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting) return NotFound();
        Meeting = meeting;
        Today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        await PanelPages.AuditViewsAsync(audit, User, "view-panel-meeting", PanelPages.PeopleShown(meeting), $"meeting {id}", cancellationToken);
        return Page();
    }
}
