using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// Recording a young person's consent to share their health information, or its withdrawal: with it, everyone who
/// may see their record sees their health detail too; without it, only health practitioners do.
/// </summary>
public sealed class HealthConsentModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public string Reference { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public ConsentView? Consent { get; private set; }
    public string? Refused { get; private set; }

    [BindProperty] public DateParts On { get; set; } = new();

    private long _personId;

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        On = DateParts.From(Today);
        await audit.RecordAsync(User, "view-person", _personId, "health consent form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        var withdrawing = Consent is { Current: true };
        var what = withdrawing ? "the date consent was withdrawn" : "the date consent was given";
        if (On.Check(what) is { } problem) ModelState.AddModelError(nameof(On), problem);
        else if (On.Date > Today) ModelState.AddModelError(nameof(On), Core.Rules.Sentences.Capital(what) + " must be today or in the past");
        if (!ModelState.IsValid) return Page();
        try
        {
            if (withdrawing) await HealthConsent.WithdrawAsync(db, User.Council(), _personId, On.Date!.Value, User.Name(), cancellationToken);
            else await HealthConsent.RecordAsync(db, User.Council(), _personId, On.Date!.Value, User.Name(), time.GetUtcNow(), cancellationToken);
        }
        catch (PathwayRefusedException e)
        {
            Refused = e.Message;
            return Page();
        }
        await audit.RecordAsync(User, withdrawing ? "health-consent-withdrawn" : "health-consent-recorded", _personId, null, cancellationToken);
        TempData["Changed"] = withdrawing ? "Withdrawal of consent recorded. Health information is now shown only to health practitioners." : "Consent to share health information recorded.";
        return Redirect($"/people/{reference}");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var council = User.Council();
        var id = await db.People.Where(p => p.CouncilCode == council && p.Reference == reference).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return false;
        var person = (await CasePeople.OfAsync(db, [id.Value], cancellationToken))[id.Value];
        (Reference, DisplayName, _personId) = (person.Reference, person.DisplayName, person.Id);
        Consent = await HealthConsent.LatestAsync(db, council, person.Id, cancellationToken);
        return true;
    }
}
