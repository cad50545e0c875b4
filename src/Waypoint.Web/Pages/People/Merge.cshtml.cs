using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>Merge two people a practitioner knows are one young person: every record of both, under the older.</summary>
[Authorize(Policy = Policies.SeePeople)]
public sealed class MergeModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : LinkChangeModel(db, audit, time)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the reference of the other person")]
    [StringLength(20, ErrorMessage = "Enter a reference like the one shown on each person's page")]
    public string? OtherReference { get; set; }

    public Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) => ShowAsync(reference, cancellationToken);

    public Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken) =>
        ChangeAsync(reference, "merge-people", () =>
            LinkReview.MergeAsync(Db, User.Council(), reference, OtherReference!.Trim().ToUpperInvariant(), Reason!.Trim(), User.Name(), Now, cancellationToken), cancellationToken);
}
