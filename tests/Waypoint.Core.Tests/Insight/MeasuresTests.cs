using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;

namespace Waypoint.Core.Tests.Insight;

/// <summary>
/// Referrals per month, assessments finished per month and the time to clear the waiting list, on one small council
/// built through the same services the pages use, with every answer worked out by hand below.
/// </summary>
public class MeasuresTests
{
    private static readonly DateOnly Today = new(2025, 7, 15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Council 999 (ages are on the day received; 29 February birthdays fall on 1 March in other years):
    ///  1. born 29 Feb 2008: referred 29 Feb 2024 by health (16, on the birthday); request refused 4 Mar 2024; referred
    ///     again 1 Mar 2025 by a college (17: in 2025 the birthday is 1 March); waiting.
    ///  2. born 15 Jan 2009: referred 10 Jan 2025 by the SEN team (15); assessed, decided eligible 20 Jan 2025.
    ///  3. no date of birth: self-referral 31 Jan 2025 (age not known); request refused 10 Feb 2025 (not an assessment).
    ///  4. born 31 Mar 2008: referred 31 Mar 2025 by the SEN team (17, on the birthday); decided not eligible the same day.
    ///  5. born 1 Dec 2007: referred 1 Apr 2025 by health (17); waiting.
    ///  6. born 29 Feb 2008: referred 28 Feb 2023 by "other" (14: turns 15 on 1 March 2023); waiting.
    ///  7. born 30 Jun 2008: referred 5 May 2025 by the SEN team (16); assessed, decided eligible 10 Jun 2025.
    ///  9. born 9 Sep 2009: referred 20 Jun 2025 by the children with disabilities team (15); assessment started, not decided.
    /// 10. born 1 Jul 2008: referred 1 Jul 2025 by health (17); waiting.
    /// Council 998: 8. born 1 Jan 2008, referred 15 Jan 2025: never counted for 999.
    /// </summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        DateOnly?[] born =
        [
            new DateOnly(2008, 2, 29), new DateOnly(2009, 1, 15), null, new DateOnly(2008, 3, 31), new DateOnly(2007, 12, 1),
            new DateOnly(2008, 2, 29), new DateOnly(2008, 6, 30), new DateOnly(2008, 1, 1), new DateOnly(2009, 9, 9), new DateOnly(2008, 7, 1),
        ];
        await AddPeopleAsync(database, born.Select((b, i) => (Id: i + 1L, b)).ToDictionary(x => x.Id, x => x.b), 8);

        await ReferAsync(database, 1, new DateOnly(2024, 2, 29), source: ReferralSource.Health);
        await RefuseAsync(database, 1, new DateOnly(2024, 3, 4));
        await ReferAsync(database, 1, new DateOnly(2025, 3, 1), source: ReferralSource.Education);

        await ReferAsync(database, 2, new DateOnly(2025, 1, 10), source: ReferralSource.SenTeam);
        await AssessAsync(database, 2, new DateOnly(2025, 1, 10), decidedOn: new DateOnly(2025, 1, 20), eligible: true);

        await ReferAsync(database, 3, new DateOnly(2025, 1, 31), source: ReferralSource.SelfReferral);
        await RefuseAsync(database, 3, new DateOnly(2025, 2, 10));

        await ReferAsync(database, 4, new DateOnly(2025, 3, 31), source: ReferralSource.SenTeam);
        await AssessAsync(database, 4, new DateOnly(2025, 3, 31), decidedOn: new DateOnly(2025, 3, 31), eligible: false);

        await ReferAsync(database, 5, new DateOnly(2025, 4, 1), source: ReferralSource.Health);
        await ReferAsync(database, 6, new DateOnly(2023, 2, 28), source: ReferralSource.Other);

        await ReferAsync(database, 7, new DateOnly(2025, 5, 5), source: ReferralSource.SenTeam);
        await AssessAsync(database, 7, new DateOnly(2025, 5, 5), decidedOn: new DateOnly(2025, 6, 10), eligible: true);

        await ReferAsync(database, 8, new DateOnly(2025, 1, 15), Elsewhere, ReferralSource.Health);

        await ReferAsync(database, 9, new DateOnly(2025, 6, 20), source: ReferralSource.ChildrenWithDisabilitiesTeam);
        await AssessAsync(database, 9, new DateOnly(2025, 6, 20), decidedOn: null, eligible: false);

        await ReferAsync(database, 10, new DateOnly(2025, 7, 1), source: ReferralSource.Health);
        return database;
    }

