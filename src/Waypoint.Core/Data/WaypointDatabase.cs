using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Waypoint.Core.Data;

/// <summary>The database engines Waypoint runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Builds context options for a provider; each provider has its own migrations assembly.</summary>
public static class WaypointDatabase
{
    public const string SqliteMigrationsAssembly = "Waypoint.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Waypoint.Migrations.Postgres";

    /// <summary>
    /// Options for a database. For SQLite <paramref name="database"/> is a file path or a full connection string;
    /// for PostgreSQL it is a connection string.
    /// </summary>
    public static DbContextOptions<WaypointDbContext> Options(DatabaseProvider provider, string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var builder = new DbContextOptionsBuilder<WaypointDbContext>();
        Configure(builder, provider, database);
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(database), o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(database), o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    public static WaypointDbContext Open(DatabaseProvider provider, string database) => new(Options(provider, database));

    /// <summary>
    /// A transaction holding the store's one write lock: SQLite's BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default),
    /// PostgreSQL's advisory lock. Imports and hand-made link changes take it, so they never interleave.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginWriteAsync(WaypointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('waypoint-import'))", cancellationToken);
        return transaction;
    }

    /// <summary>A file path becomes a connection string; a connection string is kept as it is.</summary>
    /// <summary>
    /// The connection string with two of Npgsql's settings on unless it says otherwise (docs/operations.md, connection
    /// pooling). Automatic preparation: every page runs the same few dozen statements, and a statement prepared once per
    /// pooled connection is not parsed and planned again by the server on each use. No reset on close: Waypoint keeps no
    /// state in a session (its one lock is a transaction's), yet each return of a connection to the pool otherwise sent
    /// seven statements to undo it - a person page opens one nine times, so the reset was most of what it asked.
    /// </summary>
    public static string PostgresConnectionString(string database)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(database);
        var given = database.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 100;
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static string SqliteConnectionString(string database) =>
        database.Contains('=', StringComparison.Ordinal)
            ? database
            : new SqliteConnectionStringBuilder { DataSource = database }.ToString();
}
