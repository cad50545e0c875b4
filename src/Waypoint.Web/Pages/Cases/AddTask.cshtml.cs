using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Adding a task to a young person's case: what is to be done, by whom and by when. It goes into the owner's trays and reminders, and the case history.</summary>
public sealed class AddTaskModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public IReadOnlyList<GovukOption> Owners { get; private set; } = [];
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        Owner = User.Name();
        await audit.RecordAsync(User, "view-case", Case.PersonId, "add task form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (string.IsNullOrWhiteSpace(Description)) ModelState.AddModelError(nameof(Description), "Enter what the task is");
        else if (Description.Trim().Length > WorkTasks.DescriptionLimit) ModelState.AddModelError(nameof(Description), $"The task must be {WorkTasks.DescriptionLimit:N0} characters or fewer");
        if (string.IsNullOrEmpty(Owner) || Owners.All(o => o.Value != Owner)) ModelState.AddModelError(nameof(Owner), "Select who the task is for");
        if (DueOn.Check("the date the task is due") is { } dateProblem) ModelState.AddModelError(nameof(DueOn), dateProblem);
        else if (DueOn.Date < Today) ModelState.AddModelError(nameof(DueOn), "The date the task is due must be today or in the future");
        if (!ModelState.IsValid) return Page();
        try
        {
            await WorkTasks.AddAsync(db, User.Practitioner(), reference, SeenVersion, new CaseTaskRequest(Description!, Owner!, DueOn.Date!.Value), time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
            db.ChangeTracker.Clear();
            await LoadAsync(reference, cancellationToken);
            SeenVersion = Case.Version;
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = $"Task added for {Owners.First(o => o.Value == Owner).Label}, due {DueOn.Date:d MMMM yyyy}.";
        return Redirect($"/people/{reference}/case#tasks");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return false;
        Case = view;
        // Anyone who works with young people and has signed in may be given a task.
        Owners = [.. (await StaffDirectory.OfCouncilAsync(db, User.Council(), Roles.SeePeople, cancellationToken))
            .Select(s => new GovukOption(s.UserName, s.DisplayName, s.Team))];
        return true;
    }
}
