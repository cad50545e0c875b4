using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Insight;

/// <summary>Of the young people who turned 15 in the period, those referred before their 15th birthday.</summary>
public sealed record IdentifiedBy14(CalendarMonth From, CalendarMonth To, Counted Turned15, Counted Identified, Counted NotIdentified)
{
    public Share Share => new(Identified, Turned15);
}

/// <summary>The waiting list on a day, by age on the day and by how long each young person has waited since referral.</summary>
public sealed record WaitingListOnADay(DateOnly AsOf, Counted Waiting, IReadOnlyList<CountedRow> ByAge, IReadOnlyList<CountedRow> ByTimeWaited);

/// <summary>Of the young people referred who turned 18 in the period, those with an adult eligibility decision before their 18th birthday.</summary>
public sealed record DecidedBefore18(CalendarMonth From, CalendarMonth To, Counted Turned18, Counted Decided, Counted NotDecided)
{
    public Share Share => new(Decided, Turned18);
}

/// <summary>Of the assessments finished in each month and in the period, the share decided eligible.</summary>
public sealed record EligibilityRate(CalendarMonth From, CalendarMonth To, IReadOnlyList<MonthShare> Months, Share Overall);

/// <summary>
/// The Transitions Board's measures of the pathway itself (domain.md "Measures"; issue 8): how early young people are
/// identified, who waits and for how long, whether the adult decision comes before 18, and how many are found
/// eligible. Each counts what docs/measures.md defines, for one council, and only the scope's young people when it
/// names them.
/// </summary>
public static class PathwayMeasures
{
    /// <summary>
    /// Share identified by 14: the young people of the council whose 15th birthday fell in the period, and of them those
    /// whose first transitions referral was received before that birthday ("by 14": while still 14 or younger). Planning
    /// for adulthood starts from Year 9, at 13 to 14 (SEND Code of Practice 2015 8.9), and a transition assessment is
    /// due once it would be of significant benefit (Care Act 2014 s.58(1)); a referral at 15 or later leaves less time.
    /// Who is counted: with the scope's people (a cohort or a team) every one of them who turned 15, referred or not;
    /// without, every young person of the council who turned 15 and has been referred at any time, because the council
    /// has no other list of who will need transition support: so a recent period's share can fall as young people
    /// are referred late.
    /// </summary>
    public static async Task<IdentifiedBy14> IdentifiedBy14Async(
        WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var firstReferred = await FirstReferredAsync(db, scope.Council, cancellationToken);
        // Without a team or cohort only those ever referred count, and their dates of birth come with the referrals:
        // a large council has tens of thousands born in a year and a few hundred referred.
        var counted = (scope.People is null
            ? TurningWithin(scope, 15, leapDay, firstReferred.Select(r => (r.Key, r.Value.DateOfBirth)))
            : await BornToTurnAsync(db, scope, 15, leapDay, cancellationToken)).ToList();
        var identified = counted.Where(p => firstReferred.TryGetValue(p.Key, out var first) && first.ReceivedOn < Age.Turns(p.Value, 15, leapDay)).Select(p => p.Key).ToHashSet();
        return new IdentifiedBy14(scope.From, scope.To, new(counted.Select(p => p.Key)), new(identified), new(counted.Select(p => p.Key).Where(p => !identified.Contains(p))));
    }

    /// <summary>The time-waited bands, in whole calendar months since the referral was received.</summary>
    public static readonly IReadOnlyList<string> WaitedBands = ["Under 1 month", "1 to 3 months", "3 to 6 months", "6 to 12 months", "12 months or more"];

    /// <summary>
    /// The band of a wait. A month has passed on the same day of the next month, or on its last day when it is shorter:
    /// received on 31 January, a month has passed on 28 February (29 in a leap year).
    /// </summary>
    public static string WaitedBand(DateOnly receivedOn, DateOnly asOf)
    {
        var months = (asOf.Year - receivedOn.Year) * 12 + asOf.Month - receivedOn.Month;
        if (receivedOn.AddMonths(months) > asOf) months--;
        return months switch
        {
            < 1 => WaitedBands[0],
            < 3 => WaitedBands[1],
            < 6 => WaitedBands[2],
            < 12 => WaitedBands[3],
            _ => WaitedBands[4],
        };
    }

