using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>The panel's meetings: the ones to come, soonest first, and the ones held, most recent first. No young person is named here.</summary>
public sealed class IndexModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<MeetingSummary> Upcoming { get; private set; } = [];
    public IReadOnlyList<MeetingSummary> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var meetings = await PanelRecord.ListAsync(db, User.Council(), cancellationToken);
        Upcoming = [.. meetings.Where(m => m.MeetsOn >= today)];
        Past = [.. meetings.Where(m => m.MeetsOn < today).Reverse()];
    }
}
