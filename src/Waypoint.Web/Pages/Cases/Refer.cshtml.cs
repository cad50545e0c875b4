using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// Referring a young person for transition support: the questions, then a check-your-answers page, then the case.
/// Answers travel in the form, never the URL. A young person whose referral is still open is not referred twice.
/// </summary>
public sealed class ReferModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    /// <summary>True on the check-your-answers step.</summary>
    public bool Checking { get; private set; }

    /// <summary>Why this young person cannot be referred now, shown before any answers are given.</summary>
    public string? CannotRefer { get; private set; }

    [BindProperty] public ReferralSource? Source { get; set; }
    [BindProperty] public string? Referrer { get; set; }
    [BindProperty] public DateParts ReceivedOn { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public ReferralUrgency? Urgency { get; set; }

    public static IReadOnlyList<GovukOption> Sources { get; } = Enum.GetValues<ReferralSource>().Select(s => new GovukOption(s.ToString(), Referrals.Label(s))).ToList();
    public static IReadOnlyList<GovukOption> Urgencies { get; } = Enum.GetValues<ReferralUrgency>().Select(u => new GovukOption(u.ToString(), Referrals.Label(u))).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        ReceivedOn = DateParts.From(Today);
        if (Referrals.IsOpen(Case.Stage) || Case.Stage == TransitionsStage.HandedOver)
        {
            CannotRefer = Case.Stage == TransitionsStage.HandedOver
                ? "This young person has been handed over to an adult team."
                : $"This young person already has an open referral (the case is at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()}). Add to that case instead of referring again.";
        }
        await AuditViewAsync("view-case", "refer form", cancellationToken);
        return Page();
    }

    /// <summary>Continue: checks the answers and shows them back.</summary>
    public async Task<IActionResult> OnPostCheckAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        Checking = Validate();
        return Page();
    }

    /// <summary>A "Change" link on the check page: back to the questions with the answers kept.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (!Validate()) return Page();
        var request = new ReferralRequest(Source!.Value, Referrer, ReceivedOn.Date!.Value, Reason!, Urgency!.Value);
        if (await TryChangeAsync(reference, () => Referrals.ReferAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
            return Done("Referral recorded. The young person is on the waiting list for a transition assessment.", $"/people/{reference}/case");
        Checking = true;
        return Page();
    }

    private bool Validate()
    {
        if (Source is null) ModelState.AddModelError(nameof(Source), "Select where the referral came from");
        if (CheckDate(nameof(ReceivedOn), ReceivedOn, "the date the referral was received"))
        {
            if (ReceivedOn.Date > Today) ModelState.AddModelError(nameof(ReceivedOn), "The date the referral was received must be today or in the past");
            else if (Case.DateOfBirth is { } born && ReceivedOn.Date < born) ModelState.AddModelError(nameof(ReceivedOn), "The date the referral was received must be after the young person's date of birth");
        }
        CheckText(nameof(Reason), Reason, 4000, "Enter the reason for the referral", "Reason for the referral");
        CheckText(nameof(Referrer), Referrer, 200, "", "Who referred", optional: true);
        if (Urgency is null) ModelState.AddModelError(nameof(Urgency), "Select how urgent the referral is");
        return ModelState.IsValid;
    }
}
