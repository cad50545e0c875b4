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

    /// <summary>
    /// The whole database as text, to show that two databases are identical: every table the schema holds (read from the
    /// schema, so a table the model does not know is compared too) with its rows, each row as one string and the rows
    /// sorted; the schema itself under "(schema)"; and where the next ids come from - SQLite's sqlite_sequence is a
    /// table like the others, PostgreSQL's sequences are under "(sequences)".
    /// </summary>
    public static async Task<SortedDictionary<string, List<string>>> DumpAsync(WaypointDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var postgres = db.Database.IsNpgsql();
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var tables = await RowsAsync(connection, postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'");
        foreach (var table in tables)
            dump[table] = await RowsAsync(connection, postgres ? $"SELECT t::text FROM \"{table}\" AS t" : $"SELECT * FROM \"{table}\"");
        if (postgres)
        {
            dump["(schema)"] =
            [
                .. await RowsAsync(connection, "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = current_schema()"),
                .. await RowsAsync(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"),
                .. await RowsAsync(connection, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"),
            ];
            dump["(sequences)"] = await RowsAsync(connection, "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()");
        }
        else
        {
            dump["(schema)"] = await RowsAsync(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master");
        }
        return dump;
    }

    /// <summary>Each row's values as one string (invariant formats, blobs in hex, NULL told from empty), sorted.</summary>
    private static async Task<List<string>> RowsAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows.Add(string.Join('\u001f', values.Select(v => v switch
            {
                DBNull => "\u2205",
                byte[] bytes => Convert.ToHexString(bytes),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture),
            })));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
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
