using ClosedXML.Excel;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Core.Documents;
using Waypoint.Core.Rules;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The board report as files to send to the board: a Word document with the page's content (each chart as its table and
/// its text alternative), and the measures as an Excel workbook. Both hold counts with small numbers withheld and name
/// no young person, so they are marked OFFICIAL (Government Security Classifications), not OFFICIAL-SENSITIVE.
/// </summary>
public static class BoardReportFiles
{
    public const string Marking = "OFFICIAL";
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Word(BoardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new WordDocument();
        document.Title(report.Title);
        document.Paragraph(Cover(report));
        document.Paragraph(BoardReport.SmallNumbersNote + " " + BoardReport.SecondaryNote);

        document.Heading(1, "At a glance");
        document.Bullets(report.AtAGlance.Select(g => $"{g.Heading}: {g.Figure}"));

        foreach (var (section, charts) in report.Sections)
        {
            document.Heading(1, section.Heading);
            document.Paragraph(section.About);
            if (section.Working.Count > 0) document.Table(["", ""], section.Working.Select(f => new[] { f.Term, f.Value }), firstColumnIsHeading: true);
            foreach (var chart in charts)
            {
                document.Heading(2, chart.Title);
                document.Paragraph(chart.Description);
                document.Table(BoardReport.Headings(chart), BoardReport.Rows(chart), firstColumnIsHeading: true);
            }
        }

        document.Heading(1, "Delivery plan");
        var plan = report.Plan;
        if (plan.Total == 0) document.Paragraph("The delivery plan has no actions yet.");
        else
        {
            document.Paragraph($"{plan.Total:N0} actions in the council's transitions strategy, by status.");
            document.Table(["Status", "Rating", "Actions"], plan.ByStatus.Select(c => new[] { c.Label, DeliveryPlans.Label(c.Rag), c.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }), firstColumnIsHeading: true);
            document.Heading(2, "Delayed actions");
            if (plan.Delayed.Count == 0) document.Paragraph("No action is delayed.");
            else document.Table(["Action", "Owner and timescale", "Status", "Latest note"], plan.Delayed.Select(DelayedRow));
        }

        document.Heading(1, "Notes");
        document.Bullets([BoardReport.SmallNumbersNote, BoardReport.SecondaryNote, BoardReport.TrendNote]);
        document.Heading(2, "What each measure counts");
        document.Table(["Measure", "What it counts"], report.Sections.Select(s => new[] { s.Section.Heading, s.Section.About }), firstColumnIsHeading: true);
        return document.Save(report.Title, Marking);
    }

    /// <summary>A contents sheet, one sheet per measure with its tables, and a notes sheet. Every cell is text, neutralised against formulas.</summary>
    public static byte[] Workbook(BoardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var contents = workbook.Worksheets.Add("Contents");
        var row = 1;
        void Line(IXLWorksheet sheet, bool bold, params string[] values)
        {
            for (var c = 0; c < values.Length; c++) SheetCells.Text(sheet.Cell(row, c + 1), values[c]).Style.Font.Bold = bold;
            row++;
        }
        Line(contents, true, report.Title);
        Line(contents, false, Cover(report));
        Line(contents, false, Marking);
        row++;
        Line(contents, true, "Sheet", "Measure", "What it counts");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Contents", "Notes" };
        var sheets = report.Sections.Select(s => (s, Name: SheetName(s.Section.Heading, names))).ToList();
        foreach (var (s, name) in sheets) Line(contents, false, name, s.Section.Heading, s.Section.About);
        Line(contents, false, "Notes", "Notes", "What <5 and [c] mean; trends; measures of a day");
        Finish(contents, 3);

        foreach (var (s, name) in sheets)
        {
            var sheet = workbook.Worksheets.Add(name);
            row = 1;
            Line(sheet, true, s.Section.Heading);
            Line(sheet, false, s.Section.About);
            if (s.Section.Trend is not null && s.Headline(report.Period) is { } headline) Line(sheet, false, headline);
            foreach (var fact in s.Section.Working) Line(sheet, false, fact.Term, fact.Value);
            foreach (var chart in s.Charts)
            {
                row++;
                Line(sheet, true, chart.Title);
                Line(sheet, true, BoardReport.Headings(chart));
                foreach (var r in BoardReport.Rows(chart)) Line(sheet, false, r);
            }
            Finish(sheet, s.Charts.Select(c => BoardReport.Headings(c).Length).DefaultIfEmpty(2).Max());
        }

        var notes = workbook.Worksheets.Add("Notes");
        row = 1;
        Line(notes, true, "Notes");
        foreach (var note in new[] { BoardReport.SmallNumbersNote, BoardReport.SecondaryNote, BoardReport.TrendNote }) Line(notes, false, note);
        Finish(notes, 1);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Cover(BoardReport report) =>
        $"{(report.CouncilName is { } council ? council + ". " : "")}{report.Scope}. Prepared on {Dates.Format(report.PreparedOn)}.";

    private static string[] DelayedRow(DelayedAction d) =>
    [
        $"{d.Reference} {d.Action}",
        string.Join(", ", new[] { d.Owner, d.Timescale }.Where(t => !string.IsNullOrWhiteSpace(t))),
        DeliveryPlans.Label(d.Status),
        d.LatestNote is null ? "" : d.LatestNote + (d.NotedAt is { } at ? $" ({Dates.Format(DateOnly.FromDateTime(at.Date))})" : ""),
    ];

    /// <summary>A worksheet's name from a heading: at most 31 characters, none of Excel's forbidden ones, and not used already.</summary>
    private static string SheetName(string heading, HashSet<string> used)
    {
        var clean = new string([.. heading.Where(ch => ch is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim();
        var name = clean.Length > 31 ? clean[..31].TrimEnd() : clean;
        for (var n = 2; !used.Add(name); n++) name = $"{(clean.Length > 27 ? clean[..27] : clean).TrimEnd()} ({n})";
        return name;
    }

    private static void Finish(IXLWorksheet sheet, int columns)
    {
        sheet.Column(1).Width = 40;
        if (columns > 1) sheet.Columns(2, columns).Width = 24;
        if (columns > 2) sheet.Column(3).Width = 80;
        sheet.Columns(1, columns).Style.Alignment.WrapText = true;
        sheet.Columns(1, columns).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }
}
