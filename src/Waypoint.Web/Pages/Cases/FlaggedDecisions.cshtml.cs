using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Decisions that depart from their recorded facts and wait for a manager's review, the oldest first. Audited: it names young people.</summary>
public sealed class FlaggedDecisionsModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public IReadOnlyList<FlaggedDecision> Decisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Decisions = await Assessments.FlaggedAsync(db, User.Council(), cancellationToken);
        await audit.RecordAsync(User, "view-flagged-decisions", null, $"{Decisions.Count} decisions", cancellationToken);
    }
}
