using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Admin;

/// <summary>The council's teams and the cohorts each works with, for administrators. It shows no young person.</summary>
public sealed class TeamsModel(WaypointDbContext db) : PageModel
{
    public IReadOnlyList<TeamView> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Teams = await Core.Access.Teams.ListAsync(db, User.Council(), cancellationToken);
}
