using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>Setting up a panel meeting: when, how people attend, where, and who chairs it.</summary>
public sealed class NewMeetingModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public string? Refused { get; private set; }

    [BindProperty] public DateParts MeetsOn { get; set; } = new();
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public MeetingFormat? Format { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Chair { get; set; }

    public void OnGet() => StartsAt = "10:00";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        if (MeetsOn.Check("the date of the meeting") is { } dateProblem) ModelState.AddModelError(nameof(MeetsOn), dateProblem);
        else if (MeetsOn.Date < today) ModelState.AddModelError(nameof(MeetsOn), "The date of the meeting must be today or in the future");
        if (string.IsNullOrWhiteSpace(StartsAt)) ModelState.AddModelError(nameof(StartsAt), "Enter the start time");
        else if (PanelPages.ParseTime(StartsAt) is null) ModelState.AddModelError(nameof(StartsAt), "Enter the start time as a time of day, for example 10:00 or 2:30pm");
        if (Format is null) ModelState.AddModelError(nameof(Format), "Select how people will attend");
        if (string.IsNullOrWhiteSpace(Place)) ModelState.AddModelError(nameof(Place), "Enter where the meeting is, or how to join it online");
        else if (Place.Trim().Length > 500) ModelState.AddModelError(nameof(Place), "Where must be 500 characters or fewer");
        if (string.IsNullOrWhiteSpace(Chair)) ModelState.AddModelError(nameof(Chair), "Enter the name of the chair");
        else if (Chair.Trim().Length > 200) ModelState.AddModelError(nameof(Chair), "The chair's name must be 200 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            var meeting = await PanelMeetings.CreateMeetingAsync(db, User.Practitioner(),
                new MeetingRequest(MeetsOn.Date!.Value, PanelPages.ParseTime(StartsAt)!.Value, Format!.Value, Place!, Chair!), time.GetUtcNow(), cancellationToken);
            TempData["Changed"] = "Meeting set up. Add the cases for its agenda and who is expected.";
            return Redirect($"/panel/{meeting.Id}");
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            Refused = e.Message;
            return Page();
        }
    }
}
