using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Audit;

/// <summary>
/// The exports people made (<see cref="Core.Audit.Exports"/>): who took which records out of Waypoint as a file, and
/// when, newest first. Looking is itself audited.
/// </summary>
public sealed class ExportsModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    // "page" is the route value Razor Pages uses for the page itself, so the page number travels as "p" (as on the tracker).
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditPage List { get; private set; } = new([], 1, 1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = await AuditTrail.ExportsAsync(db, User.Council(), PageNumber, cancellationToken);
        await audit.RecordAsync(User, "view-audit", null, $"exports, page {List.Page}, {List.Lines.Count} rows", cancellationToken);
    }
}
