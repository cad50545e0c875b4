using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>Changes an action's details; its history says which ones changed. Its status is changed on its own page, with a note.</summary>
public sealed class EditModel(WaypointDbContext db, TimeProvider time) : ActionFormModel
{
    public StrategyAction Item { get; private set; } = null!;
    public IReadOnlyList<ActionStatusChange> ChangedSince { get; private set; } = [];
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (await DeliveryPlans.GetAsync(db, User.Council(), actionRef, cancellationToken) is not { } action) return NotFound();
        Item = action;
        Show(action);
        Version = action.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (await DeliveryPlans.GetAsync(db, User.Council(), actionRef, cancellationToken) is not { } action) return NotFound();
        Item = action;
        var details = Details();
        if (!Check(details)) return Page();
        try
        {
            await DeliveryPlans.EditAsync(db, User.Practitioner(), action.Reference, Version, details, time.GetUtcNow(), cancellationToken);
        }
        catch (ActionChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, ChangedSince) = (e.Message, e.Since);
            Version = (await DeliveryPlans.GetAsync(db, User.Council(), actionRef, cancellationToken))?.Version ?? Version;
            return Page();
        }
        catch (DeliveryPlanRefusedException e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            return Page();
        }
        TempData["Changed"] = "Action changed.";
        return Redirect(DeliveryPlanPages.Link(details.Reference.Trim()));
    }
}
