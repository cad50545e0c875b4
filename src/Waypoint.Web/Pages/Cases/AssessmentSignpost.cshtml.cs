using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Not eligible: where the young person was signposted for other help; the case moves to signposted.</summary>
public sealed class AssessmentSignpostModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    /// <summary>Why the young person cannot be signposted now, shown before the user tries.</summary>
    public string? NotReady { get; private set; }

    [BindProperty] public string? SignpostedTo { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadReadyAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        await AuditViewAsync("view-assessment", "signpost form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadReadyAsync(reference, cancellationToken)) return NotFound();
        CheckText(nameof(SignpostedTo), SignpostedTo, Assessments.TextLength, "Enter where the young person was signposted", "Where they were signposted");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => Assessments.SignpostAsync(Db, User.Practitioner(), reference, SeenVersion, SignpostedTo!, Now, cancellationToken), cancellationToken))
            return Page();
        return Done("Signposting recorded. The case is at signposted.", $"/people/{reference}/case");
    }

    private async Task<bool> LoadReadyAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        var assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        NotReady = Case.Stage != TransitionsStage.Decided || assessment is not { Eligible: false }
            ? $"A young person is signposted after a decision that they are not eligible. This case is at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()}."
            : null;
        return true;
    }
}
