using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Spreadsheets;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Imports;

/// <summary>
/// Upload the council's files to import (statutory returns, and a council spreadsheet with its saved mapping), and
/// the council's recent imports. The upload is read as it streams in (<see cref="UploadForm"/>), up to
/// Waypoint:Imports:MaxUploadMegabytes, then imported in the background (<see cref="ImportRunner"/>), on whichever web node is free.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // UploadForm checks the token itself, before any file is written
[ReadFormByHand]
public sealed class IndexModel(
    WaypointDbContext db, AuditLog audit, ImportRunner jobs, WaypointSettings settings, IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions, TimeProvider time) : PageModel
{
    public const int RecentCount = 20;

    /// <summary>Room for the form's own parts (headings of each file, the token, the mapping) beyond the files.</summary>
    private const long FormOverhead = 1024 * 1024;

    public IReadOnlyList<string> Mappings { get; private set; } = [];
    public IReadOnlyList<RecentImport> Recent { get; private set; } = [];

    /// <summary>Imports of the last day that are not (or not yet) in the recent imports: waiting, running, or not saved.</summary>
    public IReadOnlyList<ImportJob> NotSaved { get; private set; } = [];

    /// <summary>The result page of each recent import that still has one (for a day), by its batch.</summary>
    public IReadOnlyDictionary<long, Guid> ResultPages { get; private set; } = new Dictionary<long, Guid>();

    public List<(string Field, string Message)> Errors { get; private set; } = [];
    public string? Mapping { get; private set; }
    public int MaxUploadMegabytes => settings.Imports.MaxUploadMegabytes;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public async Task OnGetAsync() => await LoadAsync(HttpContext.RequestAborted);

    // No handler parameters: binding one would make the framework read (and buffer) the whole form first.
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var limit = settings.Imports.MaxUploadBytes;
        // Said before a byte is read, so a browser sending too much is answered at once.
        if (Request.ContentLength > limit + FormOverhead) return await TooLargeAsync(cancellationToken);
        // This page only: everywhere else keeps the server's small default.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit + FormOverhead;

        var (id, folder) = jobs.NewFolder();
        UploadForm? form;
        try
        {
            form = await UploadForm.ReadAsync(HttpContext, folder, limit, antiforgery, antiforgeryOptions.Value);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException)
        {
            jobs.DeleteFolder(folder);
            return BadRequest();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            jobs.DeleteFolder(folder);
            return await TooLargeAsync(cancellationToken);
        }
        catch
        {
            jobs.DeleteFolder(folder);
            throw;
        }
        if (form is null || form.TooLarge)
        {
            jobs.DeleteFolder(folder);
            return form is null ? BadRequest() : await TooLargeAsync(cancellationToken);
        }

        Errors = form.Errors;
        Mapping = form.Mapping;
        var mappings = await MappingsAsync(cancellationToken);
        if (form.Spreadsheet is not null && form.Mapping is null) Errors.Add((UploadForm.MappingField, "Select the mapping to read the council spreadsheet through"));
        if (form.Mapping is not null && !mappings.Contains(form.Mapping)) Errors.Add((UploadForm.MappingField, "Select one of your council's saved mappings"));
        else if (form.Mapping is not null && form.Spreadsheet is null && ErrorFor(UploadForm.SpreadsheetField) is null)
            Errors.Add((UploadForm.SpreadsheetField, "Select the council spreadsheet to read through the mapping"));
        if (Errors.Count == 0 && form.Files.Count == 0 && form.Spreadsheet is null) Errors.Add((UploadForm.FilesField, "Select the files to import"));
        if (Errors.Count > 0)
        {
            jobs.DeleteFolder(folder);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var job = new ImportJob
        {
            Id = id,
            CouncilCode = User.Council(),
            UserName = User.Name(),
            Role = User.Role(),
            Folder = Path.GetFileName(folder),
            Files = form.Files,
            Spreadsheet = form.Spreadsheet,
            MappingName = form.Spreadsheet is null ? null : form.Mapping,
            UploadedAt = time.GetUtcNow(),
        };
        try
        {
            await audit.RecordAsync(User, "upload-import-files", null, UploadDetail(job), cancellationToken);
            await jobs.AddAsync(db, job, cancellationToken);
        }
        catch
        {
            jobs.DeleteFolder(folder);
            throw;
        }
        return Redirect(job.Spreadsheet is null ? $"/imports/{id}" : $"/imports/{id}/preview");
    }

    /// <summary>File names and sizes only: what was uploaded, never what is in it.</summary>
    private static string UploadDetail(ImportJob job) =>
        $"import {job.Id}: {job.Files.Count} {(job.Files.Count == 1 ? "file" : "files")}"
        + (job.Files.Count == 0 ? "" : " (" + string.Join("; ", job.Files.Select(f => $"{f.Name}, {ImportRunner.Size(f.Bytes)}")) + ")")
        + (job.Spreadsheet is { } sheet ? $"; council spreadsheet {sheet.Name}, {ImportRunner.Size(sheet.Bytes)}, through mapping '{job.MappingName}'" : "");

    private async Task<IActionResult> TooLargeAsync(CancellationToken cancellationToken)
    {
        Errors = [(UploadForm.FilesField, $"The files must be smaller than {MaxUploadMegabytes:N0} MB in total")];
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }

    private async Task<HashSet<string>> MappingsAsync(CancellationToken cancellationToken) =>
        [.. (await SpreadsheetMappings.ListAsync(db, User.Council(), cancellationToken)).Select(m => m.Name)];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var council = User.Council();
        Mappings = (await SpreadsheetMappings.ListAsync(db, council, cancellationToken)).Select(m => m.Name).ToList();
        Recent = await ImportHistory.RecentAsync(db, council, RecentCount, cancellationToken);
        var held = await jobs.OfCouncilAsync(db, council, cancellationToken);
        NotSaved = [.. held.Where(j => j.State != ImportJobState.Committed && (j.State != ImportJobState.AwaitingPreview || j.UserName == User.Name()))];
        ResultPages = held.Where(j => j.Outcome?.BatchId is not null).GroupBy(j => j.Outcome!.BatchId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
    }

    public static string StateLabel(ImportJob job) => job.State switch
    {
        ImportJobState.AwaitingPreview => "Waiting for you to check the spreadsheet",
        ImportJobState.Queued => "Waiting for another import to finish",
        ImportJobState.Running => job.CancelRequested ? "Cancelling" : "Importing",
        ImportJobState.RolledBack => "Nothing imported: a problem stopped it",
        ImportJobState.Cancelled => "Cancelled: nothing imported",
        ImportJobState.Failed => "Failed: nothing imported",
        _ => "Imported",
    };
}

/// <summary>
/// Keeps the framework from reading the form before the page does: the upload page streams it (Microsoft's pattern
/// for large uploads, "DisableFormValueModelBinding").
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ReadFormByHandAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
