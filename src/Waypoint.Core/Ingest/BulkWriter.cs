using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SQLitePCL;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Inserts many rows without EF Core's change tracker (docs/adr/0002): a prepared INSERT reused row by row on
/// SQLite, binary COPY on PostgreSQL. Rows are buffered per table and written in foreign-key order, inside
/// the caller's transaction. Column names, types and value conversions come from the EF Core model, so the
/// model stays the one description of the schema.
/// </summary>
/// <remarks>
/// Each full buffer is written on another thread while the caller goes on reading its file, so the two cores share an
/// import: one parses, the other writes. Until <see cref="FlushAsync"/> returns, the connection belongs to the writer,
/// so a caller uses its context only after a flush. At most one buffer is being written and one filled, which caps memory.
/// </remarks>
internal sealed class BulkWriter(WaypointDbContext db, int flushEvery = 20_000) : IAsyncDisposable
{
    private static readonly Dictionary<(IModel, Type), TableShape> Shapes = [];
    private static readonly Lock ShapesLock = new();
    private Dictionary<Type, List<object>> _pending = [];
    private readonly Dictionary<Type, sqlite3_stmt> _sqliteInserts = [];
    private Task _writing = Task.CompletedTask;
    private int _count;

    public async Task AddAsync(object row, CancellationToken cancellationToken)
    {
        var type = row.GetType();
        if (!_pending.TryGetValue(type, out var rows)) _pending[type] = rows = [];
        rows.Add(row);
        if (++_count >= flushEvery) await HandOverAsync(cancellationToken);
    }

    public async Task AddRangeAsync(IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows) await AddAsync(row, cancellationToken);
    }

    /// <summary>Writes everything buffered, parents before children, and waits until it is written.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_count > 0) await HandOverAsync(cancellationToken);
        await _writing;
    }

    /// <summary>Starts writing the buffer once the previous one is written; a failed write surfaces here.</summary>
    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        await _writing;
        var batch = _pending;
        _pending = [];
        _count = 0;
        _writing = Task.Run(() => Write(batch, cancellationToken), cancellationToken);
    }

    private void Write(Dictionary<Type, List<object>> batch, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        foreach (var shape in Ordered(batch.Keys))
        {
            var rows = batch[shape.ClrType];
            if (postgres) Copy(shape, rows, cancellationToken);
            else Insert(shape, rows, cancellationToken);
        }
    }

    /// <summary>
    /// Row by row through one prepared statement per table, bound with SQLite's own API: Microsoft.Data.Sqlite's
    /// command adds a reader, a statement walk and a bind by name to every row, which on a national import is a
    /// third of the writing. Values are bound as Microsoft.Data.Sqlite binds them, so EF Core reads back what it would
    /// have written (BulkWriterTests compares the two).
    /// </summary>
    private void Insert(TableShape shape, List<object> rows, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (!_sqliteInserts.TryGetValue(shape.ClrType, out var statement))
        {
            var sql = $"INSERT INTO {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) " +
                      $"VALUES ({string.Join(", ", shape.Columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out statement), connection);
            _sqliteInserts[shape.ClrType] = statement;
        }
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < shape.Columns.Count; i++) Check(Bind(statement, i + 1, shape.Columns[i].Read(row)), connection);
            var done = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (done != raw.SQLITE_DONE) Check(done, connection);
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, index, number),
        decimal money => raw.sqlite3_bind_text(statement, index, money.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"BulkWriter cannot bind a {value.GetType().Name} for SQLite; add it with a BulkWriterTests case."),
    };

    private static void Check(int result, SqliteConnection connection)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, connection.Handle);
    }

    /// <summary>
    /// Binary COPY, written synchronously: this runs on the writer's own thread, where an awaited call per value
    /// would cost more than the value.
    /// </summary>
    private void Copy(TableShape shape, List<object> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        using var importer = connection.BeginBinaryImport(copy);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var column in shape.Columns)
            {
                var value = column.Read(row);
                if (value is null) importer.WriteNull();
                else importer.Write(value, column.PostgresType);
            }
        }
        importer.Complete();
    }

    /// <summary>Foreign-key depth of a table: deleting in descending depth removes children before parents.</summary>
    public int DepthOf(Type type) => ShapeOf(type).Depth;

    /// <summary>
    /// Deletes the rows of <paramref name="type"/> that belong to the given source records and were there before
    /// this import (id below <paramref name="firstNewId"/>). Ids are numbers, so they are written into the SQL.
    /// </summary>
    public async Task DeleteOlderRowsAsync(Type type, IReadOnlyCollection<long> sourceRecordIds, long firstNewId, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var shape = ShapeOf(type);
        foreach (var chunk in sourceRecordIds.Chunk(500))
        {
            var sql = $"DELETE FROM {Quote(shape.Table)} WHERE \"SourceRecordId\" IN ({string.Join(",", chunk)}) AND \"Id\" < {firstNewId}";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    /// <summary>Waits for a write still running (an import that failed or was cancelled part way) before letting go of its commands.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing;
        }
        catch (Exception e) when (e is OperationCanceledException or DbException or InvalidOperationException)
        {
            // The import is already failing with its own exception; the transaction rolls back.
        }
        foreach (var statement in _sqliteInserts.Values) statement.Dispose();
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
