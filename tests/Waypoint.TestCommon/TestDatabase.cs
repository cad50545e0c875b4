using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waypoint.Core.Data;
using Xunit;

namespace Waypoint.TestCommon;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a temporary file) or on the PostgreSQL server named by
/// WAYPOINT_TEST_POSTGRES (a new database, dropped afterwards). Without that variable the PostgreSQL case is
/// skipped - unless WAYPOINT_REQUIRE_POSTGRES=1, as in CI, where a missing server fails the test.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string PostgresVariable = "WAYPOINT_TEST_POSTGRES";
    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string database, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        Database = database;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>What the CLI's --database takes: a file path for SQLite, a connection string for PostgreSQL.</summary>
    public string Database { get; }

    public static bool PostgresRequired => Environment.GetEnvironmentVariable("WAYPOINT_REQUIRE_POSTGRES") == "1";

    public WaypointDbContext Open() => WaypointDatabase.Open(Provider, Database);

    /// <summary>Creates an empty database; <paramref name="migrate"/> false leaves it for the code under test to create.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("waypoint-test-").FullName;
            database = new TestDatabase(provider, Path.Combine(folder, "waypoint.db"), folder, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                if (PostgresRequired) Assert.Fail($"WAYPOINT_REQUIRE_POSTGRES=1 but {PostgresVariable} is not set to a connection string.");
                Assert.Skip($"PostgreSQL tests need {PostgresVariable} (a connection string to a server where the user may create databases).");
            }
            var name = "waypoint_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, null, admin, name);
        }
        if (migrate)
        {
            await using var db = database.Open();
            await db.Database.MigrateAsync();
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
