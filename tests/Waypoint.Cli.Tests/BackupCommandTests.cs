using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary>
/// <c>waypoint backup</c> and <c>waypoint restore</c> as an operator runs them: a backup restored into a fresh database
/// gives the same database, row for row; nothing is overwritten without --replace; a file that is not a backup, or is
/// damaged, changes nothing.
/// </summary>
public class BackupCommandTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Database(TestDatabase database) => ImportCommandTests.Database(database);

    /// <summary>
    /// The small demo council with its pathway and delivery plan, and audit rows: most sealed into the chain, the
    /// newest few still waiting, as in a running Waypoint.
    /// </summary>
    private static async Task<TestDatabase> DemoAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var load = await WaypointProcess.RunAsync(["demo", "load", .. Database(database), "--size", "small", "--as-of", "2026-11-22"]);
        Assert.Equal(0, load.ExitCode);
        await using var db = database.Open();
        await DemoPathway.SeedAsync(db, "999", AsOf, 0.2, new RulesPolicy().ForCouncil("999"), cancellationToken: Ct);
        await DemoDeliveryPlan.SeedAsync(db, "999", AsOf, Ct);
        await AuditAsync(db, 40, seal: true);
        await AuditAsync(db, 3, seal: false);
        return database;
    }

    /// <summary>A migrated database holding a few audit rows only: quick, for the refusals.</summary>
    private static async Task<TestDatabase> SmallAsync(DatabaseProvider provider, int rows)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await AuditAsync(db, rows, seal: true);
        return database;
    }

    private static async Task AuditAsync(WaypointDbContext db, int rows, bool seal)
    {
        for (var i = 0; i < rows; i++)
            db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UnixEpoch.AddDays(i), CouncilCode = "999", UserName = "a.worker", Role = "manager", Action = "view-case", PersonId = i + 1 });
        await db.SaveChangesAsync(Ct);
        while (seal && await AuditChain.SealAsync(db, 500, Ct) > 0)
        {
        }
    }

    private static async Task<SortedDictionary<string, List<string>>> DumpAsync(TestDatabase database)
    {
        // A pooled SQLite connection from before a restore still reads the file it opened, which the restore replaced:
        // the test reads as a new process would (and as Waypoint does once restarted after a restore).
        SqliteConnection.ClearAllPools();
        await using var db = database.Open();
        return await DatabaseSnapshot.DumpAsync(db);
    }

    private static void AssertIdentical(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (table, rows) in expected)
            Assert.True(rows.SequenceEqual(actual[table]), $"{table}: {rows.Count} rows before, {actual[table].Count} after, and they differ");
    }

    /// <summary>A person and an audit row added now: the ids they are given, which must not clash with any restored row.</summary>
    private static async Task<(long Person, long Audit)> InsertAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var person = new Person { Reference = "NEWAFTERRESTORE", CouncilCode = "999" };
        var audit = new AuditEvent { At = DateTimeOffset.UnixEpoch, CouncilCode = "999", UserName = "a.worker", Role = "manager", Action = "view-case" };
        db.People.Add(person);
        db.AuditEvents.Add(audit);
        await db.SaveChangesAsync(Ct);
        return (person.Id, audit.Id);
    }

    private static string HeadOf(string verifyOutput) => verifyOutput.Split('\n').Single(l => l.StartsWith("Head: ", StringComparison.Ordinal));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BackupThenRestore_IntoAFreshDatabase_GivesAnIdenticalDatabaseWhoseAuditChainVerifies(DatabaseProvider provider)
    {
        await using var source = await DemoAsync(provider);
        using var folder = TestFiles.TempFolder();
        var file = folder.File("waypoint.backup");

        var backup = await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", file]);

        Assert.Equal(0, backup.ExitCode);
        Assert.Matches(@"Backed up .* in \d+\.\d s: \d+(\.\d)? (KB|MB), \d+ tables\.", backup.Stdout);
        await using (var db = source.Open())
        {
            Assert.Contains($"  People: {await db.People.CountAsync(Ct):N0} rows", backup.Stdout, StringComparison.Ordinal);
            Assert.Contains($"  AuditEvents: {await db.AuditEvents.CountAsync(Ct):N0} rows", backup.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("Only the file's owner can read it (mode 600)", backup.Stdout, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(folder.Path).Select(Path.GetFileName));

        await using var target = await TestDatabase.CreateAsync(provider, migrate: false);
        var restore = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", file]);

        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("The backup was made by this version of Waypoint: its migrations match.", restore.Stdout, StringComparison.Ordinal);
        var expected = await DumpAsync(source);
        // The demo is really there: identical empty databases would prove nothing.
        Assert.True(expected["People"].Count > 2000);
        Assert.NotEmpty(expected["TransitionsCases"]);
        Assert.NotEmpty(expected["StrategyActions"]);
        Assert.True(expected["AuditEvents"].Count > 40);
        AssertIdentical(expected, await DumpAsync(target));

        // The audit chain verifies in the restored database, to the same head.
        var sourceChain = await WaypointProcess.RunAsync(["audit", "verify", .. Database(source)]);
        var restoredChain = await WaypointProcess.RunAsync(["audit", "verify", .. Database(target)]);
        Assert.Equal(0, restoredChain.ExitCode);
        Assert.Equal(HeadOf(sourceChain.Stdout), HeadOf(restoredChain.Stdout));

        // New rows get the ids the original would have given them (PostgreSQL's sequences came back too), with no clash.
        Assert.Equal(await InsertAsync(source), await InsertAsync(target));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Backup_ToAFileThatExists_IsRefusedUnlessReplace(DatabaseProvider provider)
    {
        await using var source = await SmallAsync(provider, 5);
        using var folder = TestFiles.TempFolder();
        var file = folder.Write("waypoint.backup", "last week's backup");

        var refused = await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", file]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists. Name another file, or add --replace to overwrite it. Nothing was changed.", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("last week's backup", await File.ReadAllTextAsync(file, Ct));

        var replaced = await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", file, "--replace"]);

        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("  AuditEvents: 5 rows", replaced.Stdout, StringComparison.Ordinal);
        Assert.NotEqual("last week's backup", await File.ReadAllTextAsync(file, Ct));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Restore_IntoADatabaseThatHoldsData_IsRefusedUnlessReplace(DatabaseProvider provider)
    {
        await using var source = await SmallAsync(provider, 5);
        await using var target = await SmallAsync(provider, 8);
        using var folder = TestFiles.TempFolder();
        var file = folder.File("waypoint.backup");
        Assert.Equal(0, (await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", file])).ExitCode);
        var before = await DumpAsync(target);

        var refused = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", file]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--replace to replace", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", refused.Stderr, StringComparison.Ordinal);
        AssertIdentical(before, await DumpAsync(target));

        var replaced = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", file, "--replace"]);

        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("  AuditEvents: 5 rows", replaced.Stdout, StringComparison.Ordinal);
        AssertIdentical(await DumpAsync(source), await DumpAsync(target));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Restore_AFileThatIsNotABackupOrIsDamaged_FailsSayingSoAndLeavesTheDatabaseAsItWas(DatabaseProvider provider)
    {
        await using var source = await SmallAsync(provider, 30);
        await using var target = await SmallAsync(provider, 8);
        using var folder = TestFiles.TempFolder();
        var good = folder.File("waypoint.backup");
        Assert.Equal(0, (await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", good])).ExitCode);
        var bytes = await File.ReadAllBytesAsync(good, Ct);
        var truncated = folder.File("truncated.backup");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)], Ct);
        // A stretch of the file overwritten, as a failing disk might: the format's header still says what the file is.
        var damaged = folder.File("damaged.backup");
        var scrambled = (byte[])bytes.Clone();
        new Random(7).NextBytes(scrambled.AsSpan(bytes.Length * 3 / 4, Math.Min(16_384, bytes.Length / 8)));
        await File.WriteAllBytesAsync(damaged, scrambled, Ct);
        var before = await DumpAsync(target);

        var notABackup = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", folder.Write("notes.txt", "not a backup at all"), "--replace"]);

        Assert.Equal(1, notABackup.ExitCode);
        Assert.Contains("notes.txt is not a Waypoint backup: it is neither a SQLite database nor a pg_dump archive. Nothing was changed.", notABackup.Stderr, StringComparison.Ordinal);
        AssertIdentical(before, await DumpAsync(target));
        foreach (var file in new[] { truncated, damaged })
        {
            var run = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", file, "--replace"]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{Path.GetFileName(file)} ", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed.", run.Stderr, StringComparison.Ordinal);
            AssertIdentical(before, await DumpAsync(target));
        }
        if (provider == DatabaseProvider.Sqlite) Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target.Database)!, ".*"));
    }

    [Fact]
    public async Task Restore_OnPostgresFailingPartWay_IsRolledBackWhole()
    {
        await using var source = await SmallAsync(DatabaseProvider.Postgres, 5);
        await using var target = await SmallAsync(DatabaseProvider.Postgres, 8);
        using var folder = TestFiles.TempFolder();
        var file = folder.File("waypoint.backup");
        Assert.Equal(0, (await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", file])).ExitCode);
        // A council's own report view on a Waypoint table: replacing the table fails after earlier objects were dropped.
        await using (var db = target.Open())
            await db.Database.ExecuteSqlRawAsync("CREATE VIEW council_report AS SELECT COUNT(*) AS people FROM \"People\"", Ct);
        var before = await DumpAsync(target);

        var run = await WaypointProcess.RunAsync(["restore", .. Database(target), "--from", file, "--replace"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: pg_restore failed: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("It ran in one transaction, so it was rolled back. Nothing was changed.", run.Stderr, StringComparison.Ordinal);
        AssertIdentical(before, await DumpAsync(target));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Restore_ABackupFromAnotherVersion_OlderIsRestoredAndSaysToMigrateNewerIsRefused(DatabaseProvider provider)
    {
        await using var source = await SmallAsync(provider, 5);
        using var folder = TestFiles.TempFolder();
        string latest;
        await using (var db = source.Open())
        {
            latest = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", [latest], Ct);
        }
        Assert.Equal(0, (await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", folder.File("older.backup")])).ExitCode);
        await using (var db = source.Open())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.0'), ('99991231235959_FromALaterWaypoint', '99.0.0')", [latest], Ct);
        }
        Assert.Equal(0, (await WaypointProcess.RunAsync(["backup", .. Database(source), "--to", folder.File("newer.backup")])).ExitCode);

        await using var older = await TestDatabase.CreateAsync(provider, migrate: false);
        var restored = await WaypointProcess.RunAsync(["restore", .. Database(older), "--from", folder.File("older.backup")]);

        Assert.Equal(0, restored.ExitCode);
        Assert.Contains("The backup was made by an older version of Waypoint: 1 migration still to apply. Bring it up to date before starting Waypoint: waypoint migrate", restored.Stdout, StringComparison.Ordinal);

        await using var newer = await TestDatabase.CreateAsync(provider, migrate: false);
        var refused = await WaypointProcess.RunAsync(["restore", .. Database(newer), "--from", folder.File("newer.backup")]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("The backup was made by a newer version of Waypoint: it has 1 migration this version does not know (99991231235959_FromALaterWaypoint).", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", refused.Stderr, StringComparison.Ordinal);
        if (provider == DatabaseProvider.Sqlite) Assert.False(File.Exists(newer.Database));
        else Assert.DoesNotContain((await DumpAsync(newer)).Keys, k => !k.StartsWith('('));
    }

    [Fact]
    public async Task Backup_OfALiveSqliteDatabaseWhileAnotherConnectionWrites_IsConsistent()
    {
        await using var source = await DemoAsync(DatabaseProvider.Sqlite);
        await using (var db = source.Open()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", Ct);
        using var folder = TestFiles.TempFolder();
        var file = folder.File("live.backup");

        // The writer commits ten audit rows at a time, as the web app writes, until the backup has finished.
        using var stop = new CancellationTokenSource();
        var batches = 0;
        var writer = Task.Run(async () =>
        {
            await using var db = source.Open();
            while (!stop.IsCancellationRequested)
            {
                var batch = ++batches;
                for (var i = 0; i < 10; i++)
                    db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UnixEpoch, CouncilCode = "999", UserName = "writer", Role = "manager", Action = "live-write", Detail = $"batch {batch}" });
                await db.SaveChangesAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }, Ct);
        while (Volatile.Read(ref batches) < 20) await Task.Delay(10, Ct);

        var backup = await WaypointProcess.RunAsync(["backup", "--database", source.Database, "--to", file]);
        var afterBackup = Volatile.Read(ref batches);
        while (Volatile.Read(ref batches) < afterBackup + 20) await Task.Delay(10, Ct);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(0, backup.ExitCode);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(Ct);
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync(Ct));
        // Only whole batches: the copy is the database as of one moment between two commits.
        check.CommandText = "SELECT COUNT(*), COUNT(DISTINCT Detail) FROM AuditEvents WHERE Action = 'live-write'";
        await using var reader = await check.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (rows, whole) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(whole * 10, rows);
        Assert.InRange(whole, 20, afterBackup);
        await using var db2 = source.Open();
        Assert.True(await db2.AuditEvents.CountAsync(a => a.Action == "live-write", Ct) > rows);
    }

    [Fact]
    public async Task Backup_OnPostgres_NeedsPgDumpOfTheServersVersionAndGivesItThePasswordOnlyInItsEnvironment()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in pg_dump is a shell script.");
        await using var source = await SmallAsync(DatabaseProvider.Postgres, 3);
        using var folder = TestFiles.TempFolder();
        var tools = Directory.CreateDirectory(folder.File("bin")).FullName;
        const string Password = "pw-Z8q-not-for-output";
        var database = new Npgsql.NpgsqlConnectionStringBuilder(source.Database) { Password = Password }.ConnectionString;
        var onlyTools = new Dictionary<string, string> { ["PATH"] = tools };
        string[] backup = ["backup", "--provider", "postgres", "--database", database, "--to", folder.File("w.backup")];

        var missing = await WaypointProcess.RunAsync(onlyTools, backup);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: pg_dump was not found on PATH. Install the PostgreSQL client tools of version", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("the package postgresql-client", missing.Stderr, StringComparison.Ordinal);

        StandIn("echo 'pg_dump (PostgreSQL) 9.6.24'");
        var old = await WaypointProcess.RunAsync(onlyTools, backup);

        Assert.Equal(1, old.ExitCode);
        Assert.Matches(@"error: pg_dump is version 9, older than the server \(PostgreSQL \d+\)\.", old.Stderr);

        // A pg_dump of a later version that records how it was called, then fails quoting a row as PostgreSQL's DETAIL lines do.
        StandIn($"""
            if [ "$1" = "--version" ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
            printf '%s\n' "$@" > '{folder.File("arguments")}'
            printf '%s' "$PGPASSWORD" > '{folder.File("password")}'
            echo 'pg_dump: error: query failed: ERROR:  could not read block' >&2
            echo 'DETAIL:  Failing row contains (1, Jane Example, 2009-03-04).' >&2
            exit 1
            """);
        var failed = await WaypointProcess.RunAsync(onlyTools, backup);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error: pg_dump failed: query failed: ERROR:  could not read block. No backup was written.", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(Password, await File.ReadAllTextAsync(folder.File("password"), Ct));
        var arguments = await File.ReadAllLinesAsync(folder.File("arguments"), Ct);
        Assert.Contains("--format=custom", arguments);
        Assert.Contains($"--dbname={new Npgsql.NpgsqlConnectionStringBuilder(source.Database).Database}", arguments);
        Assert.DoesNotContain(arguments, a => a.Contains(Password, StringComparison.Ordinal));
        foreach (var output in new[] { missing, old, failed })
        {
            Assert.DoesNotContain(Password, output.Stdout + output.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Jane Example", output.Stdout + output.Stderr, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(folder.File("w.backup")));
        Assert.Empty(Directory.GetFiles(folder.Path, ".*"));

        void StandIn(string script)
        {
            var path = Path.Combine(tools, "pg_dump");
            File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
