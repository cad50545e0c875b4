using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Operations;

/// <summary>
/// Who holds a background job (task reminders, sealing the audit chain) and until when. With several web nodes on one
/// database, only the holder runs the job; a node that stops or dies loses it once the time is past.
/// </summary>
public sealed class JobLease
{
    public required string Job { get; set; }

    /// <summary>The node holding the job (<see cref="JobClaims.NewNodeId"/>), or empty before anyone has.</summary>
    public required string Holder { get; set; }

    /// <summary>UTC ticks: SQLite cannot compare date-time offsets in a query.</summary>
    public long HeldUntilTicks { get; set; }
}

/// <summary>Claims of background jobs through the database, so that exactly one web node runs each job.</summary>
public static class JobClaims
{
    public const int JobLength = 64;
    public const int HolderLength = 200;

    /// <summary>A node's name for its claims: machine, process and a random part (a restarted process is a new node).</summary>
    public static string NewNodeId()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        return id.Length <= HolderLength ? id : id[^HolderLength..];
    }

    /// <summary>
    /// True when <paramref name="holder"/> holds <paramref name="job"/> until <paramref name="now"/> plus
    /// <paramref name="leaseFor"/>: the job was free, its lease had run out, or it was already this holder's (renewed).
    /// The taking is one UPDATE whose condition the database checks row by row under its lock, so of two nodes asking
    /// at once exactly one changes the row and wins.
    /// </summary>
    public static async Task<bool> TryClaimAsync(WaypointDbContext db, string job, string holder, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseFor, TimeSpan.Zero);
        var nowTicks = now.UtcTicks;
        var untilTicks = (now + leaseFor).UtcTicks;

        if (await TakeAsync()) return true;
        if (await db.JobLeases.AnyAsync(l => l.Job == job, cancellationToken)) return false;
        // The job's first claim: make its row free, and if another node made it first keep theirs; then take it as usual.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "JobLeases" ("Job", "Holder", "HeldUntilTicks") VALUES ({job}, '', 0) ON CONFLICT DO NOTHING""", cancellationToken);
        return await TakeAsync();

        async Task<bool> TakeAsync() =>
            await db.JobLeases
                .Where(l => l.Job == job && (l.HeldUntilTicks < nowTicks || l.Holder == holder))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.HeldUntilTicks, untilTicks), cancellationToken) == 1;
    }

    /// <summary>Frees the job at once if this holder has it (a node shutting down), so another node need not wait out the lease.</summary>
    public static async Task ReleaseAsync(WaypointDbContext db, string job, string holder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.JobLeases
            .Where(l => l.Job == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldUntilTicks, 0L), cancellationToken);
    }
}
