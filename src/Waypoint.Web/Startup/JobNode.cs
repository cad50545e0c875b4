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

    // When this node's lease of each job it holds runs out, so a job ticking every few seconds renews its lease only
    // once half of it has gone, not at every tick.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new();

    /// <summary>True when this node holds <paramref name="job"/>: its lease still has more than half to run, or was taken or renewed now.</summary>
    public async Task<bool> TryClaimAsync(string job, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_heldUntil.TryGetValue(job, out var until) && until - now > leaseFor / 2) return true;
        var held = await ClaimAsync(job, now, leaseFor, cancellationToken);
        if (held) _heldUntil[job] = now + leaseFor;
        else _heldUntil.TryRemove(job, out _);
        return held;
    }

    private async Task<bool> ClaimAsync(string job, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        // SQLite has one writer: queue with the audit's writes rather than sleep in SQLite's busy handler (AuditLog).
        return await AuditLog.OneWriterAsync(db, () => JobClaims.TryClaimAsync(db, job, Id, now, leaseFor, cancellationToken), cancellationToken);
    }

    /// <summary>Frees <paramref name="job"/> if this node holds it, so on shutdown another node takes it at its next tick.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        _heldUntil.TryRemove(job, out _);
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