    /// <summary>
    /// The waiting list on <paramref name="asOf"/> (<see cref="WaitingList"/>: cases at "referred", waiting for a first
    /// assessment), only <paramref name="people"/> when given, by age on the day in the waiting list's bands and by the
    /// time waited since the referral was received (<see cref="WaitedBands"/>). Every band is shown, with none where no
    /// one is in it; "age not known" only when someone is.
    /// </summary>
    public static async Task<WaitingListOnADay> WaitingListAsync(
        WaypointDbContext db, string council, DateOnly asOf, IReadOnlySet<long>? people, CancellationToken cancellationToken)
    {
        var entries = (await WaitingList.GetAsync(db, council, asOf, WaitingListSort.WaitedLongest, cancellationToken)).Entries
            .Where(e => people is null || people.Contains(e.PersonId)).ToList();
        var byAge = WaitingList.AgeBands.Select(b => new CountedRow(b, new(entries.Where(e => e.Age is { } age && WaitingList.Band(age) == b).Select(e => e.PersonId)))).ToList();
        if (entries.Any(e => e.Age is null)) byAge.Add(new CountedRow(WaitingList.AgeNotKnown, new(entries.Where(e => e.Age is null).Select(e => e.PersonId))));
        return new WaitingListOnADay(asOf, new(entries.Select(e => e.PersonId)), byAge,
            [.. WaitedBands.Select(b => new CountedRow(b, new(entries.Where(e => WaitedBand(e.ReceivedOn, asOf) == b).Select(e => e.PersonId))))]);
    }

    /// <summary>
    /// Adult decision before 18: the young people of the council whose 18th birthday fell in the period and who had
    /// been referred before it, and of them those whose own transition assessment was decided, eligible or not, before
    /// the birthday (the date of the decision, <see cref="TransitionAssessment.DecidedOn"/>). The assessment should be
    /// done in time for care to be in place at 18 (Care Act 2014 s.58-59; Care and Support Statutory Guidance, chapter 16).
    /// "Their own" is a child's needs assessment (s.58) or a young carer's (s.63); a parent's carer's assessment
    /// (s.60) decides the parent's needs, not theirs. A decision on the birthday is not before it.
    /// </summary>
    public static async Task<DecidedBefore18> DecidedBefore18Async(
        WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var firstReferred = await FirstReferredAsync(db, scope.Council, cancellationToken);
        var referred = TurningWithin(scope, 18, leapDay, firstReferred.Select(r => (r.Key, r.Value.DateOfBirth)))
            .Where(p => firstReferred[p.Key].ReceivedOn < Age.Turns(p.Value, 18, leapDay))
            .ToDictionary(p => p.Key, p => Age.Turns(p.Value, 18, leapDay));
        var ids = referred.Keys.ToList();
        // A council's decisions number hundreds, its people up to a million: read the decisions and match them here,
        // rather than send the database a list of every young person who turned 18.
        var decisions = await db.TransitionAssessments.AsNoTracking()
            .Where(a => a.CouncilCode == scope.Council && a.DecidedOn != null && a.Kind != AssessmentKind.ChildsCarers)
            .Select(a => new { a.PersonId, DecidedOn = a.DecidedOn!.Value }).ToListAsync(cancellationToken);
        var decided = decisions.Where(d => referred.TryGetValue(d.PersonId, out var birthday) && d.DecidedOn < birthday).Select(d => d.PersonId).ToHashSet();
        return new DecidedBefore18(scope.From, scope.To, new(ids), new(decided), new(ids.Where(p => !decided.Contains(p))));
    }

