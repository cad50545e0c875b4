using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// Where a user is sent when the access rules refuse them a young person's record: why, and emergency access (break
/// glass) with a reason, for a limited time, reviewed afterwards. It names the record only by its opaque reference.
/// </summary>
[Authorize(Policy = Policies.SeePeople)]
[AsksForEmergencyAccess]
public sealed class AccessModel(WaypointDbContext db, AuditLog audit, TimeProvider time, WaypointSettings settings) : PageModel
{
    public string Reference { get; private set; } = "";
    [BindProperty] public string? Reason { get; set; }

    public string LastsInWords => settings.EmergencyAccessLasts.TotalMinutes < 120
        ? $"{settings.EmergencyAccessLasts.TotalMinutes:N0} minutes"
        : $"{settings.EmergencyAccessLasts.TotalHours:0.#} hours";

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await PersonIdAsync(reference, cancellationToken) is not { } id) return NotFound();
        // Someone who may see the record after all (a case just allocated to them) goes straight to it.
        if ((await RelationshipAccess.DecideAsync(HttpContext, db, id, cancellationToken)).Basis is not null) return Redirect($"/people/{reference}");
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await PersonIdAsync(reference, cancellationToken) is not { } id) return NotFound();
        try
        {
            var access = await BreakGlass.OpenAsync(db, User.Viewer(), id, Reason, time.GetUtcNow(), settings.EmergencyAccessLasts, cancellationToken);
            await audit.RecordAsync(User, "emergency-access-opened", id, $"until {access.Until:u}", cancellationToken);
            TempData["Changed"] = $"You have emergency access to this record until {access.Until.ToLocalTime():HH:mm} on {access.Until.ToLocalTime():d MMMM yyyy}. Every page you open is recorded.";
            return Redirect($"/people/{reference}");
        }
        catch (PathwayRefusedException e)
        {
            // Core checks the reason (required, within its length); its words are the field's error, as GOV.UK writes them.
            ModelState.AddModelError(nameof(Reason), e.Message.TrimEnd('.'));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
    }

    private async Task<long?> PersonIdAsync(string reference, CancellationToken cancellationToken)
    {
        Reference = reference;
        return await db.People.Where(p => p.CouncilCode == User.Council() && p.Reference == reference).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
    }
}
