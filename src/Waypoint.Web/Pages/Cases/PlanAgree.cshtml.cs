using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Agreeing the support plan: the whole plan to check, with links to change it, then the day it was agreed with the young person.</summary>
public sealed class PlanAgreeModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public SupportPlan? Plan { get; private set; }

    /// <summary>Why the plan cannot be agreed yet, before the user tries.</summary>
    public string? NotReady { get; private set; }

    [BindProperty] public DateParts AgreedOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadPlanAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        AgreedOn = DateParts.From(Today);
        await AuditViewAsync("view-plan", "agree form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadPlanAsync(reference, cancellationToken)) return NotFound();
        if (CheckDate(nameof(AgreedOn), AgreedOn, "the date the plan was agreed") && AgreedOn.Date > Today)
            ModelState.AddModelError(nameof(AgreedOn), "The date the plan was agreed must be today or in the past");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => Plans.AgreeAsync(Db, User.Practitioner(), reference, SeenVersion, AgreedOn.Date!.Value, Now, cancellationToken), cancellationToken))
        {
            Plan = await Plans.CurrentAsync(Db, Case.PersonId, cancellationToken);
            return Page();
        }
        return Done("Support plan agreed. The case is at plan agreed: the next step is the handover to an adult team.", $"/people/{reference}/case");
    }

    private async Task<bool> LoadPlanAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        Plan = await Plans.CurrentAsync(Db, Case.PersonId, cancellationToken);
        NotReady = Case.Stage != TransitionsStage.Decided
            ? $"A plan is agreed once the transition assessment is decided. This case is at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()}."
            : Plan is null || Plan.Goals.Count == 0 ? "Add at least one goal before the plan is agreed."
            : string.IsNullOrWhiteSpace(Plan.YoungPersonView) ? "Record the young person's view in their own words before the plan is agreed."
            : null;
        return true;
    }
}
