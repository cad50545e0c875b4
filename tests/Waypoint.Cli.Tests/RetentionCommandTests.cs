using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary>
/// <c>waypoint retention report</c> and <c>remove</c> as an operator runs them: the dry run changes nothing, removal
/// needs --confirm, and removes only the people due.
/// </summary>
public class RetentionCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Children 1 and 2 reached 31 years ago and are due (six years after the 25th birthday); child 3 is 11.</summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider, TempFolder folder)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        ChildRow[] children = [new("1", "1990-01-01"), new("2", "1991-05-05"), new("3", "2015-01-01")];
        var import = await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database),
            SourceFileBuilder.Header903(folder, "header.csv", children),
            SourceFileBuilder.Episodes903(folder, "episodes.csv", [.. children.Select(c => new EpisodeRow(c.ChildId, "2016-01-04", "2017-01-04"))])]);
        Assert.Equal(0, import.ExitCode);
        return database;
    }

    private static string Line(string output, string starting) =>
        output.Split('\n').Select(l => l.Trim(' ', '│', '|', '\r')).Single(l => l.StartsWith(starting, StringComparison.Ordinal));

    private static async Task<(int People, int Removals)> CountsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return (await db.People.CountAsync(Ct), await db.AuditEvents.CountAsync(a => a.Action == "retention-removed", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Report_ThenRemove_TheDryRunChangesNothingRemovalNeedsConfirmAndRemovesOnlyThoseDue(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        await using var database = await CouncilAsync(provider, folder);
        Task<WaypointProcess.Result> RunAsync(string command, params string[] more) =>
            WaypointProcess.RunAsync(["retention", command, .. ImportCommandTests.Database(database), "--as-of", "2026-11-23", .. more]);

        var report = await RunAsync("report", "--csv", folder.File("due.csv"));

        Assert.Equal(0, report.ExitCode);
        Assert.Contains("records are kept until 6 years after the later of the case closing and the 25th birthday", report.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^Due for removal\s*[│|]?\s*2$", Line(report.Stdout, "Due for removal"));
        Assert.Matches(@"^Kept: not yet due\s*[│|]?\s*1$", Line(report.Stdout, "Kept: not yet due"));
        Assert.Matches(@"^All people\s*[│|]?\s*3$", Line(report.Stdout, "All people"));
        Assert.Contains("Nothing was removed.", report.Stdout, StringComparison.Ordinal);
        var csv = await File.ReadAllLinesAsync(folder.File("due.csv"), Ct);
        Assert.Equal("Reference,Due on,Counted from,Reason", csv[0]);
        Assert.Equal(["01/01/2021,birthday,6 years after the 25th birthday", "05/05/2022,birthday,6 years after the 25th birthday"], csv[1..].Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]).Order());
        Assert.Equal((3, 0), await CountsAsync(database));

        var refused = await RunAsync("remove");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Nothing was removed.", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("run waypoint retention report first", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal((3, 0), await CountsAsync(database));

        var removed = await RunAsync("remove", "--confirm", "--user", "d.officer");
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("Removed 2 people with everything that belonged to them, in 1 batch;", removed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Removed 2 of the 2 people due", removed.Stderr, StringComparison.Ordinal);
        Assert.Equal((1, 2), await CountsAsync(database));

        var again = await RunAsync("remove", "--confirm");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Removed 0 people", again.Stdout, StringComparison.Ordinal);
        Assert.Equal((1, 2), await CountsAsync(database));
    }

    [Fact]
    public async Task Report_TheCouncilsOwnRules_AreReadFromTheFileAndTheOptionsOverrideThem()
    {
        using var folder = TestFiles.TempFolder();
        await using var database = await CouncilAsync(DatabaseProvider.Sqlite, folder);
        var rules = folder.Write("retention.json", """{ "YearsAfter": 10, "UntilAge": 21 }""");

        // 21st birthdays in 2011 and 2012, plus ten years: both due.
        var fromFile = await WaypointProcess.RunAsync("retention", "report", "--database", database.Database, "--as-of", "2026-11-23", "--rules", rules);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Contains("kept until 10 years after the later of the case closing and the 21st birthday", fromFile.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^Due for removal\s*[│|]?\s*2$", Line(fromFile.Stdout, "Due for removal"));

        // The web app's settings file, its Waypoint:Retention section; twenty years after the 21st birthday: nobody yet.
        var settings = folder.Write("appsettings.json", """{ "Urls": "http://127.0.0.1:5080", "Waypoint": { "Demo": false, "Retention": { "YearsAfter": 10, "UntilAge": 21 } } }""");
        var overridden = await WaypointProcess.RunAsync("retention", "report", "--database", database.Database, "--as-of", "2026-11-23", "--rules", settings, "--years-after", "20");
        Assert.Contains("kept until 20 years after the later of the case closing and the 21st birthday", overridden.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^Due for removal\s*[│|]?\s*0$", Line(overridden.Stdout, "Due for removal"));
        Assert.Contains("Nothing was removed, and nobody is due.", overridden.Stdout, StringComparison.Ordinal);

        var broken = await WaypointProcess.RunAsync("retention", "report", "--database", database.Database, "--rules", folder.Write("broken.json", "{ YearsAfter: "));
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("broken.json: the retention rules file could not be read", broken.Stderr, StringComparison.Ordinal);
    }
}
