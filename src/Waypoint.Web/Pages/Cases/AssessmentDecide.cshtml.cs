using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// The eligibility decision: what the recorded facts come to, then the practitioner's decision with its reasons. A
/// decision that departs from the facts needs a reason and is flagged for a manager; not eligible needs the written
/// advice of Care Act 2014 s.13(5). Core refuses what is missing; the page names the empty fields first.
/// </summary>
public sealed class AssessmentDecideModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public TransitionAssessment? Assessment { get; private set; }
    public AssessmentResult? Result { get; private set; }

    [BindProperty] public bool? Eligible { get; set; }
    [BindProperty] public DateParts DecidedOn { get; set; } = new();
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? DepartureReason { get; set; }
    [BindProperty] public string? Advice { get; set; }

    public static IReadOnlyList<GovukOption> Decisions { get; } =
        [new("True", AssessmentWords.Decision(true)), new("False", AssessmentWords.Decision(false))];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAssessmentAsync(reference, cancellationToken) is { } problem) return problem;
        SeenVersion = Case.Version;
        DecidedOn = DateParts.From(Today);
        await AuditViewAsync("view-assessment", "decision form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAssessmentAsync(reference, cancellationToken) is { } problem) return problem;
        if (Eligible is null) ModelState.AddModelError(nameof(Eligible), "Select the decision");
        if (CheckDate(nameof(DecidedOn), DecidedOn, "the date of the decision") && DecidedOn.Date > Today)
            ModelState.AddModelError(nameof(DecidedOn), "The date of the decision must be today or in the past");
        CheckText(nameof(Reasons), Reasons, Assessments.TextLength, "Enter the reasons for the decision", "The reasons");
        CheckText(nameof(DepartureReason), DepartureReason, Assessments.TextLength, "", "The reason for departing from the recorded facts", optional: true);
        CheckText(nameof(Advice), Advice, Assessments.TextLength, "Enter the advice on what can be done to meet or reduce the needs, and to prevent or delay them", "The advice", optional: Eligible != false);
        if (!ModelState.IsValid) return Page();
        var request = new AssessmentDecisionRequest(Eligible!.Value, DecidedOn.Date!.Value, Reasons!, DepartureReason, Eligible == false ? Advice : null);
        if (!await TryChangeAsync(reference, () => Assessments.DecideAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
        {
            await LoadAssessmentAsync(reference, cancellationToken);
            return Page();
        }
        var flagged = (await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken))?.AwaitsReview == true ? " The decision departs from the recorded facts, so it is flagged for a manager." : "";
        return request.Eligible
            ? Done($"Decision recorded: eligible for care and support.{flagged} The next step is the support plan.", $"/people/{reference}/case")
            : Done($"Decision recorded: not eligible for care and support.{flagged} Give the young person the written advice, then signpost them to other help.", $"/people/{reference}/assessment/signpost");
    }

    private async Task<IActionResult?> LoadAssessmentAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        if (Assessment is null || Assessment.IsDecided) return Redirect($"/people/{reference}/assessment");
        Result = Assessments.Weigh(Assessment);
        return null;
    }
}
