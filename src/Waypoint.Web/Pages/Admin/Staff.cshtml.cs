using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Admin;

/// <summary>The staff list as sign-ins keep it, for administrators: who has which role and team.</summary>
public sealed class StaffModel(WaypointDbContext db) : PageModel
{
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Staff = [.. (await StaffDirectory.OfCouncilAsync(db, User.Council(), null, cancellationToken)).OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase)];
}
