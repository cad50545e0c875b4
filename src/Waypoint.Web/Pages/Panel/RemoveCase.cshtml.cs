using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>Taking a case off a meeting's agenda, after a question: possible until the panel has decided on it.</summary>
public sealed class RemoveCaseModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public PanelCaseView Case { get; private set; } = null!;
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reference, cancellationToken)) return NotFound();
        await audit.RecordAsync(User, "view-panel-meeting", Case.PersonId, $"meeting {id}, remove form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reference, cancellationToken)) return NotFound();
        try
        {
            await PanelMeetings.RemoveCaseAsync(db, User.Practitioner(), id, reference, time.GetUtcNow(), cancellationToken);
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = "Case removed from the agenda.";
        return Redirect($"/panel/{id}#agenda");
    }

    private async Task<bool> LoadAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting || meeting.Case(reference) is not { } onAgenda) return false;
        (Meeting, Case) = (meeting, onAgenda);
        return true;
    }
}
