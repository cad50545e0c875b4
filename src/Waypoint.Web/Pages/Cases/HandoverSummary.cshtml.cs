using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// The handover summary for the adult team, laid out to print: who the young person is, the team taking over, the
/// summary, their view and plan, the independence they have, and the children's services that must carry on.
/// </summary>
public sealed class HandoverSummaryModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public Handover? Handover { get; private set; }
    public SupportPlan? Plan { get; private set; }
    public IReadOnlyList<ChildrensService> Services { get; private set; } = [];
    public IReadOnlyList<ChecklistLine> Independent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        Handover = await Handovers.LatestAsync(db, view.PersonId, cancellationToken);
        Plan = await Plans.CurrentAsync(db, view.PersonId, cancellationToken);
        Services = await ChildrensServices.ListAsync(db, view.PersonId, cancellationToken);
        var lines = await IndependenceChecklist.LinesAsync(db, view.PersonId, view.DateOfBirth, DateOnly.FromDateTime(time.GetLocalNow().Date), policy.LeapDayBirthdays, cancellationToken);
        Independent = [.. lines.Where(l => l.History.Count > 0 && l.Status != IndependenceStatus.NotRelevant)];
        await audit.RecordAsync(User, "view-handover", view.PersonId, "summary", cancellationToken);
        return Page();
    }
}
