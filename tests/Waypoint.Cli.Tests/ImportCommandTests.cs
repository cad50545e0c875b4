using System.Text.Json;
using Waypoint.Core.Data;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

public class ImportCommandTests
{
    internal static string[] Database(TestDatabase database) =>
        ["--database", database.Database, "--provider", database.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_PeerSamplesAsJson_CommitsAndWritesOnlyJsonToStdout(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var files = Directory.GetFiles(TestFiles.PeerSample("ssda903"), "*.csv").Concat(Directory.GetFiles(TestFiles.PeerSample("cin"), "*.xml"));

        var run = await WaypointProcess.RunAsync(["import", .. Database(database), "--json", .. files]);

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        Assert.True(root.GetProperty("committed").GetBoolean());
        Assert.Equal(14, root.GetProperty("files").GetArrayLength());
        var episodes = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "episodes.csv");
        Assert.Equal(5050 - 71, episodes.GetProperty("imported").GetInt32()); // 71 overlap another episode of the child
        Assert.Contains(root.GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("text").GetString() == "DoLo.csv:2: CHILD: CHILD CHILD10 is not in the Header; the row is rejected");
        Assert.Contains("Linking", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NewSqliteFile_IsCreatedAndTheSummaryPrinted()
    {
        using var folder = TestFiles.TempFolder();
        var db = folder.File("nested/dir/waypoint.db");
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01"));

        var run = await WaypointProcess.RunAsync("import", "--database", db, header);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(db));
        Assert.Contains("header.csv (SSDA903 Header): read 1, imported 1, rejected 0, warnings 0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 source records form 1 people", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TruthFile_IsRejectedAsUnknownAndExitsTwo()
    {
        using var folder = TestFiles.TempFolder();
        var truth = folder.Write("truth.csv", "sourceKey,truePerson\n903:ssda903-header.csv:1,T0000001\n");
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01"));

        var run = await WaypointProcess.RunAsync("import", "--database", folder.File("w.db"), "--json", header, truth);

        Assert.Equal(2, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.False(report.RootElement.GetProperty("committed").GetBoolean());
        var message = Assert.Single(report.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("truth.csv:1: (heading row): not a format Waypoint reads (heading row: sourceKey,truePerson)", message.GetProperty("text").GetString());
        Assert.Equal("unknown-format", message.GetProperty("rule").GetString());
        var truthFile = report.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "truth.csv");
        Assert.Equal("unrecognised", truthFile.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Import_MalformedXml_ExitsTwoAndSaysNothingChanged()
    {
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01"));
        var broken = folder.Write("cin.xml", "<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children><Child></Children></Message>");

        var run = await WaypointProcess.RunAsync("import", "--database", folder.File("w.db"), header, broken);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fatal: cin.xml:1: (xml): the XML is not well formed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Import rolled back: nothing was changed.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoLoad_RunTwice_LoadsOnceAndSummarisesBothTimes()
    {
        using var folder = TestFiles.TempFolder();
        string[] load = ["demo", "load", "--database", folder.File("demo.db"), "--size", "small", "--as-of", "2026-11-22"];

        var first = await WaypointProcess.RunAsync(load);
        var second = await WaypointProcess.RunAsync(load);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("source records)", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already loaded: every file was imported before", second.Stdout, StringComparison.Ordinal);
        var people = first.Stdout.Split(':')[1].Split(" people")[0].Trim();
        Assert.Contains($": {people} people", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_NoDatabase_SaysSoAndExitsOne()
    {
        using var folder = TestFiles.TempFolder();
        var run = await WaypointProcess.RunAsync("links", "--database", folder.File("missing.db"), "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no Waypoint database at", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("missing.db")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LinksAndPeople_AsJson_ShowOnePersonWithRecordsFromSeveralFiles(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        using var folder = TestFiles.TempFolder();
        string[] files =
        [
            SourceFileBuilder.Header903(folder, "ssda903-header.csv", new ChildRow("100", "2008-04-12", "Q999000000011", Sex: "F")),
            SourceFileBuilder.Episodes903(folder, "ssda903-episodes.csv", new EpisodeRow("100", "2023-01-01")),
            SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("100", "2008-04-12", "Q999000000011", Sex: "F")),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2008-04-12", "Q999000000011", "ASD", "2015-03-20")),
            SourceFileBuilder.Cld(folder, "cld.csv", new CldRow("100", "9434765919", "2008-04-12", "Amy", "Example")),
        ];
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. Database(database), .. files])).ExitCode);

        var links = await WaypointProcess.RunAsync(["links", .. Database(database), "--json"]);
        var people = await WaypointProcess.RunAsync(["people", .. Database(database), "--json", "--as-of", "2026-11-22"]);

        Assert.Equal(0, links.ExitCode);
        using var linkJson = JsonDocument.Parse(links.Stdout);
        var rows = linkJson.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Single(rows.Select(r => r.GetProperty("personId").GetString()).Distinct());
        Assert.Equal(["903:ssda903-header.csv:100", "CIN:cin.xml:100", "CLD:cld.csv:100", "SEN2:sen2.xml:1"], rows.Select(r => r.GetProperty("sourceKey").GetString()));

        Assert.Equal(0, people.ExitCode);
        using var peopleJson = JsonDocument.Parse(people.Stdout);
        var person = Assert.Single(peopleJson.RootElement.EnumerateArray().ToList());
        Assert.Equal(rows[0].GetProperty("personId").GetString(), person.GetProperty("personId").GetString());
        Assert.Equal("999", person.GetProperty("councilCode").GetString());
        Assert.Equal("2008-04-12", person.GetProperty("dateOfBirth").GetString());
        Assert.Equal("F", person.GetProperty("sex").GetString());
        Assert.Equal("Amy", person.GetProperty("names")[0].GetProperty("forename").GetString());
        var ids = person.GetProperty("identifiers");
        Assert.Equal("100", ids.GetProperty("councilChildId")[0].GetString());
        Assert.Equal("Q999000000011", ids.GetProperty("upn")[0].GetString());
        Assert.Equal("9434765919", ids.GetProperty("nhsNumber")[0].GetString());
        Assert.Equal("100", ids.GetProperty("adultPersonId")[0].GetString());
        Assert.Equal(0, ids.GetProperty("uln").GetArrayLength());
        // Looked after from 14 and still at 18: a former relevant child, so a care leaver.
        Assert.Equal(["adult-social-care", "care-leaver", "cin-disability", "ehc-plan", "looked-after"], person.GetProperty("cohorts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(4, person.GetProperty("sourceKeys").GetArrayLength());
    }
}

public class CommandErrorTests
{
    [Fact]
    public async Task Import_UnreachableDatabase_SaysSoInOneLineAndExitsOne()
    {
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2010-01-01"));

        var run = await WaypointProcess.RunAsync("import", "--provider", "postgres", "--database", "Host=127.0.0.1;Port=1;Timeout=2;Username=nobody", header);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownProvider_IsAUsageError()
    {
        var run = await WaypointProcess.RunAsync("import", "--provider", "oracle", "--database", "x.db", "file.csv");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--provider must be sqlite or postgres, not 'oracle'.", run.Stderr, StringComparison.Ordinal);
    }
}

public class RulesCommandTests
{
    private static readonly string[] Statuses = ["not-applicable", "upcoming", "due", "overdue", "met"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rules_AsJson_ListsEveryRuleForEveryPersonWithCareLeaverStatus(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        using var folder = TestFiles.TempFolder();
        string[] files =
        [
            SourceFileBuilder.Header903(folder, "ssda903-header.csv", new ChildRow("100", "2008-04-12", "Q999000000011", Sex: "F"), new ChildRow("200", "2019-06-01", "Q999000000021")),
            SourceFileBuilder.Episodes903(folder, "ssda903-episodes.csv", new EpisodeRow("100", "2023-01-01")),
        ];
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), .. files])).ExitCode);

        var run = await WaypointProcess.RunAsync(["rules", .. ImportCommandTests.Database(database), "--as-of", "2026-11-22", "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var people = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, people.Count);
        foreach (var person in people)
        {
            Assert.Matches("^[0-9A-Z]{10}$", person.GetProperty("personId").GetString());
            var milestones = person.GetProperty("milestones").EnumerateArray().ToList();
            Assert.Equal(Core.Rules.StatutoryClock.Milestones.Select(r => r.Id), milestones.Select(m => m.GetProperty("id").GetString()));
            Assert.All(milestones, m => Assert.Contains(m.GetProperty("status").GetString(), Statuses));
            Assert.All(milestones, m => Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("explanation").GetString())));
            Assert.All(milestones.Where(m => m.TryGetProperty("due", out _)), m => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", m.GetProperty("due").GetString()));
        }
        // Looked after from 14 and on the 18th birthday (12 April 2026): former relevant, owed a personal adviser to 21.
        var leaver = people.Single(p => p.GetProperty("careLeaverStatus").GetString() == "former-relevant");
        var adviser = leaver.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "PA-21");
        Assert.Equal(("overdue", "2026-04-12"), (adviser.GetProperty("status").GetString(), adviser.GetProperty("due").GetString()));
        // A seven-year-old: nothing applies yet, but birthday dates are still given.
        var child = people.Single(p => p.GetProperty("careLeaverStatus").GetString() == "none");
        var atEighteen = child.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "AT-18");
        Assert.Equal(("not-applicable", "2037-06-01"), (atEighteen.GetProperty("status").GetString(), atEighteen.GetProperty("due").GetString()));
    }

    [Fact]
    public async Task Rules_Summary_CountsEveryStatus()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "ssda903-header.csv", new ChildRow("100", "2008-04-12", "Q999000000011", Sex: "F"));
        var episodes = SourceFileBuilder.Episodes903(folder, "ssda903-episodes.csv", new EpisodeRow("100", "2023-01-01"));
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), header, episodes])).ExitCode);

        var run = await WaypointProcess.RunAsync(["rules", .. ImportCommandTests.Database(database), "--as-of", "2026-11-22"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Statutory clock as of 2026-11-22: 1 people", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Former relevant child\s+1", run.Stdout);
        Assert.Matches(@"PA-21\s+0\s+0\s+1\s+0", run.Stdout);
    }

    [Fact]
    public async Task Rules_WithAPolicyFile_UsesTheCouncilsTargetAge()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "ssda903-header.csv", new ChildRow("100", "2010-05-03", "Q999000000011"));
        var episodes = SourceFileBuilder.Episodes903(folder, "ssda903-episodes.csv", new EpisodeRow("100", "2024-06-01"));
        var cin = SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("100", "2010-05-03", "Q999000000011"));
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), header, episodes, cin])).ExitCode);
        var policy = folder.File("policy.json");
        await File.WriteAllTextAsync(policy, """{ "TransitionAssessmentAgeYears": 17, "TransitionAssessmentAgeMonths": 0, "LikelyNeeds": { "OpenTransitionsCase": true, "CinDisabilities": ["LD"] } }""");

        var run = await WaypointProcess.RunAsync(["rules", .. ImportCommandTests.Database(database), "--as-of", "2026-11-22", "--json", "--policy", policy]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var milestones = json.RootElement[0].GetProperty("milestones").EnumerateArray().ToList();
        Assert.Equal("2027-05-03", milestones.Single(m => m.GetProperty("id").GetString() == "TA-DUE").GetProperty("due").GetString());
    }

    [Fact]
    public async Task Rules_WithABadPolicyFile_SaysWhichFileAndChangesNothing()
    {
        using var folder = TestFiles.TempFolder();
        var policy = folder.File("policy.json");
        await File.WriteAllTextAsync(policy, "{ \"DueSoonDays\": \"soon\" }");
        var run = await WaypointProcess.RunAsync("rules", "--database", folder.File("any.db"), "--policy", policy);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("policy.json: the policy file could not be read", run.Stderr, StringComparison.Ordinal);
    }
}

