using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Access;
using Waypoint.Core.Data;

namespace Waypoint.Core.Insight;

/// <summary>
/// What a measure counts over: one council's records in the months from <see cref="From"/> to <see cref="To"/>, both
/// included, and either every young person of the council or only those in <see cref="People"/> (one team's, one
/// cohort's, or both: <see cref="MeasurePeople"/>).
/// </summary>
public sealed record MeasureScope(string Council, CalendarMonth From, CalendarMonth To)
{
    /// <summary>Only these young people, or everyone when null.</summary>
    public IReadOnlySet<long>? People { get; init; }

    public IReadOnlyList<CalendarMonth> Months => CalendarMonth.Range(From, To);

    /// <summary>The period of the same length that ends the month before this one starts: a trend compares the two.</summary>
    public MeasureScope PreviousPeriod
    {
        get
        {
            var length = Months.Count;
            var to = From.Previous;
            return this with { From = CalendarMonth.Of(to.FirstDay.AddMonths(1 - length)), To = to };
        }
    }

    public bool Counts(long personId) => People is null || People.Contains(personId);
}

/// <summary>The young people of one team or one cohort, for a <see cref="MeasureScope"/>.</summary>
public static class MeasurePeople
{
    /// <summary>
    /// A team's young people: those whose transitions case has a named worker in the team (the team carries the case).
    /// Team names match as the access rules match them, whatever the case.
    /// </summary>
    public static async Task<IReadOnlySet<long>> OfTeamAsync(WaypointDbContext db, string council, string team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = (await db.StaffMembers.Where(s => s.CouncilCode == council && s.Team != null)
                .Select(s => new { s.UserName, Team = s.Team! }).ToListAsync(cancellationToken))
            .Where(s => Teams.Same(s.Team, team)).Select(s => s.UserName).ToHashSet(StringComparer.Ordinal);
        var cases = await db.TransitionsCases.Where(c => c.CouncilCode == council && c.NamedWorker != null)
            .Select(c => new { c.PersonId, NamedWorker = c.NamedWorker! }).ToListAsync(cancellationToken);
        return cases.Where(c => staff.Contains(c.NamedWorker)).Select(c => c.PersonId).ToHashSet();
    }

    /// <summary>
    /// A cohort's young people: those in it on the day the figures are run, from the tracker's cohort flags. A young
    /// person who has moved between cohorts (looked after, then a care leaver) counts in the cohort they are in now, in
    /// every period, so a period's figures do not change when someone moves on.
    /// </summary>
    public static IReadOnlySet<long> InCohort(IReadOnlyDictionary<long, IReadOnlyCollection<string>> cohorts, string cohort)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        return cohorts.Where(c => c.Value.Contains(cohort)).Select(c => c.Key).ToHashSet();
    }

    /// <summary>Those in both, where both are chosen; either where one is; null (everyone) where neither is.</summary>
    public static IReadOnlySet<long>? Both(IReadOnlySet<long>? team, IReadOnlySet<long>? cohort) =>
        (team, cohort) switch
        {
            (null, null) => null,
            (null, _) => cohort,
            (_, null) => team,
            _ => team.Where(cohort.Contains).ToHashSet(),
        };
}
