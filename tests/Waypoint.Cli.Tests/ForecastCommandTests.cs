using System.Text.Json;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary>`waypoint forecast` and `waypoint backtest` on a demo council, run as a user would (issue 9).</summary>
public class ForecastCommandTests
{
    private static readonly string[] CostBands = ["0-99", "100-299", "300-499", "500-799", "800-999", "1000-2000", "2000+"];

    private static async Task<string> DemoAsync(TempFolder folder, string size)
    {
        var database = folder.File("demo.db");
        var load = await WaypointProcess.RunAsync("demo", "load", "--database", database, "--size", size, "--as-of", "2026-11-22");
        Assert.True(load.ExitCode == 0, load.Stderr);
        return database;
    }

    [Fact]
    public async Task Forecast_Json_HasTheIssuesShape_AndTheSameSeedGivesTheSameAnswer()
    {
        using var folder = TestFiles.TempFolder();
        var database = await DemoAsync(folder, "small");
        string[] forecast = ["forecast", "--database", database, "--as-of", "2026-11-22", "--years", "5", "--json", "--seed", "7", "--simulations", "2000"];

        var first = await WaypointProcess.RunAsync(forecast);
        var again = await WaypointProcess.RunAsync(forecast);
        var otherSeed = await WaypointProcess.RunAsync([.. forecast[..^3], "8", "--simulations", "2000"]);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.NotEqual(first.Stdout, otherSeed.Stdout);
        using var json = JsonDocument.Parse(first.Stdout);
        var years = json.RootElement.GetProperty("years").EnumerateArray().ToList();
        // 22 November 2026 is in the financial year from 1 April 2026: the forecast starts with the next one.
        Assert.Equal([2027, 2028, 2029, 2030, 2031], years.Select(y => y.GetProperty("year").GetInt32()));
        foreach (var year in years)
        {
            var total = Estimate(year.GetProperty("total"));
            Assert.True(total.P95Low <= total.P80Low && total.P80Low <= total.Mean && total.Mean <= total.P80High && total.P80High <= total.P95High, year.ToString());
            Assert.Equal(CostBands, year.GetProperty("byCostBand").EnumerateObject().Select(b => b.Name));
            // Every entrant has one support reason and one cost band: each split adds up to the total.
            Assert.Equal(total.Mean, year.GetProperty("byPrimarySupportReason").EnumerateObject().Sum(r => Estimate(r.Value).Mean), 6);
            Assert.Equal(total.Mean, year.GetProperty("byCostBand").EnumerateObject().Sum(r => Estimate(r.Value).Mean), 6);
            Assert.True(Estimate(year.GetProperty("annualCost")).Mean > 0);
        }
    }

    [Fact]
    public async Task Backtest_Json_GivesCoverageErrorAucAndCalibration()
    {
        using var folder = TestFiles.TempFolder();
        var database = await DemoAsync(folder, "council");

        var result = await WaypointProcess.RunAsync("backtest", "--database", database, "--as-of", "2026-11-22", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var (coverage80, coverage95) = (root.GetProperty("coverage80").GetDouble(), root.GetProperty("coverage95").GetDouble());
        Assert.InRange(coverage80, 0, 1);
        Assert.InRange(coverage95, coverage80, 1);
        Assert.True(root.GetProperty("meanAbsolutePercentageError").GetDouble() >= 0);
        Assert.InRange(root.GetProperty("auc").GetDouble(), 0.5, 1);
        var deciles = root.GetProperty("calibration").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10), deciles.Select(d => d.GetProperty("decile").GetInt32()));
        Assert.All(deciles, d => Assert.InRange(d.GetProperty("expected").GetDouble(), 0, 1));
        Assert.All(deciles, d => Assert.InRange(d.GetProperty("observed").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task Forecast_YearsOutOfRange_SaysSoAndExitsTwo()
    {
        using var folder = TestFiles.TempFolder();
        var result = await WaypointProcess.RunAsync("forecast", "--database", folder.File("none.db"), "--years", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--years must be from 1 to 10", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_NoDatabase_SaysSoAndExitsOne()
    {
        using var folder = TestFiles.TempFolder();
        var result = await WaypointProcess.RunAsync("backtest", "--database", folder.File("none.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no Waypoint database", result.Stderr, StringComparison.Ordinal);
    }

    private static (double Mean, double P80Low, double P80High, double P95Low, double P95High) Estimate(JsonElement e)
    {
        var p80 = e.GetProperty("p80").EnumerateArray().Select(x => x.GetDouble()).ToList();
        var p95 = e.GetProperty("p95").EnumerateArray().Select(x => x.GetDouble()).ToList();
        Assert.Equal(2, p80.Count);
        Assert.Equal(2, p95.Count);
        return (e.GetProperty("mean").GetDouble(), p80[0], p80[1], p95[0], p95[1]);
    }
}
