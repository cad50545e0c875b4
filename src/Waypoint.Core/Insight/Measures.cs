using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Insight;

/// <summary>A calendar month, the unit every "per month" measure counts in.</summary>
public readonly record struct CalendarMonth : IComparable<CalendarMonth>
{
    public CalendarMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        (Year, Month) = (year, month);
    }

    public int Year { get; }
    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public CalendarMonth Next => Of(FirstDay.AddMonths(1));
    public CalendarMonth Previous => Of(FirstDay.AddMonths(-1));

    public static CalendarMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>Every month from <paramref name="from"/> to <paramref name="to"/>, both included, in order.</summary>
    public static IReadOnlyList<CalendarMonth> Range(CalendarMonth from, CalendarMonth to)
    {
        if (to < from) throw new ArgumentException("The period must end on or after the month it starts.", nameof(to));
        var months = new List<CalendarMonth>();
        for (var m = from; m <= to; m = m.Next) months.Add(m);
        return months;
    }

    public int CompareTo(CalendarMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(CalendarMonth left, CalendarMonth right) => left.CompareTo(right) < 0;
    public static bool operator <=(CalendarMonth left, CalendarMonth right) => left.CompareTo(right) <= 0;
    public static bool operator >(CalendarMonth left, CalendarMonth right) => left.CompareTo(right) > 0;
    public static bool operator >=(CalendarMonth left, CalendarMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// The events of one month, as the young people they were about: one id for each event, so a young person referred
/// twice in the month is there twice. The dashboard's drill-down lists them.
/// </summary>
public sealed record MonthCount(CalendarMonth Month, Counted Counted);

public sealed record SourceCount(ReferralSource Source, Counted Counted);

/// <summary>Referrals at one age in whole years on the day received; <see cref="Age"/> is null for "age not known".</summary>
public sealed record AgeCount(int? Age, Counted Counted)
{
    public string Label => Age is { } a ? a.ToString(CultureInfo.InvariantCulture) : WaitingList.AgeNotKnown;
}

public sealed record ReferralsPerMonth(
    CalendarMonth From, CalendarMonth To, int Total, IReadOnlyList<MonthCount> Months, IReadOnlyList<SourceCount> BySource, IReadOnlyList<AgeCount> ByAge);

public sealed record AssessmentsFinishedPerMonth(CalendarMonth From, CalendarMonth To, int Total, IReadOnlyList<MonthCount> Months);

/// <summary>
/// The time to clear the waiting list with how it was worked out: the number waiting on <see cref="AsOf"/>, the counts
/// of the complete months the rates were averaged from, the rates, and the projection itself.
/// </summary>
public sealed record TimeToClearWorking(
    DateOnly AsOf, Counted Waiting, IReadOnlyList<MonthCount> ReferralsHistory, IReadOnlyList<MonthCount> AssessmentsFinishedHistory,
    MonthlyRate Referrals, MonthlyRate AssessmentsFinished, TimeToClear Projection);

/// <summary>
/// The Transitions Board's measures computed from the pathway records of one council (domain.md "Measures"; issue 8).
/// Each counts what is defined in docs/measures.md; every month of the period is shown, with zero where nothing happened.
/// </summary>
public static class Measures
{
    public const int DefaultHistoryMonths = 6;

    /// <summary>
    /// Referrals received in each month of the period (by <see cref="Referral.ReceivedOn"/>, the day the council received
    /// the request, not the day it was typed in), and for the whole period by source and by age at referral: the age in
    /// whole years on the day received, by the council's rule for 29 February birthdays. A young person referred again
    /// after a refusal or a closed case is counted again: each referral is a request for a transition assessment.
    /// </summary>
    public static async Task<ReferralsPerMonth> ReferralsAsync(
        WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (first, last) = (scope.From.FirstDay, scope.To.LastDay);
        var rows = (await db.Referrals.AsNoTracking()
            .Where(r => r.CouncilCode == scope.Council && r.ReceivedOn >= first && r.ReceivedOn <= last)
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r.PersonId, r.ReceivedOn, r.Source, p.DateOfBirth })
            .ToListAsync(cancellationToken)).Where(r => scope.Counts(r.PersonId)).ToList();
        var ages = rows.Select(r => (r.PersonId, Age: r.DateOfBirth is { } born ? Age.On(born, r.ReceivedOn, leapDay) : (int?)null)).ToList();
        return new ReferralsPerMonth(scope.From, scope.To, rows.Count,
            PerMonth(scope.Months, rows.Select(r => (r.PersonId, r.ReceivedOn))),
            [.. Enum.GetValues<ReferralSource>().Select(s => new SourceCount(s, new(rows.Where(r => r.Source == s).Select(r => r.PersonId))))],
            // Ages as they occur, youngest first, then "age not known" last (as the waiting list shows it).
            [.. ages.GroupBy(a => a.Age).OrderBy(g => g.Key is null).ThenBy(g => g.Key).Select(g => new AgeCount(g.Key, new(g.Select(a => a.PersonId))))]);
    }

    /// <summary>
    /// Transition assessments finished in each month of the period. An assessment is finished when its eligibility
    /// decision is made, and counts in the month of <see cref="TransitionAssessment.DecidedOn"/> (the date of the decision
    /// the practitioner records, not <see cref="TransitionAssessment.DecidedAt"/>, the moment it was typed in), whether
    /// decided eligible or not, of any of the three kinds (s.58, s.60, s.63). Not counted: an assessment started and not
    /// decided, and a refused request for an assessment (s.58(5)): no assessment was carried out.
    /// </summary>
    public static async Task<AssessmentsFinishedPerMonth> AssessmentsFinishedAsync(WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (first, last) = (scope.From.FirstDay, scope.To.LastDay);
        var decided = (await db.TransitionAssessments.AsNoTracking()
            .Where(a => a.CouncilCode == scope.Council && a.DecidedOn != null && a.DecidedOn >= first && a.DecidedOn <= last)
            .Select(a => new { a.PersonId, DecidedOn = a.DecidedOn!.Value })
            .ToListAsync(cancellationToken)).Where(a => scope.Counts(a.PersonId)).Select(a => (a.PersonId, a.DecidedOn)).ToList();
        return new AssessmentsFinishedPerMonth(scope.From, scope.To, decided.Count, PerMonth(scope.Months, decided));
    }

    /// <summary>
    /// The projected time to clear the waiting list on <paramref name="asOf"/> (today, for a board report): the number on
    /// the waiting list now, and the referral and assessments-finished rates averaged over the last
    /// <paramref name="historyMonths"/> complete months before the month of <paramref name="asOf"/> (a part month would
    /// understate both), passed to <see cref="WaitingListProjection"/>.
    /// </summary>
    public static async Task<TimeToClearWorking> TimeToClearAsync(
        WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, int historyMonths = DefaultHistoryMonths,
        IReadOnlySet<long>? people = null, WaitingListOnADay? waitingList = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyMonths, 1);
        var to = CalendarMonth.Of(asOf).Previous;
        var scope = new MeasureScope(council, CalendarMonth.Of(to.FirstDay.AddMonths(1 - historyMonths)), to) { People = people };
        // The caller may have read the same day's list for the same people already (the dashboard shows it too).
        var waiting = (waitingList ?? await PathwayMeasures.WaitingListAsync(db, council, asOf, people, cancellationToken)).Waiting;
        var referrals = await ReferralsAsync(db, scope, cancellationToken);
        var finished = await AssessmentsFinishedAsync(db, scope, cancellationToken);
        var referralRate = MonthlyRate.FromHistory([.. referrals.Months.Select(m => m.Counted.Count)]);
        var finishedRate = MonthlyRate.FromHistory([.. finished.Months.Select(m => m.Counted.Count)]);
        return new TimeToClearWorking(asOf, waiting, referrals.Months, finished.Months, referralRate, finishedRate,
            WaitingListProjection.Project(waiting.Count, referralRate, finishedRate));
    }

    private static IReadOnlyList<MonthCount> PerMonth(IReadOnlyList<CalendarMonth> months, IEnumerable<(long PersonId, DateOnly On)> events) =>
        MonthByMonth.Each(months, events, e => e.On, (m, inMonth) => new MonthCount(m, new(inMonth.Select(e => e.PersonId))));
}
