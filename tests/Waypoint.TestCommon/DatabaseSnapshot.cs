using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;

namespace Waypoint.TestCommon;

/// <summary>Row counts of every table, to show that something changed nothing.</summary>
public static class DatabaseSnapshot
{
    public static async Task<SortedDictionary<string, long>> CountsAsync(WaypointDbContext db)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct())
        {
#pragma warning disable EF1002 // table names come from the model, not from input
            counts[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
        }
        return counts;
    }

    /// <summary>The people as sets of source keys: the partition linking made, independent of ids.</summary>
    public static async Task<HashSet<string>> PartitionAsync(WaypointDbContext db)
    {
        var links = await db.RecordLinks.Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => new { l.PersonId, r.SourceKey }).ToListAsync();
        return links.GroupBy(l => l.PersonId).Select(g => string.Join("|", g.Select(x => x.SourceKey).Order(StringComparer.Ordinal))).ToHashSet();
    }

    /// <summary>
    /// What the source records say, independent of files, lines and ids: every source record, identifier and detail row
    /// as "Table|local key|field=value;...", sorted. Two imports of the same data in different forms compare equal.
    /// </summary>
    public static async Task<List<string>> ContentAsync(WaypointDbContext db, string? council = null)
    {
        var records = await db.SourceRecords.AsNoTracking().Where(r => council == null || r.CouncilCode == council).ToListAsync();
        var keyOf = records.ToDictionary(r => r.Id, r => r.LocalKey);
        var rows = records.Select(r => Describe("SourceRecord", r.LocalKey, r)).ToList();
        rows.AddRange((await db.SourceIdentifiers.AsNoTracking().Where(i => council == null || i.CouncilCode == council).ToListAsync())
            .Select(i => Describe("SourceIdentifier", keyOf[i.SourceRecordId], i)));
        foreach (var type in db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.IsSubclassOf(typeof(RecordDetail))))
        {
            var set = (IQueryable<RecordDetail>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!;
            rows.AddRange((await set.AsNoTracking().Where(d => council == null || d.CouncilCode == council).ToListAsync())
                .Select(d => Describe(type.Name, keyOf[d.SourceRecordId], d)));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static readonly HashSet<string> WhereNotWhat =
        ["Id", "SourceRecordId", "Line", "SourceKey", "FileName", "FirstBatchId", "LastSeenBatchId"];

    private static string Describe(string table, string localKey, object row) =>
        $"{table}|{localKey}|" + string.Join(";", row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // Ids of parent rows (a CIN assessment's referral...) differ between imports; what they point at is compared through the parent.
            .Where(p => !WhereNotWhat.Contains(p.Name) && !(p.Name.EndsWith("Id", StringComparison.Ordinal) && (p.PropertyType == typeof(long) || p.PropertyType == typeof(long?))))
            .Select(p => p.Name + "=" + Convert.ToString(p.GetValue(row), CultureInfo.InvariantCulture)));
}
