using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// Counts of the young people in scope, fit to share outside the team: numbers under 5 are withheld, and so are enough
/// others that none can be worked out from the totals (docs/security.md, "Small numbers").
/// </summary>
public sealed class SummaryModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time) : PageModel
{
    public const string AllAges = CohortSummary.AllAges;

    public IReadOnlyList<SummaryTable> Tables { get; private set; } = [];
    public DateOnly AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = Today();
        Tables = CohortSummary.Of(await cache.RowsAsync(db, User.Council(), AsOf, cancellationToken));
    }

    /// <summary>The same tables as CSV, withheld the same way: an export is what leaves the team, so it is audited.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var asOf = Today();
        var tables = CohortSummary.Of(await cache.RowsAsync(db, User.Council(), asOf, cancellationToken));
        await audit.RecordAsync(User, "download-summary", null, "counts with small numbers withheld", cancellationToken);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CsvExport.Write(Csv(tables, asOf)))).ToArray(), "text/csv", $"young-people-summary-{asOf:yyyy-MM-dd}.csv");
    }

    /// <summary>Each table under its caption, with its totals where they add up, then the note on what the symbols mean.</summary>
    public static IEnumerable<IReadOnlyList<string?>> Csv(IReadOnlyList<SummaryTable> tables, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tables);
        yield return [$"Young people in scope on {asOf:yyyy-MM-dd}"];
        foreach (var table in tables)
        {
            yield return [];
            yield return [table.Caption];
            yield return [table.RowHeading, .. table.Columns, AllAges];
            for (var r = 0; r < table.Rows.Count; r++)
                yield return [table.Rows[r], .. table.Counts.Cells[r].Select(c => c.Text), table.Counts.RowTotals[r].Text];
            if (table.Counts.Total is { } total)
                yield return [TotalLabel, .. table.Counts.ColumnTotals.Select(c => c.Text), total.Text];
        }
        yield return [];
        yield return [Note];
        yield return [SecondaryNote];
    }

    public const string TotalLabel = CohortSummary.TotalLabel;
    public const string Note = "<5: a number from 1 to 4, withheld so that no young person can be recognised. 0 means none.";
    public const string SecondaryNote = "[c]: a larger number withheld so that a number under 5 cannot be worked out from the totals.";

    private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().Date);
}
