using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Operations;
using Waypoint.Web.Security;

namespace Waypoint.Web.Startup;

/// <summary>
/// This web node's claims of background jobs (<see cref="JobClaims"/>): with several nodes on one database, a job's
/// tick runs only on the node holding it. One per host, so one per process in production (tests run two in one).
/// </summary>
public sealed partial class JobNode(IServiceScopeFactory scopes, TimeProvider time, ILogger<JobNode> logger)
{
    public string Id { get; } = JobClaims.NewNodeId();

    /// <summary>True when this node holds <paramref name="job"/> for <paramref name="leaseFor"/> from now (taken or renewed).</summary>
    public async Task<bool> TryClaimAsync(string job, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        if (!db.Database.IsSqlite()) return await JobClaims.TryClaimAsync(db, job, Id, time.GetUtcNow(), leaseFor, cancellationToken);
        // SQLite has one writer: queue with the audit's writes rather than sleep in SQLite's busy handler (AuditLog).
        await AuditLog.SqliteWriter.WaitAsync(cancellationToken);
        try
        {
            return await JobClaims.TryClaimAsync(db, job, Id, time.GetUtcNow(), leaseFor, cancellationToken);
        }
        finally
        {
            AuditLog.SqliteWriter.Release();
        }
    }

    /// <summary>Frees <paramref name="job"/> if this node holds it, so on shutdown another node takes it at its next tick.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobClaims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<WaypointDbContext>(), job, Id, cancellationToken);
        }
#pragma warning disable CA1031 // a lease not freed (the store down, or shutdown cut short) runs out on its own
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, job, e.GetType().FullName ?? "exception");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Freeing the {Job} job failed ({Error}); another node takes it when its lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, string job, string error);
}
