using System.Security.Claims;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>What the case page shows of the transition assessment and the decision, and the next steps it offers.</summary>
public sealed record AssessmentSection(string Reference, TransitionsStage Stage, TransitionAssessment? Assessment, AssessmentResult? Result, AssessmentRefusal? Refusal, bool MayRunPathway)
{
    public static async Task<AssessmentSection> LoadAsync(WaypointDbContext db, CaseView view, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(user);
        var assessment = await Assessments.LatestAsync(db, view.PersonId, cancellationToken);
        var refusal = view.Stage == TransitionsStage.Declined ? await Assessments.LatestRefusalAsync(db, view.PersonId, cancellationToken) : null;
        return new AssessmentSection(view.Reference, view.Stage, assessment, assessment is null ? null : Assessments.Weigh(assessment), refusal, Roles.RunPathway.Contains(user.Role()));
    }

    /// <summary>Only a case decided eligible goes on to a support plan.</summary>
    public bool DecidedEligible => Stage == TransitionsStage.Decided && Assessment is { Eligible: true };

    /// <summary>Whether this section offers the user a next step, so the case page does not also say there is nothing to do.</summary>
    public bool OffersNextStep => MayRunPathway && (Stage is TransitionsStage.Referred or TransitionsStage.AssessmentInProgress
        || (Stage == TransitionsStage.Decided && Assessment is { Eligible: false }));

    public bool HasAnything => Assessment is not null || Refusal is not null || Stage is TransitionsStage.Referred;
}
