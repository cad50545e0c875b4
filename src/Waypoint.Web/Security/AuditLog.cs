using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Web.Security;

/// <summary>Writes who looked at whom: every view of a person page or tracker download (no personal data in Detail).</summary>
public sealed class AuditLog(WaypointDbContext db, TimeProvider time)
{
    // SQLite has one writer; two requests committing at once make the second sleep in SQLite's busy handler
    // (hundreds of milliseconds). Queuing here costs microseconds. The audit chain's sealer queues here too.
    internal static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    public Task RecordAsync(ClaimsPrincipal user, string action, long? personId, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RecordAsync(user.Council(), user.Name(), user.Role(), action, personId, detail, cancellationToken);
    }

    /// <summary>For work done away from a request, such as an import run in the background, on behalf of the user who asked for it.</summary>
    public async Task RecordAsync(string council, string userName, string role, string action, long? personId, string? detail, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            CouncilCode = council,
            UserName = userName,
            Role = role,
            Action = action,
            PersonId = personId,
            Detail = detail,
        });
        await OneWriterAsync(db, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A write made away from the audit (a job's claim, an import's state): on SQLite it queues with the audit's writes.</summary>
    internal static async Task<T> OneWriterAsync<T>(WaypointDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(write);
        if (!db.Database.IsSqlite()) return await write();
        await SqliteWriter.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            SqliteWriter.Release();
        }
    }
}
