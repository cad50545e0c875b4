using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>A young person's transitions case: where it stands, its referral, what can happen next and everything that has happened. Every view is audited.</summary>
public sealed class CaseModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public PlanAndHandoverSection PlanAndHandover { get; private set; } = null!;
    public AssessmentSection Assessment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        Assessment = await AssessmentSection.LoadAsync(db, view, User, cancellationToken);
        PlanAndHandover = await PlanAndHandoverSection.LoadAsync(db, view, User, Assessment.DecidedEligible, cancellationToken);
        await audit.RecordAsync(User, "view-case", view.PersonId, null, cancellationToken);
        return Page();
    }

    public bool MayIdentify => Roles.Refer.Contains(User.Role()) && Case.Stage is TransitionsStage.NotIdentified or TransitionsStage.Closed;

    public bool MayClose => Roles.RunPathway.Contains(User.Role()) && Case.Stage is not (TransitionsStage.NotIdentified or TransitionsStage.Closed);

    public bool MayRefer => Roles.Refer.Contains(User.Role()) && !Referrals.IsOpen(Case.Stage) && Case.Stage != TransitionsStage.HandedOver;
}
