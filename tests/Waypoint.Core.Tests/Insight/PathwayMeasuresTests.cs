using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;

namespace Waypoint.Core.Tests.Insight;

/// <summary>
/// Identified by 14, the waiting list by age and time waited, the adult decision before 18 and the eligibility rate, on
/// one small council built through the pathway's services, with every answer worked out by hand below.
/// </summary>
public class PathwayMeasuresTests
{
    private static readonly DateOnly Today = new(2025, 7, 15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static MeasureScope Scope(int fromYear, int fromMonth, int toYear, int toMonth, params long[] people) =>
        new("999", new CalendarMonth(fromYear, fromMonth), new CalendarMonth(toYear, toMonth)) { People = people.Length == 0 ? null : people.ToHashSet() };

    /// <summary>
    /// Council 999 (29 February birthdays fall on 1 March in other years unless the council chose 28 February):
    ///  1. born 29 Feb 2008 (15 on 1 Mar 2023): referred 28 Feb 2023; waiting.
    ///  2. born 10 Jan 2008 (15 on 10 Jan 2023): referred 9 Jan 2023; refused 20 Jan 2023; referred again 5 May 2025; waiting.
    ///  3. born 31 Mar 2008 (15 on 31 Mar 2023): referred 31 Mar 2023, on the birthday; waiting.
    ///  4. born 15 Feb 2008 (15 on 15 Feb 2023): referred 1 Jun 2024, at 16; decided eligible 10 Jan 2025.
    ///  5. born 20 Mar 2008 (15 on 20 Mar 2023): never referred.
    ///  6. born 1 Apr 2008 (15 on 1 Apr 2023): referred 1 Jan 2023; waiting.
    ///  8. born 15 Mar 2007 (18 on 15 Mar 2025): referred 1 Jun 2024; decided eligible 14 Mar 2025, the day before.
    ///  9. born 20 May 2007 (18 on 20 May 2025): referred 1 Sep 2024; decided not eligible 20 May 2025, on the birthday.
    /// 10. born 1 Feb 2007 (18 on 1 Feb 2025): referred 1 Dec 2024; assessment started 2 Dec 2024, not decided.
    /// 11. born 10 Jun 2007 (18 on 10 Jun 2025): referred 15 Jun 2025, after the birthday; waiting.
    /// 12. born 29 Feb 2004 (18 on 1 Mar 2022, or 28 Feb 2022): referred 1 Jan 2022; decided eligible 28 Feb 2022.
    /// 14. no date of birth: referred 15 Jul 2025; waiting.
    /// Council 998: 7. born 1 Feb 2008, referred 1 Jan 2023, waiting; 13. born 1 Apr 2007, referred 1 Jan 2025, decided
    /// eligible 1 Mar 2025. Neither is ever counted for 999.
    /// </summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await AddPeopleAsync(database, new Dictionary<long, DateOnly?>
        {
            [1] = new(2008, 2, 29),
            [2] = new(2008, 1, 10),
            [3] = new(2008, 3, 31),
            [4] = new(2008, 2, 15),
            [5] = new(2008, 3, 20),
            [6] = new(2008, 4, 1),
            [7] = new(2008, 2, 1),
            [8] = new(2007, 3, 15),
            [9] = new(2007, 5, 20),
            [10] = new(2007, 2, 1),
            [11] = new(2007, 6, 10),
            [12] = new(2004, 2, 29),
            [13] = new(2007, 4, 1),
            [14] = null,
        }, 7, 13);
        await ReferAsync(database, 1, new(2023, 2, 28));
        await ReferAsync(database, 2, new(2023, 1, 9));
        await RefuseAsync(database, 2, new(2023, 1, 20));
        await ReferAsync(database, 2, new(2025, 5, 5));
        await ReferAsync(database, 3, new(2023, 3, 31));
        await ReferAsync(database, 4, new(2024, 6, 1));
        await AssessAsync(database, 4, new(2024, 6, 1), new(2025, 1, 10), eligible: true);
        await ReferAsync(database, 6, new(2023, 1, 1));
        await ReferAsync(database, 7, new(2023, 1, 1), Elsewhere);
        await ReferAsync(database, 8, new(2024, 6, 1));
        await AssessAsync(database, 8, new(2024, 6, 1), new(2025, 3, 14), eligible: true);
        await ReferAsync(database, 9, new(2024, 9, 1));
        await AssessAsync(database, 9, new(2024, 9, 1), new(2025, 5, 20), eligible: false);
        await ReferAsync(database, 10, new(2024, 12, 1));
        await AssessAsync(database, 10, new(2024, 12, 2), null, eligible: false);
        await ReferAsync(database, 11, new(2025, 6, 15));
        await ReferAsync(database, 12, new(2022, 1, 1));
        await AssessAsync(database, 12, new(2022, 1, 1), new(2022, 2, 28), eligible: true);
        await ReferAsync(database, 13, new(2025, 1, 1), Elsewhere);
        await AssessAsync(database, 13, new(2025, 1, 1), new(2025, 3, 1), eligible: true, Elsewhere);
        await ReferAsync(database, 14, Today);
        return database;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IdentifiedBy14_ReferredBeforeThe15thBirthday_LeapDayBirthdaysByTheCouncilsRule(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        // January to March 2023: 1 (1 Mar), 2 (10 Jan), 3 (31 Mar), 4 (15 Feb) and 5 (20 Mar) turn 15; 6 turns 15 on
        // 1 April, after the period; 7 is another council's. 5 has never been referred, so with no cohort given is not
        // counted: 1, 2, 3 and 4. Referred before the birthday: 1 (28 Feb, the day before 1 March) and 2 (9 Jan; the
        // refusal and the later referral do not matter). 3 was referred on the birthday, 4 at 16. 2 of 4: 50.0%.
        var quarter = await PathwayMeasures.IdentifiedBy14Async(db, Scope(2023, 1, 2023, 3), Cancel);
        Assert.Equal([1L, 2, 3, 4], quarter.Turned15.People);
        Assert.Equal([1L, 2], quarter.Identified.People);
        Assert.Equal([3L, 4], quarter.NotIdentified.People);
        Assert.Equal((50.0m, "50.0%"), (quarter.Share.Percent, quarter.Share.Text));

        // Where 29 February birthdays fall on 28 February, 1 turns 15 on 28 Feb 2023, the day of the referral: not before.
        var leap = await PathwayMeasures.IdentifiedBy14Async(db, Scope(2023, 1, 2023, 3), Cancel, LeapDayBirthday.TwentyEighthFebruary);
        Assert.Equal([2L], leap.Identified.People);
        Assert.Equal(25.0m, leap.Share.Percent);
        // And so in February only 1 and 4 turn 15 by that rule, in March only 3 and 5 (5 not referred): just 3.
        Assert.Equal([1L, 4], (await PathwayMeasures.IdentifiedBy14Async(db, Scope(2023, 2, 2023, 2), Cancel, LeapDayBirthday.TwentyEighthFebruary)).Turned15.People);
        Assert.Equal([3L], (await PathwayMeasures.IdentifiedBy14Async(db, Scope(2023, 3, 2023, 3), Cancel, LeapDayBirthday.TwentyEighthFebruary)).Turned15.People);

        // A cohort of 1, 4, 5 and 8: every one of them who turned 15 counts, referred or not: 1, 4 and 5; only 1 was
        // referred in time. 1 of 3 is 33.3%.
        var cohort = await PathwayMeasures.IdentifiedBy14Async(db, Scope(2023, 1, 2023, 3, 1, 4, 5, 8), Cancel);
        Assert.Equal([1L, 4, 5], cohort.Turned15.People);
        Assert.Equal([1L], cohort.Identified.People);
        Assert.Equal((33.3m, "33.3%"), (cohort.Share.Percent, cohort.Share.Text));

        // Nobody turns 15 in January 2030: no one to count, not 0%.
        var empty = await PathwayMeasures.IdentifiedBy14Async(db, Scope(2030, 1, 2030, 1), Cancel);
        Assert.Equal(0, empty.Turned15.Count);
        Assert.Equal((null, Share.NoOneToCount), (empty.Share.Percent, empty.Share.Text));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WaitingList_ByAgeOnTheDayAndByTimeWaited(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        // Waiting on 15 July 2025: 1, 2, 3, 6, 11 and 14 (7 is another council's; 4, 8, 9 and 12 are decided, 10 is
        // being assessed). 1, 2, 3 and 6 are 17; 11 is 18; 14's age is not known.
        // Waited: 1 since 28 Feb 2023, 3 since 31 Mar 2023 and 6 since 1 Jan 2023: over 12 months; 2 since 5 May 2025 (2
        // months on 5 July) and 11 since 15 Jun 2025 (a month exactly on 15 July): 1 to 3 months; 14 referred today.
        var list = await PathwayMeasures.WaitingListAsync(db, "999", Today, null, Cancel);
        Assert.Equal([1L, 2, 3, 6, 11, 14], list.Waiting.People);
        Assert.Equal(
            [("14 and under", 0), ("15", 0), ("16", 0), ("17", 4), ("18 and over", 1), ("Age not known", 1)],
            list.ByAge.Select(b => (b.Label, b.Counted.Count)));
        Assert.Equal([11L], list.ByAge.Single(b => b.Label == "18 and over").Counted.People);
        Assert.Equal(
            [("Under 1 month", 1), ("1 to 3 months", 2), ("3 to 6 months", 0), ("6 to 12 months", 0), ("12 months or more", 3)],
            list.ByTimeWaited.Select(b => (b.Label, b.Counted.Count)));
        Assert.Equal([2L, 11], list.ByTimeWaited[1].Counted.People);

        // Only 2, 4 and 14: 4 is not waiting, so 2 (17, 1 to 3 months) and 14 (age not known, under a month).
        var some = await PathwayMeasures.WaitingListAsync(db, "999", Today, new HashSet<long> { 2, 4, 14 }, Cancel);
        Assert.Equal([2L, 14], some.Waiting.People);
        Assert.Equal([0, 0, 0, 1, 0, 1], some.ByAge.Select(b => b.Counted.Count));

        // Only 2 and 3: nobody's age is unknown, so there is no "age not known" row.
        var known = await PathwayMeasures.WaitingListAsync(db, "999", Today, new HashSet<long> { 2, 3 }, Cancel);
        Assert.Equal(WaitingListBands, known.ByAge.Select(b => b.Label));

        // Another council's list holds only 7.
        Assert.Equal([7L], (await PathwayMeasures.WaitingListAsync(db, "998", Today, null, Cancel)).Waiting.People);
    }

    private static readonly string[] WaitingListBands = ["14 and under", "15", "16", "17", "18 and over"];

    [Theory]
    [InlineData("2025-01-31", "2025-02-27", "Under 1 month")]
    [InlineData("2025-01-31", "2025-02-28", "1 to 3 months")] // a month after 31 January is the last day of February
    [InlineData("2024-01-31", "2024-02-28", "Under 1 month")]
    [InlineData("2024-01-31", "2024-02-29", "1 to 3 months")] // in a leap year, the 29th
    [InlineData("2025-01-15", "2025-04-14", "1 to 3 months")]
    [InlineData("2025-01-15", "2025-04-15", "3 to 6 months")]
    [InlineData("2025-01-15", "2025-07-15", "6 to 12 months")]
    [InlineData("2024-02-29", "2025-02-27", "6 to 12 months")]
    [InlineData("2024-02-29", "2025-02-28", "12 months or more")] // 29 February plus 12 months is 28 February
    [InlineData("2025-07-15", "2025-07-15", "Under 1 month")]
    public void WaitedBand_CountsWholeCalendarMonths(string receivedOn, string asOf, string band) =>
        Assert.Equal(band, PathwayMeasures.WaitedBand(DateOnly.Parse(receivedOn, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecidedBefore18_OnlyThoseReferredBefore18_AndADecisionOnTheBirthdayIsNotBefore(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        // January to June 2025: 10 (1 Feb), 8 (15 Mar), 9 (20 May) and 11 (10 Jun) turn 18; 13 is another council's.
        // 11 was referred after the birthday, so is not counted: 8, 9 and 10. Decided before 18: 8 (14 Mar). 9 was
        // decided on the birthday, 10's assessment is not decided. 1 of 3: 33.3%.
        var half = await PathwayMeasures.DecidedBefore18Async(db, Scope(2025, 1, 2025, 6), Cancel);
        Assert.Equal([8L, 9, 10], half.Turned18.People);
        Assert.Equal([8L], half.Decided.People);
        Assert.Equal([9L, 10], half.NotDecided.People);
        Assert.Equal(33.3m, half.Share.Percent);

        // Only 9 and 10: neither decided before 18, which is 0%, not "no one to count".
        var two = await PathwayMeasures.DecidedBefore18Async(db, Scope(2025, 1, 2025, 6, 9, 10), Cancel);
        Assert.Equal((0.0m, "0.0%"), (two.Share.Percent, two.Share.Text));

        // 12, born 29 Feb 2004, turns 18 on 1 Mar 2022 and was decided on 28 Feb 2022: before 18.
        var march = await PathwayMeasures.DecidedBefore18Async(db, Scope(2022, 3, 2022, 3), Cancel);
        Assert.Equal([12L], march.Turned18.People);
        Assert.Equal([12L], march.Decided.People);
        // Where 29 February birthdays fall on 28 February, 12 turns 18 in February, on the day of the decision: not before.
        var leapMarch = await PathwayMeasures.DecidedBefore18Async(db, Scope(2022, 3, 2022, 3), Cancel, LeapDayBirthday.TwentyEighthFebruary);
        Assert.Null(leapMarch.Share.Percent);
        var leapFebruary = await PathwayMeasures.DecidedBefore18Async(db, Scope(2022, 2, 2022, 2), Cancel, LeapDayBirthday.TwentyEighthFebruary);
        Assert.Equal([12L], leapFebruary.Turned18.People);
        Assert.Equal(0, leapFebruary.Decided.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EligibilityRate_PerMonthAndOverall_AMonthWithNoneIsNoOneToCount(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        // Decided January to June 2025: 4 eligible (10 Jan), 8 eligible (14 Mar), 9 not eligible (20 May); 13's (1 Mar)
        // is another council's; 10's is not decided. January 1 of 1, March 1 of 1, May 0 of 1; February, April and June
        // have none to count. Overall 2 of 3: 66.7%.
        var rate = await PathwayMeasures.EligibilityRateAsync(db, Scope(2025, 1, 2025, 6), Cancel);
        Assert.Equal(
            [("January 2025", "100.0%"), ("February 2025", Share.NoOneToCount), ("March 2025", "100.0%"), ("April 2025", Share.NoOneToCount), ("May 2025", "0.0%"), ("June 2025", Share.NoOneToCount)],
            rate.Months.Select(m => (m.Month.ToString(), m.Share.Text)));
        Assert.Equal([4L, 8], rate.Overall.Of.People);
        Assert.Equal([4L, 8, 9], rate.Overall.OutOf.People);
        Assert.Equal(66.7m, rate.Overall.Percent);

        // Only 9 and 12: 9's decision, not eligible; 12's was in 2022.
        var some = await PathwayMeasures.EligibilityRateAsync(db, Scope(2025, 1, 2025, 6, 9, 12), Cancel);
        Assert.Equal((0, 1), (some.Overall.Of.Count, some.Overall.OutOf.Count));

        // February 2022 holds 12's decision only.
        Assert.Equal([12L], (await PathwayMeasures.EligibilityRateAsync(db, Scope(2022, 2, 2022, 2), Cancel)).Overall.Of.People);
    }
}
