using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Changing the status of one independence checklist item, with a note; the item's history is shown beside it.</summary>
public sealed class ChecklistItemModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : CaseChangeModel(db, audit, time)
{
    public ChecklistLine Line { get; private set; } = null!;

    [BindProperty] public IndependenceStatus? Status { get; set; }
    [BindProperty] public string? Note { get; set; }

    public static IReadOnlyList<GovukOption> Statuses { get; } = Enum.GetValues<IndependenceStatus>().Select(s => new GovukOption(s.ToString(), IndependenceChecklist.Label(s))).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, string code, CancellationToken cancellationToken)
    {
        if (!await LoadItemAsync(reference, code, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        Status = Line.Status;
        await AuditViewAsync("view-checklist", "item form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string code, CancellationToken cancellationToken)
    {
        if (!await LoadItemAsync(reference, code, cancellationToken)) return NotFound();
        if (Status is null) ModelState.AddModelError(nameof(Status), "Select how far the young person has got with this");
        CheckText(nameof(Note), Note, 2000, "", "The note", optional: true);
        if (Status == Line.Status && string.IsNullOrWhiteSpace(Note))
            ModelState.AddModelError(nameof(Status), $"The status is already {IndependenceChecklist.Label(Line.Status).ToLowerInvariant()}: choose a different one, or add a note");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => IndependenceChecklist.SetStatusAsync(Db, User.Practitioner(), reference, SeenVersion, new IndependenceStatusRequest(code, Status!.Value, Note), Now, cancellationToken), cancellationToken))
        {
            await LoadItemAsync(reference, code, cancellationToken);
            return Page();
        }
        return Done($"\"{Line.Skill.Text}\": {IndependenceChecklist.Label(Status!.Value).ToLowerInvariant()}.", $"/people/{reference}/checklist#item-{code}");
    }

    private async Task<bool> LoadItemAsync(string reference, string code, CancellationToken cancellationToken)
    {
        if (IndependenceChecklist.Find(code) is null || !await LoadAsync(reference, cancellationToken)) return false;
        var lines = await IndependenceChecklist.LinesAsync(Db, Case.PersonId, Case.DateOfBirth, Today, policy.LeapDayBirthdays, cancellationToken);
        Line = lines.Single(l => l.Skill.Code == code);
        return true;
    }
}
