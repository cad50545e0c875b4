using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Rules;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>The easy-read roadmap, to print for the young person and their family. Audited as the staff roadmap is.</summary>
[Authorize(Policy = Policies.SeePeople)]
public sealed class RoadmapEasyReadModel(WaypointDbContext db, ForecastCache forecasts, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public PersonRoadmap? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        View = await RoadmapPage.LoadAsync(this, db, forecasts, audit, time, policy, reference, "easy-read roadmap", cancellationToken);
        return View is null ? NotFound() : Page();
    }
}
