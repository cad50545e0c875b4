using System.Text.Json;
using Waypoint.Core.Data;
using Waypoint.Core.Spreadsheets;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary>`waypoint mappings`, `waypoint preview` and `waypoint import --mapping`, run as a council analyst would.</summary>
public class SpreadsheetCommandTests
{
    private const string CostsMapping = """
        {
          "name": "finance placements",
          "holds": "placementCosts",
          "personKey": { "heading": "Client ID", "identifier": "councilChildId" },
          "headings": { "start": "Placement Start", "end": "Placement End", "weeklyCost": "Weekly Cost (GBP)", "fundingStream": "Funding Stream" },
          "values": { "fundingStream": { "CSC Placements": "social care", "High Needs Block": "education" } }
        }
        """;

    private static string Costs(TempFolder folder) => SheetBuilder.Csv(folder, "costs.csv",
        ["Client ID", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream"],
        ["100", "01/04/2025", "", "5,200.00", "CSC Placements"],
        ["100", "31/02/2024", "", "900", "CSC Placements"],
        ["200", "01/09/2025", "", "650", "Pooled"]);

    [Fact]
    public async Task Mappings_SavedFromAFile_AreListedAndShownAsTheFileThatSavesThem()
    {
        using var folder = TestFiles.TempFolder();
        var db = folder.File("w.db");
        var file = folder.Write("costs.json", CostsMapping);

        var save = await WaypointProcess.RunAsync("mappings", "save", "--database", db, file);
        var list = await WaypointProcess.RunAsync("mappings", "list", "--database", db);
        var show = await WaypointProcess.RunAsync("mappings", "show", "--database", db, "finance placements");

        Assert.Equal(0, save.ExitCode);
        Assert.Equal("Saved the mapping 'finance placements' (placement costs) for council 999.", save.Stdout.Trim());
        Assert.StartsWith("finance placements\tplacement costs\tperson key 'Client ID' (councilChildId)\t4 fields, 2 values", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Equal(SpreadsheetMappings.FromJson(CostsMapping, "999").Fingerprint(""), SpreadsheetMappings.FromJson(show.Stdout, "999").Fingerprint(""));
    }

    [Fact]
    public async Task Mappings_Save_AMappingWithProblems_ExitsTwoAndSaysWhatToFix()
    {
        using var folder = TestFiles.TempFolder();
        var file = folder.Write("costs.json", CostsMapping.Replace("\"weeklyCost\": \"Weekly Cost (GBP)\", ", "", StringComparison.Ordinal));
        var broken = folder.Write("broken.json", "{ \"name\": \"x\" ");

        var save = await WaypointProcess.RunAsync("mappings", "save", "--database", folder.File("w.db"), file);
        var unreadable = await WaypointProcess.RunAsync("mappings", "save", "--database", folder.File("w.db"), broken);

        Assert.Equal(2, save.ExitCode);
        Assert.Contains("error: A placement costs sheet needs a heading for 'weeklyCost' (weekly cost).", save.Stderr, StringComparison.Ordinal);
        Assert.Contains("was not saved", save.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unreadable.ExitCode);
        Assert.StartsWith("error: broken.json: The mapping file is not a mapping:", unreadable.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShowsTheRowsAsMappedAndEveryProblem_WithoutWritingAnything()
    {
        using var folder = TestFiles.TempFolder();
        var mapping = folder.Write("costs.json", CostsMapping);
        var costs = Costs(folder);

        var run = await WaypointProcess.RunAsync("preview", "--mapping-file", mapping, costs);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal("costs.csv through 'finance placements': the first 3 rows as they will be imported.", lines[0]);
        Assert.Matches(@"^line\s+status\s+Client ID\s+Placement Start\s+Placement End\s+Weekly Cost \(GBP\)\s+Funding Stream$", lines[2]);
        Assert.Matches(@"^2\s+ok\s+100\s+2025-04-01\s+5200\.00\s+social care$", lines[4]);
        Assert.Matches(@"^3\s+rejected\s+100\s+", lines[5]);
        Assert.Matches(@"^4\s+warning\s+200\s+2025-09-01\s+650\.00\s+Pooled$", lines[6]);
        Assert.Contains("  error: costs.csv:3: Placement Start: '31/02/2024' is not a real date (dd/mm/yyyy or yyyy-mm-dd expected); the row is rejected", lines);
        Assert.Contains("  warning: costs.csv:4: Funding Stream: 'Pooled' is not a value the mapping 'finance placements' knows (social care, education, health, joint expected); kept as given", lines);
        Assert.Equal(["costs.csv", "costs.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Preview_ASheetWithoutAMappedHeading_ExitsTwoAndNamesTheHeading()
    {
        using var folder = TestFiles.TempFolder();
        var mapping = folder.Write("costs.json", CostsMapping);
        var costs = SheetBuilder.Csv(folder, "costs.csv", ["Client ID", "Start", "Weekly Cost (GBP)"], ["100", "01/04/2025", "100"]);

        var run = await WaypointProcess.RunAsync("preview", "--mapping-file", mapping, "--json", costs);

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("canImport").GetBoolean());
        var fatal = Assert.Single(json.RootElement.GetProperty("fatal").EnumerateArray());
        Assert.Equal("Placement Start, Placement End, Funding Stream", fatal.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_WithMapping_ImportsTheSheetAndLinksItToTheChild(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("100", "2010-01-01"), new ChildRow("200", "2011-01-01"));
        Assert.Equal(0, (await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), header])).ExitCode);
        Assert.Equal(0, (await WaypointProcess.RunAsync(["mappings", "save", .. ImportCommandTests.Database(database), folder.Write("costs.json", CostsMapping)])).ExitCode);

        var unknown = await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), "--mapping", "costs", Costs(folder)]);
        var run = await WaypointProcess.RunAsync(["import", .. ImportCommandTests.Database(database), "--mapping", "finance placements", Costs(folder)]);
        var links = await WaypointProcess.RunAsync(["links", .. ImportCommandTests.Database(database), "--json"]);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("fatal: costs.csv:0: (mapping): council 999 has no saved spreadsheet mapping named 'costs'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("costs.csv (council spreadsheet): read 3, imported 2, rejected 1, warnings 1", run.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(links.Stdout);
        var personOf = json.RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("sourceKey").GetString()!, l => l.GetProperty("personId").GetString());
        Assert.Equal(personOf["903:header.csv:100"], personOf["SHEET:costs.csv:100"]);
        Assert.Equal(personOf["903:header.csv:200"], personOf["SHEET:costs.csv:200"]);
    }
}
