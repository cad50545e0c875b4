using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
/// One import from the web: its progress while it waits and runs (with a button to cancel it), then its result. The
/// id is the upload's random one; jobs live in memory, so after a restart the page says the import is not running.
/// Problems shown quote identifiers, so a view of a result with problems is audited, as the data quality page is.
/// </summary>
public sealed class ResultModel(AuditLog audit, ImportJobs jobs) : PageModel
{
    public Guid Id { get; private set; }
    public ImportJob? Job { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        Job = jobs.Find(id, User.Council());
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
    public IActionResult OnGetProgress(Guid id) => jobs.Find(id, User.Council()) is { } job ? new JsonResult(ImportProgressText.For(job)) : NotFound();

    /// <summary>Anyone who may import for the council may stop an import of it; the runner audits who did.</summary>
    public IActionResult OnPostCancel(Guid id)
    {
        if (jobs.Find(id, User.Council()) is not { } job) return NotFound();
        jobs.Cancel(job, User.Name(), User.Role());
        return Redirect($"/imports/{id}");
    }
}
