using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>One answer of the attendance form: an attendee and whether they came.</summary>
public sealed class AttendanceAnswer
{
    public long Id { get; set; }
    public Attendance Attendance { get; set; }
}

/// <summary>Recording, for everyone on a meeting's attendance list, whether they came or sent apologies.</summary>
public sealed class AttendanceModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }

    [BindProperty] public List<AttendanceAnswer> Answers { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Answers = [.. Meeting.Attendees.Select(a => new AttendanceAnswer { Id = a.Id, Attendance = a.Attendance })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        try
        {
            await PanelMeetings.RecordAttendanceAsync(db, User.Practitioner(), id, Answers.ToDictionary(a => a.Id, a => a.Attendance), time.GetUtcNow(), cancellationToken);
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            Answers = [.. Meeting.Attendees.Select(a => new AttendanceAnswer { Id = a.Id, Attendance = a.Attendance })];
            return Page();
        }
        TempData["Changed"] = "Attendance saved.";
        return Redirect($"/panel/{id}#attendance");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting) return false;
        Meeting = meeting;
        return true;
    }
}
