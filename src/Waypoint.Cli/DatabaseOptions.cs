using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Cli;

/// <summary>The options every command that touches the store shares.</summary>
internal static class DatabaseOptions
{
    public static Option<string> Database() => new("--database")
    {
        Description = "SQLite database file (created and migrated if missing), or a PostgreSQL connection string with --provider postgres",
        Required = true,
    };

    public static Option<DatabaseProvider> Provider() => new("--provider")
    {
        Description = "Database engine: sqlite (default) or postgres",
        DefaultValueFactory = _ => DatabaseProvider.Sqlite,
        CustomParser = r => r.Tokens.Single().Value.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
            _ => Fail(r, r.Tokens.Single().Value),
        },
    };

    private static DatabaseProvider Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--provider must be sqlite or postgres, not '{value}'.");
        return default;
    }

    public static Option<string> Council() => new("--council")
    {
        Description = $"The council's code (its LA number); default {CouncilSettings.DemoCouncilCode}, the demo council",
        DefaultValueFactory = _ => CouncilSettings.DemoCouncilCode,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to standard output" };

    /// <summary>Opens the store, creating and migrating it when <paramref name="create"/> is set.</summary>
    public static async Task<WaypointDbContext?> OpenAsync(DatabaseProvider provider, string database, bool create, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite && !database.Contains('=', StringComparison.Ordinal))
        {
            if (!create && !File.Exists(database))
            {
                await Console.Error.WriteLineAsync($"error: no Waypoint database at {database}. Import files into it first (waypoint import).");
                return null;
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(database));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        var db = WaypointDatabase.Open(provider, database);
        if (create) await db.Database.MigrateAsync(cancellationToken);
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await Console.Error.WriteLineAsync("error: the database was made by an older Waypoint. Bring it up to date first: waypoint migrate --database ...");
            await db.DisposeAsync();
            return null;
        }
        return db;
    }
}

/// <summary>Per-council settings. Only the demo council's are known until councils are configured in the store.</summary>
internal static class CouncilSettings
{
    public const string DemoCouncilCode = Waypoint.Core.Ingest.Councils.DemoCouncilCode;

    /// <summary>Linking:SharedPersonIds: false by default; true for the demo council, whose case system holds both.</summary>
    public static bool SharedPersonIds(string councilCode) => councilCode == DemoCouncilCode;
}
