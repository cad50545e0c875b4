using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Adding a task to a young person's case: what is to be done, by whom and by when. It goes into the owner's trays and reminders, and the case history.</summary>
public sealed class AddTaskModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public IReadOnlyList<GovukOption> Owners { get; private set; } = [];

    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadOwnersAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        Owner = User.Name();
        await AuditViewAsync("view-case", "add task form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadOwnersAsync(reference, cancellationToken)) return NotFound();
        CheckText(nameof(Description), Description, WorkTasks.DescriptionLimit, "Enter what the task is", "The task");
        if (string.IsNullOrEmpty(Owner) || Owners.All(o => o.Value != Owner)) ModelState.AddModelError(nameof(Owner), "Select who the task is for");
        if (CheckDate(nameof(DueOn), DueOn, "the date the task is due") && DueOn.Date < Today)
            ModelState.AddModelError(nameof(DueOn), "The date the task is due must be today or in the future");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => WorkTasks.AddAsync(Db, User.Practitioner(), reference, SeenVersion, new CaseTaskRequest(Description!, Owner!, DueOn.Date!.Value), Now, cancellationToken), cancellationToken))
            return Page();
        return Done($"Task added for {Owners.First(o => o.Value == Owner).Label}, due {DueOn.Date:d MMMM yyyy}.", $"/people/{reference}/case#tasks");
    }

    private async Task<bool> LoadOwnersAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        // Anyone who works with young people and has signed in may be given a task.
        Owners = [.. (await StaffDirectory.OfCouncilAsync(Db, User.Council(), Roles.SeePeople, cancellationToken))
            .Select(s => new GovukOption(s.UserName, s.DisplayName, s.Team))];
        return true;
    }
}
