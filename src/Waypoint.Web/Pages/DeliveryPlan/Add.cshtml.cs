using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>Adds a strategy action to the plan, at the status it has reached (not started for a new one).</summary>
public sealed class AddModel(WaypointDbContext db, TimeProvider time) : ActionFormModel
{
    [BindProperty] public string? Status { get; set; } = nameof(ActionStatus.NotStarted);
    [BindProperty] public string? Note { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var details = Details();
        var status = DeliveryPlanPages.ParseStatus(Status);
        if (status is null) ModelState.AddModelError(nameof(Status), "Select the action's status");
        if (!Check(details) || status is null) return Page();
        try
        {
            await DeliveryPlans.AddAsync(db, User.Practitioner(), details, status.Value, Note, time.GetUtcNow(), cancellationToken);
        }
        catch (DeliveryPlanRefusedException e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            return Page();
        }
        TempData["Changed"] = $"Action {details.Reference.Trim()} added.";
        return Redirect(DeliveryPlanPages.Link(details.Reference.Trim()));
    }
}
