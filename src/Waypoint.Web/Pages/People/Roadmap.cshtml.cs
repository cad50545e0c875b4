using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Rules;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// The roadmap for staff: the routes people like this young person took, with the numbers behind each share. A read of
/// the young person's record, so audited as the person page is; the access rules check the reference at the door.
/// </summary>
[Authorize(Policy = Policies.SeePeople)]
public sealed class RoadmapModel(WaypointDbContext db, ForecastCache forecasts, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public PersonRoadmap? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        View = await RoadmapPage.LoadAsync(this, db, forecasts, audit, time, policy, reference, "roadmap", cancellationToken);
        return View is null ? NotFound() : Page();
    }
}

internal static class RoadmapPage
{
    public static async Task<PersonRoadmap?> LoadAsync(
        PageModel page, WaypointDbContext db, ForecastCache forecasts, AuditLog audit, TimeProvider time, RulesPolicy policy, string reference, string what,
        CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var view = await PersonRoadmap.LoadAsync(db, forecasts, policy, page.User.Council(), reference, asOf, cancellationToken);
        if (view is not null) await audit.RecordAsync(page.User, "view-person", view.PersonId, what, cancellationToken);
        return view;
    }
}
