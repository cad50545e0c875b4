using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Pathway;

/// <summary>Who is doing a piece of pathway work. Every change is recorded against them, in the case history and the audit trail.</summary>
public sealed record Practitioner(string CouncilCode, string UserName, string Role);

/// <summary>
/// One entry in a case's history: what a change did, who made it and when, and the case version it produced. Never
/// edited. Shown on the case page, and to a user whose save was refused because the case changed under them.
/// </summary>
public sealed class CaseEvent
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public TransitionsCase? Case { get; set; }
    public required string CouncilCode { get; set; }
    public int Version { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What changed, in words a practitioner reads ("Referral recorded: from the SEN team, routine").</summary>
    public required string What { get; set; }
}

/// <summary>Work the pathway refuses, with the reason in words and, where there is one, a link to what to look at instead.</summary>
public class PathwayRefusedException : InvalidOperationException
{
    public PathwayRefusedException() { }

    public PathwayRefusedException(string message) : base(message) { }

    public PathwayRefusedException(string message, Exception innerException) : base(message, innerException) { }

    public PathwayRefusedException(string message, string seeAlso) : base(message) => SeeAlso = seeAlso;

    /// <summary>A site-relative link, such as the open referral a duplicate would repeat.</summary>
    public string? SeeAlso { get; }
}

/// <summary>
/// A save refused because someone else changed the case after this user loaded it. Nothing of this user's change
/// was kept; <see cref="Since"/> lists what the other changes were, so they can look and try again.
/// </summary>
public sealed class CaseChangedException(string message, IReadOnlyList<CaseEvent> since) : PathwayRefusedException(message)
{
    public IReadOnlyList<CaseEvent> Since { get; } = since;
}

/// <summary>
/// How every change to a transitions case is made: load the case as the user last saw it, change it through its own
/// methods, then <see cref="SaveAsync"/> - which bumps its version, writes the history entry and the audit row in the
/// same transaction, and refuses the save if another user saved the case in between (no silent overwrites).
/// </summary>
public static class CaseWork
{
    /// <summary>
    /// The person and their case, tracked for change. <paramref name="seenVersion"/> is the case version the user's page
    /// showed (0 when it showed no case); a different version now means someone else has saved since, and the change
    /// is refused before anything is done.
    /// </summary>
    public static async Task<(Person Person, TransitionsCase? Case)> LoadAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        var person = await db.People.SingleOrDefaultAsync(p => p.CouncilCode == by.CouncilCode && p.Reference == personReference, cancellationToken)
            ?? throw new PathwayRefusedException("There is no young person with that reference in this council.");
        var transitionsCase = await db.TransitionsCases.Include(c => c.Moves).SingleOrDefaultAsync(c => c.PersonId == person.Id, cancellationToken);
        var version = transitionsCase?.Version ?? 0;
        if (version != seenVersion) throw await ChangedAsync(db, transitionsCase, seenVersion, cancellationToken);
        return (person, transitionsCase);
    }

    /// <summary>
    /// Saves the change: the case's version goes up by one, the history gets <paramref name="what"/>, and the audit trail
    /// gets <paramref name="action"/> with <paramref name="auditDetail"/> (never personal data). If another save reached
    /// the database first, nothing is kept and <see cref="CaseChangedException"/> says what that save did.
    /// </summary>
    public static async Task SaveAsync(
        WaypointDbContext db, Practitioner by, TransitionsCase transitionsCase, string what, string action, string? auditDetail, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(transitionsCase);
        var seen = transitionsCase.Version;
        transitionsCase.Version = seen + 1;
        db.CaseEvents.Add(new CaseEvent { Case = transitionsCase, CouncilCode = by.CouncilCode, Version = transitionsCase.Version, By = by.UserName, At = at, What = what });
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            CouncilCode = by.CouncilCode,
            UserName = by.UserName,
            Role = by.Role,
            Action = action,
            PersonId = transitionsCase.PersonId,
            Detail = auditDetail,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save got there first if the case is now at a different version (or, for a first case, exists):
            // the concurrency token, or the unique indexes on the person's case and on the history's versions, stopped
            // this one. Forget this change and report the other; any other failure is not ours to explain.
            db.ChangeTracker.Clear();
            var now = await db.TransitionsCases.AsNoTracking().SingleOrDefaultAsync(c => c.PersonId == transitionsCase.PersonId, cancellationToken);
            if (now is null || now.Version == seen) throw;
            throw await ChangedAsync(db, now, seen, cancellationToken);
        }
    }

    /// <summary>The history of a case, newest first.</summary>
    public static Task<List<CaseEvent>> HistoryAsync(WaypointDbContext db, long caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CaseEvents.AsNoTracking().Where(e => e.TransitionsCaseId == caseId).OrderByDescending(e => e.Version).ToListAsync(cancellationToken);
    }

    private static async Task<CaseChangedException> ChangedAsync(WaypointDbContext db, TransitionsCase? now, int seen, CancellationToken cancellationToken)
    {
        var since = now is null ? [] : await db.CaseEvents.AsNoTracking().Where(e => e.TransitionsCaseId == now.Id && e.Version > seen).OrderBy(e => e.Version).ToListAsync(cancellationToken);
        var who = since.Select(e => e.By).Distinct().ToList();
        var message = since.Count == 0
            ? "This case has changed since you opened it. Your change has not been saved. Look at the case as it is now and make your change again."
            : $"{string.Join(" and ", who)} changed this case since you opened it ({since.Count} {(since.Count == 1 ? "change" : "changes")}, listed below). Your change has not been saved. Look at the case as it is now and make your change again.";
        return new CaseChangedException(message, since);
    }
}
