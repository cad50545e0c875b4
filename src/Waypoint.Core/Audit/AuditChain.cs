using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Audit;

/// <summary>What verifying the chain found: intact, or the first row that does not fit, and how many rows wait to be sealed.</summary>
public sealed record AuditVerification(long Sealed, long Unsealed, long? FirstBrokenId, string? Problem, string HeadHash = AuditChain.Genesis)
{
    public bool Intact => FirstBrokenId is null && Problem is null;
}

/// <summary>
/// The tamper-evident audit trail. Requests write their audit rows as they always have, in their own transaction, so
/// nothing waits on the chain and nothing is lost if the process stops: the table itself is the durable queue. One
/// sealer at a time (<see cref="SealAsync"/>, run in the background) gives each new row the next place in the chain and
/// a hash over the previous row's hash and its own content. <see cref="VerifyAsync"/> walks the chain and names the
/// first row whose content, place or link no longer matches - an edited, deleted or inserted row.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash before the first row.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Seals up to <paramref name="batch"/> rows in the order they were written; returns how many. A second sealer
    /// racing this one loses on the unique place and seals nothing (0): the next run carries on from the winner's end.
    /// </summary>
    public static async Task<int> SealAsync(WaypointDbContext db, int batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await db.AuditEvents.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.AuditEvents.Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(batch).ToListAsync(cancellationToken);
        if (rows.Count == 0) return 0;
        var (sequence, hash) = (last?.Sequence ?? 0, last?.Hash ?? Genesis);
        foreach (var row in rows)
        {
            row.Sequence = ++sequence;
            row.Hash = hash = HashOf(hash, row);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return rows.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Walks the whole chain in order, recomputing every hash; stops at the first row that does not fit. Rows cut off
    /// the end leave a shorter chain that still fits: an <paramref name="anchor"/> - a place and hash recorded earlier
    /// somewhere Waypoint cannot write, such as the council's log store - catches that, and a rewrite up to it.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(WaypointDbContext db, CancellationToken cancellationToken, (long Place, string Hash)? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unsealed = await db.AuditEvents.LongCountAsync(a => a.Sequence == null, cancellationToken);
        var (expected, hash) = (1L, Genesis);
        await foreach (var row in db.AuditEvents.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Sequence != expected)
            {
                return new AuditVerification(expected - 1, unsealed, row.Id,
                    row.Sequence > expected ? $"row {row.Id} is at place {row.Sequence}, but place {expected} is missing: a row was deleted" : $"row {row.Id} repeats place {row.Sequence}");
            }
            var computed = HashOf(hash, row);
            if (!string.Equals(computed, row.Hash, StringComparison.Ordinal))
                return new AuditVerification(expected - 1, unsealed, row.Id, $"row {row.Id} (place {row.Sequence}) does not match its hash: it, or the row before it, was changed");
            if (anchor is { } recorded && row.Sequence == recorded.Place && !string.Equals(computed, recorded.Hash, StringComparison.OrdinalIgnoreCase))
                return new AuditVerification(expected - 1, unsealed, row.Id, $"row {row.Id} (place {row.Sequence}) is not the row recorded at that place: the chain was rewritten up to it", hash);
            (expected, hash) = (expected + 1, computed);
        }
        if (anchor is { } head && head.Place > expected - 1)
            return new AuditVerification(expected - 1, unsealed, null, $"the chain ends at place {expected - 1}, but place {head.Place} was recorded: rows were cut off the end", hash);
        return new AuditVerification(expected - 1, unsealed, null, null, hash);
    }

    /// <summary>SHA-256 over the previous hash and every field of the row, each written with its length so no two rows can read alike.</summary>
    public static string HashOf(string previous, AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     previous, row.Sequence?.ToString(CultureInfo.InvariantCulture), row.Id.ToString(CultureInfo.InvariantCulture),
                     row.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture), row.CouncilCode, row.UserName, row.Role, row.Action,
                     row.PersonId?.ToString(CultureInfo.InvariantCulture), row.Detail,
                 })
        {
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
