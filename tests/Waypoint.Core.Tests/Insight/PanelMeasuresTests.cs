using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;

namespace Waypoint.Core.Tests.Insight;

/// <summary>Panel cases and decisions, on meetings set up and decided through the panel's services, worked out by hand below.</summary>
public class PanelMeasuresTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<long> MeetingAsync(TestDatabase database, Practitioner by, DateOnly meetsOn)
    {
        await using var db = database.Open();
        return (await PanelMeetings.CreateMeetingAsync(db, by, new MeetingRequest(meetsOn, new TimeOnly(10, 0), MeetingFormat.InPerson, "Room 1, County Hall", "Chair Person"), At(new DateOnly(2025, 1, 1)), Cancel)).Id;
    }

    private static async Task AddAsync(TestDatabase database, Practitioner by, long meeting, long person)
    {
        await using var db = database.Open();
        await PanelMeetings.AddCaseAsync(db, by, meeting, Reference(person), null, "Agree the package at 18", At(new DateOnly(2025, 1, 3)), Cancel);
    }

    private static async Task DecideAsync(TestDatabase database, Practitioner by, long meeting, long person, DecisionRequest decision, DateOnly on)
    {
        int version;
        await using (var read = database.Open()) version = (await CaseRecord.GetAsync(read, by.CouncilCode, Reference(person), Cancel))!.Version;
        await using var db = database.Open();
        await PanelMeetings.RecordDecisionAsync(db, by, meeting, Reference(person), version, decision, At(on), Cancel);
    }

    private static readonly DecisionRequest Agree = new(PanelDecision.AgreePackage, 800m, null, null, null);

    /// <summary>
    /// Council 999: young people 1 to 5, each referred 1 Jan 2025; 1 and 4 being assessed, 2, 3 and 5 decided eligible on
    /// 2 Jan 2025. Meetings on 15 Jan, 12 Mar and 1 Apr 2025:
    ///  15 Jan: 1 agree package; 2 deferred to 12 Mar; 3 escalated to the Transitions Board.
    ///  12 Mar: 2 (deferred) agree package; 4 on the agenda, no decision recorded.
    ///   1 Apr: 5 agree package.
    /// Council 998: 6, at its own meeting on 15 Jan 2025, agree package: never counted for 999.
    /// </summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await AddPeopleAsync(database, Enumerable.Range(1, 6).ToDictionary(i => (long)i, i => (DateOnly?)new DateOnly(2007, 6, i)), 6);
        var referred = new DateOnly(2025, 1, 1);
        foreach (var person in new long[] { 1, 2, 3, 4, 5 }) await ReferAsync(database, person, referred);
        await AssessAsync(database, 1, referred, null, eligible: false);
        await AssessAsync(database, 4, referred, null, eligible: false);
        foreach (var person in new long[] { 2, 3, 5 }) await AssessAsync(database, person, referred, new(2025, 1, 2), eligible: true);
        await ReferAsync(database, 6, referred, Elsewhere);
        await AssessAsync(database, 6, referred, new(2025, 1, 2), eligible: true, Elsewhere);

        var (january, march, april, elsewhere) = (await MeetingAsync(database, Worker, new(2025, 1, 15)), await MeetingAsync(database, Worker, new(2025, 3, 12)),
            await MeetingAsync(database, Worker, new(2025, 4, 1)), await MeetingAsync(database, Elsewhere, new(2025, 1, 15)));
        foreach (var person in new long[] { 1, 2, 3 }) await AddAsync(database, Worker, january, person);
        await AddAsync(database, Worker, march, 4);
        await AddAsync(database, Worker, april, 5);
        await AddAsync(database, Elsewhere, elsewhere, 6);

        await DecideAsync(database, Worker, january, 1, Agree, new(2025, 1, 15));
        await DecideAsync(database, Worker, january, 2, new DecisionRequest(PanelDecision.Defer, null, "Waiting for the continuing healthcare decision", march, null), new(2025, 1, 15));
        await DecideAsync(database, Worker, january, 3, new DecisionRequest(PanelDecision.EscalateToBoard, null, "No provider can meet the needs within budget", null, null), new(2025, 1, 15));
        await DecideAsync(database, Worker, march, 2, Agree, new(2025, 3, 12));
        await DecideAsync(database, Worker, april, 5, Agree, new(2025, 4, 1));
        await DecideAsync(database, Elsewhere, elsewhere, 6, Agree, new(2025, 1, 15));
        return database;
    }

    private static (string, int)[] Rows(IEnumerable<DecisionCount> decisions) => [.. decisions.Select(d => (d.Label, d.Counted.Count))];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CasesAndDecisions_ByTheMonthTheMeetingMet_ADeferredCaseCountsAtBothMeetings(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        // January to March 2025: 1, 2 and 3 in January, none in February, 2 and 4 in March: 5 cases. 5's meeting is in
        // April, 6's is another council's. Agree package: 1 and 2 (in March); deferred: 2 (in January); escalated: 3; no
        // decision recorded: 4.
        var quarter = await PanelMeasures.CasesAndDecisionsAsync(db, new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 3)), Cancel);
        Assert.Equal([1L, 2, 2, 3, 4], quarter.Cases.People);
        Assert.Equal(
            [("Agree package", 2), ("Defer", 1), ("Escalate to the Transitions Board", 1), ("No decision recorded", 1)],
            Rows(quarter.ByDecision));
        Assert.Equal([1L, 2], quarter.ByDecision[0].Counted.People);
        Assert.Equal([("January 2025", 3), ("February 2025", 0), ("March 2025", 2)], quarter.Months.Select(m => (m.Month.ToString(), m.Cases.Count)));
        Assert.Equal([1, 1, 1, 0], quarter.Months[0].ByDecision.Select(d => d.Counted.Count));
        Assert.Equal([0, 0, 0, 0], quarter.Months[1].ByDecision.Select(d => d.Counted.Count));
        Assert.Equal([1, 0, 0, 1], quarter.Months[2].ByDecision.Select(d => d.Counted.Count));

        // Only 2 and 4: 2 at both meetings (deferred, then agreed), 4 undecided.
        var some = await PanelMeasures.CasesAndDecisionsAsync(db, new MeasureScope("999", new CalendarMonth(2025, 1), new CalendarMonth(2025, 3)) { People = new HashSet<long> { 2, 4 } }, Cancel);
        Assert.Equal([2L, 2, 4], some.Cases.People);
        Assert.Equal([("Agree package", 1), ("Defer", 1), ("Escalate to the Transitions Board", 0), ("No decision recorded", 1)], Rows(some.ByDecision));

        // No meeting in January 2030: every decision shown, with none.
        var empty = await PanelMeasures.CasesAndDecisionsAsync(db, new MeasureScope("999", new CalendarMonth(2030, 1), new CalendarMonth(2030, 1)), Cancel);
        Assert.Equal(0, empty.Cases.Count);
        Assert.Equal([0, 0, 0, 0], empty.ByDecision.Select(d => d.Counted.Count));
        Assert.Single(empty.Months);
    }
}
