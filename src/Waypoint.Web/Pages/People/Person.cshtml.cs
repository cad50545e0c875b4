using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>The single view of one young person. Every view is audited; the URL carries only the opaque reference.</summary>
public sealed class PersonModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public PersonDetail? Detail { get; private set; }

    /// <summary>The council's likely-needs rules in words, for a person none of them matched.</summary>
    public string LikelyNeedsRules => policy.LikelyNeeds.Describe();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        Detail = await PersonRecord.GetAsync(db, User.Council(), reference, DateOnly.FromDateTime(time.GetLocalNow().Date), policy, cancellationToken, User.Viewer());
        if (Detail is null) return NotFound();
        await audit.RecordAsync(User, "view-person", Detail.Person.Id, null, cancellationToken);
        return Page();
    }
}
