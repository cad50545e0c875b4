using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>
/// The agenda pack, on screen or downloaded as a Word document: the same content either way. Each young person in it
/// is audited, the download separately from the reading.
/// </summary>
public sealed class AgendaModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public AgendaPack Pack { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await BuildAsync(id, cancellationToken) is not { } pack) return NotFound();
        Pack = pack;
        await PanelPages.AuditViewsAsync(audit, User, "view-panel-agenda", pack.Cases.Select(c => c.PersonId).Concat(PanelPages.PeopleShown(pack.Meeting)), $"meeting {id}", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(long id, CancellationToken cancellationToken)
    {
        if (await BuildAsync(id, cancellationToken) is not { } pack) return NotFound();
        await PanelPages.AuditViewsAsync(audit, User, Exports.PanelAgenda, pack.Cases.Select(c => c.PersonId).Concat(PanelPages.PeopleShown(pack.Meeting)), $"meeting {id}", cancellationToken);
        return File(AgendaPackDocument.Write(pack), AgendaPackDocument.ContentType, AgendaPackDocument.FileName(pack));
    }

    private Task<AgendaPack?> BuildAsync(long id, CancellationToken cancellationToken) =>
        PanelAgenda.BuildAsync(db, User.Council(), id, DateOnly.FromDateTime(time.GetLocalNow().Date), policy, cancellationToken);
}
