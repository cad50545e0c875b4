using System.ComponentModel;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waypoint.Core.Data;

namespace Waypoint.Cli;

/// <summary>
/// Backup and restore on PostgreSQL with the engine's own tools: pg_dump's custom format, and pg_restore in one
/// transaction. They run as child processes, connected from the same connection string as Waypoint; the password
/// reaches them in their own environment (PGPASSWORD), never on a command line or in output.
/// </summary>
internal static partial class PostgresBackup
{
    public static async Task<int> BackupAsync(string database, string to, bool replace, CancellationToken cancellationToken)
    {
        if (File.Exists(to) && !replace)
        {
            await Console.Error.WriteLineAsync($"Refused: {to} already exists. Name another file, or add --replace to overwrite it. Nothing was changed.");
            return BackupCommands.Refused;
        }
        var settings = new NpgsqlConnectionStringBuilder(database);
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        if (await ToolAsync("pg_dump", connection.PostgreSqlVersion, cancellationToken) is not { } tool) return 1;

        // One snapshot for the counts and for pg_dump: the summary describes exactly what the file holds.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var contents = await BackupFile.ReadContentsAsync(connection, DatabaseProvider.Postgres, cancellationToken);
        if (!contents.IsWaypoint)
        {
            await Console.Error.WriteLineAsync($"error: {Describe(settings)} is not a Waypoint database (it has no migrations history). No backup was written.");
            return 1;
        }
        string snapshotId;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot))
            snapshotId = (string)(await export.ExecuteScalarAsync(cancellationToken))!;

        await Console.Error.WriteLineAsync($"Backing up {Describe(settings)} with {tool.Name} {tool.Major}...");
        // pg_dump writes into a file already made the owner's only, and keeps that mode.
        var temporary = BackupFile.CreateBeside(to, "partial", BackupFile.OwnerOnly);
        try
        {
            var run = await RunAsync(tool, settings, cancellationToken, "--format=custom", $"--file={temporary}", $"--snapshot={snapshotId}");
            if (run.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"error: pg_dump failed: {run.Error}. No backup was written.");
                return 1;
            }
            await snapshot.CommitAsync(cancellationToken);
            File.Move(temporary, to, overwrite: replace);
        }
        finally
        {
            BackupFile.DeleteIfLeft(temporary);
        }
        await BackupFile.WriteSummaryAsync($"Backed up {Describe(settings)} to {to}", new FileInfo(to).Length, contents, clock.Elapsed);
        await BackupFile.WriteKeepSafeAsync();
        return 0;
    }

    public static async Task<int> RestoreAsync(string from, string database, bool replace, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(database);
        var name = Path.GetFileName(from);
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await Console.Error.WriteLineAsync($"error: the database {settings.Database} does not exist. Create an empty one first (createdb, or CREATE DATABASE), then restore into it. Nothing was changed.");
            return 1;
        }
        if (await ToolAsync("pg_restore", connection.PostgreSqlVersion, cancellationToken) is not { } tool) return 1;

        // Everything about the backup is checked before the target is touched: the archive must read, and hold Waypoint's migrations history.
        var history = await RunAsync(tool, null, cancellationToken, "--data-only", $"--table={BackupFile.History}", "--file=-", from);
        if (history.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"error: {name} is not a Waypoint backup, or is damaged: {history.Error}. Nothing was changed.");
            return 1;
        }
        if (MigrationsIn(history.Output) is not { } migrations)
        {
            await Console.Error.WriteLineAsync($"error: {name} is a PostgreSQL archive but not a Waypoint backup (it has no migrations history). Nothing was changed.");
            return 1;
        }
        var version = BackupFile.Version.Compare(migrations, BackupFile.KnownMigrations(DatabaseProvider.Postgres, database));
        if (version.Newer)
        {
            await Console.Error.WriteLineAsync("Refused: " + version.Refusal);
            return BackupCommands.Refused;
        }
        if (!replace && await HasWaypointTablesAsync(connection, database, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"Refused: {Describe(settings)} already has Waypoint's tables. Restore into an empty database, or add --replace to replace them (back it up first). Nothing was changed.");
            return BackupCommands.Refused;
        }

        await Console.Error.WriteLineAsync($"Restoring {name} into {Describe(settings)} with {tool.Name} {tool.Major}...");
        // One transaction: a restore that fails part way leaves the database as it was. Objects belong to the user restoring.
        string[] options = ["--single-transaction", "--exit-on-error", "--no-owner", .. replace ? new[] { "--clean", "--if-exists" } : []];
        var run = await RunAsync(tool, settings, cancellationToken, [.. options, from]);
        if (run.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"error: pg_restore failed: {run.Error}. It ran in one transaction, so it was rolled back. Nothing was changed.");
            return 1;
        }
        // pg_restore brings no planner statistics; without them the first queries would be slow.
        await using (var analyse = new NpgsqlCommand("ANALYZE", connection)) await analyse.ExecuteNonQueryAsync(cancellationToken);

        var contents = await BackupFile.ReadContentsAsync(connection, DatabaseProvider.Postgres, cancellationToken);
        await BackupFile.WriteSummaryAsync($"Restored {name} into {Describe(settings)}", null, contents, clock.Elapsed);
        await Console.Out.WriteLineAsync(version.Describe("waypoint migrate --provider postgres --database \"...\" (the same connection string)"));
        return 0;
    }

    /// <summary>The database by name and server, for messages: never the connection string, which may hold a password.</summary>
    private static string Describe(NpgsqlConnectionStringBuilder settings) => $"the database {settings.Database} on {settings.Host}";

    private static async Task<bool> HasWaypointTablesAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Postgres, database);
        string[] tables = [BackupFile.History, .. db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()];
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY(@tables))", connection);
        command.Parameters.AddWithValue("tables", tables);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The migration ids in pg_restore's script of the history table's data (a COPY block); null when the archive has no such table.</summary>
    private static List<string>? MigrationsIn(string script)
    {
        var lines = script.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Contains($"\"{BackupFile.History}\"", StringComparison.Ordinal));
        if (start < 0) return null;
        return [.. lines.Skip(start + 1).TakeWhile(l => l != "\\.").Select(l => l.Split('\t')[0])];
    }

    private sealed record Tool(string Name, int Major);

    /// <summary>
    /// The tool, found on PATH, if its major version is at least the server's (an older pg_dump refuses a newer server,
    /// and an older pg_restore may not read a newer archive); otherwise null, after saying what to install.
    /// </summary>
    private static async Task<Tool?> ToolAsync(string name, Version server, CancellationToken cancellationToken)
    {
        var install = $"Install the PostgreSQL client tools of version {server.Major} or later (on Debian and Ubuntu, the package postgresql-client).";
        Result version;
        try
        {
            version = await RunAsync(new Tool(name, 0), null, cancellationToken, "--version");
        }
        catch (Win32Exception)
        {
            await Console.Error.WriteLineAsync($"error: {name} was not found on PATH. {install}");
            return null;
        }
        if (VersionPattern().Match(version.Output) is not { Success: true } match)
        {
            await Console.Error.WriteLineAsync($"error: {name} --version did not say its version. {install}");
            return null;
        }
        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (major < server.Major)
        {
            await Console.Error.WriteLineAsync($"error: {name} is version {major}, older than the server (PostgreSQL {server.Major}). {install}");
            return null;
        }
        return new Tool(name, major);
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex VersionPattern();

    private sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs the tool, connected to the database in <paramref name="settings"/> when given. The password goes in the
    /// child's environment only; --no-password stops it waiting for one at a prompt nobody sees.
    /// </summary>
    private static async Task<Result> RunAsync(Tool tool, NpgsqlConnectionStringBuilder? settings, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool.Name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (settings is not null)
        {
            start.ArgumentList.Add("--no-password");
            if (!string.IsNullOrEmpty(settings.Host)) start.ArgumentList.Add($"--host={settings.Host}");
            start.ArgumentList.Add($"--port={settings.Port.ToString(CultureInfo.InvariantCulture)}");
            if (!string.IsNullOrEmpty(settings.Username)) start.ArgumentList.Add($"--username={settings.Username}");
            if (!string.IsNullOrEmpty(settings.Database)) start.ArgumentList.Add($"--dbname={settings.Database}");
            if (!string.IsNullOrEmpty(settings.Password)) start.Environment["PGPASSWORD"] = settings.Password;
            if (!string.IsNullOrEmpty(settings.Passfile)) start.Environment["PGPASSFILE"] = settings.Passfile;
            start.Environment["PGSSLMODE"] = settings.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
            start.Environment["PGAPPNAME"] = "waypoint-" + tool.Name;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, ErrorOf(tool.Name, await error));
    }

    /// <summary>
    /// The tool's error lines only. The lines after them (DETAIL, CONTEXT, "Command was") can quote a row's values,
    /// which are people's details, so they are left out.
    /// </summary>
    private static string ErrorOf(string tool, string stderr)
    {
        var errors = stderr.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith($"{tool}: error:", StringComparison.Ordinal)).Select(l => l[$"{tool}: error:".Length..].Trim()).ToList();
        return errors.Count == 0 ? "it gave no reason" : string.Join("; ", errors.Distinct(StringComparer.Ordinal).Take(3));
    }
}
