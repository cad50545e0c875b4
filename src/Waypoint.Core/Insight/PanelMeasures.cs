using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;

namespace Waypoint.Core.Insight;

/// <summary>Cases with one decision, or with none recorded when <see cref="Decision"/> is null.</summary>
public sealed record DecisionCount(PanelDecision? Decision, Counted Counted)
{
    public const string NoDecisionRecorded = "No decision recorded";

    public string Label => Decision is { } d ? PanelMeetings.Label(d) : NoDecisionRecorded;
}

/// <summary>The cases at the panel in one month, and by decision.</summary>
public sealed record PanelMonth(CalendarMonth Month, Counted Cases, IReadOnlyList<DecisionCount> ByDecision);

/// <summary>The cases heard at the panel's meetings in the period, by decision, in each month and in the whole period.</summary>
public sealed record PanelCasesAndDecisions(CalendarMonth From, CalendarMonth To, Counted Cases, IReadOnlyList<DecisionCount> ByDecision, IReadOnlyList<PanelMonth> Months);

/// <summary>The multi-agency transitions panel's work for the board (domain.md "Measures": panel cases and decisions; issue 8).</summary>
public static class PanelMeasures
{
    /// <summary>
    /// Panel cases and decisions: the cases on the agenda of the council's panel meetings held in the period (by the day
    /// the meeting met, <see cref="PanelMeeting.MeetsOn"/>), by the panel's decision (agree package, defer, escalate to
    /// the Transitions Board, in that order) and "no decision recorded" last, in each month and in the whole period. A
    /// case deferred to a later meeting is heard again there and counts at both meetings, once with each decision.
    /// </summary>
    public static async Task<PanelCasesAndDecisions> CasesAndDecisionsAsync(WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (first, last) = (scope.From.FirstDay, scope.To.LastDay);
        var cases = (await db.PanelCases.AsNoTracking()
                .Join(db.PanelMeetings, c => c.PanelMeetingId, m => m.Id, (c, m) => new { c.PersonId, c.Decision, m.MeetsOn, m.CouncilCode })
                .Where(x => x.CouncilCode == scope.Council && x.MeetsOn >= first && x.MeetsOn <= last)
                .Select(x => new { x.PersonId, x.Decision, x.MeetsOn })
                .ToListAsync(cancellationToken))
            .Where(x => scope.Counts(x.PersonId)).Select(x => (x.PersonId, x.Decision, x.MeetsOn)).ToList();
        return new PanelCasesAndDecisions(scope.From, scope.To, new(cases.Select(c => c.PersonId)), ByDecision(cases),
            MonthByMonth.Each(scope.Months, cases, c => c.MeetsOn, (m, inMonth) => new PanelMonth(m, new(inMonth.Select(c => c.PersonId)), ByDecision(inMonth))));
    }

    private static IReadOnlyList<DecisionCount> ByDecision(IReadOnlyList<(long PersonId, PanelDecision? Decision, DateOnly MeetsOn)> cases) =>
        [.. Enum.GetValues<PanelDecision>().Select(d => (PanelDecision?)d).Append(null)
            .Select(d => new DecisionCount(d, new(cases.Where(c => c.Decision == d).Select(c => c.PersonId))))];
}
