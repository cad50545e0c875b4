using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Audit;

/// <summary>One audit row as the data protection officer reads it: the young person by reference only.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string UserName, string Role, string Action, string? PersonReference, string? Detail, long? Sequence, string? Hash)
{
    /// <summary>Given its place in the chain by the background sealer.</summary>
    public bool Sealed => Sequence is not null;
}

/// <summary>One page of audit rows, newest first, of at most <see cref="AuditTrail.Limit"/> rows in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditLine> Lines, int Page, int PageCount, int Total);

/// <summary>Reading the audit trail for accountability: who viewed or changed a young person's record, and what a user viewed or changed.</summary>
public static class AuditTrail
{
    public const int Limit = 500;

    public const int PageSize = 50;

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

    /// <summary>A page of the newest <see cref="Limit"/> exports made in the council (<see cref="Exports"/>), <see cref="PageSize"/> to a page.</summary>
    public static async Task<AuditPage> ExportsAsync(WaypointDbContext db, string council, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var exports = db.AuditEvents.Where(a => a.CouncilCode == council && Exports.All.Contains(a.Action)).OrderByDescending(a => a.Id);
        var total = await exports.Take(Limit).CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var skip = (page - 1) * PageSize;
        var lines = await WithReferences(db, exports.Skip(skip).Take(Math.Min(PageSize, Limit - skip))).ToListAsync(cancellationToken);
        return new AuditPage([.. lines.OrderByDescending(l => l.Id)], page, pageCount, total);
    }

    /// <summary>
    /// Every row of the council written from <paramref name="from"/> up to (not including) <paramref name="to"/>, in the
    /// order written. Read a thousand rows at a time by id, so that an export of years never sits in
    /// memory whole nor holds one read open while it is sent.
    /// </summary>
    public static IAsyncEnumerable<AuditLine> BetweenAsync(WaypointDbContext db, string council, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        BetweenAsync(db, council, from, to, 1000, cancellationToken);

    /// <summary>As the other, with the size of each read chosen (small in tests, to read past its end).</summary>
    public static async IAsyncEnumerable<AuditLine> BetweenAsync(
        WaypointDbContext db, string council, DateTimeOffset from, DateTimeOffset to, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // PostgreSQL takes times in UTC only.
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        var after = 0L;
        while (true)
        {
            var rows = db.AuditEvents.Where(a => a.CouncilCode == council && a.Id > after);
            // SQLite keeps times as text that EF will not compare, so there the rows are sifted by time here instead.
            if (!db.Database.IsSqlite()) rows = rows.Where(a => a.At >= from && a.At < to);
            var batch = await WithReferences(db, rows.OrderBy(a => a.Id).Take(batchSize)).ToListAsync(cancellationToken);
            foreach (var line in batch.OrderBy(l => l.Id))
            {
                if (line.At >= from && line.At < to) yield return line;
            }
            if (batch.Count < batchSize) yield break;
            after = batch.Max(l => l.Id);
        }
    }

    private static async Task<IReadOnlyList<AuditLine>> LinesAsync(WaypointDbContext db, IQueryable<AuditEvent> rows, CancellationToken cancellationToken)
    {
        var lines = await WithReferences(db, rows.OrderByDescending(a => a.Id).Take(Limit)).ToListAsync(cancellationToken);
        return [.. lines.OrderByDescending(l => l.Id)];
    }

    /// <summary>The rows with each young person's reference in place of the internal id; the join does not keep their order.</summary>
    private static IQueryable<AuditLine> WithReferences(WaypointDbContext db, IQueryable<AuditEvent> rows) =>
        rows.GroupJoin(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new AuditLine(x.a.Id, x.a.At, x.a.UserName, x.a.Role, x.a.Action, p == null ? null : p.Reference, x.a.Detail, x.a.Sequence, x.a.Hash));
}
