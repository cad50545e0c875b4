using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Admin;

/// <summary>Choosing the cohorts a team works with. The change is audited: it widens or narrows who sees whom.</summary>
public sealed class TeamModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public string Name { get; private set; } = "";

    [BindProperty] public List<string> Cohorts { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await Teams.GetAsync(db, User.Council(), id, cancellationToken) is not { } team) return NotFound();
        (Name, Cohorts) = (team.Name, [.. team.Cohorts]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await Teams.GetAsync(db, User.Council(), id, cancellationToken) is not { } team) return NotFound();
        var chosen = Cohorts.Where(c => Cohort.All.Any(k => k.Id == c)).ToList();
        await Teams.SetCohortsAsync(db, User.Council(), team.Name, chosen, User.Name(), time.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(User, "team-changed", null, $"team {id} works with: {(chosen.Count == 0 ? "none" : string.Join(' ', chosen))}", cancellationToken);
        TempData["Changed"] = $"{team.Name} now works with {(chosen.Count == 0 ? "no cohort" : string.Join(", ", chosen.Select(Cohort.Label)))}.";
        return Redirect("/admin/teams");
    }
}
