using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Spreadsheets;

/// <summary>Council spreadsheets read through a mapping, CSV and XLSX alike, with formats.md section 7's severities.</summary>
public class SpreadsheetParserTests
{
    private sealed record Parsed(FileReport Report, List<ParsedItem> Items)
    {
        public List<ParsedRecord> Records => Items.OfType<ParsedRecord>().ToList();

        public IEnumerable<T> All<T>() where T : RecordDetail =>
            Records.SelectMany(r => r.Details).Concat(Items.OfType<ParsedDetail>().Select(d => d.Detail)).OfType<T>();

        public IEnumerable<string> Problems(Severity severity) => Report.Problems.Where(p => p.Severity == severity).Select(p => p.ToString());
    }

    private static Parsed Parse(string path, SpreadsheetMapping mapping)
    {
        var report = new FileReport(path, SourceFileKind.Spreadsheet);
        var context = new ParseContext(report, "999", ParserHarness.Today, new IdAllocator()) { Mapping = mapping };
        return new Parsed(report, SpreadsheetParser.Parse(path, context, mapping).ToList());
    }

    private static readonly string?[] Headings = SheetBuilder.CostHeadings;

    [Fact]
    public void Csv_PlacementCosts_OneRecordPerChild_WithEveryRowACostAndLocalValuesMapped()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "costs.csv", Headings,
            ["100", "03/05/2024", "", "£4,250.50", "CSC Placements", "Oak House"],
            ["100", "2023-01-01", "2024-05-02", "950", "high needs block", "Elm School"],
            ["200", "1/9/2025", "", "600", "Social care", ""]);

        var parsed = Parse(path, SheetBuilder.PlacementCosts());

        Assert.Empty(parsed.Report.Problems);
        Assert.Equal(["100", "200"], parsed.Records.Select(r => r.Record.LocalKey));
        Assert.Equal("SHEET:costs.csv:100", parsed.Records[0].Record.SourceKey);
        var id = Assert.Single(parsed.Records[0].Identifiers);
        Assert.Equal((IdentifierKind.CouncilChildId, "100", true), (id.Kind, id.Value, id.IsValid));
        var costs = parsed.All<ChildPlacementCost>().OrderBy(c => c.Line).ToList();
        Assert.Equal(
            [(2, new DateOnly(2024, 5, 3), (DateOnly?)null, 4250.50m, "social care", "Oak House"),
             (3, new DateOnly(2023, 1, 1), new DateOnly(2024, 5, 2), 950m, "education", "Elm School"),
             (4, new DateOnly(2025, 9, 1), null, 600m, "social care", null)],
            costs.Select(c => (c.Line, c.StartDate, c.EndDate, c.WeeklyCost, c.FundingStream, c.Provider)));
        Assert.Equal((3, 0, 3), (parsed.Items.Count, parsed.Report.Rejected, parsed.Report.RecordsRead));
    }

    [Fact]
    public void Csv_WithATitleAndNotesAboveTheHeadings_IsReadFromTheHeadingRow_WithFileLineNumbers()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "costs.csv", ["Finance report - children's placements", "", ""], ["Run 3 April 2026", "", ""], Headings,
            ["100", "03/05/2024", "", "£4,250.50", "CSC Placements", "Oak House"],
            ["", "31/02/2024", "", "100", "CSC Placements", ""]);

        var parsed = Parse(path, SheetBuilder.PlacementCosts());

        Assert.Equal("costs.csv:5: Client ID: is missing: the row does not say whose it is; the row is rejected", Assert.Single(parsed.Report.Problems).ToString());
        Assert.Equal([(4, 4250.50m)], parsed.All<ChildPlacementCost>().Select(c => (c.Line, c.WeeklyCost)));
    }

    [Fact]
    public void Xlsx_WithATitleRowDateCellsNumbersAndAFormula_ReadsAsTheCsvDoesWithWorksheetRowNumbers()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Xlsx(folder, "costs.xlsx", "Placement costs 2025-26", [.. Headings],
            [100, new DateTime(2024, 5, 3), null, 4250.5, "CSC Placements", "Oak House"],
            [100, "01/01/2023", new DateTime(2024, 5, 2), "=475*2", "High Needs Block", "Elm School"]);

        var parsed = Parse(path, SheetBuilder.PlacementCosts());

        Assert.Empty(parsed.Report.Problems);
        var record = Assert.Single(parsed.Records);
        Assert.Equal("100", record.Record.LocalKey);
        Assert.Equal(
            [(4, new DateOnly(2024, 5, 3), (DateOnly?)null, 4250.50m, "social care"), (5, new DateOnly(2023, 1, 1), new DateOnly(2024, 5, 2), 950m, "education")],
            parsed.All<ChildPlacementCost>().OrderBy(c => c.Line).Select(c => (c.Line, c.StartDate, c.EndDate, c.WeeklyCost, c.FundingStream)));
    }

    /// <summary>One bad row each; its problem, with the sheet's heading, and whether the row was kept.</summary>
    [Theory]
    [InlineData(new[] { "", "03/05/2024", "", "100", "CSC Placements", "" }, "error", "costs.csv:2: Client ID: is missing: the row does not say whose it is; the row is rejected", false)]
    [InlineData(new[] { "100", "31/02/2024", "", "100", "CSC Placements", "" }, "error", "costs.csv:2: Placement Start: '31/02/2024' is not a real date (dd/mm/yyyy or yyyy-mm-dd expected); the row is rejected", false)]
    [InlineData(new[] { "100", "", "", "100", "CSC Placements", "" }, "error", "costs.csv:2: Placement Start: is missing; the row is rejected", false)]
    [InlineData(new[] { "100", "03/05/2024", "", "a lot", "CSC Placements", "" }, "error", "costs.csv:2: Weekly Cost (GBP): 'a lot' is not an amount of money in pounds; the row is rejected", false)]
    [InlineData(new[] { "100", "03/05/2024", "02/05/2024", "100", "CSC Placements", "" }, "error", "costs.csv:2: Placement End: the placement ends (02/05/2024) before it starts (03/05/2024); the row is rejected", false)]
    [InlineData(new[] { "100", "03/05/2024", "", "100", "Pooled budget", "" }, "warning", "costs.csv:2: Funding Stream: 'Pooled budget' is not a value the mapping 'placement costs' knows (social care, education, health, joint expected); kept as given", true)]
    public void Row_problems_have_the_severity_of_the_table(string[] row, string severity, string message, bool kept)
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "costs.csv", Headings, row);

        var parsed = Parse(path, SheetBuilder.PlacementCosts());

        var problem = Assert.Single(parsed.Report.Problems);
        Assert.Equal((severity, message), (problem.Severity.ToString().ToLowerInvariant(), problem.ToString()));
        Assert.Equal(kept, parsed.All<ChildPlacementCost>().Any());
        Assert.Equal(kept ? 0 : 1, parsed.Report.Rejected);
        if (kept) Assert.Equal("Pooled budget", parsed.All<ChildPlacementCost>().Single().FundingStream);
    }

    [Fact]
    public void A_missing_mapped_heading_is_fatal_and_names_the_headings_the_sheet_has()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "costs.csv", ["Client ID", "Start", "Weekly Cost (GBP)"], ["100", "03/05/2024", "100"]);

        var e = Assert.Throws<ImportFatalException>(() => Parse(path, SheetBuilder.PlacementCosts()));

        Assert.Equal(
            "costs.csv:1: Placement Start, Placement End, Funding Stream, Provider: the mapping 'placement costs' reads headings the sheet does not have: "
            + "Placement Start, Placement End, Funding Stream, Provider (it has: Client ID, Start, Weekly Cost (GBP))", e.Problem.ToString());
    }

    [Fact]
    public void A_rejected_person_takes_their_later_rows_with_them()
    {
        using var folder = TestFiles.TempFolder();
        var mapping = SheetBuilder.PlacementCosts();
        mapping.Columns.Add(new SpreadsheetColumn { Field = "dateOfBirth", Heading = "DOB" });
        var path = SheetBuilder.Csv(folder, "costs.csv", [.. Headings, "DOB"],
            ["100", "03/05/2024", "", "100", "", "", "01/01/2030"],
            ["100", "03/06/2024", "", "100", "", "", "01/01/2010"]);

        var parsed = Parse(path, mapping);

        Assert.Empty(parsed.Items);
        Assert.Equal(
            ["costs.csv:2: DOB: date of birth 01/01/2030 is impossible; the row is rejected", "costs.csv:3: Client ID: 100 was rejected at line 2; this row is rejected with them"],
            parsed.Problems(Severity.Error));
        Assert.Equal(2, parsed.Report.Rejected);
    }

    [Fact]
    public void Health_involvement_keyed_by_NHS_number_keeps_an_invalid_number_as_a_warning_and_adds_the_child_id()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "health.csv", SheetBuilder.HealthHeadings,
            ["943 476 5919", "100", "03/05/2009", "Continuing Healthcare", "10/06/2026", "Full assessment", "Eligible", "01/09/2026"],
            ["9990000019", "", "", "CAMHS", "", "", "", ""]);

        var parsed = Parse(path, SheetBuilder.HealthInvolvement());

        Assert.Equal(["health.csv:3: NHS No: '9990000019' is not a valid NHS number (its modulus 11 check digit is wrong); kept but not used for linking"],
            parsed.Report.Problems.Select(p => p.ToString()));
        Assert.Equal(["9434765919", "9990000019"], parsed.Records.Select(r => r.Record.LocalKey));
        Assert.Equal([(IdentifierKind.NhsNumber, "9434765919", true), (IdentifierKind.CouncilChildId, "100", true)],
            parsed.Records[0].Identifiers.Select(i => (i.Kind, i.Value, i.IsValid)));
        Assert.Equal(new DateOnly(2009, 5, 3), parsed.Records[0].Record.DateOfBirth);
        var chc = parsed.All<HealthInvolvement>().First();
        Assert.Equal(("CHC", new DateOnly(2026, 6, 10), "positive", new DateOnly(2026, 9, 1), "eligible"),
            (chc.Service, chc.ChecklistDate, chc.ChecklistOutcome, chc.DecisionDate, chc.Decision));
        Assert.Equal("CAMHS", parsed.All<HealthInvolvement>().Last().Service);
    }

    [Fact]
    public void A_local_tracker_has_one_row_per_person()
    {
        using var folder = TestFiles.TempFolder();
        var mapping = new SpreadsheetMapping
        {
            CouncilCode = "999",
            Name = "tracker",
            Holds = SheetContent.LocalTracker,
            PersonKeyHeading = "Child ID",
            PersonKeyIdentifier = IdentifierKind.CouncilChildId,
            Columns = [new() { Field = IdentifierKind.NhsNumber, Heading = "NHS" }, new() { Field = "sex", Heading = "Gender" }],
        };
        var path = SheetBuilder.Csv(folder, "tracker.csv", ["Child ID", "NHS", "Gender"], ["100", "9434765919", "Female"], ["100", "9434765870", "F"]);

        var parsed = Parse(path, mapping);

        var record = Assert.Single(parsed.Records);
        Assert.Equal("F", record.Record.Sex);
        Assert.Empty(record.Details);
        Assert.Equal(["tracker.csv:3: Child ID: 100 appears more than once in the sheet (first at line 2); this row is rejected"], parsed.Problems(Severity.Error));
    }

    [Theory]
    [InlineData("xls", "an Excel 97-2003 workbook (.xls) cannot be read")]
    [InlineData("damaged", "the file is not a workbook Excel can open")]
    [InlineData("worksheet", "the workbook has no worksheet named 'Costs' (it has: Sheet1)")]
    public void Workbooks_that_cannot_be_read_are_fatal(string kind, string message)
    {
        using var folder = TestFiles.TempFolder();
        var mapping = SheetBuilder.PlacementCosts();
        string path;
        if (kind == "worksheet")
        {
            path = SheetBuilder.Xlsx(folder, "costs.xlsx", null, [.. Headings]);
            mapping.Worksheet = "Costs";
        }
        else
        {
            path = folder.File("costs.xlsx");
            File.WriteAllBytes(path, kind == "xls" ? [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] : [(byte)'P', (byte)'K', 3, 4, 1, 2, 3]);
        }

        var e = Assert.Throws<ImportFatalException>(() => Parse(path, mapping));

        Assert.Contains(message, e.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_says_what_is_wrong_with_it()
    {
        var mapping = SheetBuilder.PlacementCosts();
        Assert.Empty(mapping.Check());
        mapping.Columns.RemoveAll(c => c.Field == "weeklyCost");
        mapping.Columns.Add(new SpreadsheetColumn { Field = "checklistDate", Heading = "Checklist" });
        mapping.Codes.Add(new SpreadsheetCode { Field = "fundingStream", Value = "Pooled", Code = "pooled" });
        mapping.PersonKeyIdentifier = "upn";

        Assert.Equal(
            [
                "The person key identifier 'upn' is not one of: councilChildId, adultPersonId, nhsNumber.",
                "'checklistDate' is not a field of a placement costs sheet; its fields are: forename, surname, dateOfBirth, sex, postcode, councilChildId, adultPersonId, nhsNumber, upn, start, end, weeklyCost, fundingStream, placementType, provider.",
                "A placement costs sheet needs a heading for 'weeklyCost' (weekly cost).",
                "'Pooled' is mapped to 'pooled', which is not a funding stream code (social care, education, health, joint).",
            ],
            mapping.Check());
    }

    [Fact]
    public void A_mapping_survives_its_JSON_file_and_a_broken_file_says_why()
    {
        var mapping = SheetBuilder.HealthInvolvement();

        var json = SpreadsheetMappings.ToJson(mapping);
        var back = SpreadsheetMappings.FromJson(json, "999");

        Assert.Equal(mapping.Fingerprint(""), back.Fingerprint(""));
        Assert.Contains("\"holds\": \"healthInvolvement\"", json, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => SpreadsheetMappings.FromJson("{\"name\": \"x\", \"holds\": \"costs\"}", "999"));
        Assert.StartsWith("The mapping file is not a mapping:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_shows_the_first_rows_as_mapped_with_their_problems_and_writes_nothing()
    {
        using var folder = TestFiles.TempFolder();
        var path = SheetBuilder.Csv(folder, "costs.csv", Headings,
            ["100", "03/05/2024", "", "1000", "CSC Placements", "Oak House"],
            ["", "03/05/2024", "", "1000", "CSC Placements", ""],
            ["200", "03/05/2024", "", "1000", "Pooled", ""],
            ["300", "03/05/2024", "", "1000", "", ""]);

        var preview = SpreadsheetPreview.Read(path, SheetBuilder.PlacementCosts(), ParserHarness.Today, rows: 3);

        Assert.True(preview.CanImport);
        Assert.Equal(["Client ID", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream", "Provider"], preview.Columns.Select(c => c.Heading));
        Assert.Equal([2, 3, 4], preview.Rows.Select(r => r.Line));
        Assert.Equal(["100", "2024-05-03", null, "1000.00", "social care", "Oak House"], preview.Rows[0].Values.Select(v => v.Value));
        Assert.Equal([false, true, false], preview.Rows.Select(r => r.Rejected));
        Assert.Equal(Severity.Warning, Assert.Single(preview.Rows[2].Problems).Severity);

        var broken = SheetBuilder.PlacementCosts();
        broken.Columns[0].Heading = "Start Date";
        var fatal = SpreadsheetPreview.Read(path, broken, ParserHarness.Today);
        Assert.False(fatal.CanImport);
        Assert.Contains("Start Date", Assert.Single(fatal.Fatal).Message, StringComparison.Ordinal);
    }
}
