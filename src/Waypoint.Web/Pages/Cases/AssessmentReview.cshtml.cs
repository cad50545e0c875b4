using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>A manager's review of a decision that departs from the recorded facts: the decision, the engine's message and the practitioner's reason, then the review note.</summary>
public sealed class AssessmentReviewModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public TransitionAssessment? Assessment { get; private set; }

    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAssessmentAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        await AuditViewAsync("view-assessment", "review form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAssessmentAsync(reference, cancellationToken)) return NotFound();
        CheckText(nameof(Note), Note, Assessments.TextLength, "Enter what you found when you reviewed the decision", "The review note");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => Assessments.ReviewAsync(Db, User.Practitioner(), reference, SeenVersion, Note!, Now, cancellationToken), cancellationToken))
        {
            Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
            return Page();
        }
        return Done($"Review of {Case.DisplayName}'s decision recorded.", "/cases/flagged-decisions");
    }

    private async Task<bool> LoadAssessmentAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        return true;
    }
}
