using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Inserts many rows without EF Core's change tracker (docs/adr/0002): a prepared INSERT reused row by row on
/// SQLite, binary COPY on PostgreSQL. Rows are buffered per table and flushed in foreign-key order, inside
/// the caller's transaction. Column names, types and value conversions come from the EF Core model, so the
/// model stays the one description of the schema.
/// </summary>
internal sealed class BulkWriter(WaypointDbContext db, int flushEvery = 20_000) : IDisposable
{
    private static readonly Dictionary<(IModel, Type), TableShape> Shapes = [];
    private static readonly Lock ShapesLock = new();
    private readonly Dictionary<Type, List<object>> _pending = [];
    private readonly Dictionary<Type, DbCommand> _sqliteInserts = [];
    private int _count;

    public async Task AddAsync(object row, CancellationToken cancellationToken)
    {
        var type = row.GetType();
        if (!_pending.TryGetValue(type, out var rows)) _pending[type] = rows = [];
        rows.Add(row);
        if (++_count >= flushEvery) await FlushAsync(cancellationToken);
    }

    public async Task AddRangeAsync(IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows) await AddAsync(row, cancellationToken);
    }

    /// <summary>Writes everything buffered, parents before children.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_count == 0) return;
        foreach (var shape in Ordered(_pending.Keys))
        {
            var rows = _pending[shape.ClrType];
            if (rows.Count == 0) continue;
            if (db.Database.IsNpgsql()) await CopyAsync(shape, rows, cancellationToken);
            else await InsertAsync(shape, rows, cancellationToken);
            rows.Clear();
        }
        _count = 0;
    }

    private async Task InsertAsync(TableShape shape, List<object> rows, CancellationToken cancellationToken)
    {
        if (!_sqliteInserts.TryGetValue(shape.ClrType, out var command))
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) " +
                                  $"VALUES ({string.Join(", ", shape.Columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < shape.Columns.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$p" + i;
                command.Parameters.Add(parameter);
            }
            await command.PrepareAsync(cancellationToken);
            _sqliteInserts[shape.ClrType] = command;
        }
        // Microsoft.Data.Sqlite's async methods run synchronously anyway; the sync call saves a task per row.
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < shape.Columns.Count; i++) command.Parameters[i].Value = shape.Columns[i].Read(row) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private async Task CopyAsync(TableShape shape, List<object> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in shape.Columns)
            {
                var value = column.Read(row);
                if (value is null) await importer.WriteNullAsync(cancellationToken);
                else await importer.WriteAsync(value, column.PostgresType, cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Foreign-key depth of a table: deleting in descending depth removes children before parents.</summary>
    public int DepthOf(Type type) => ShapeOf(type).Depth;

    /// <summary>
    /// Deletes the rows of <paramref name="type"/> that belong to the given source records and were there before
    /// this import (id below <paramref name="firstNewId"/>). Ids are numbers, so they are written into the SQL.
    /// </summary>
    public async Task DeleteOlderRowsAsync(Type type, IReadOnlyCollection<long> sourceRecordIds, long firstNewId, CancellationToken cancellationToken)
    {
        var shape = ShapeOf(type);
        foreach (var chunk in sourceRecordIds.Chunk(500))
        {
            var sql = $"DELETE FROM {Quote(shape.Table)} WHERE \"SourceRecordId\" IN ({string.Join(",", chunk)}) AND \"Id\" < {firstNewId}";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var command in _sqliteInserts.Values) command.Dispose();
        _sqliteInserts.Clear();
    }

    private IEnumerable<TableShape> Ordered(IEnumerable<Type> types)
    {
        var shapes = types.Select(ShapeOf).ToList();
        return shapes.OrderBy(s => s.Depth);
    }

    private TableShape ShapeOf(Type type)
    {
        lock (ShapesLock)
        {
            // Each provider has its own model (column types differ), so shapes are cached per model.
            if (Shapes.TryGetValue((db.Model, type), out var shape)) return shape;
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            shape = TableShape.Of(entity);
            Shapes[(db.Model, type)] = shape;
            return shape;
        }
    }

    private static string Quote(string name) => "\"" + name + "\"";

    private sealed record Column(string Name, string PostgresType, Func<object, object?> Read);

    private sealed record TableShape(Type ClrType, string Table, IReadOnlyList<Column> Columns, int Depth)
    {
        public static TableShape Of(IEntityType entity)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(p =>
            {
                var converter = p.GetTypeMapping().Converter;
                var getter = Getter(p);
                Func<object, object?> read = converter is null ? getter : row => getter(row) is { } v ? converter.ConvertToProvider(v) : null;
                var storeType = p.GetColumnType();
                var paren = storeType.IndexOf('(', StringComparison.Ordinal);
                return new Column(p.GetColumnName(table)!, paren < 0 ? storeType : storeType[..paren], read);
            }).ToList();
            return new TableShape(entity.ClrType, entity.GetTableName()!, columns, DepthOf(entity));
        }

        /// <summary>How many foreign-key hops lead to a table with none: parents are written first.</summary>
        private static int DepthOf(IEntityType entity) =>
            entity.GetForeignKeys().Where(fk => fk.PrincipalEntityType != entity).Select(fk => DepthOf(fk.PrincipalEntityType) + 1).DefaultIfEmpty(0).Max();

        private static Func<object, object?> Getter(IProperty property)
        {
            var row = Expression.Parameter(typeof(object), "row");
            var body = Expression.Convert(Expression.Property(Expression.Convert(row, property.DeclaringType.ClrType), property.PropertyInfo!), typeof(object));
            return Expression.Lambda<Func<object, object?>>(body, row).Compile();
        }
    }
}
