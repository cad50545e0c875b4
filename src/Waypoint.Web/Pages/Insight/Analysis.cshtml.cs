using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;
using Waypoint.Web.Pages.People;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The analyst's view of everyone in scope: the tracker's rows with a stable pseudonym in place of who each young person
/// is (docs/security.md, "Analysts see pseudonymised data"). Viewing and downloading are audited like the tracker.
/// </summary>
public sealed class AnalysisModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time) : PageModel
{
    public const string CsvHeader = "Pseudonym,Age,Age band,Year and month of birth,Sex,Postcode district,Cohorts,EHC plan primary need,Stage,Care-leaver status,Likely to need adult care,Overdue milestones,Flags";

    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public TransitionsStage? Stage { get; set; }
    // "page" is the route value Razor Pages uses for the page itself, so the page number travels as "p" (as on the tracker).
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PseudonymisedPage? Results { get; private set; }
    public DateOnly AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = Today();
        Results = PseudonymisedRows.Apply(await RowsAsync(AsOf, cancellationToken), Query() with { Page = PageNumber });
        await audit.RecordAsync(User, "view-pseudonymised", null, $"{Results.Total} people, page {Results.Page}; {FiltersUsed()}", cancellationToken);
    }

    /// <summary>Every row that passes the filters, as CSV with its cells made safe for spreadsheets.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var asOf = Today();
        var rows = PseudonymisedRows.Filter(await RowsAsync(asOf, cancellationToken), Query());
        await audit.RecordAsync(User, "download-pseudonymised", null, $"{rows.Count} people; {FiltersUsed()}", cancellationToken);
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var r in rows)
        {
            csv.Append(CsvExport.Row(
            [
                r.Pseudonym, r.Age.ToString(CultureInfo.InvariantCulture), r.AgeBand, r.BirthMonth, SourceLabels.Sex(r.Sex), r.PostcodeDistrict,
                string.Join("; ", r.Cohorts.Select(Core.People.Cohort.Label)), r.EhcPrimaryNeed, TransitionsStages.Label(r.Stage),
                Core.Rules.CareLeaver.Label(r.CareLeaver), r.LikelyToNeedAdultCare ? "yes" : "no", string.Join("; ", r.Overdue), string.Join("; ", r.Flags),
            ]));
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv", $"pseudonymised-young-people-{asOf:yyyy-MM-dd}.csv");
    }

    /// <summary>
    /// Everyone in scope today, whatever the filters, as the analytics export for regional analysis: a zip of its two
    /// Parquet files, small groups generalised and small counts withheld (docs/operations.md). Audited as an export.
    /// </summary>
    public async Task<IActionResult> OnGetRegionalAnalysisAsync(CancellationToken cancellationToken)
    {
        var asOf = Today();
        var council = User.Council();
        var pseudonyms = await Pseudonyms.ForCouncilAsync(db, council, time.GetUtcNow(), cancellationToken);
        var export = AnalyticsExport.Of(council, asOf, await cache.RowsAsync(db, council, asOf, cancellationToken), pseudonyms);
        using var zip = new MemoryStream();
        await export.WriteZipAsync(zip, cancellationToken);
        await audit.RecordAsync(User, Exports.RegionalAnalysis, null, $"web, as of {asOf:yyyy-MM-dd}; {export.Totals.Describe()}", cancellationToken);
        return File(zip.ToArray(), "application/zip", export.ZipFile);
    }

    private async Task<IReadOnlyList<PseudonymisedRow>> RowsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var council = User.Council();
        var pseudonyms = await Pseudonyms.ForCouncilAsync(db, council, time.GetUtcNow(), cancellationToken);
        return PseudonymisedRows.Of(await cache.RowsAsync(db, council, asOf, cancellationToken), pseudonyms);
    }

    private PseudonymisedQuery Query() => new(Cohort, Age, Stage);

    /// <summary>The filters for the audit row: known values only, so nothing typed into the address reaches the trail.</summary>
    private string FiltersUsed() =>
        $"cohort={(Core.People.Cohort.All.Any(c => c.Id == Cohort) ? Cohort : "any")}, age={(Age is not null && Core.People.Age.Bands.Contains(Age) ? Age : "any")}, stage={Stage?.ToString() ?? "any"}";

    /// <summary>Route values for the current filters, with another page: for the pages and the download link.</summary>
    public Dictionary<string, string?> Filters(int? page = null) => new()
    {
        ["cohort"] = Cohort,
        ["age"] = Age,
        ["stage"] = Stage?.ToString(),
        ["p"] = (page ?? PageNumber).ToString(CultureInfo.InvariantCulture),
    };

    private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().Date);
}
