using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Access;

/// <summary>
/// A team of the council's staff, named as the identity provider names it, and the cohorts it works with: the SEND
/// team with young people who have an EHC plan, the children in care team with looked-after children and care leavers.
/// A team works with no cohort until an administrator says so: access is denied by default.
/// </summary>
public sealed class Team
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public required string Name { get; set; }

    /// <summary>Cohort ids (<see cref="Cohort"/>), space-separated.</summary>
    public string WorksWith { get; set; } = "";

    public string? ChangedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }

    public IReadOnlyList<string> Cohorts => WorksWith.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record TeamView(long Id, string Name, IReadOnlyList<string> Cohorts, int Staff, string? ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>The council's teams, as administrators manage them. Managing teams shows no young person.</summary>
public static class Teams
{
    /// <summary>
    /// Every team staff have signed in with, and every team an administrator has set up, by name. A team first seen at a
    /// sign-in is added here, working with no cohort, so that an administrator can give it some.
    /// </summary>
    public static async Task<List<TeamView>> ListAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staffTeams = await StaffTeamsAsync(db, council, cancellationToken);
        var teams = await db.Teams.Where(t => t.CouncilCode == council).ToListAsync(cancellationToken);
        foreach (var name in staffTeams.Select(s => s.Name).Where(n => !teams.Any(t => Same(t.Name, n))))
        {
            var team = new Team { CouncilCode = council, Name = name };
            db.Teams.Add(team);
            teams.Add(team);
        }
        if (db.ChangeTracker.HasChanges())
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another administrator's page added the same new team at the same moment (the name is unique): theirs is kept.
                db.ChangeTracker.Clear();
                teams = await db.Teams.Where(t => t.CouncilCode == council).ToListAsync(cancellationToken);
            }
        }
        return teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new TeamView(t.Id, t.Name, t.Cohorts, staffTeams.Where(s => Same(s.Name, t.Name)).Sum(s => s.Count), t.ChangedBy, t.ChangedAt))
            .ToList();
    }

    /// <summary>
    /// The names of the same teams, for choosing one (the dashboard's and the board report's filters): read only, so that
    /// a page anyone may open at the same moment as another writes nothing.
    /// </summary>
    public static async Task<List<string>> NamesAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = await db.Teams.Where(t => t.CouncilCode == council).Select(t => t.Name).ToListAsync(cancellationToken);
        foreach (var staff in await StaffTeamsAsync(db, council, cancellationToken))
            if (!names.Any(n => Same(n, staff.Name))) names.Add(staff.Name);
        return [.. names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase)];
    }

    private static async Task<List<(string Name, int Count)>> StaffTeamsAsync(WaypointDbContext db, string council, CancellationToken cancellationToken) =>
        [.. (await db.StaffMembers.Where(s => s.CouncilCode == council && s.Team != null)
            .GroupBy(s => s.Team!).Select(g => new { Name = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => (g.Name, g.Count))];

    public static Task<Team?> GetAsync(WaypointDbContext db, string council, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Teams.SingleOrDefaultAsync(t => t.CouncilCode == council && t.Id == id, cancellationToken);
    }

    /// <summary>The cohorts a team works with; a team of that name is created if there is none.</summary>
    public static async Task<Team> SetCohortsAsync(
        WaypointDbContext db, string council, string name, IEnumerable<string> cohorts, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cohorts);
        var chosen = cohorts.Distinct().ToList();
        if (chosen.FirstOrDefault(c => Cohort.All.All(k => k.Id != c)) is { } unknown)
            throw new ArgumentException($"There is no cohort called '{unknown}'.", nameof(cohorts));
        var team = (await db.Teams.Where(t => t.CouncilCode == council).ToListAsync(cancellationToken)).FirstOrDefault(t => Same(t.Name, name));
        if (team is null) db.Teams.Add(team = new Team { CouncilCode = council, Name = name.Trim() });
        team.WorksWith = string.Join(' ', Cohort.All.Select(c => c.Id).Where(chosen.Contains));
        (team.ChangedBy, team.ChangedAt) = (by, at);
        await db.SaveChangesAsync(cancellationToken);
        return team;
    }

    /// <summary>The cohorts a team works with; none for no team or a team nobody has set up.</summary>
    public static async Task<IReadOnlyList<string>> CohortsOfAsync(WaypointDbContext db, string council, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(team)) return [];
        var teams = await db.Teams.Where(t => t.CouncilCode == council).Select(t => new { t.Name, t.WorksWith }).ToListAsync(cancellationToken);
        return teams.FirstOrDefault(t => Same(t.Name, team))?.WorksWith.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
    }

    /// <summary>Identity providers are not consistent about capitals: "SEND Team" and "SEND team" are one team.</summary>
    internal static bool Same(string a, string? b) => string.Equals(a.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
