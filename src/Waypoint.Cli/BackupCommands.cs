using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Cli;

/// <summary>
/// <c>waypoint backup</c> and <c>waypoint restore</c>: the whole store copied to one file at one moment, and put back.
/// SQLite copies itself through its online backup API; on PostgreSQL the engine's own pg_dump and pg_restore do the
/// work (docs/operations.md, "Backup and restore"). Exit codes: 0 done, 1 an error, 2 refused (nothing changed).
/// </summary>
internal static class BackupCommands
{
    public const int Refused = 2;

    public static Command Backup()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var to = new Option<string>("--to") { Description = "The backup file to write (readable by its owner only)", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Overwrite the backup file if it exists" };
        var command = new Command("backup", "Copy the whole database to a file, consistent as of one moment, while Waypoint keeps running")
        {
            database, provider, to, replace,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var file = Path.GetFullPath(parse.GetValue(to)!);
            return parse.GetValue(provider) == DatabaseProvider.Postgres
                ? PostgresBackup.BackupAsync(parse.GetValue(database)!, file, parse.GetValue(replace), cancellationToken)
                : SqliteBackup.BackupAsync(parse.GetValue(database)!, file, parse.GetValue(replace), cancellationToken);
        });
        return command;
    }

    public static Command Restore()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var from = new Option<string>("--from") { Description = "The backup file waypoint backup wrote", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Replace a database that already holds Waypoint's data" };
        var command = new Command("restore", "Put a backup back into a database: an empty or new one, or with --replace one that holds data. Stop Waypoint first")
        {
            database, provider, from, replace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = Path.GetFullPath(parse.GetValue(from)!);
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"error: there is no backup file at {file}.");
                return 1;
            }
            var format = BackupFile.FormatOf(file);
            var target = parse.GetValue(provider);
            if (format != target)
            {
                await Console.Error.WriteLineAsync(format switch
                {
                    DatabaseProvider.Sqlite => $"error: {Path.GetFileName(file)} is a SQLite backup: restore it into a SQLite database (--provider sqlite). Nothing was changed.",
                    DatabaseProvider.Postgres => $"error: {Path.GetFileName(file)} is a PostgreSQL backup: restore it into a PostgreSQL database (--provider postgres). Nothing was changed.",
                    _ => $"error: {Path.GetFileName(file)} is not a Waypoint backup: it is neither a SQLite database nor a pg_dump archive. Nothing was changed.",
                });
                return 1;
            }
            return target == DatabaseProvider.Postgres
                ? await PostgresBackup.RestoreAsync(file, parse.GetValue(database)!, parse.GetValue(replace), cancellationToken)
                : await SqliteBackup.RestoreAsync(file, parse.GetValue(database)!, parse.GetValue(replace), cancellationToken);
        });
        return command;
    }
}

/// <summary>What the backup and restore commands share: the file, what it holds, and how it is reported.</summary>
internal static class BackupFile
{
    public const string History = "__EFMigrationsHistory";

    /// <summary>The tables whose rows the summary counts: who is known, what was read about them, their cases, and the audit trail.</summary>
    private static readonly string[] MainTables = ["People", "SourceRecords", "TransitionsCases", "AuditEvents"];

    /// <summary>A backup holds everyone's details: only its owner may read it (Unix mode 600).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates an empty file beside <paramref name="path"/> with the given mode, for the work to be written into and then
    /// moved over <paramref name="path"/>: a failure never leaves half a file under the real name.
    /// </summary>
    public static string CreateBeside(string path, string purpose, UnixFileMode mode)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{purpose}-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using (new FileStream(temporary, options)) { }
        return temporary;
    }

    public static void DeleteIfLeft(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>The engine a backup file is from, by its first bytes: SQLite's header or pg_dump's custom format; null when neither.</summary>
    public static DatabaseProvider? FormatOf(string path)
    {
        Span<byte> start = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (read >= 16 && start.SequenceEqual("SQLite format 3\0"u8)) return DatabaseProvider.Sqlite;
        if (read >= 5 && start[..5].SequenceEqual("PGDMP"u8)) return DatabaseProvider.Postgres;
        return null;
    }

    /// <summary>The migrations this version of Waypoint knows, in order.</summary>
    public static IReadOnlyList<string> KnownMigrations(DatabaseProvider provider, string database)
    {
        using var db = WaypointDatabase.Open(provider, database);
        return [.. db.Database.GetMigrations()];
    }

    /// <summary>The tables in the database's schema, and the rows of the main ones. Counts only: no one's details.</summary>
    public static async Task<Contents> ReadContentsAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = provider == DatabaseProvider.Postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
        }
        var rows = new List<(string, long)>();
        foreach (var table in MainTables.Where(tables.Contains))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows.Add((table, Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)));
        }
        return new Contents(tables.Count, rows, tables.Contains(History));
    }

    public static async Task<List<string>> ReadMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{History}\" ORDER BY \"MigrationId\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var migrations = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) migrations.Add(reader.GetString(0));
        return migrations;
    }

    public sealed record Contents(int Tables, IReadOnlyList<(string Table, long Rows)> Rows, bool IsWaypoint);

    /// <summary>How the backup's schema compares with this version's: migrations it has that this version does not know (newer), and ones it lacks (older).</summary>
    public sealed record Version(IReadOnlyList<string> Unknown, int Missing)
    {
        public static Version Compare(IReadOnlyCollection<string> inBackup, IReadOnlyList<string> known) =>
            new([.. inBackup.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal)], known.Except(inBackup, StringComparer.Ordinal).Count());

        public bool Newer => Unknown.Count > 0;

        /// <summary>Said before anything is changed: a newer Waypoint's schema would be read wrongly by this one.</summary>
        public string Refusal =>
            $"The backup was made by a newer version of Waypoint: it has {Plural(Unknown.Count, "migration")} this version does not know ({string.Join(", ", Unknown)}). " +
            "Restore it with that version of Waypoint or a later one. Nothing was changed.";

        public string Describe(string migrateCommand) => Missing == 0
            ? "The backup was made by this version of Waypoint: its migrations match."
            : $"The backup was made by an older version of Waypoint: {Plural(Missing, "migration")} still to apply. Bring it up to date before starting Waypoint: {migrateCommand}";
    }

    /// <summary>The summary both commands end with: size, tables, the main tables' rows and the time taken.</summary>
    public static async Task WriteSummaryAsync(string headline, long? bytes, Contents contents, TimeSpan took)
    {
        var size = bytes is { } b ? $"{Size(b)}, " : "";
        await Console.Out.WriteLineAsync($"{headline} in {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {size}{contents.Tables:N0} tables.");
        foreach (var (table, rows) in contents.Rows) await Console.Out.WriteLineAsync($"  {table}: {rows:N0} rows");
    }

    public static async Task WriteKeepSafeAsync() =>
        await Console.Out.WriteLineAsync("Only the file's owner can read it (mode 600). It holds young people's details: keep it as safe as the database itself.");

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GB",
    };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