    /// <summary>
    /// The eligibility rate: of the assessments finished in each month and in the whole period (as
    /// <see cref="Measures.AssessmentsFinishedAsync"/> counts them, by the date of the decision), the share decided
    /// eligible under the Care and Support (Eligibility Criteria) Regulations 2015 (reg 2 for the young person, reg 3 for
    /// a carer). Each assessment counts once: a young person assessed twice in the period is counted twice.
    /// </summary>
    public static async Task<EligibilityRate> EligibilityRateAsync(WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (first, last) = (scope.From.FirstDay, scope.To.LastDay);
        var decided = (await db.TransitionAssessments.AsNoTracking()
            .Where(a => a.CouncilCode == scope.Council && a.DecidedOn != null && a.DecidedOn >= first && a.DecidedOn <= last)
            .Select(a => new { a.PersonId, DecidedOn = a.DecidedOn!.Value, Eligible = a.Eligible == true })
            .ToListAsync(cancellationToken)).Where(a => scope.Counts(a.PersonId)).ToList();
        Share ShareOf(IEnumerable<(long PersonId, bool Eligible)> assessments) =>
            new(new(assessments.Where(a => a.Eligible).Select(a => a.PersonId)), new(assessments.Select(a => a.PersonId)));
        var all = decided.Select(a => (a.PersonId, a.Eligible)).ToList();
        return new EligibilityRate(scope.From, scope.To,
            MonthByMonth.Each(scope.Months, decided, a => a.DecidedOn, (m, inMonth) => new MonthShare(m, ShareOf(inMonth.Select(a => (a.PersonId, a.Eligible))))),
            ShareOf(all));
    }

    /// <summary>The scope's young people of the council who turn <paramref name="years"/> in the period, with their dates of birth.</summary>
    private static async Task<Dictionary<long, DateOnly>> BornToTurnAsync(
        WaypointDbContext db, MeasureScope scope, int years, LeapDayBirthday leapDay, CancellationToken cancellationToken)
    {
        var (earliest, latest) = Birthdays.BornAround(years, scope.From.FirstDay, scope.To.LastDay);
        var born = await db.People.AsNoTracking()
            .Where(p => p.CouncilCode == scope.Council && p.DateOfBirth != null && p.DateOfBirth >= earliest && p.DateOfBirth <= latest)
            .Select(p => new { p.Id, p.DateOfBirth }).ToListAsync(cancellationToken);
        return TurningWithin(scope, years, leapDay, born.Select(p => (p.Id, p.DateOfBirth)));
    }

    /// <summary>Of <paramref name="people"/>, the scope's who turn <paramref name="years"/> in the period, with their dates of birth.</summary>
    private static Dictionary<long, DateOnly> TurningWithin(MeasureScope scope, int years, LeapDayBirthday leapDay, IEnumerable<(long Id, DateOnly? DateOfBirth)> people) =>
        people.Where(p => p.DateOfBirth is { } born && scope.Counts(p.Id) && Birthdays.TurnsWithin(born, years, scope.From.FirstDay, scope.To.LastDay, leapDay))
            .ToDictionary(p => p.Id, p => p.DateOfBirth!.Value);

    /// <summary>When a young person was first referred to the council's transitions team, and their date of birth.</summary>
    private sealed record FirstReferral(DateOnly ReceivedOn, DateOnly? DateOfBirth);

    /// <summary>
    /// The day each young person of the council was first referred to its transitions team, for those ever referred. A
    /// council's referrals number thousands at most, so all are read rather than a list of people sent to the database.
    /// </summary>
    private static async Task<Dictionary<long, FirstReferral>> FirstReferredAsync(WaypointDbContext db, string council, CancellationToken cancellationToken) =>
        (await db.Referrals.AsNoTracking().Where(r => r.CouncilCode == council)
            .GroupBy(r => r.PersonId).Select(g => new { PersonId = g.Key, First = g.Min(r => r.ReceivedOn) })
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r.PersonId, r.First, p.DateOfBirth })
            .ToListAsync(cancellationToken))
        .ToDictionary(r => r.PersonId, r => new FirstReferral(r.First, r.DateOfBirth));
}
