using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Work;

/// <summary>"My cases": the open transitions cases the user is the named worker for, how long each has stood at its stage, and what is due next.</summary>
public sealed class CasesModel(WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time) : PageModel
{
    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<MyCase> Cases { get; private set; } = [];

    /// <summary>For a manager: how many eligibility decisions wait for their review; null for other roles.</summary>
    public int? DecisionsToReview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = WorkTrays.Today(time);
        Cases = await WorkTrays.MyCasesAsync(db, cache, User, AsOf, cancellationToken);
        if (Roles.ReviewDecisions.Contains(User.Role())) DecisionsToReview = (await Core.Pathway.Assessments.FlaggedAsync(db, User.Council(), cancellationToken)).Count;
        await audit.RecordAsync(User, "view-my-cases", null, $"{Cases.Count} cases", cancellationToken);
    }
}
