using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>What asking to cancel an import did.</summary>
public enum ImportCancellation
{
    /// <summary>It had ended already, or there is no such import.</summary>
    None,

    /// <summary>It had not started (waiting at its preview or in the queue): it is cancelled, and its files can go.</summary>
    Ended,

    /// <summary>It is running: the node running it stops it at the importer's next step, and ends it.</summary>
    Requested,
}

/// <summary>
/// Every change of state of an import from the web (<see cref="ImportJob"/>), made in the database so that several web
/// nodes share the imports: any node takes an upload, shows its preview and progress, runs it or cancels it. Each change
/// is one UPDATE or DELETE conditional on the state the change starts from, which the database checks row by row under
/// its lock: of two nodes claiming, cancelling or sweeping one job at once, exactly one changes it.
/// </summary>
public static class ImportJobs
{
    /// <summary>An upload left at its preview is deleted after this.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>A finished job's result page lasts this long; the import itself is in the recent imports for good.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Records a new upload: waiting at its preview if it has a council spreadsheet, otherwise queued.</summary>
    public static async Task AddAsync(WaypointDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        job.State = job.Spreadsheet is null ? ImportJobState.Queued : ImportJobState.AwaitingPreview;
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(job).State = EntityState.Detached;
    }

    /// <summary>A job of the council, or null: another council's job is as unknown as one that never was.</summary>
    public static Task<ImportJob?> FindAsync(WaypointDbContext db, Guid id, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.CouncilCode == council, cancellationToken);
    }

    /// <summary>The council's jobs, newest first: a day's worth at most, so they are ordered here (SQLite cannot order by a time with its offset).</summary>
    public static async Task<IReadOnlyList<ImportJob>> OfCouncilAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. (await db.ImportJobs.AsNoTracking().Where(j => j.CouncilCode == council).ToListAsync(cancellationToken)).OrderByDescending(j => j.UploadedAt)];
    }

    /// <summary>After the preview: the user chose to import. False when the upload was abandoned or cancelled meanwhile.</summary>
    public static async Task<bool> QueueAsync(WaypointDbContext db, Guid id, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ImportJobs.Where(j => j.Id == id && j.CouncilCode == council && j.State == ImportJobState.AwaitingPreview)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Queued), cancellationToken) == 1;
    }

    /// <summary>The user cancelled at the preview: the job is forgotten at once (true), and its files can go.</summary>
    public static async Task<bool> DiscardAsync(WaypointDbContext db, Guid id, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ImportJobs.Where(j => j.Id == id && j.CouncilCode == council && j.State == ImportJobState.AwaitingPreview)
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Takes the oldest queued job for <paramref name="node"/>, to run until <paramref name="now"/> plus
    /// <paramref name="leaseFor"/> unless renewed (<see cref="RenewAsync"/>); null when none is waiting. A job another
    /// node took first is passed over for the next.
    /// </summary>
    public static async Task<ImportJob?> TryClaimAsync(WaypointDbContext db, string node, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(node);
        var until = (now + leaseFor).UtcTicks;
        var queued = await db.ImportJobs.Where(j => j.State == ImportJobState.Queued).Select(j => new { j.Id, j.UploadedAt }).ToListAsync(cancellationToken);
        foreach (var id in queued.OrderBy(j => j.UploadedAt).ThenBy(j => j.Id).Select(j => j.Id))
        {
            var claimed = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Running).SetProperty(j => j.Node, node).SetProperty(j => j.LeaseUntilTicks, until), cancellationToken);
            if (claimed == 1) return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// The running node's heartbeat: writes the importer's latest progress and holds the job for another
    /// <paramref name="leaseFor"/>; a cancel asked for on that node (<paramref name="cancelledHere"/>) is written too, so
    /// every node shows it. Returns the job as it now is, whose <see cref="ImportJob.CancelRequested"/> says whether
    /// anyone, on any node, asked to stop it; null when the node no longer holds it (another node found its lease run
    /// out and ended it), and must stop.
    /// </summary>
    public static async Task<ImportJob?> RenewAsync(
        WaypointDbContext db, Guid id, string node, ImportProgress? progress, (string UserName, string Role)? cancelledHere, DateTimeOffset now, TimeSpan leaseFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = (now + leaseFor).UtcTicks;
        var renewed = await db.ImportJobs.Where(j => j.Id == id && j.Node == node && j.State == ImportJobState.Running).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.Progress, progress).SetProperty(j => j.LeaseUntilTicks, until);
            if (cancelledHere is var (user, role))
            {
                s.SetProperty(j => j.CancelRequested, true)
                    .SetProperty(j => j.CancelledByUser, j => j.CancelledByUser ?? user)
                    .SetProperty(j => j.CancelledByRole, j => j.CancelledByUser == null ? role : j.CancelledByRole);
            }
        }, cancellationToken);
        return renewed == 1 ? await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken) : null;
    }

    /// <summary>
    /// Ends a job its node ran: its state, outcome and last progress, and who cancelled it if that was asked on the node.
    /// False when the node no longer held it.
    /// </summary>
    public static async Task<bool> FinishAsync(
        WaypointDbContext db, Guid id, string node, ImportJobState state, ImportOutcome? outcome, ImportProgress? progress, (string UserName, string Role)? cancelledHere,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (state < ImportJobState.Committed) throw new ArgumentOutOfRangeException(nameof(state), state, "A job ends in one of its ends.");
        return await db.ImportJobs.Where(j => j.Id == id && j.Node == node && j.State == ImportJobState.Running).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.State, state).SetProperty(j => j.Outcome, outcome).SetProperty(j => j.Progress, progress)
                .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.LeaseUntilTicks, 0L);
            if (cancelledHere is var (user, role))
            {
                s.SetProperty(j => j.CancelRequested, true)
                    .SetProperty(j => j.CancelledByUser, j => j.CancelledByUser ?? user)
                    .SetProperty(j => j.CancelledByRole, j => j.CancelledByUser == null ? role : j.CancelledByRole);
            }
        }, cancellationToken) == 1;
    }

    /// <summary>
    /// Asks for an import to stop, on whatever node runs it. One not yet running ends at once (<see cref="ImportCancellation.Ended"/>);
    /// a running one is flagged, and its node stops it at the importer's next step, rolling its transaction back.
    /// </summary>
    public static async Task<ImportCancellation> CancelAsync(
        WaypointDbContext db, Guid id, string council, string userName, string role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ended = await db.ImportJobs
            .Where(j => j.Id == id && j.CouncilCode == council && (j.State == ImportJobState.AwaitingPreview || j.State == ImportJobState.Queued))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Cancelled).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.CancelRequested, true).SetProperty(j => j.CancelledByUser, userName).SetProperty(j => j.CancelledByRole, role), cancellationToken);
        if (ended == 1) return ImportCancellation.Ended;
        var requested = await db.ImportJobs
            .Where(j => j.Id == id && j.CouncilCode == council && j.State == ImportJobState.Running && !j.CancelRequested)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true).SetProperty(j => j.CancelledByUser, userName).SetProperty(j => j.CancelledByRole, role),
                cancellationToken);
        return requested == 1 ? ImportCancellation.Requested : ImportCancellation.None;
    }

    /// <summary>
    /// Jobs left running by a node that died: their lease ran out with no renewal, and their transaction rolled back
    /// with the node. Each is marked failed by whichever node gets there first, which gets it back to audit and to
    /// delete its files. A node never ends its own jobs this way: it ends them itself.
    /// </summary>
    public static async Task<IReadOnlyList<ImportJob>> EndInterruptedAsync(WaypointDbContext db, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nowTicks = now.UtcTicks;
        var lapsed = await db.ImportJobs.AsNoTracking()
            .Where(j => j.State == ImportJobState.Running && j.LeaseUntilTicks < nowTicks && j.Node != node).ToListAsync(cancellationToken);
        var ended = new List<ImportJob>();
        foreach (var job in lapsed)
        {
            if (await db.ImportJobs.Where(j => j.Id == job.Id && j.State == ImportJobState.Running && j.LeaseUntilTicks < nowTicks)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Failed).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.LeaseUntilTicks, 0L),
                        cancellationToken) == 1)
            {
                job.State = ImportJobState.Failed;
                job.FinishedAt = now;
                ended.Add(job);
            }
        }
        return ended;
    }

    /// <summary>
    /// Forgets uploads left at their preview for <see cref="AbandonedAfter"/> and finished jobs after
    /// <see cref="KeptFor"/>. Returns the jobs this caller removed, whose folders can go; any node may sweep at any time.
    /// </summary>
    public static async Task<IReadOnlyList<ImportJob>> RemoveExpiredAsync(WaypointDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.ImportJobs.AsNoTracking()
            .Where(j => j.State != ImportJobState.Queued && j.State != ImportJobState.Running).ToListAsync(cancellationToken);
        var removed = new List<ImportJob>();
        foreach (var job in candidates)
        {
            var expired = job.State == ImportJobState.AwaitingPreview ? now - job.UploadedAt > AbandonedAfter : now - job.FinishedAt > KeptFor;
            // The state it was read in: a preview imported meanwhile is not abandoned.
            if (expired && await db.ImportJobs.Where(j => j.Id == job.Id && j.State == job.State).ExecuteDeleteAsync(cancellationToken) == 1) removed.Add(job);
        }
        return removed;
    }

    /// <summary>The folder names of every job still known: a folder under the upload folder that is none of them is left over.</summary>
    public static async Task<HashSet<string>> FoldersAsync(WaypointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. await db.ImportJobs.Select(j => j.Folder).ToListAsync(cancellationToken)];
    }
}
