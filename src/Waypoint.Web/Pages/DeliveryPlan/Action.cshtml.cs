using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>One strategy action: its details, its status, and every change to it, newest first.</summary>
public sealed class ActionModel(WaypointDbContext db) : PageModel
{
    public StrategyAction Item { get; private set; } = null!;
    public bool CanChange => Roles.ChangeDeliveryPlan.Contains(User.Role());

    public async Task<IActionResult> OnGetAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (await DeliveryPlans.GetAsync(db, User.Council(), actionRef, cancellationToken) is not { } action) return NotFound();
        Item = action;
        return Page();
    }
}
