using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Waypoint.Core.Data;

namespace Waypoint.Cli;

/// <summary>
/// Backup and restore of the embedded SQLite database with SQLite's online backup API: every page is copied inside one
/// read transaction, so the copy is the database as of one moment while the web app goes on writing (WAL mode lets
/// it). The result is a plain SQLite file that opens on its own.
/// </summary>
internal static class SqliteBackup
{
    public static async Task<int> BackupAsync(string database, string to, bool replace, CancellationToken cancellationToken)
    {
        var source = FileOf(database);
        if (!File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"error: no Waypoint database at {source}.");
            return 1;
        }
        if (string.Equals(source, to, StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("error: the backup cannot be written over the database itself: name another file.");
            return 1;
        }
        if (File.Exists(to) && !replace)
        {
            await Console.Error.WriteLineAsync($"Refused: {to} already exists. Name another file, or add --replace to overwrite it. Nothing was changed.");
            return BackupCommands.Refused;
        }

        var clock = Stopwatch.StartNew();
        await Console.Error.WriteLineAsync($"Backing up {Path.GetFileName(source)}...");
        var temporary = BackupFile.CreateBeside(to, "partial", BackupFile.OwnerOnly);
        try
        {
            BackupFile.Contents contents;
            await using (var from = Open(source, SqliteOpenMode.ReadWrite))
            await using (var copy = Open(temporary, SqliteOpenMode.ReadWrite))
            {
                await from.OpenAsync(cancellationToken);
                await copy.OpenAsync(cancellationToken);
                from.BackupDatabase(copy);
                // The copy is a single file: no write-ahead log beside it, wherever it is taken.
                await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE", cancellationToken);
                if (await IntegrityProblemAsync(copy, cancellationToken) is { } problem)
                {
                    await Console.Error.WriteLineAsync($"error: the copy failed SQLite's integrity check ({problem}); the database itself may be damaged. No backup was written.");
                    return 1;
                }
                contents = await BackupFile.ReadContentsAsync(copy, DatabaseProvider.Sqlite, cancellationToken);
            }
            if (!contents.IsWaypoint)
            {
                await Console.Error.WriteLineAsync($"error: {source} is not a Waypoint database (it has no migrations history). No backup was written.");
                return 1;
            }
            File.Move(temporary, to, overwrite: replace);
            await BackupFile.WriteSummaryAsync($"Backed up {Path.GetFileName(source)} to {to}", new FileInfo(to).Length, contents, clock.Elapsed);
            await BackupFile.WriteKeepSafeAsync();
            return 0;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB
            await Console.Error.WriteLineAsync($"error: {source} is not a SQLite database, or is damaged ({e.Message}). No backup was written.");
            return 1;
        }
        finally
        {
            BackupFile.DeleteIfLeft(temporary);
        }
    }

