using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Waypoint.Core.Data;

/// <summary>
/// One row of a fact query, read by column position in the order of the query's <c>Select</c>. The query is still
/// written once, in LINQ; only its rows skip EF's materialiser, which at national scale (millions of small rows)
/// allocated gigabytes of objects and strings that the clock throws away at once.
/// </summary>
internal abstract class FactRow(FactCodes codes)
{
    protected FactCodes Codes { get; } = codes;

    public abstract bool IsNull(int column);

    public abstract long Long(int column);

    public abstract int Int(int column);

    public abstract bool Bool(int column);

    public abstract DateOnly? Date(int column);

    /// <summary>A code, postcode or other short value that repeats: one copy of each is kept.</summary>
    public abstract string? Code(int column);

    public abstract string? Text(int column);

    public abstract decimal? Decimal(int column);

    public abstract DateTimeOffset Instant(int column);

    /// <summary>
    /// Every row of <paramref name="query"/>, synchronously. On SQLite the statement is stepped through the engine's
    /// own API, reading dates and codes straight from its UTF-8 bytes; elsewhere through the provider's data reader.
    /// </summary>
    public static void ReadAll(DbContext db, IQueryable query, FactCodes codes, Action<FactRow> apply, CancellationToken cancellationToken)
    {
        db.Database.OpenConnection();
        try
        {
            using var command = query.CreateDbCommand();
            if (command.Connection is SqliteConnection sqlite)
            {
                SqliteRow.ReadAll(sqlite, command, codes, apply, cancellationToken);
                return;
            }
            using var reader = command.ExecuteReader();
            var row = new ReaderRow(reader, codes);
            for (var n = 1; reader.Read(); n++)
            {
                apply(row);
                if (n % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>
    /// Every row of each query in turn, asynchronously: for one person's facts on a busy web server. Where the provider
    /// can (PostgreSQL), the queries go to the database as one batch, in one round trip instead of one each.
    /// </summary>
    public static async Task ReadAllAsync(DbContext db, IEnumerable<(IQueryable Query, Action<FactRow> Apply)> queries, FactCodes codes, CancellationToken cancellationToken)
    {
        var all = queries.ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!connection.CanCreateBatch)
            {
                foreach (var (query, apply) in all)
                {
                    await using var command = query.CreateDbCommand();
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    var row = new ReaderRow(reader, codes);
                    while (await reader.ReadAsync(cancellationToken)) apply(row);
                }
                return;
            }
            await using var batch = connection.CreateBatch();
            batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (query, _) in all)
            {
                await using var command = query.CreateDbCommand();
                var step = batch.CreateBatchCommand();
                step.CommandText = command.CommandText;
                var parameters = command.Parameters.Cast<DbParameter>().ToList();
                command.Parameters.Clear();
                step.Parameters.AddRange(parameters.ToArray());
                batch.BatchCommands.Add(step);
            }
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                var row = new ReaderRow(reader, codes);
                var i = 0;
                do
                {
                    while (await reader.ReadAsync(cancellationToken)) all[i].Apply(row);
                    i++;
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class ReaderRow(DbDataReader reader, FactCodes codes) : FactRow(codes)
    {
        public override bool IsNull(int column) => reader.IsDBNull(column);

        public override long Long(int column) => reader.GetInt64(column);

        public override int Int(int column) => reader.GetInt32(column);

        public override bool Bool(int column) => reader.GetBoolean(column);

        public override DateOnly? Date(int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateOnly>(column);

        public override string? Code(int column) => reader.IsDBNull(column) ? null : Codes.One(reader.GetString(column));

        public override string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

        public override decimal? Decimal(int column) => reader.IsDBNull(column) ? null : reader.GetDecimal(column);

        public override DateTimeOffset Instant(int column) => reader.GetFieldValue<DateTimeOffset>(column);
    }

    /// <summary>A statement stepped with SQLite's own API: a value is read from the engine's bytes without a copy.</summary>
    private sealed class SqliteRow(sqlite3_stmt statement, FactCodes codes) : FactRow(codes)
    {
        public static void ReadAll(SqliteConnection connection, DbCommand command, FactCodes codes, Action<FactRow> apply, CancellationToken cancellationToken)
        {
            Check(connection, raw.sqlite3_prepare_v2(connection.Handle, command.CommandText, out var statement));
            using (statement)
            {
                foreach (DbParameter parameter in command.Parameters) Bind(connection, statement, parameter);
                var row = new SqliteRow(statement, codes);
                for (var n = 1; ; n++)
                {
                    var step = raw.sqlite3_step(statement);
                    if (step == raw.SQLITE_DONE) return;
                    if (step != raw.SQLITE_ROW) Check(connection, step);
                    apply(row);
                    if (n % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        private static void Bind(SqliteConnection connection, sqlite3_stmt statement, DbParameter parameter)
        {
            var name = parameter.ParameterName;
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            if (index == 0 && !name.StartsWith('@')) index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
            if (index == 0) throw new InvalidOperationException($"The query has no parameter {name}.");
            Check(connection, parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                var other => throw new NotSupportedException($"A {other.GetType().Name} parameter is not read here."),
            });
        }

        private static void Check(SqliteConnection connection, int result)
        {
            if (result != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result);
        }

        public override bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public override long Long(int column) => raw.sqlite3_column_int64(statement, column);

        public override int Int(int column) => raw.sqlite3_column_int(statement, column);

        public override bool Bool(int column) => raw.sqlite3_column_int64(statement, column) != 0;

        public override DateOnly? Date(int column) => IsNull(column) ? null : IsoDate.Parse(raw.sqlite3_column_blob(statement, column));

        public override string? Code(int column) => IsNull(column) ? null : Codes.One(raw.sqlite3_column_blob(statement, column));

        public override string? Text(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

        // EF keeps decimals in SQLite as text, to keep every digit.
        public override decimal? Decimal(int column) => raw.sqlite3_column_type(statement, column) switch
        {
            raw.SQLITE_NULL => null,
            raw.SQLITE_TEXT => decimal.Parse(raw.sqlite3_column_blob(statement, column), NumberStyles.Number, CultureInfo.InvariantCulture),
            _ => (decimal)raw.sqlite3_column_double(statement, column),
        };

        public override DateTimeOffset Instant(int column) =>
            DateTimeOffset.Parse(Text(column) ?? throw new InvalidOperationException("A time is missing."), CultureInfo.InvariantCulture);
    }
}

/// <summary>Codes and postcodes repeat endlessly, so one copy of each value is kept rather than one per row.</summary>
internal sealed class FactCodes
{
    private readonly Dictionary<string, string> _kept = new(StringComparer.Ordinal);

    public string One(string value)
    {
        if (_kept.TryGetValue(value, out var kept)) return kept;
        _kept[value] = value;
        return value;
    }

    /// <summary>The same, from UTF-8 bytes: no string is made for a value already kept.</summary>
    public string One(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = utf8.Length <= 128 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (_kept.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var kept)) return kept;
        return One(new string(chars));
    }
}
