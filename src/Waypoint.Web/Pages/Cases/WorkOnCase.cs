using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>The case page's named worker and tasks section.</summary>
public sealed record WorkOnCaseView(CaseView Case, string? NamedWorkerName, IReadOnlyList<TaskLine> Tasks, DateOnly AsOf, bool MayAllocate, bool MayAddTask, string UserName, bool MayCompleteAnyTask);

/// <summary>
/// The named worker and the tasks of a case, on the case page: who carries the case, what is owed by when, and the
/// ways to allocate it, add a task or mark one done. A view component, so the case page only includes it.
/// </summary>
public sealed class WorkOnCaseViewComponent(WaypointDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(CaseView caseView)
    {
        ArgumentNullException.ThrowIfNull(caseView);
        var council = UserClaimsPrincipal.Council();
        var role = UserClaimsPrincipal.Role();
        var asOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var tasks = caseView.Version == 0 ? [] : await WorkTasks.OfCaseAsync(db, council, caseView.PersonId, asOf, HttpContext.RequestAborted);
        var worker = caseView.NamedWorker is { } named ? (await StaffDirectory.NamesAsync(db, council, [named], HttpContext.RequestAborted))[named] : null;
        var open = Caseloads.IsOpen(caseView.Stage);
        return View("~/Pages/Cases/_WorkOnCase.cshtml", new WorkOnCaseView(
            caseView, worker, tasks, asOf, open && Roles.RunPathway.Contains(role), caseView.Version > 0 && Roles.RunPathway.Contains(role), UserClaimsPrincipal.Name(),
            Roles.SeeEveryonesWork.Contains(role)));
    }
}
