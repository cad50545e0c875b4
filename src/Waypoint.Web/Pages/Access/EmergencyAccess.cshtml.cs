using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Access;

/// <summary>
/// The review list of emergency access, for managers and the data protection officer. It names records only by
/// their opaque reference; looking at it is audited.
/// </summary>
public sealed class EmergencyAccessModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public IReadOnlyList<BreakGlassUse> Uses { get; private set; } = [];

    public bool SeesAudit => Roles.SeeAudit.Contains(User.Role());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Uses = await BreakGlass.UsesAsync(db, User.Council(), toReviewOnly: false, cancellationToken);
        await audit.RecordAsync(User, "view-emergency-access", null, $"{Uses.Count} uses", cancellationToken);
    }
}