    private static (string, int)[] Counts(IEnumerable<MonthCount> months) => [.. months.Select(m => (m.Month.ToString(), m.Counted.Count))];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Referrals_JanuaryToMarch2025_FebruaryShowsZeroAndAgesAreOnTheDayReceived(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var result = await Measures.ReferralsAsync(db, new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 3)), Cancel);

        // January: 2 (10 Jan) and 3 (31 Jan); February: none (8 is another council's); March: 1 (1 Mar) and 4 (31 Mar, the
        // period's last day). 5 (1 April) is the day after the period.
        Assert.Equal([("January 2025", 2), ("February 2025", 0), ("March 2025", 2)], Counts(result.Months));
        Assert.Equal(4, result.Total);
        // Every source is shown, in order, with zero where none came: self-referral 3, SEN team 2 and 4, a college 1.
        Assert.Equal(
            [(ReferralSource.Health, 0), (ReferralSource.ChildrensSocialCare, 0), (ReferralSource.ChildrenWithDisabilitiesTeam, 0), (ReferralSource.SelfReferral, 1),
             (ReferralSource.SenTeam, 2), (ReferralSource.Education, 1), (ReferralSource.SpecialistEducationProvider, 0), (ReferralSource.Other, 0)],
            result.BySource.Select(s => (s.Source, s.Counted.Count)));
        // 2 is 15 on 10 Jan 2025; 1 (born 29 Feb 2008) is 17 on 1 Mar 2025, the birthday in a year with no 29 February;
        // 4 is 17 on the day of the 17th birthday; 3 has no date of birth.
        Assert.Equal([("15", 1), ("17", 2), ("Age not known", 1)], result.ByAge.Select(a => (a.Label, a.Counted.Count)));

        // Each count gives the young people behind it, for the dashboard's drill-down.
        Assert.Equal([[2L, 3], [], [1L, 4]], result.Months.Select(m => m.Counted.People.Order().ToArray()));
        Assert.Equal([3L], result.BySource.Single(s => s.Source == ReferralSource.SelfReferral).Counted.People);
        Assert.Equal([2L, 4], result.BySource.Single(s => s.Source == ReferralSource.SenTeam).Counted.People.Order());
        Assert.Equal([[2L], [1L, 4], [3L]], result.ByAge.Select(a => a.Counted.People.Order().ToArray()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Referrals_AcrossTwoFebruaries_LeapDayBirthdaysAndTheLeapDayItself(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var result = await Measures.ReferralsAsync(db, new MeasureScope("999", new CalendarMonth(2023, 2), new CalendarMonth(2024, 3)), Cancel);

        // Fourteen months, February 2023 to March 2024: 6 on 28 Feb 2023 and 1 on 29 Feb 2024; every other month none
        // (1's refusal on 4 March 2024 is not a referral).
        Assert.Equal(14, result.Months.Count);
        Assert.Equal([("February 2023", 1), ("February 2024", 1)], Counts(result.Months.Where(m => m.Counted.Count > 0)));
        Assert.Equal(Enumerable.Range(0, 14).Select(i => new CalendarMonth(2023, 2).FirstDay.AddMonths(i)), result.Months.Select(m => m.Month.FirstDay));
        // 6, born 29 Feb 2008, is still 14 on 28 Feb 2023 (15 on 1 March); 1, born 29 Feb 2008, is 16 on 29 Feb 2024.
        Assert.Equal([(14, 1), (16, 1)], result.ByAge.Select(a => (a.Age!.Value, a.Counted.Count)));

        // Where the council's rule puts the birthday on 28 February, 6 is already 15 that day.
        var february = await Measures.ReferralsAsync(db, new MeasureScope("999", new CalendarMonth(2023, 2), new CalendarMonth(2023, 2)), Cancel, LeapDayBirthday.TwentyEighthFebruary);
        Assert.Equal([(15, 1)], february.ByAge.Select(a => (a.Age!.Value, a.Counted.Count)));

        // 1 was referred twice (February 2024 and March 2025): each referral is counted, so a period holding both would
        // list 1 twice; here only the first falls in it.
        var both = await Measures.ReferralsAsync(db, new MeasureScope("999", new CalendarMonth(2024, 2), new CalendarMonth(2025, 3)), Cancel);
        Assert.Equal(2, both.Months.SelectMany(m => m.Counted.People).Count(p => p == 1));
        Assert.Equal(both.Total, both.Months.Sum(m => m.Counted.Count));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AssessmentsFinished_CountInTheMonthDecided_NotARefusalNorOneStillInProgress(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var result = await Measures.AssessmentsFinishedAsync(db, new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 7)), Cancel);

        // 2 decided eligible 20 Jan; 4 decided not eligible 31 Mar (finished all the same); 7 started in May, decided
        // 10 Jun. 3's refused request (10 Feb) and 9's assessment still in progress are not finished assessments.
        Assert.Equal(
            [("January 2025", 1), ("February 2025", 0), ("March 2025", 1), ("April 2025", 0), ("May 2025", 0), ("June 2025", 1), ("July 2025", 0)],
            Counts(result.Months));
        Assert.Equal(3, result.Total);
        Assert.Equal([[2L], [], [4L], [], [], [7L], []], result.Months.Select(m => m.Counted.People.ToArray()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TimeToClear_OnTheDay_WaitingNowAndRatesFromTheLastCompleteMonths(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var working = await Measures.TimeToClearAsync(db, "999", Today, Cancel);

        // Waiting on 15 July 2025 (at "referred"): 1 (referred again), 5, 6 and 10. Not 3 (refused), 9 (being assessed),
        // 2, 4 and 7 (decided), nor 8 (another council).
        Assert.Equal(4, working.Waiting.Count);
        Assert.Equal([1L, 5, 6, 10], working.Waiting.People);
        // The last 6 complete months are January to June 2025 (10's referral on 1 July is in a part month).
        // Referrals: 2 + 0 + 2 + 1 (5) + 1 (7) + 1 (9) = 7, so 7/6 a month; finished: 1 + 0 + 1 + 0 + 0 + 1 = 3, so 0.5.
        Assert.Equal([("January 2025", 2), ("February 2025", 0), ("March 2025", 2), ("April 2025", 1), ("May 2025", 1), ("June 2025", 1)], Counts(working.ReferralsHistory));
        Assert.Equal([1, 0, 1, 0, 0, 1], working.AssessmentsFinishedHistory.Select(m => m.Counted.Count));
        Assert.Equal([[2L], [], [4L], [], [], [7L]], working.AssessmentsFinishedHistory.Select(m => m.Counted.People.ToArray()));
        Assert.Equal(7.0 / 6, working.Referrals.Mean!.Value, 12);
        Assert.Equal(0.5, working.AssessmentsFinished.Mean);
        Assert.Equal(WaitingListProjection.Project(4, MonthlyRate.Averaging(7.0 / 6), MonthlyRate.Averaging(0.5)), working.Projection);
        // Referrals arrive faster than assessments are finished: the list does not clear.
        Assert.False(working.Projection.Clears);

        // The last 3 months, April to June: referrals 1, 1, 1 (a rate of 1); finished 0, 0, 1 (a third).
        var shorter = await Measures.TimeToClearAsync(db, "999", Today, Cancel, historyMonths: 3);
        Assert.Equal((1.0, 1.0 / 3), (shorter.Referrals.Mean!.Value, shorter.AssessmentsFinished.Mean!.Value));
        Assert.Equal(4, shorter.Projection.Waiting);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OneTeamsAndOneCohortsYoungPeople_CountOnlyThem(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using (var setUp = database.Open())
        {
            // The East team carries 2 and 7 (c.worker) and 5 (d.worker, whose team is written in other capitals); 9's
            // named worker is in another team; 8's is in another council.
            setUp.StaffMembers.AddRange(
                new StaffMember { CouncilCode = "999", UserName = "c.worker", DisplayName = "C", Team = "Transitions East", Role = "transitions-worker" },
                new StaffMember { CouncilCode = "999", UserName = "d.worker", DisplayName = "D", Team = "transitions EAST", Role = "transitions-worker" },
                new StaffMember { CouncilCode = "999", UserName = "e.worker", DisplayName = "E", Team = "Transitions West", Role = "transitions-worker" },
                new StaffMember { CouncilCode = "998", UserName = "c.worker", DisplayName = "C", Team = "Transitions East", Role = "transitions-worker" });
            foreach (var (person, worker) in new[] { (2, "c.worker"), (7, "c.worker"), (5, "d.worker"), (9, "e.worker"), (8, "c.worker") })
                setUp.TransitionsCases.Single(c => c.PersonId == person).NamedWorker = worker;
            await setUp.SaveChangesAsync(Cancel);
        }
        await using var db = database.Open();

        var east = await MeasurePeople.OfTeamAsync(db, "999", "Transitions East", Cancel);
        Assert.Equal([2L, 5, 7], east.Order());
        // Cohorts on the day the figures are run: 5 has moved from looked after to an EHC plan and counts in the EHC plan cohort.
        var cohorts = new Dictionary<long, IReadOnlyCollection<string>> { [2] = [Cohort.CareLeaver], [5] = [Cohort.EhcPlan], [7] = [Cohort.EhcPlan, Cohort.LookedAfter], [9] = [Cohort.EhcPlan] };
        var ehcPlan = MeasurePeople.InCohort(cohorts, Cohort.EhcPlan);
        Assert.Equal([5L, 7, 9], ehcPlan.Order());
        Assert.Null(MeasurePeople.Both(null, null));
        Assert.Same(east, MeasurePeople.Both(east, null));
        var both = MeasurePeople.Both(east, ehcPlan);
        Assert.Equal([5L, 7], both!.Order());

        var scope = new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 6)) { People = east };
        // East's referrals, January to June: 2 (10 Jan), 5 (1 Apr), 7 (5 May).
        var referrals = await Measures.ReferralsAsync(db, scope, Cancel);
        Assert.Equal([1, 0, 0, 1, 1, 0], referrals.Months.Select(m => m.Counted.Count));
        Assert.Equal(3, referrals.Total);
        // East's young people in the EHC plan cohort are 5 and 7: only 7's assessment was finished (June). 2's was too
        // (January), but 2 is a care leaver.
        var finished = await Measures.AssessmentsFinishedAsync(db, scope with { People = both }, Cancel);
        Assert.Equal([0, 0, 0, 0, 0, 1], finished.Months.Select(m => m.Counted.Count));
        // Of East's, only 5 waits on 15 July.
        Assert.Equal(1, (await Measures.TimeToClearAsync(db, "999", Today, Cancel, people: east)).Waiting.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WaitingByAge_OnTheDay_EveryBandWithTheYoungPeopleInIt(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var waiting = await PathwayMeasures.WaitingListAsync(db, "999", Today, null, Cancel);

        // Waiting on 15 July 2025: 1 (born 29 Feb 2008: 17), 5 (born 1 Dec 2007: 17), 6 (born 29 Feb 2008: 17) and 10
        // (born 1 Jul 2008: 17 since 1 July). Every band is shown; no one's date of birth is missing, so no "age not known".
        Assert.Equal(["14 and under", "15", "16", "17", "18 and over"], waiting.ByAge.Select(b => b.Label));
        Assert.Equal([0, 0, 0, 4, 0], waiting.ByAge.Select(b => b.Counted.Count));
        Assert.Equal([1L, 5, 6, 10], waiting.ByAge[3].Counted.People);
        Assert.Equal(4, waiting.Waiting.Count);
        // Ages are on the day given: on 30 June 2025, the day before 10's 17th birthday, 10 is in the band for 16.
        var dayBefore = await PathwayMeasures.WaitingListAsync(db, "999", new DateOnly(2025, 6, 30), null, Cancel);
        Assert.Equal([0, 0, 1, 3, 0], dayBefore.ByAge.Select(b => b.Counted.Count));
        Assert.Equal([10L], dayBefore.ByAge[2].Counted.People);
        // Only these young people: 5 and 9 (9 is being assessed, not waiting).
        Assert.Equal([5L], (await PathwayMeasures.WaitingListAsync(db, "999", Today, new HashSet<long> { 5, 9 }, Cancel)).ByAge.SelectMany(b => b.Counted.People));
    }

    [Fact]
    public void ThePreviousPeriod_IsAsLongAndEndsTheMonthBefore()
    {
        var quarter = new MeasureScope("999", new CalendarMonth(2025, 4), new CalendarMonth(2025, 6));
        Assert.Equal((new CalendarMonth(2025, 1), new CalendarMonth(2025, 3)), (quarter.PreviousPeriod.From, quarter.PreviousPeriod.To));
        var january = new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 1));
        Assert.Equal((new CalendarMonth(2024, 12), new CalendarMonth(2024, 12)), (january.PreviousPeriod.From, january.PreviousPeriod.To));
        var year = new MeasureScope("999", new CalendarMonth(2024, 3), new CalendarMonth(2025, 2));
        Assert.Equal((new CalendarMonth(2023, 3), new CalendarMonth(2024, 2)), (year.PreviousPeriod.From, year.PreviousPeriod.To));
    }
}
