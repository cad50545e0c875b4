using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Tests;

public partial class WaypointWebFactory
{
    /// <summary>
    /// The demo's young people that the demo user of a role may see today (or, with <paramref name="seen"/> false, may
    /// not), by the access rules themselves, in a stable order: tests pick from these by position so as not to share.
    /// People a test has opened through emergency access are in neither list (seen only for now, and only by that test),
    /// unless <paramref name="withEmergencyAccess"/> counts them as seen.
    /// </summary>
    public Task<IReadOnlyList<string>> PeopleAsync(string role, bool seen = true, Func<IReadOnlyCollection<string>, bool>? cohorts = null, bool withEmergencyAccess = false) =>
        PeopleAsync(this, DatabasePath, role, seen, cohorts, withEmergencyAccess);

    /// <summary>The young people every one of these roles' demo users may see (a transitions worker's when none is named).</summary>
    public async Task<HashSet<string>> SeenByAllAsync(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var seen = (await PeopleAsync(Roles.TransitionsWorker)).ToHashSet();
        foreach (var role in roles) seen.IntersectWith(await PeopleAsync(role));
        return seen;
    }

    /// <summary>The same for another host of the app, on its own database.</summary>
    public static async Task<IReadOnlyList<string>> PeopleAsync(
        WebApplicationFactory<Program> host, string databasePath, string role, bool seen = true, Func<IReadOnlyCollection<string>, bool>? cohorts = null,
        bool withEmergencyAccess = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var user = DemoUsers.All.Single(u => u.Role == role);
        var viewer = WaypointClaims.ViewerFor(Councils.DemoCouncilCode, user.Name, role, user.Team);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, databasePath);
        var time = host.Services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var rows = await host.Services.GetRequiredService<TrackerCache>().RowsAsync(db, Councils.DemoCouncilCode, today, TestContext.Current.CancellationToken);
        var scope = await PersonAccess.ScopeAsync(db, viewer, time.GetUtcNow(), TestContext.Current.CancellationToken);
        return [.. rows.OrderBy(r => r.Id)
            .Select(r => (Row: r, Basis: scope.Basis(r.Id, r.Cohorts)))
            .Where(r => (withEmergencyAccess || r.Basis != AccessBasis.BreakGlass) && (r.Basis is not null) == seen && (cohorts is null || cohorts(r.Row.Cohorts)))
            .Select(r => r.Row)
            .Select(r => r.Reference)];
    }
}
