using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>
/// "Take to panel" from the case page: choose an upcoming meeting and say what the panel is asked. The change goes
/// through CaseWork with the version the case page showed, so it is refused if the case changed since.
/// </summary>
public sealed class TakeToPanelModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public IReadOnlyList<GovukOption> Meetings { get; private set; } = [];
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
    [BindProperty] public long? MeetingId { get; set; }
    [BindProperty] public string? Question { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        if (!PanelMeeting.Hears(Case.Stage))
        {
            Refused = $"A case at {TransitionsStages.Label(Case.Stage).ToLowerInvariant()} cannot go to the panel. The panel hears cases whose assessment is in progress (for advice), decided, or with a plan agreed.";
            SeeAlso = $"/people/{reference}/case";
        }
        await audit.RecordAsync(User, "view-case", Case.PersonId, "take to panel form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (MeetingId is null || Meetings.All(m => m.Value != MeetingId.Value.ToString(CultureInfo.InvariantCulture))) ModelState.AddModelError(nameof(MeetingId), "Select the meeting");
        if (string.IsNullOrWhiteSpace(Question)) ModelState.AddModelError(nameof(Question), "Enter what the panel is asked to decide or advise on");
        else if (Question.Length > 4000) ModelState.AddModelError(nameof(Question), "What the panel is asked must be 4,000 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await PanelMeetings.AddCaseAsync(db, User.Practitioner(), MeetingId!.Value, reference, SeenVersion, Question!, time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
            await LoadAsync(reference, cancellationToken);
            SeenVersion = Case.Version;
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        var meeting = await db.PanelMeetings.FindAsync([MeetingId!.Value], cancellationToken);
        TempData["Changed"] = $"Added to the agenda of the panel on {Dates.Format(meeting!.MeetsOn)}.";
        return Redirect($"/people/{reference}/case");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return false;
        Case = view;
        var already = (await PanelRecord.ForPersonAsync(db, User.Council(), view.PersonId, cancellationToken)).Select(p => p.MeetingId).ToHashSet();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        Meetings = [.. (await PanelRecord.UpcomingAsync(db, User.Council(), today, cancellationToken)).Where(m => !already.Contains(m.Id))
            .Select(m => new GovukOption(m.Id.ToString(CultureInfo.InvariantCulture), m.When, $"{PanelMeetings.Label(m.Format)}: {m.Place}; chair {m.Chair}; {m.Cases} {(m.Cases == 1 ? "case" : "cases")} so far"))];
        return true;
    }
}
