using System.Security.Claims;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>What the case page shows of the support plan, the children's services and the handover, and the next steps it offers.</summary>
public sealed record PlanAndHandoverSection(string Reference, TransitionsStage Stage, SupportPlan? Plan, Handover? Handover, int RunningServices, bool MayRunPathway, bool DecidedEligible)
{
    /// <summary>The section for a case; <paramref name="decidedEligible"/> says whether its decision opens the way to a plan (<see cref="AssessmentSection.DecidedEligible"/>).</summary>
    public static async Task<PlanAndHandoverSection> LoadAsync(WaypointDbContext db, CaseView view, ClaimsPrincipal user, bool decidedEligible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(user);
        var services = await ChildrensServices.ListAsync(db, view.PersonId, cancellationToken);
        return new PlanAndHandoverSection(view.Reference, view.Stage, await Plans.CurrentAsync(db, view.PersonId, cancellationToken),
            await Handovers.LatestAsync(db, view.PersonId, cancellationToken), services.Count(s => s.EndsOn is null), Roles.RunPathway.Contains(user.Role()), decidedEligible);
    }

    /// <summary>Whether this section offers the user a next step, so the case page does not also say there is nothing to do.</summary>
    public bool OffersNextStep => MayRunPathway && ((Stage == TransitionsStage.Decided && DecidedEligible) || Stage == TransitionsStage.PlanAgreed);

    /// <summary>Whether to show the section: once there is a case (the checklist and children's services are kept from the referral on).</summary>
    public bool HasAnything => Stage != TransitionsStage.NotIdentified || Plan is not null || Handover is not null || RunningServices > 0;
}
