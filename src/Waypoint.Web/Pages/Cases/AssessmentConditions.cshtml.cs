using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>The conditions of the eligibility test: reg 2(1)(a) and (c) for the young person, reg 3(1)(a), 3(2)(a) and 3(1)(c) for a carer.</summary>
public sealed class AssessmentConditionsModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public TransitionAssessment? Assessment { get; private set; }

    [BindProperty] public bool? NeedsArise { get; set; }
    [BindProperty] public bool? HealthAtRisk { get; set; }
    [BindProperty] public bool? WellbeingImpact { get; set; }
    [BindProperty] public string? Evidence { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAssessmentAsync(reference, cancellationToken) is { } problem) return problem;
        SeenVersion = Case.Version;
        (NeedsArise, HealthAtRisk, WellbeingImpact, Evidence) = (Assessment!.NeedsArise, Assessment.HealthAtRisk, Assessment.WellbeingImpact, Assessment.ConditionsEvidence);
        await AuditViewAsync("view-assessment", "conditions form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAssessmentAsync(reference, cancellationToken) is { } problem) return problem;
        var carer = Assessment!.ForCarer;
        if (NeedsArise is null) ModelState.AddModelError(nameof(NeedsArise), carer ? "Select whether the needs arise from providing necessary care" : "Select whether the needs arise from an impairment or illness");
        if (carer && HealthAtRisk is null) ModelState.AddModelError(nameof(HealthAtRisk), "Select whether the carer's health is, or is at risk of, deteriorating");
        if (WellbeingImpact is null) ModelState.AddModelError(nameof(WellbeingImpact), "Select whether there is a significant impact on well-being");
        CheckText(nameof(Evidence), Evidence, Assessments.TextLength, "Enter the evidence for the conditions", "The evidence");
        if (!ModelState.IsValid) return Page();
        var request = new AssessmentConditionsRequest(NeedsArise!.Value, carer ? HealthAtRisk : null, WellbeingImpact!.Value, Evidence!);
        if (!await TryChangeAsync(reference, () => Assessments.RecordConditionsAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
        {
            Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
            return Page();
        }
        return Done("Conditions recorded.", $"/people/{reference}/assessment#facts");
    }

    private async Task<IActionResult?> LoadAssessmentAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        return Assessment is null || Assessment.IsDecided ? Redirect($"/people/{reference}/assessment") : null;
    }
}
