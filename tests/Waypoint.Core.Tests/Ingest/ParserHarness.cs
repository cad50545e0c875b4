using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>Runs one parser over one file, as the importer would, and keeps what it yields.</summary>
internal sealed class ParserHarness
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    private ParserHarness(FileReport report, List<ParsedItem> items)
    {
        Report = report;
        Items = items;
    }

    public FileReport Report { get; }
    public List<ParsedItem> Items { get; }
    public List<ParsedRecord> Records => Items.OfType<ParsedRecord>().ToList();
    public List<ParsedDetail> Details => Items.OfType<ParsedDetail>().ToList();
    public IEnumerable<T> All<T>() where T : RecordDetail =>
        Records.SelectMany(r => r.Details).Concat(Details.Select(d => d.Detail)).OfType<T>();

    public IEnumerable<ImportProblem> Problems(Severity severity) => Report.Problems.Where(p => p.Severity == severity);

    public static ParserHarness Run(string path, string council = "999")
    {
        var report = new FileReport(path, FormatDetector.Detect(path));
        var context = new ParseContext(report, council, Today, new IdAllocator());
        return new ParserHarness(report, Importer.Parse(context).ToList());
    }
}
