using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// One specified outcome: achievable, or unable in which of the ways the regulations give (reg 2(3), carers reg 3(3)),
/// whether the needs fluctuate, and the evidence. Saving goes on to the next outcome not yet recorded.
/// </summary>
public sealed class AssessmentOutcomeModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public TransitionAssessment? Assessment { get; private set; }
    public OutcomeDefinition Outcome { get; private set; } = null!;
    public int Position { get; private set; }
    public int Count { get; private set; }

    [BindProperty] public bool? Achievable { get; set; }
    [BindProperty] public List<UnableBecause> Unable { get; set; } = [];
    [BindProperty] public bool? Fluctuates { get; set; }
    [BindProperty] public bool? PeriodLongEnough { get; set; }
    [BindProperty] public bool MetByCarer { get; set; }
    [BindProperty] public string? Evidence { get; set; }

    public IReadOnlyList<GovukOption> AchievableOptions => [new("True", "Yes, they can achieve it"), new("False", "No, they are unable to achieve it")];

    public IReadOnlyList<GovukOption> Ways => Assessment is null ? []
        : Assessments.WaysUnable(Assessment.Kind).Select(w => new GovukOption(w.ToString(), Sentences.Capital(Eligibility.Label(w)))).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, string key, CancellationToken cancellationToken)
    {
        if (await LoadOutcomeAsync(reference, key, cancellationToken) is { } problem) return problem;
        SeenVersion = Case.Version;
        if (Assessment!.Outcomes.SingleOrDefault(o => o.Outcome == key) is { } recorded)
        {
            (Achievable, Unable, Fluctuates, MetByCarer, Evidence) = (recorded.Achievable, [.. recorded.Unable.Order()], recorded.Fluctuates, recorded.MetByCarer, recorded.Evidence);
            PeriodLongEnough = recorded.Fluctuates ? recorded.PeriodLongEnough : null;
        }
        await AuditViewAsync("view-assessment", "outcome form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string key, CancellationToken cancellationToken)
    {
        if (await LoadOutcomeAsync(reference, key, cancellationToken) is { } problem) return problem;
        if (Achievable is null) ModelState.AddModelError(nameof(Achievable), "Select whether they can achieve this outcome");
        else if (Achievable == false && Unable.Count == 0) ModelState.AddModelError(nameof(Unable), "Select the ways they are unable to achieve this outcome");
        if (Fluctuates is null) ModelState.AddModelError(nameof(Fluctuates), "Select whether the needs fluctuate");
        else if (Fluctuates == true && PeriodLongEnough is null) ModelState.AddModelError(nameof(PeriodLongEnough), "Select whether the needs have been seen over a long enough period");
        CheckText(nameof(Evidence), Evidence, Assessments.TextLength, "Enter the evidence for this outcome", "The evidence");
        if (!ModelState.IsValid) return Page();
        var request = new AssessedOutcomeRequest(key, Achievable == true ? [] : Unable, Fluctuates == true, PeriodLongEnough ?? true, !Assessment!.ForCarer && MetByCarer, Evidence!);
        if (!await TryChangeAsync(reference, () => Assessments.RecordOutcomeAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
        {
            Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
            return Page();
        }
        var saved = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        var outcomes = Assessments.OutcomesFor(saved!.Kind);
        var index = outcomes.ToList().FindIndex(o => o.Key == key);
        // The next outcome not yet recorded, after this one first, then any skipped before it.
        var next = outcomes.Skip(index + 1).Concat(outcomes.Take(index)).FirstOrDefault(o => saved.Outcomes.All(r => r.Outcome != o.Key));
        return next is null
            ? Done("Every outcome is recorded.", $"/people/{reference}/assessment")
            : Done($"{Outcome.Label} recorded.", $"/people/{reference}/assessment/outcomes/{next.Key}");
    }

    /// <summary>The case, its assessment in progress and the outcome; a result when the page cannot be shown.</summary>
    private async Task<IActionResult?> LoadOutcomeAsync(string reference, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        Assessment = await Assessments.LatestAsync(Db, Case.PersonId, cancellationToken);
        if (Assessment is null || Assessment.IsDecided) return Redirect($"/people/{reference}/assessment");
        var outcomes = Assessments.OutcomesFor(Assessment.Kind);
        if (outcomes.SingleOrDefault(o => o.Key == key) is not { } outcome) return NotFound();
        (Outcome, Position, Count) = (outcome, outcomes.ToList().IndexOf(outcome) + 1, outcomes.Count);
        return null;
    }
}
