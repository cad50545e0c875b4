using System.Security.Claims;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Web.Security;

/// <summary>Writes who looked at whom: every view of a person page or tracker download (no personal data in Detail).</summary>
public sealed class AuditLog(WaypointDbContext db, TimeProvider time)
{
    public async Task RecordAsync(ClaimsPrincipal user, string action, long? personId, string? detail, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            CouncilCode = user.Council(),
            UserName = user.Name(),
            Role = user.Role(),
            Action = action,
            PersonId = personId,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
