using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Access;

/// <summary>
/// The access rules (architecture.md "Security and audit"): a member of staff sees a young person when they or their
/// team are involved with or allocated to them, when they hold a transitions role and the young person is in the
/// transitions cohort, when their case came to the panel the member of staff sits on, or by emergency access with a
/// recorded reason. Anyone else is refused: lawful sharing needs a reason (Data Protection Act 2018 s.35-40, UK GDPR
/// art. 5(1)(b)-(c)). Every page and endpoint that shows a person goes through <see cref="AccessScope.Basis"/>.
/// </summary>
public static class PersonAccess
{
    /// <summary>
    /// How far back a panel's cases stay open to its members: the panel reviews its decisions and follows up its actions
    /// for a year (the annual review of a plan, Care Act 2014 s.27).
    /// </summary>
    public static readonly TimeSpan PanelMemory = TimeSpan.FromDays(366);

    /// <summary>What the viewer's relationships are, for one person (a page about them) or for everyone (a list).</summary>
    public static async Task<AccessScope> ScopeAsync(WaypointDbContext db, Viewer viewer, DateTimeOffset now, CancellationToken cancellationToken, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        var council = viewer.Council;
        var staff = await db.StaffMembers.Where(s => s.CouncilCode == council && s.Team != null).Select(s => new { s.UserName, s.Team }).ToListAsync(cancellationToken);
        var team = string.IsNullOrWhiteSpace(viewer.Team) ? [] : staff.Where(s => Teams.Same(s.Team!, viewer.Team)).Select(s => s.UserName).ToHashSet();
        team.Add(viewer.UserName);

        var cases = db.TransitionsCases.Where(c => c.CouncilCode == council && c.NamedWorker != null && (personId == null || c.PersonId == personId));
        var named = await cases.Select(c => new { c.PersonId, NamedWorker = c.NamedWorker! }).ToListAsync(cancellationToken);
        var tasks = await db.CaseTasks.Where(t => t.CouncilCode == council && t.PersonId != null && (personId == null || t.PersonId == personId))
            .Select(t => new { PersonId = t.PersonId!.Value, t.Owner, Open = t.DoneOn == null }).ToListAsync(cancellationToken);
        var referrers = await db.Referrals.Where(r => r.CouncilCode == council && (personId == null || r.PersonId == personId))
            .Select(r => new { r.PersonId, r.RecordedBy }).ToListAsync(cancellationToken);

        var allocated = named.Where(c => c.NamedWorker == viewer.UserName).Select(c => c.PersonId)
            .Concat(tasks.Where(t => t.Open && t.Owner == viewer.UserName).Select(t => t.PersonId)).ToHashSet();
        var involved = named.Where(c => team.Contains(c.NamedWorker)).Select(c => c.PersonId)
            .Concat(tasks.Where(t => team.Contains(t.Owner)).Select(t => t.PersonId))
            .Concat(referrers.Where(r => team.Contains(r.RecordedBy)).Select(r => r.PersonId)).ToHashSet();

        var panel = new HashSet<long>();
        if (viewer.SitsOnPanel)
        {
            var since = DateOnly.FromDateTime((now - PanelMemory).UtcDateTime);
            panel.UnionWith(await db.PanelCases.Where(c => personId == null || c.PersonId == personId)
                .Join(db.PanelMeetings.Where(m => m.CouncilCode == council && m.MeetsOn >= since), c => c.PanelMeetingId, m => m.Id, (c, _) => c.PersonId)
                .ToListAsync(cancellationToken));
        }

        // SQLite cannot compare date-time offsets in a query; a user's uses of emergency access are few.
        var breakGlass = (await db.BreakGlassAccesses.Where(b => b.CouncilCode == council && b.UserName == viewer.UserName && (personId == null || b.PersonId == personId))
                .Select(b => new { b.PersonId, b.Until }).ToListAsync(cancellationToken))
            .Where(b => b.Until > now).GroupBy(b => b.PersonId).ToDictionary(g => g.Key, g => g.Max(b => b.Until));

        return new AccessScope(viewer, allocated, involved, [.. await Teams.CohortsOfAsync(db, council, viewer.Team, cancellationToken)], panel, breakGlass);
    }
}

/// <summary>One viewer's relationships with young people, worked out once for a request.</summary>
public sealed class AccessScope
{
    private readonly HashSet<long> _allocated;
    private readonly HashSet<long> _involved;
    private readonly HashSet<string> _teamCohorts;
    private readonly HashSet<long> _panel;
    private readonly Dictionary<long, DateTimeOffset> _breakGlass;

    internal AccessScope(Viewer viewer, HashSet<long> allocated, HashSet<long> involved, HashSet<string> teamCohorts, HashSet<long> panel, Dictionary<long, DateTimeOffset> breakGlass)
    {
        Viewer = viewer;
        (_allocated, _involved, _teamCohorts, _panel, _breakGlass) = (allocated, involved, teamCohorts, panel, breakGlass);
    }

    public Viewer Viewer { get; }

    /// <summary>
    /// Why the viewer may see the person, or null when they may not. <paramref name="cohorts"/> are the person's cohort
    /// flags today when they are in the transitions cohort (the tracker's people), and null when they are not.
    /// </summary>
    public AccessBasis? Basis(long personId, IReadOnlyCollection<string>? cohorts)
    {
        if (_allocated.Contains(personId)) return AccessBasis.Allocated;
        if (_involved.Contains(personId) || (cohorts is not null && cohorts.Any(_teamCohorts.Contains))) return AccessBasis.TeamInvolved;
        if (Viewer.WorksTransitionsCohort && cohorts is not null) return AccessBasis.TransitionsCohort;
        if (_panel.Contains(personId)) return AccessBasis.Panel;
        if (_breakGlass.ContainsKey(personId)) return AccessBasis.BreakGlass;
        return null;
    }

    /// <summary>When the viewer's emergency access to the person ends; null when they have none.</summary>
    public DateTimeOffset? BreakGlassUntil(long personId) => _breakGlass.TryGetValue(personId, out var until) ? until : null;

    /// <summary>The rows of a list that the viewer may see: a list never shows a young person their page would refuse.</summary>
    public IEnumerable<T> Visible<T>(IEnumerable<T> rows, Func<T, long> personId, Func<T, IReadOnlyCollection<string>?> cohorts) =>
        rows.Where(r => Basis(personId(r), cohorts(r)) is not null);
}
