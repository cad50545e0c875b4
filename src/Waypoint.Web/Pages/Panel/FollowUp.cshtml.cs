using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>Following up an open action from an earlier meeting: done, or carried forward with a note and perhaps a new date.</summary>
public sealed class FollowUpModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public const string Done = "done";
    public const string CarriedForward = "carried-forward";

    public static IReadOnlyList<GovukOption> Outcomes { get; } =
        [new(Done, "Done"), new(CarriedForward, "Carry forward to the next meeting", "It stays open and comes up again at the next meeting")];

    public MeetingView Meeting { get; private set; } = null!;
    public ActionView Action { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateParts NewDueOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, long taskId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, taskId, cancellationToken)) return NotFound();
        if (Action.At(id) is not null) (Refused, SeeAlso) = ("This action has already been followed up at this meeting.", $"/panel/{id}");
        if (Action.PersonId is { } personId) await audit.RecordAsync(User, "view-panel-meeting", personId, $"meeting {id}, follow-up form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long taskId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, taskId, cancellationToken)) return NotFound();
        if (Outcome is not (Done or CarriedForward)) ModelState.AddModelError(nameof(Outcome), "Select what the panel heard");
        if (Outcome == CarriedForward && string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), "Enter why the action is carried forward");
        else if (Note?.Length > 4000) ModelState.AddModelError(nameof(Note), "Note must be 4,000 characters or fewer");
        var newDue = (DateOnly?)null;
        var anyDate = !string.IsNullOrWhiteSpace(NewDueOn.Day) || !string.IsNullOrWhiteSpace(NewDueOn.Month) || !string.IsNullOrWhiteSpace(NewDueOn.Year);
        if (Outcome == CarriedForward && anyDate)
        {
            if (NewDueOn.Check("the new due date") is { } dateProblem) ModelState.AddModelError(nameof(NewDueOn), dateProblem);
            else if (NewDueOn.Date < DateOnly.FromDateTime(time.GetLocalNow().Date)) ModelState.AddModelError(nameof(NewDueOn), "The new due date must be today or in the future");
            else newDue = NewDueOn.Date;
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            await PanelMeetings.FollowUpActionAsync(db, User.Practitioner(), id, taskId, new FollowUpRequest(Outcome == Done, Note, newDue), time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, ChangedSince) = (e.Message, e.Since);
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = Outcome == Done ? "Action marked as done." : "Action carried forward to the next meeting.";
        return Redirect($"/panel/{id}#follow-up");
    }

    private async Task<bool> LoadAsync(long id, long taskId, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting || meeting.FollowUps.FirstOrDefault(a => a.Id == taskId) is not { } action) return false;
        (Meeting, Action) = (meeting, action);
        return true;
    }
}
