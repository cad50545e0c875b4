using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary>
/// An import killed part way (SIGKILL: no clean-up runs) leaves the store exactly as it was, and the same command
/// run again imports everything. SQLite rolls the interrupted transaction back from its journal on the next open;
/// PostgreSQL when the connection drops.
/// </summary>
public class KilledImportTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_KilledPartWay_ChangesNothing_AndRunsAgainCleanly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        using var first = TestFiles.TempFolder();
        using var second = TestFiles.TempFolder();
        Assert.Equal(0, (await WaypointProcess.RunAsync("demo", "generate", "--size", "small", "--seed", "3", "--as-of", "2026-11-22", "--out", first.Path)).ExitCode);
        Assert.Equal(0, (await WaypointProcess.RunAsync("demo", "generate", "--people", "20000", "--seed", "4", "--as-of", "2026-11-22", "--out", second.Path)).ExitCode);
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), .. Statutory(first)])).ExitCode);
        var before = await CountsAsync(database);

        // Killed while it is reading the second council's largest file, well inside the import's transaction.
        using var import = WaypointProcess.Start(["import", .. ImportCommandTests.Database(database), .. Statutory(second)]);
        _ = import.StandardOutput.ReadToEndAsync();
        var reading = false;
        while (await import.StandardError.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("Importing cin.xml: ", StringComparison.Ordinal)) continue;
            reading = true;
            break;
        }
        Assert.True(reading, "the import never reached cin.xml");
        import.Kill(entireProcessTree: true);
        await import.WaitForExitAsync();

        Assert.Equal(before, await CountsAsync(database));

        var again = await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), .. Statutory(second)]);
        Assert.Equal(0, again.ExitCode);
        var after = await CountsAsync(database);
        Assert.True(after.Records > before.Records && after.Batches == before.Batches + 1);
    }

    private static string[] Statutory(TempFolder folder) =>
        [.. Directory.GetFiles(folder.Path, "ssda903-*.csv").Order(StringComparer.Ordinal), folder.File("cin.xml"), folder.File("sen2.xml"), folder.File("cld.csv")];

    private static async Task<(int Records, int People, int Links, int Episodes, int Batches, int Files, int Messages)> CountsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return (await db.SourceRecords.CountAsync(), await db.People.CountAsync(), await db.RecordLinks.CountAsync(), await db.CareEpisodes.CountAsync(),
            await db.ImportBatches.CountAsync(), await db.ImportedFiles.CountAsync(), await db.ImportMessages.CountAsync());
    }
}
