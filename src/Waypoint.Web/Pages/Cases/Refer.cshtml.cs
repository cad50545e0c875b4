using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// Referring a young person for transition support: the questions, then a check-your-answers page, then the case.
/// Answers travel in the form, never the URL. A young person whose referral is still open is not referred twice.
/// </summary>
public sealed class ReferModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    /// <summary>True on the check-your-answers step.</summary>
    public bool Checking { get; private set; }

    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
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
            Refused = Case.Stage == TransitionsStage.HandedOver
                ? "This young person has been handed over to an adult team."
                : $"This young person already has an open referral (the case is at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()}). Add to that case instead of referring again.";
            SeeAlso = $"/people/{Case.Reference}/case";
        }
        await audit.RecordAsync(User, "view-case", Case.PersonId, "refer form", cancellationToken);
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
    public async Task<IActionResult> OnPostChangeAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (!Validate()) return Page();
        try
        {
            await Referrals.ReferAsync(db, User.Practitioner(), reference, SeenVersion,
                new ReferralRequest(Source!.Value, Referrer, ReceivedOn.Date!.Value, Reason!, Urgency!.Value), time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
            await LoadAsync(reference, cancellationToken);
            Checking = true;
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            Checking = true;
            return Page();
        }
        TempData["Changed"] = "Referral recorded. The young person is on the waiting list for a transition assessment.";
        return Redirect($"/people/{reference}/case");
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return false;
        Case = view;
        return true;
    }

    private bool Validate()
    {
        if (Source is null) ModelState.AddModelError(nameof(Source), "Select where the referral came from");
        if (ReceivedOn.Check("the date the referral was received") is { } dateProblem) ModelState.AddModelError(nameof(ReceivedOn), dateProblem);
        else if (ReceivedOn.Date > Today) ModelState.AddModelError(nameof(ReceivedOn), "The date the referral was received must be today or in the past");
        else if (Case.DateOfBirth is { } born && ReceivedOn.Date < born) ModelState.AddModelError(nameof(ReceivedOn), "The date the referral was received must be after the young person's date of birth");
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter the reason for the referral");
        else if (Reason.Length > 4000) ModelState.AddModelError(nameof(Reason), "Reason for the referral must be 4,000 characters or fewer");
        if (Referrer?.Length > 200) ModelState.AddModelError(nameof(Referrer), "Who referred must be 200 characters or fewer");
        if (Urgency is null) ModelState.AddModelError(nameof(Urgency), "Select how urgent the referral is");
        return ModelState.IsValid;
    }
}
