using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Imports;

/// <summary>How far an import has got, in words: the result page shows it, and its script asks for it again as it runs.</summary>
public sealed record ImportProgressText(bool Finished, string Status, string Step, string Records)
{
    public static ImportProgressText For(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var progress = job.Progress;
        var step = progress switch
        {
            _ when job.State == ImportJobState.Queued => "Waiting",
            null => "Starting",
            { Stage: "Checking" } => $"Checking {progress.File}",
            { Stage: "Importing" } => $"Reading {progress.File}",
            { Stage: "Imported" } => $"Read {progress.File}",
            { Stage: "Linking" } => "Linking records into people",
            _ => $"{progress.Stage} {progress.File}".Trim(),
        };
        var records = progress is { File: not null, RecordsRead: > 0 } ? $"{progress.RecordsRead:N0} in {progress.File}" : "Not yet counted";
        return new ImportProgressText(job.Finished, IndexModel.StateLabel(job), step, records);
    }
}

/// <summary>
/// One import from the web: its progress while it waits and runs (with a button to cancel it), then its result, for a
/// day; any web node answers it. The id is the upload's random one. Problems shown quote identifiers, so a view of a
/// result with problems is audited, as the data quality page is.
/// </summary>
public sealed class ResultModel(WaypointDbContext db, AuditLog audit, ImportRunner jobs) : PageModel
{
    public Guid Id { get; private set; }
    public ImportJob? Job { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        Job = await jobs.FindAsync(db, id, User.Council(), cancellationToken);
        if (Job is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Job.State == ImportJobState.AwaitingPreview && Job.UserName == User.Name()) return Redirect($"/imports/{id}/preview");
        if (Job.Outcome is { } outcome && outcome.Files.Sum(f => f.Fatal.Count + f.Errors.Count) is var shown and > 0)
            await audit.RecordAsync(User, "view-import-result", null, $"import {id}: {shown} problems shown", cancellationToken);
        return Page();
    }

    /// <summary>Progress as JSON for the page's own script: no personal data, only file names and counts.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken) =>
        await jobs.FindAsync(db, id, User.Council(), cancellationToken) is { } job ? new JsonResult(ImportProgressText.For(job)) : NotFound();

    /// <summary>Anyone who may import for the council may stop an import of it, on whichever node runs it; who did is audited.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await jobs.FindAsync(db, id, User.Council(), cancellationToken) is not { } job) return NotFound();
        await jobs.CancelAsync(db, job, User.Name(), User.Role(), cancellationToken);
        return Redirect($"/imports/{id}");
    }
}
