using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Pages.Imports;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>
/// Imports the council's delivery plan spreadsheet, all or nothing (<see cref="DeliveryPlanSheet.ImportAsync"/>), and
/// shows what it did or each problem. The upload is read by the import pages' own <see cref="UploadForm"/>: streamed
/// into an owner-only folder, stopped at <see cref="MaxUploadBytes"/>, only .xlsx or .csv; the file is deleted after.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // UploadForm checks the token itself, before any file is written
[ReadFormByHand]
public sealed class ImportModel(
    WaypointDbContext db, ImportRunner uploads, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, TimeProvider time) : PageModel
{
    /// <summary>A strategy's plan is a few dozen rows: a megabyte is far more than one needs.</summary>
    public const long MaxUploadBytes = 1024 * 1024;

    public const string SpreadsheetField = UploadForm.SpreadsheetField;

    public PlanImportResult? Result { get; private set; }
    public string? Error { get; private set; }

    public IReadOnlyList<DeliveryPlanSheet.Column> Columns => DeliveryPlanSheet.Columns;

    public void OnGet()
    {
    }

    // No handler parameters: binding one would make the framework read (and buffer) the whole form first.
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (Request.ContentLength > MaxUploadBytes + 64 * 1024) return TooLarge();
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = MaxUploadBytes + 64 * 1024;
        var (_, folder) = uploads.NewFolder();
        try
        {
            UploadForm? form;
            try
            {
                form = await UploadForm.ReadAsync(HttpContext, folder, MaxUploadBytes, antiforgery, antiforgeryOptions.Value);
            }
            catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
            {
                return BadRequest();
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge();
            }
            if (form is null) return BadRequest();
            if (form.TooLarge) return TooLarge();
            Error = form.Errors.FirstOrDefault(e => e.Field == SpreadsheetField).Message;
            if (Error is null && form.Spreadsheet is null) Error = "Select the delivery plan spreadsheet";
            if (Error is not null) return Page();
            Result = await DeliveryPlanSheet.ImportAsync(db, User.Practitioner(), Path.Combine(folder, form.Spreadsheet!.Name), time.GetUtcNow(), cancellationToken);
            if (!Result.Saved) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        finally
        {
            uploads.DeleteFolder(folder);
        }
    }

    private PageResult TooLarge()
    {
        Error = $"The file must be smaller than {MaxUploadBytes / 1024 / 1024:N0} MB";
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }
}
