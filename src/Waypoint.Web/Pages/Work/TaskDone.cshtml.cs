using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Work;

/// <summary>
/// Marking a task done, with what was done. The owner may, and a manager may for anyone. A task on a case is done
/// through the case's history, so it is refused (with what changed) if the case changed since the page was opened.
/// </summary>
public sealed class TaskDoneModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public TaskLine Task { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
    [BindProperty] public string? Note { get; set; }

    /// <summary>Where to go back to: a work tray or the case; only paths inside Waypoint are followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnTo { get; set; }

    public string Back => ReturnTo is { } to && Url.IsLocalUrl(to) ? to : Task.PersonReference is { } reference ? $"/people/{reference}/case" : "/my-work/tasks";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal) return refusal;
        SeenVersion = Task.CaseVersion ?? 0;
        await audit.RecordAsync(User, "view-task", await PersonIdAsync(cancellationToken), $"task {id}", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal) return refusal;
        if (Note?.Length > WorkTasks.NoteLimit) ModelState.AddModelError(nameof(Note), $"What was done must be {WorkTasks.NoteLimit:N0} characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await WorkTasks.CompleteAsync(db, User.Practitioner(), id, SeenVersion, Note, time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            (Refused, SeeAlso, ChangedSince) = (e.Message, Task.PersonReference is { } reference ? $"/people/{reference}/case" : null, e.Since);
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            SeenVersion = Task.CaseVersion ?? 0;
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = "Task marked as done.";
        return Redirect(Back);
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await WorkTasks.GetAsync(db, User.Council(), id, WorkTrays.Today(time), cancellationToken) is not { } task) return NotFound();
        Task = task;
        return task.Owner == User.Name() || Roles.SeeEveryonesWork.Contains(User.Role()) ? null : Forbid();
    }

    private async Task<long?> PersonIdAsync(CancellationToken cancellationToken) =>
        Task.PersonReference is { } reference ? await db.People.Where(p => p.CouncilCode == User.Council() && p.Reference == reference).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken) : null;
}
