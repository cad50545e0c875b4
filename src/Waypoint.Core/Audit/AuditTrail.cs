using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Audit;

/// <summary>One audit row as the data protection officer reads it: the young person by reference only.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string UserName, string Role, string Action, string? PersonReference, string? Detail, bool Sealed);

/// <summary>Reading the audit trail for accountability: who viewed or changed a young person's record, and what a user viewed or changed.</summary>
public static class AuditTrail
{
    public const int Limit = 500;

    /// <summary>The newest <see cref="Limit"/> rows about the young person with <paramref name="reference"/>; null when there is no such person in the council.</summary>
    public static async Task<IReadOnlyList<AuditLine>?> ForPersonAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var personId = await db.People.Where(p => p.CouncilCode == council && p.Reference == reference).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (personId is null) return null;
        return await LinesAsync(db, db.AuditEvents.Where(a => a.CouncilCode == council && a.PersonId == personId), cancellationToken);
    }

    /// <summary>The newest <see cref="Limit"/> rows of what the user did in the council.</summary>
    public static Task<IReadOnlyList<AuditLine>> ForUserAsync(WaypointDbContext db, string council, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LinesAsync(db, db.AuditEvents.Where(a => a.CouncilCode == council && a.UserName == userName), cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditLine>> LinesAsync(WaypointDbContext db, IQueryable<AuditEvent> rows, CancellationToken cancellationToken)
    {
        var lines = await rows.OrderByDescending(a => a.Id).Take(Limit)
            .GroupJoin(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new AuditLine(x.a.Id, x.a.At, x.a.UserName, x.a.Role, x.a.Action, p == null ? null : p.Reference, x.a.Detail, x.a.Sequence != null))
            .ToListAsync(cancellationToken);
        return [.. lines.OrderByDescending(l => l.Id)];
    }
}
