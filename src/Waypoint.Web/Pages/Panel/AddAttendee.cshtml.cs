using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>Adding someone expected at a meeting: their agency, name and role (and, on the day, whether they came).</summary>
public sealed class AddAttendeeModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }

    [BindProperty] public PanelAgency? Agency { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public Attendance Attendance { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Agency is null) ModelState.AddModelError(nameof(Agency), "Select which agency they are from");
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), "Enter their name");
        else if (Name.Trim().Length > 200) ModelState.AddModelError(nameof(Name), "Name must be 200 characters or fewer");
        if (Role?.Trim().Length > 200) ModelState.AddModelError(nameof(Role), "Role must be 200 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await PanelMeetings.AddAttendeeAsync(db, User.Practitioner(), id, new AttendeeRequest(Agency!.Value, Name!, Role, Attendance), time.GetUtcNow(), cancellationToken);
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = "Added to the attendance list.";
        return Redirect($"/panel/{id}#attendance");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting) return false;
        Meeting = meeting;
        return true;
    }
}
