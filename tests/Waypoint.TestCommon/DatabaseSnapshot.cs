using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

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
}
