using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Access;

/// <summary>A reviewer's conclusion on one use of emergency access; nobody reviews their own.</summary>
public sealed class ReviewEmergencyAccessModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public BreakGlassUse? Use { get; private set; }
    public string? Refused { get; private set; }

    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), "Enter what the review found");
        else if (Note.Trim().Length > BreakGlass.ReviewNoteLength) ModelState.AddModelError(nameof(Note), $"What the review found must be {BreakGlass.ReviewNoteLength:N0} characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await BreakGlass.ReviewAsync(db, User.Council(), id, User.Name(), Note, time.GetUtcNow(), cancellationToken);
        }
        catch (PathwayRefusedException e)
        {
            Refused = e.Message;
            return Page();
        }
        await audit.RecordAsync(User, "emergency-access-reviewed", null, $"use {id}", cancellationToken);
        TempData["Changed"] = "Review recorded.";
        return Redirect("/access/emergency");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Use = (await BreakGlass.UsesAsync(db, User.Council(), toReviewOnly: false, cancellationToken, only: id)).SingleOrDefault();
        return Use is not null;
    }
}
