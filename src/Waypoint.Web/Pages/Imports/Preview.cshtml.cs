using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Spreadsheets;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Imports;

/// <summary>
/// The first rows of an uploaded council spreadsheet as its mapping reads them, with each row's problems and anything
/// that would stop the import, before anything is written (formats.md section 5). The upload waits in its folder
/// until the user imports or cancels, or for an hour; any web node shows it, as the folder is shared. Only the user who uploaded it sees it; the rows are people's
/// details, so each view is audited.
/// </summary>
public sealed class PreviewModel(WaypointDbContext db, AuditLog audit, ImportRunner jobs, TimeProvider time) : PageModel
{
    public const int RowsShown = 20;

    public ImportJob? Job { get; private set; }
    public SheetPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await UploadedAsync(id, cancellationToken) is not { } job) return NotFound();
        if (job.State != ImportJobState.AwaitingPreview) return Redirect($"/imports/{id}");
        Job = job;
        var sheet = job.Spreadsheet!;
        var mapping = await SpreadsheetMappings.FindAsync(db, job.CouncilCode, job.MappingName!, cancellationToken);
        Preview = mapping is null
            ? new SheetPreview(sheet.Name, job.MappingName!, [], [],
                [new ImportProblem(sheet.Name, 0, "(mapping)", DataQualityRules.MappingNotFound, $"your council has no saved mapping named '{job.MappingName}' now")])
            : SpreadsheetPreview.Read(jobs.SpreadsheetPath(job)!, mapping, DateOnly.FromDateTime(time.GetLocalNow().Date), RowsShown);
        await audit.RecordAsync(User, "preview-spreadsheet", null,
            $"import {id}: {sheet.Name} through mapping '{job.MappingName}', {Preview.Rows.Count} rows shown", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await UploadedAsync(id, cancellationToken) is not { } job) return NotFound();
        await jobs.StartAsync(db, job, cancellationToken);
        return Redirect($"/imports/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await UploadedAsync(id, cancellationToken) is not { } job) return NotFound();
        await jobs.DiscardAsync(db, job, cancellationToken);
        TempData["Changed"] = "Import cancelled: nothing was imported, and the files you uploaded have been deleted.";
        return Redirect("/imports");
    }

    private async Task<ImportJob?> UploadedAsync(Guid id, CancellationToken cancellationToken) =>
        await jobs.FindAsync(db, id, User.Council(), cancellationToken) is { } job && job.UserName == User.Name() ? job : null;

    public static (string Label, string Tag) Status(MappedRow row) =>
        row.Rejected ? ("Rejected", "govuk-tag--red") : row.Problems.Count > 0 ? ("Warning", "govuk-tag--yellow") : ("Ready", "govuk-tag--green");
}
