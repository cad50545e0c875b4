using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// Handing a young person over to an adult team: the questions, a check-your-answers page, then the case. Answers travel
/// in the form, never the URL. Refused while a children's service under s.17 or s.2 would stop before the adult team takes over.
/// </summary>
public sealed class HandoverModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : CaseChangeModel(db, audit, time)
{
    /// <summary>True on the check-your-answers step.</summary>
    public bool Checking { get; private set; }

    /// <summary>Why the young person cannot be handed over now, before the user tries.</summary>
    public string? NotReady { get; private set; }

    [BindProperty] public AdultTeam? Team { get; set; }
    [BindProperty] public string? OtherTeam { get; set; }
    [BindProperty] public string? AdultWorker { get; set; }
    [BindProperty] public DateParts HandedOverOn { get; set; } = new();
    [BindProperty] public string? Summary { get; set; }

    public static IReadOnlyList<GovukOption> Teams { get; } = Enum.GetValues<AdultTeam>().Select(t => new GovukOption(t.ToString(), Handovers.Label(t))).ToList();

    public string TeamName => Team == AdultTeam.Other ? OtherTeam?.Trim() ?? "" : Handovers.Label(Team!.Value);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadCaseAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        HandedOverOn = DateParts.From(Today);
        await AuditViewAsync("view-handover", "handover form", cancellationToken);
        return Page();
    }

    /// <summary>Continue: checks the answers and shows them back.</summary>
    public async Task<IActionResult> OnPostCheckAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadCaseAsync(reference, cancellationToken)) return NotFound();
        Checking = Validate();
        return Page();
    }

    /// <summary>A "Change" link on the check page: back to the questions with the answers kept.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadCaseAsync(reference, cancellationToken)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadCaseAsync(reference, cancellationToken)) return NotFound();
        if (!Validate()) return Page();
        var request = new HandoverRequest(Team!.Value, OtherTeam, AdultWorker, HandedOverOn.Date!.Value, Summary!);
        if (!await TryChangeAsync(reference, () => Handovers.HandOverAsync(Db, User.Practitioner(), reference, SeenVersion, request, policy, Now, cancellationToken), cancellationToken))
        {
            Checking = true;
            return Page();
        }
        return Done($"Handed over to {TeamName}. The handover summary is ready to print.", $"/people/{reference}/case");
    }

    private async Task<bool> LoadCaseAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        NotReady = Case.Stage == TransitionsStage.PlanAgreed ? null
            : Case.Stage == TransitionsStage.HandedOver ? "This young person has already been handed over to an adult team."
            : $"A young person is handed over to an adult team once their plan is agreed. This case is at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()}.";
        return true;
    }

    private bool Validate()
    {
        if (Team is null) ModelState.AddModelError(nameof(Team), "Select the adult team taking over");
        else if (Team == AdultTeam.Other) CheckText(nameof(OtherTeam), OtherTeam, Handovers.NameLength, "Enter the name of the adult team taking over", "The team's name");
        else if (OtherTeam?.Trim().Length > 0) OtherTeam = null;
        CheckText(nameof(AdultWorker), AdultWorker, Handovers.NameLength, "", "The adult worker's name", optional: true);
        CheckDate(nameof(HandedOverOn), HandedOverOn, "the date the adult team takes over");
        CheckText(nameof(Summary), Summary, Handovers.SummaryLength, "Enter the handover summary", "The handover summary");
        return ModelState.IsValid;
    }
}
