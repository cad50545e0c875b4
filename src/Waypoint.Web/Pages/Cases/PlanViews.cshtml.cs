using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Recording the young person's view of their plan in their own words, and the family's view if they gave one.</summary>
public sealed class PlanViewsModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    [BindProperty] public string? YoungPersonView { get; set; }
    [BindProperty] public string? FamilyView { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        var plan = await Plans.CurrentAsync(Db, Case.PersonId, cancellationToken);
        (YoungPersonView, FamilyView) = (plan?.YoungPersonView, plan?.FamilyView);
        await AuditViewAsync("view-plan", "views form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        CheckText(nameof(YoungPersonView), YoungPersonView, Plans.ViewLength, "Enter the young person's view in their own words", "The young person's view");
        CheckText(nameof(FamilyView), FamilyView, Plans.ViewLength, "", "The family's view", optional: true);
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => Plans.RecordViewsAsync(Db, User.Practitioner(), reference, SeenVersion, new PlanViewsRequest(YoungPersonView!, FamilyView), Now, cancellationToken), cancellationToken))
            return Page();
        return Done("Views recorded.", $"/people/{reference}/plan");
    }
}
