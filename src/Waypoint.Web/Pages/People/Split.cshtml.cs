using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>Move records linked to the wrong person to a new person; no later import joins them again.</summary>
[Authorize(Policy = Policies.SeePeople)]
public sealed class SplitModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : LinkChangeModel(db, audit, time)
{
    [BindProperty]
    public List<long> Move { get; set; } = [];

    public Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) => ShowAsync(reference, cancellationToken);

    public Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (Move.Count == 0) ModelState.AddModelError(nameof(Move), "Select the records to move");
        return ChangeAsync(reference, "split-person", () =>
            LinkReview.SplitAsync(Db, User.Council(), reference, Move, Reason!.Trim(), User.Name(), Now, cancellationToken), cancellationToken);
    }
}
