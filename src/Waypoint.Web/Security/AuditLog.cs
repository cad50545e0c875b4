using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Web.Security;

/// <summary>Writes who looked at whom: every view of a person page or tracker download (no personal data in Detail).</summary>
public sealed class AuditLog(WaypointDbContext db, TimeProvider time)
{
    // SQLite has one writer; two requests committing at once make the second sleep in SQLite's busy handler
    // (hundreds of milliseconds). Queuing here costs microseconds. The security issue replaces this with one
    // background writer for the hash-chained audit trail (docs/architecture.md).
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

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
        if (!db.Database.IsSqlite())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        await SqliteWriter.WaitAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            SqliteWriter.Release();
        }
    }
}
