using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Rules;

namespace Waypoint.Benchmarks;

/// <summary>
/// Every rule of the statutory clock for every person of a generated council, read from a SQLite file: the facts
/// query and the evaluation, in a warm process (the tracker's case: the web app evaluates after each import and each
/// day). The first-run cost of a fresh process is measured by bench/rules.sh.
/// Run: dotnet run -c Release --project bench/Waypoint.Benchmarks -- --filter '*StatutoryClockEvaluation*'
/// (WAYPOINT_BENCH_SIZE=national for the 1,000,000-person set; its setup generates and imports for a few minutes).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class StatutoryClockEvaluation
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private readonly RulesPolicy _policy = new RulesPolicy().ForCouncil("999");
    private string _folder = "";

    public static IEnumerable<string> Sizes => [Environment.GetEnvironmentVariable("WAYPOINT_BENCH_SIZE") ?? "council"];

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "council";

    [GlobalSetup]
    public void GenerateAndImport()
    {
        _folder = Directory.CreateTempSubdirectory("waypoint-bench-").FullName;
        using var db = Open();
        db.Database.Migrate();
        var options = new DemoOptions(Enum.Parse<DemoSize>(Size, ignoreCase: true), 42, AsOf, DemoNoise.None);
        DemoImport.GenerateAndImportAsync(db, TimeProvider.System, options, "bench").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Remove()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private WaypointDbContext Open() => WaypointDatabase.Open(DatabaseProvider.Sqlite, Path.Combine(_folder, "waypoint.db"));

    /// <summary>As `waypoint rules` does: every person evaluated on every core, counted, nothing kept.</summary>
    [Benchmark]
    public async Task<int> EveryRuleForEveryPerson()
    {
        await using var db = Open();
        var facts = await ClockFacts.LoadAsync(db, "999", CancellationToken.None);
        return facts.Values.AsParallel().Sum(f => StatutoryClock.Evaluate(f, AsOf, _policy).OverdueCount);
    }
}
