using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// The transition assessment as recorded: who is assessed and on what footing, every specified outcome with its
/// evidence, the conditions, what the recorded facts come to, and the decision; or the refusal of the request. Audited.
/// </summary>
public sealed class AssessmentModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public AssessmentView View { get; private set; } = null!;

    public bool MayRunPathway => Roles.RunPathway.Contains(User.Role());
    public bool MayReview => Roles.ReviewDecisions.Contains(User.Role());

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        View = (await Assessments.GetAsync(db, User.Council(), reference, cancellationToken))!;
        await audit.RecordAsync(User, "view-assessment", view.PersonId, null, cancellationToken);
        return Page();
    }

    /// <summary>The first outcome not yet recorded, for the "record the next outcome" link; null when all are.</summary>
    public OutcomeDefinition? NextUnrecorded => View.Assessment is { } a
        ? Assessments.OutcomesFor(a.Kind).FirstOrDefault(o => a.Outcomes.All(r => r.Outcome != o.Key))
        : null;
}
