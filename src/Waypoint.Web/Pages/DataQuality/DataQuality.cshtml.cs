using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.DataQuality;

/// <summary>
/// Every problem the council's imports found (docs/data-quality.md): filtered by import, file, severity and rule, with
/// counts by rule, the trend over the latest imports and a CSV download. Messages quote identifiers, so viewing and
/// downloading them are audited, and only the roles of <see cref="Roles.SeeDataQuality"/> get the page.
/// </summary>
public sealed class DataQualityModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Severities = [nameof(Core.Ingest.Severity.Error), nameof(Core.Ingest.Severity.Warning)];

    public const string CsvHeader = "Batch,File,Line or element,Field,Rule,Message,Severity";

    [BindProperty(SupportsGet = true)] public long? Batch { get; set; }
    [BindProperty(SupportsGet = true, Name = "file")] public string? FileName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    // "page" is the route value Razor Pages uses for the page itself, so the page number travels as "p" (as on the tracker).
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public DataQualitySummary? Summary { get; private set; }
    public IReadOnlyList<DataQualityMessage> Rows { get; private set; } = [];
    public int PageCount { get; private set; }

    /// <summary>The rules in the trend table, the most frequent first.</summary>
    public IReadOnlyList<string> TrendRules { get; private set; } = [];

    public bool Filtered => Batch is not null || FileName is not null || Severity is not null || Rule is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var council = User.Council();
        var summary = Summary = await Core.Ingest.DataQuality.SummaryAsync(db, council, Filter(), cancellationToken);
        if (summary.Imports.Count == 0) return;

        PageCount = Math.Max(1, (summary.Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Core.Ingest.DataQuality.PageAsync(db, summary, Filter(), (PageNumber - 1) * PageSize, PageSize, cancellationToken);
        TrendRules = summary.Trend.GroupBy(t => t.Key.Rule).OrderByDescending(g => g.Sum(t => t.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

        await audit.RecordAsync(User, "view-data-quality", null, $"{Rows.Count} of {summary.Total} messages; {FilterText()}", cancellationToken);
    }

    /// <summary>
    /// The messages chosen (all pages) as CSV, written to the response as they are read, so a download of any size
    /// never sits in memory. Audited like the tracker's download.
    /// </summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var summary = await Core.Ingest.DataQuality.SummaryAsync(db, User.Council(), Filter(), cancellationToken);
        await audit.RecordAsync(User, Exports.DataQuality, null, $"{summary.Total} messages; {FilterText()}", cancellationToken);

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"data-quality-{DateOnly.FromDateTime(time.GetLocalNow().Date):yyyy-MM-dd}.csv",
        }.ToString();
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16);
        await writer.WriteAsync(CsvHeader + "\r\n");
        await foreach (var m in Core.Ingest.DataQuality.AllAsync(db, summary, Filter(), cancellationToken))
        {
            await writer.WriteAsync(CsvExport.Row(
                [m.Batch.ToString(CultureInfo.InvariantCulture), m.File, m.Line.ToString(CultureInfo.InvariantCulture), m.Field, m.Rule, m.Text, m.Severity]));
        }
        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    private DataQualityFilter Filter() => new(Batch, FileName, Severities.Contains(Severity) ? Severity : null, Rule);

    /// <summary>What was chosen, for the audit trail. A file's name is said to be chosen, not named: names can be anything.</summary>
    private string FilterText() =>
        $"batch={Batch?.ToString(CultureInfo.InvariantCulture) ?? "any"}, file={(FileName is null ? "any" : "chosen")}, severity={Severity ?? "any"}, rule={Rule ?? "any"}";

    /// <summary>Route values for the current filters, with changes: for links to a rule, pages and the download.</summary>
    public Dictionary<string, string?> Filters(int? page = null, string? rule = null) => new()
    {
        ["batch"] = Batch?.ToString(CultureInfo.InvariantCulture),
        ["file"] = FileName,
        ["severity"] = Severity,
        ["rule"] = rule ?? Rule,
        ["p"] = (page ?? PageNumber).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>An XML element path, allowed to wrap after each slash so the table fits the page; every part is encoded.</summary>
    public static IHtmlContent BreakAfterSlashes(string field) =>
        new HtmlString(string.Join("/<wbr>", field.Split('/').Select(part => HtmlEncoder.Default.Encode(part))));

    public static string ImportLabel(ImportSummary import) =>
        $"Import {import.Batch}, {import.CompletedAt.ToLocalTime():d MMM yyyy HH:mm} ({import.Files} {(import.Files == 1 ? "file" : "files")})";
}
