using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>An action the panel sets, with its owner and due date: about a case on the agenda, or the panel's own business.</summary>
public sealed class AddActionModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The "about" answer for an action about no young person.</summary>
    public const string PanelBusiness = "panel";

    public MeetingView Meeting { get; private set; } = null!;
    public IReadOnlyList<GovukOption> Abouts { get; private set; } = [];
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public string? About { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (About is null || Abouts.All(a => a.Value != About)) ModelState.AddModelError(nameof(About), "Select what the action is about");
        if (string.IsNullOrWhiteSpace(Description)) ModelState.AddModelError(nameof(Description), "Enter what needs to be done");
        else if (Description.Trim().Length > 2000) ModelState.AddModelError(nameof(Description), "What needs to be done must be 2,000 characters or fewer");
        if (string.IsNullOrWhiteSpace(Owner)) ModelState.AddModelError(nameof(Owner), "Enter who owns the action");
        else if (Owner.Trim().Length > 256) ModelState.AddModelError(nameof(Owner), "Who owns it must be 256 characters or fewer");
        if (DueOn.Check("the date the action is due") is { } dateProblem) ModelState.AddModelError(nameof(DueOn), dateProblem);
        else if (DueOn.Date < DateOnly.FromDateTime(time.GetLocalNow().Date)) ModelState.AddModelError(nameof(DueOn), "The date the action is due must be today or in the future");
        if (!ModelState.IsValid) return Page();
        try
        {
            await PanelMeetings.AddActionAsync(db, User.Practitioner(), id,
                new ActionRequest(About == PanelBusiness ? null : About, Description!, Owner!, DueOn.Date!.Value), time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, ChangedSince) = (e.Message, e.Since);
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = "Action added.";
        return Redirect($"/panel/{id}#actions");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting) return false;
        Meeting = meeting;
        Abouts = [.. meeting.Cases.Select(c => new GovukOption(c.Reference, c.DisplayName, c.Reference)), new GovukOption(PanelBusiness, "The panel's own business")];
        return true;
    }
}
