using System.Globalization;
using System.IO.Compression;
using ClosedXML.Excel;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;
using static Waypoint.Core.Demo.CouncilSheetsBuilder;

namespace Waypoint.Core.Demo;

/// <summary>
/// Writes the demo council's own spreadsheets, with local headings and words that the demo's saved mappings read: the
/// finance team's children's placement costs as an Excel workbook (a title above the headings, as councils do) and the
/// health team's involvement list as CSV. ClosedXML holds a workbook in memory and takes seconds for every ten thousand
/// rows, so above <see cref="WorkbookUpToPeople"/> people the costs are written as CSV with the same headings.
/// </summary>
internal sealed partial class CouncilSheetsWriter : IDisposable
{
    public const string HealthFile = "health-involvement.csv";
    public const int WorkbookUpToPeople = 100_000;

    public static readonly string[] CostColumns = ["Client ID", "Placement Type", "Provider", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream"];

    public static readonly string[] HealthColumns =
        ["NHS No", "Client ID", "Surname", "Forename", "Date of Birth", "Service", "Referral Date", "Checklist Date", "Checklist Outcome", "Decision", "Decision Date", "End Date"];

    private const int HeadingRow = 3;
    private readonly string _directory;
    private readonly DemoContext _context;
    private readonly XLWorkbook? _workbook;
    private readonly IXLWorksheet? _sheet;
    private readonly CsvTableWriter? _costsCsv;
    private readonly CsvTableWriter _health;

    public CouncilSheetsWriter(string directory, DemoContext context)
    {
        _directory = directory;
        _context = context;
        CostsFile = CostsFileFor(context.Population.People);
        if (CostsFile.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            _workbook = new XLWorkbook();
            _sheet = _workbook.AddWorksheet("Placement costs");
            _sheet.Cell(1, 1).Value = $"Children's placement costs at {context.AsOf:dd/MM/yyyy} (council {context.Options.CouncilCode})";
            for (var c = 0; c < CostColumns.Length; c++) _sheet.Cell(HeadingRow, c + 1).Value = CostColumns[c];
        }
        else _costsCsv = new CsvTableWriter(directory, CostsFile, CostColumns);
        _health = new CsvTableWriter(directory, HealthFile, HealthColumns);
    }

    public const string CostsMappingName = "Demo placement costs";
    public const string HealthMappingName = "Demo health involvement";

    /// <summary>How the demo council reads its finance team's sheet: keyed by its child id, funding streams in its own words.</summary>
    public static SpreadsheetMapping CostsMapping(string council) => new()
    {
        CouncilCode = council,
        Name = CostsMappingName,
        Holds = SheetContent.PlacementCosts,
        PersonKeyHeading = "Client ID",
        PersonKeyIdentifier = IdentifierKind.CouncilChildId,
        Columns =
        [
            new() { Field = "placementType", Heading = "Placement Type" },
            new() { Field = "provider", Heading = "Provider" },
            new() { Field = "start", Heading = "Placement Start" },
            new() { Field = "end", Heading = "Placement End" },
            new() { Field = "weeklyCost", Heading = "Weekly Cost (GBP)" },
            new() { Field = "fundingStream", Heading = "Funding Stream" },
        ],
        Codes =
        [
            new() { Field = "fundingStream", Value = SocialCareFunding, Code = Involvements.FundingStreams.SocialCare },
            new() { Field = "fundingStream", Value = EducationFunding, Code = Involvements.FundingStreams.Education },
            new() { Field = "fundingStream", Value = JointFunding, Code = Involvements.FundingStreams.Joint },
        ],
    };

    /// <summary>How the demo council reads its health team's sheet: keyed by NHS number, with the child id where children's services know them.</summary>
    public static SpreadsheetMapping HealthMapping(string council) => new()
    {
        CouncilCode = council,
        Name = HealthMappingName,
        Holds = SheetContent.HealthInvolvement,
        PersonKeyHeading = "NHS No",
        PersonKeyIdentifier = IdentifierKind.NhsNumber,
        Columns =
        [
            new() { Field = IdentifierKind.CouncilChildId, Heading = "Client ID" },
            new() { Field = "surname", Heading = "Surname" },
            new() { Field = "forename", Heading = "Forename" },
            new() { Field = "dateOfBirth", Heading = "Date of Birth" },
            new() { Field = "service", Heading = "Service" },
            new() { Field = "start", Heading = "Referral Date" },
            new() { Field = "checklistDate", Heading = "Checklist Date" },
            new() { Field = "checklistOutcome", Heading = "Checklist Outcome" },
            new() { Field = "decision", Heading = "Decision" },
            new() { Field = "decisionDate", Heading = "Decision Date" },
            new() { Field = "end", Heading = "End Date" },
        ],
        Codes =
        [
            new() { Field = "service", Value = ContinuingHealthcare, Code = Involvements.HealthServices.ContinuingHealthcare },
            new() { Field = "service", Value = Camhs, Code = Involvements.HealthServices.Camhs },
            new() { Field = "service", Value = LearningDisabilityRegister, Code = Involvements.HealthServices.LearningDisabilityRegister },
            new() { Field = "checklistOutcome", Value = FullAssessment, Code = Involvements.ChecklistOutcomes.Positive },
            new() { Field = "checklistOutcome", Value = ScreenedOut, Code = Involvements.ChecklistOutcomes.Negative },
            new() { Field = "decision", Value = Eligible, Code = Involvements.CareDecisions.Eligible },
            new() { Field = "decision", Value = NotEligible, Code = Involvements.CareDecisions.NotEligible },
        ],
    };

    public static string CostsFileFor(int people) => people <= WorkbookUpToPeople ? "placement-costs.xlsx" : "placement-costs.csv";

    public string CostsFile { get; }

    public int CostRows { get; private set; }

    public int HealthRows => _health.Rows;

    public void Write(PersonLife p)
    {
        foreach (var cost in p.PlacementCosts)
        {
            CostRows++;
            if (_sheet is not null)
            {
                var row = HeadingRow + CostRows;
                _sheet.Cell(row, 1).SetValue(p.ChildId);
                _sheet.Cell(row, 2).SetValue(cost.Type);
                _sheet.Cell(row, 3).SetValue(cost.Provider);
                SetDate(_sheet.Cell(row, 4), cost.Start);
                if (cost.End is { } end) SetDate(_sheet.Cell(row, 5), end);
                _sheet.Cell(row, 6).SetValue(cost.WeeklyCost).Style.NumberFormat.Format = "#,##0.00";
                _sheet.Cell(row, 7).SetValue(cost.Funding);
            }
            else
            {
                _costsCsv!.Field(p.ChildId).Field(cost.Type).Field(cost.Provider).Field(cost.Start).Field(cost.End)
                    .Field(cost.WeeklyCost.ToString("0.00", CultureInfo.InvariantCulture)).Field(cost.Funding).EndRow();
            }
        }
        foreach (var h in p.Health)
        {
            _health.Field(p.NhsNumber).Field(p.ChildId).Field(p.Surname).Field(p.Forename).Field(p.DateOfBirth).Field(h.Service)
                .Field(h.Referred).Field(h.Checklist).Field(h.ChecklistOutcome).Field(h.Decision).Field(h.Decided).Field(h.Ended).EndRow();
        }
    }

    private static void SetDate(IXLCell cell, DateOnly date) =>
        cell.SetValue(date.ToDateTime(TimeOnly.MinValue)).Style.NumberFormat.Format = "dd/mm/yyyy";

    public void Dispose()
    {
        _health.Dispose();
        _costsCsv?.Dispose();
        if (_workbook is null) return;
        // The same options give the same bytes: the workbook's dates and the zip's entry times are the as-of date, not now.
        var asOf = _context.AsOf.ToDateTime(TimeOnly.MinValue);
        _workbook.Properties.Created = asOf;
        _workbook.Properties.Modified = asOf;
        _sheet!.Column(1).Width = 12;
        for (var c = 2; c <= CostColumns.Length; c++) _sheet.Column(c).Width = 22;
        var path = Path.Combine(_directory, CostsFile);
        _workbook.SaveAs(path);
        _workbook.Dispose();
        MakeRepeatable(path, new DateTimeOffset(asOf, TimeSpan.Zero));
    }

    /// <summary>
    /// System.IO.Packaging, under ClosedXML, names the core-properties part and two package relationships with random
    /// ids, and stamps each zip entry with the time: fixed names and times make the same workbook the same bytes.
    /// </summary>
    private static void MakeRepeatable(string path, DateTimeOffset when)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var relationships = zip.GetEntry("_rels/.rels")!;
        string text;
        using (var reader = new StreamReader(relationships.Open())) text = reader.ReadToEnd();
        relationships.Delete();
        var core = zip.Entries.Single(e => e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal));
        const string CoreName = "package/services/metadata/core-properties/core.psmdcp";
        text = text.Replace(core.FullName, CoreName, StringComparison.Ordinal);
        var n = 0;
        text = RandomRelationshipId().Replace(text, _ => $"Id=\"Rwp{++n}\"");
        using (var copy = zip.CreateEntry(CoreName).Open())
        using (var original = core.Open()) original.CopyTo(copy);
        core.Delete();
        using (var writer = new StreamWriter(zip.CreateEntry("_rels/.rels").Open())) writer.Write(text);
        foreach (var entry in zip.Entries) entry.LastWriteTime = when;
    }

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial System.Text.RegularExpressions.Regex RandomRelationshipId();
}
