using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>The one-page RAG summary of the plan for the Transitions Board, laid out to print.</summary>
public sealed class SummaryModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public DeliveryPlanSummary Summary { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        Summary = await DeliveryPlans.SummaryAsync(db, User.Council(), cancellationToken);
    }
}
