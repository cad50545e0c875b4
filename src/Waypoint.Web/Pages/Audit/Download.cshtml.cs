using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Audit;

/// <summary>
/// The audit trail between two dates as CSV, for the data protection officer to keep or to answer a request with. It
/// is written to the response as it is read, so a download of years never sits in memory. The download is itself in
/// the trail, and in the list of exports.
/// </summary>
public sealed class DownloadModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public const string CsvHeader = "Sequence,Time (UTC),User,Role,Action,Person reference,Detail,Hash";

    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();

    /// <summary>The form, with the last 30 days chosen.</summary>
    public void OnGet()
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        (From, To) = (DateParts.From(today.AddDays(-29)), DateParts.From(today));
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (From.Check("the start date") is { } fromProblem) ModelState.AddModelError(nameof(From), fromProblem);
        if (To.Check("the end date") is { } toProblem) ModelState.AddModelError(nameof(To), toProblem);
        if (ModelState.IsValid && To.Date < From.Date) ModelState.AddModelError(nameof(To), "The end date must be the same as or after the start date");
        if (!ModelState.IsValid) return Page();
        var (first, last) = (From.Date!.Value, To.Date!.Value);
        await audit.RecordAsync(User, Exports.AuditTrailCsv, null, $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}", cancellationToken);

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"audit-trail-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv" }.ToString();
        // Personal data: not to be kept in a shared computer's browser cache.
        Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16);
        await writer.WriteAsync(CsvHeader + "\r\n");
        // The days are the council's own: from the start of the first to the end of the last, in its time zone.
        await foreach (var l in AuditTrail.BetweenAsync(db, User.Council(), StartOf(first), StartOf(last.AddDays(1)), cancellationToken))
        {
            await writer.WriteAsync(CsvExport.Row(
            [
                l.Sequence?.ToString(CultureInfo.InvariantCulture), l.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), l.UserName, l.Role, l.Action,
                l.PersonReference, l.Detail, l.Hash,
            ]));
        }
        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    private DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, time.LocalTimeZone.GetUtcOffset(midnight));
    }
}
