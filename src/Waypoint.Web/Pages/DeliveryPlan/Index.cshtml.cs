using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>The council's delivery plan: every strategy action in reference order with its RAG status, filtered by status if asked.</summary>
public sealed class IndexModel(WaypointDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<StrategyAction> Actions { get; private set; } = [];
    public ActionStatus? Filter { get; private set; }
    public int Total { get; private set; }
    public bool CanChange => Roles.ChangeDeliveryPlan.Contains(User.Role());

    public IReadOnlyList<GovukOption> Filters { get; } = [new("", "All statuses"), .. DeliveryPlanPages.StatusOptions.Select(o => o with { Hint = null })];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = DeliveryPlanPages.ParseStatus(Status);
        Status = Filter?.ToString();
        var all = await DeliveryPlans.ListAsync(db, User.Council(), null, cancellationToken);
        Total = all.Count;
        Actions = Filter is { } only ? [.. all.Where(a => a.Status == only)] : all;
    }
}
