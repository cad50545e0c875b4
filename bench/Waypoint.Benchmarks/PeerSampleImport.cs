using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;

namespace Waypoint.Benchmarks;

/// <summary>
/// Importing the peer sample files (2,675 children, 5,050 episodes, 12,582 reviews, 334 CIN children)
/// into a new file-backed SQLite database: parsing, validation, bulk writes and linking together.
/// Run: dotnet run -c Release --project bench/Waypoint.Benchmarks -- --filter '*PeerSampleImport*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PeerSampleImport
{
    private string[] _files = [];
    private string _folder = "";

    [GlobalSetup]
    public void FindFiles()
    {
        var samples = FindUp(Path.Combine("tests", "data", "peer-samples"));
        _files = [.. Directory.GetFiles(Path.Combine(samples, "ssda903"), "*.csv"), .. Directory.GetFiles(Path.Combine(samples, "cin"), "*.xml")];
    }

    [IterationSetup]
    public void NewFolder() => _folder = Directory.CreateTempSubdirectory("waypoint-bench-").FullName;

    [IterationCleanup]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> ImportIntoNewSqliteFile()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, Path.Combine(_folder, "waypoint.db"));
        await db.Database.MigrateAsync();
        var result = await new Importer(db, TimeProvider.System).ImportAsync(_files, new ImportOptions("999"));
        return result.Links!.People;
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(relative);
    }
}
