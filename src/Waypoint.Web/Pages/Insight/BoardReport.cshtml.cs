using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Documents;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The Transitions Board's quarterly report (issue 8) as a printable page, a Word document and an Excel workbook, for a
/// quarter of the financial year and optionally a team's or a cohort's young people. Small numbers are always withheld,
/// whoever prepares it: the report goes to the board. Each download is audited as an export.
/// </summary>
public sealed class BoardReportModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time, WaypointSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }

    public BoardReport Report { get; private set; } = null!;
    public IReadOnlyList<string> Teams { get; private set; } = [];

    /// <summary>The last 8 complete quarters, newest first: two years of board meetings.</summary>
    public IReadOnlyList<FinancialQuarter> Quarters { get; private set; } = [];

    /// <summary>The query string of the report shown, for its download links.</summary>
    public Dictionary<string, string?> RouteValues => new()
    {
        ["quarter"] = Report.Quarter.Code,
        ["team"] = Report.Filter.Team,
        ["cohort"] = Report.Filter.Cohort,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await BuildAsync(cancellationToken);
        Teams = await Core.Access.Teams.NamesAsync(db, User.Council(), cancellationToken);
    }

    public async Task<IActionResult> OnGetWordAsync(CancellationToken cancellationToken)
    {
        var report = await BuildAsync(cancellationToken);
        await AuditAsync(report, "Word", cancellationToken);
        return File(BoardReportFiles.Word(report), WordFile.ContentType, report.FileName("docx"));
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var report = await BuildAsync(cancellationToken);
        await AuditAsync(report, "Excel", cancellationToken);
        return File(BoardReportFiles.Workbook(report), BoardReportFiles.WorkbookContentType, report.FileName("xlsx"));
    }

    /// <summary>The quarter asked for if it is one of those offered, otherwise the last complete one.</summary>
    private Task<BoardReport> BuildAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var last = FinancialQuarter.LastComplete(today);
        var quarters = new List<FinancialQuarter> { last };
        while (quarters.Count < 8) quarters.Add(quarters[^1].Previous);
        Quarters = quarters;
        var quarter = FinancialQuarter.Parse(Quarter) is { } asked && quarters.Contains(asked) ? asked : last;
        return BoardReport.BuildAsync(db, cache, User.Council(), settings.CouncilName, quarter, Team, Cohort, today, cancellationToken);
    }

    /// <summary>The report holds counts only, none from 1 to 4, but it leaves Waypoint: the data protection officer's list of exports shows it.</summary>
    private Task AuditAsync(BoardReport report, string format, CancellationToken cancellationToken) =>
        audit.RecordAsync(User, Exports.BoardReport, null, $"{format}, {report.Quarter.Code}; team={report.Filter.Team ?? "all"}, cohort={report.Filter.Cohort ?? "all"}; small numbers withheld", cancellationToken);
}
