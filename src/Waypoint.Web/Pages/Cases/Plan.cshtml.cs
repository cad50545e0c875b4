using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>A young person's support plan: their view in their own words and the goals under each preparing-for-adulthood outcome. Every view is audited.</summary>
public sealed class PlanModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public SupportPlan? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        Plan = await Plans.CurrentAsync(db, view.PersonId, cancellationToken);
        await audit.RecordAsync(User, "view-plan", view.PersonId, null, cancellationToken);
        return Page();
    }

    /// <summary>The plan is changed by the transitions team while the case is decided or its plan agreed.</summary>
    public bool MayChange => Roles.RunPathway.Contains(User.Role()) && Plans.IsPlanning(Case.Stage);

    public bool MayAgree => MayChange && Case.Stage == TransitionsStage.Decided;

    /// <summary>Where the plan stands, in words.</summary>
    public string Status => Plan switch
    {
        null => "Not started",
        { AgreedOn: { } agreed } p => $"Agreed on {agreed:d MMMM yyyy} by {p.AgreedBy}" + (p.ChangedSinceAgreed ? $"; last changed on {p.ChangedAt:d MMMM yyyy} by {p.ChangedBy}" : ""),
        var p => $"Being made: started on {p.StartedAt:d MMMM yyyy} by {p.StartedBy}",
    };
}
