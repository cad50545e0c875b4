using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>The plan as an Excel workbook, with the headings the import reads: the board's copy, and the template to import from.</summary>
public sealed class DownloadModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actions = await DeliveryPlans.ListAsync(db, User.Council(), null, cancellationToken);
        using var workbook = new MemoryStream();
        DeliveryPlanSheet.Write(actions, workbook);
        return File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"delivery-plan-{time.GetLocalNow():yyyy-MM-dd}.xlsx");
    }
}
