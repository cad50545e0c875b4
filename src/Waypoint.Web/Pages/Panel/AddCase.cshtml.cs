using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>Adding a young person's case to a meeting's agenda by their reference, with what the panel is asked.</summary>
public sealed class AddCaseModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public string SeeAlsoText { get; private set; } = "Go to the case";
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public string? PersonReference { get; set; }
    [BindProperty] public string? Question { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (string.IsNullOrWhiteSpace(PersonReference)) ModelState.AddModelError(nameof(PersonReference), "Enter the young person's reference");
        if (string.IsNullOrWhiteSpace(Question)) ModelState.AddModelError(nameof(Question), "Enter what the panel is asked to decide or advise on");
        else if (Question.Length > 4000) ModelState.AddModelError(nameof(Question), "What the panel is asked must be 4,000 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await PanelMeetings.AddCaseAsync(db, User.Practitioner(), id, PersonReference!.Trim().ToUpperInvariant(), null, Question!, time.GetUtcNow(), cancellationToken);
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
            SeeAlsoText = PanelPages.SeeAlsoText(SeeAlso);
            return Page();
        }
        TempData["Changed"] = "Case added to the agenda.";
        return Redirect($"/panel/{id}#agenda");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting) return false;
        Meeting = meeting;
        return true;
    }
}