    public static async Task<int> RestoreAsync(string from, string database, bool replace, CancellationToken cancellationToken)
    {
        var target = FileOf(database);
        var name = Path.GetFileName(from);
        var clock = Stopwatch.StartNew();

        // Everything about the backup is checked before the target is touched.
        List<string> migrations;
        try
        {
            await using var backup = Open(from, SqliteOpenMode.ReadOnly);
            await backup.OpenAsync(cancellationToken);
            if (await IntegrityProblemAsync(backup, cancellationToken) is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {name} is damaged: SQLite's integrity check found {problem}. Nothing was changed.");
                return 1;
            }
            if (!(await BackupFile.ReadContentsAsync(backup, DatabaseProvider.Sqlite, cancellationToken)).IsWaypoint)
            {
                await Console.Error.WriteLineAsync($"error: {name} is a SQLite database but not a Waypoint backup (it has no migrations history). Nothing was changed.");
                return 1;
            }
            migrations = await BackupFile.ReadMigrationsAsync(backup, cancellationToken);
        }
        catch (SqliteException e)
        {
            await Console.Error.WriteLineAsync($"error: {name} is not a Waypoint backup, or is damaged ({e.Message}). Nothing was changed.");
            return 1;
        }
        var version = BackupFile.Version.Compare(migrations, BackupFile.KnownMigrations(DatabaseProvider.Sqlite, target));
        if (version.Newer)
        {
            await Console.Error.WriteLineAsync("Refused: " + version.Refusal);
            return BackupCommands.Refused;
        }
        if (!replace && await HoldsDataAsync(target, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"Refused: {target} already holds data. Add --replace to replace it (back it up first). Nothing was changed.");
            return BackupCommands.Refused;
        }

        await Console.Error.WriteLineAsync($"Restoring {name}...");
        // The restored database keeps the mode of the one it replaces (the web app's user may need to read it); a new one is the owner's only.
        var mode = File.Exists(target) && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(target) : BackupFile.OwnerOnly;
        var temporary = BackupFile.CreateBeside(target, "restoring", mode);
        try
        {
            await using (var backup = Open(from, SqliteOpenMode.ReadOnly))
            await using (var copy = Open(temporary, SqliteOpenMode.ReadWrite))
            {
                await backup.OpenAsync(cancellationToken);
                await copy.OpenAsync(cancellationToken);
                backup.BackupDatabase(copy);
                await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE", cancellationToken);
            }
            if (File.Exists(target)) await SettleAsync(target, cancellationToken);
            // A rename within one folder: the old database stays whole until the new one takes its name.
            File.Move(temporary, target, overwrite: true);
            // The old database's log and journal must not be replayed into the new one.
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" }) BackupFile.DeleteIfLeft(target + suffix);
        }
        finally
        {
            BackupFile.DeleteIfLeft(temporary);
        }

        await using var restored = Open(target, SqliteOpenMode.ReadWrite);
        await restored.OpenAsync(cancellationToken);
        if (await IntegrityProblemAsync(restored, cancellationToken) is { } damage)
        {
            await Console.Error.WriteLineAsync($"error: the restored database failed SQLite's integrity check ({damage}).");
            return 1;
        }
        var contents = await BackupFile.ReadContentsAsync(restored, DatabaseProvider.Sqlite, cancellationToken);
        await BackupFile.WriteSummaryAsync($"Restored {name} into {target}", null, contents, clock.Elapsed);
        await Console.Out.WriteLineAsync("SQLite's integrity check found no problems.");
        await Console.Out.WriteLineAsync(version.Describe($"waypoint migrate --database {target}"));
        return 0;
    }

    /// <summary>The database file a --database names: a path, or a connection string's Data Source.</summary>
    private static string FileOf(string database) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(WaypointDatabase.SqliteConnectionString(database)).DataSource);

    /// <summary>A connection of its own (no pool), so closing it really lets go of the file before it is moved.</summary>
    private static SqliteConnection Open(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Null when PRAGMA integrity_check says ok; otherwise its first finding (pages and tables, no data).</summary>
    private static async Task<string?> IntegrityProblemAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (result == "ok") return null;
        // The findings can run to thousands of lines: the first two say enough.
        var findings = (result ?? "no answer").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", findings.Take(2)) + (findings.Length > 2 ? $" and {findings.Length - 2:N0} more findings" : "");
    }

    /// <summary>Whether the target has any row outside the migrations history; a file that cannot be read as a database counts as data.</summary>
    private static async Task<bool> HoldsDataAsync(string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(target)) return false;
        try
        {
            await using var connection = Open(target, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(cancellationToken);
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '{BackupFile.History}'";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{table}\")";
                if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 1) return true;
            }
            return false;
        }
        catch (SqliteException)
        {
            return true;
        }
    }

    /// <summary>
    /// Folds the old database's write-ahead log into it and empties the log, so nothing of it is left to be replayed
    /// over the new file. A damaged old database may refuse: it is being replaced, and its log is deleted after.
    /// </summary>
    private static async Task SettleAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open(target, SqliteOpenMode.ReadWrite);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }
        catch (SqliteException)
        {
            // Replaced all the same.
        }
    }
}
