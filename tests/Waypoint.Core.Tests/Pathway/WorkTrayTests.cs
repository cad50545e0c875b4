using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>The waiting list, allocation, caseloads and tasks, on cases made through the same services the pages use.</summary>
public class WorkTrayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Manager = new("999", "m.manager", "manager");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Young people B0000000001.. with the given dates of birth, and the two members of staff, signed in once.</summary>
    private static async Task<TestDatabase> WithPeopleAsync(DatabaseProvider provider, params DateOnly?[] born)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        for (var i = 0; i < born.Length; i++)
            db.People.Add(new Person { Id = i + 1, Reference = Reference(i + 1), CouncilCode = "999", Forename = $"Young{i + 1}", Surname = "Person", DateOfBirth = born[i] });
        await db.SaveChangesAsync(Cancel);
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("a.worker", "Alex Worker", "alex.worker@example.gov.uk", "Transitions team", "transitions-worker"), Now, Cancel);
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("m.manager", "Morgan Manager", "morgan.manager@example.gov.uk", "Transitions team", "manager"), Now, Cancel);
        return database;
    }

    private static string Reference(int i) => $"B{i:D10}";

    private static async Task ReferAsync(TestDatabase database, int person, ReferralUrgency urgency, DateOnly receivedOn, string reason = "Autism; will need support with daily living")
    {
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference(person), 0, new ReferralRequest(ReferralSource.ChildrenWithDisabilitiesTeam, null, receivedOn, reason, urgency), Now, Cancel);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WaitingList_Priority_UrgencyFirstThenOldestYoungPersonFirst(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider,
            new DateOnly(2011, 1, 1), new DateOnly(2009, 6, 1), new DateOnly(2010, 3, 1), new DateOnly(2012, 9, 1), null, new DateOnly(2008, 12, 1));
        await ReferAsync(database, 1, ReferralUrgency.Routine, new DateOnly(2026, 1, 5));
        await ReferAsync(database, 2, ReferralUrgency.Routine, new DateOnly(2026, 10, 1));
        await ReferAsync(database, 3, ReferralUrgency.Urgent, new DateOnly(2026, 11, 1));
        await ReferAsync(database, 4, ReferralUrgency.Urgent, new DateOnly(2026, 6, 1));
        await ReferAsync(database, 5, ReferralUrgency.Soon, new DateOnly(2026, 9, 1));
        await ReferAsync(database, 6, ReferralUrgency.Soon, new DateOnly(2026, 11, 20));

        await using var db = database.Open();
        var list = await WaitingList.GetAsync(db, "999", Today, WaitingListSort.Priority, Cancel);

        // Urgent: 3 (born 2010) before 4 (born 2012); soon: 6 (born 2008, 17) before 5 (no date of birth); routine: 2 (2009) before 1 (2011).
        Assert.Equal([Reference(3), Reference(4), Reference(6), Reference(5), Reference(2), Reference(1)], list.Entries.Select(e => e.Reference));
        var first = list.Entries[0];
        Assert.Equal(("Young3 Person", 16, ReferralUrgency.Urgent, 22, ReferralSource.ChildrenWithDisabilitiesTeam), (first.DisplayName, first.Age, first.Urgency, first.DaysWaited, first.Source));
        Assert.Equal("Autism; will need support with daily living", first.ReasonInBrief);
        Assert.Null(first.NamedWorker);
        Assert.Equal(1, first.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WaitingList_WaitedLongest_EarliestReferralFirstAndTheSummaryCountsByAge(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider,
            new DateOnly(2012, 1, 1), new DateOnly(2011, 6, 1), new DateOnly(2010, 3, 1), new DateOnly(2010, 9, 1), new DateOnly(2009, 6, 1), new DateOnly(2008, 1, 1), new DateOnly(2013, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Urgent, new DateOnly(2026, 11, 1));
        await ReferAsync(database, 2, ReferralUrgency.Routine, new DateOnly(2025, 11, 2), "Learning disability.\nLives with grandparents; school placement ends in July");
        await ReferAsync(database, 3, ReferralUrgency.Soon, new DateOnly(2026, 3, 1));
        await ReferAsync(database, 4, ReferralUrgency.Routine, new DateOnly(2026, 5, 1));
        await ReferAsync(database, 5, ReferralUrgency.Routine, new DateOnly(2026, 8, 1));
        await ReferAsync(database, 6, ReferralUrgency.Soon, new DateOnly(2026, 10, 1));
        // Not waiting: their assessment has started.
        await ReferAsync(database, 7, ReferralUrgency.Urgent, new DateOnly(2024, 1, 1));
        await using (var db = database.Open())
        {
            var (_, started) = await CaseWork.LoadAsync(db, Worker, Reference(7), 1, Cancel);
            started!.MoveTo(TransitionsStage.AssessmentInProgress, Worker.UserName, Now, "Assessment started");
            await CaseWork.SaveAsync(db, Worker, started, "Assessment started", "case-assess", null, Now, Cancel);
        }

        await using var check = database.Open();
        var list = await WaitingList.GetAsync(check, "999", Today, WaitingListSort.WaitedLongest, Cancel);

        Assert.Equal([Reference(2), Reference(3), Reference(4), Reference(5), Reference(6), Reference(1)], list.Entries.Select(e => e.Reference));
        Assert.Equal((6, 386), (list.Summary.Waiting, list.Summary.LongestWait!.DaysWaited));
        Assert.Equal(Reference(2), list.Summary.LongestWait.Reference);
        Assert.Equal("Learning disability. Lives with grandparents; school placement ends in July", list.Summary.LongestWait.ReasonInBrief);
        // Ages on 23 November 2026: 14, 15, 16, 16, 17, 18.
        Assert.Equal([("14 and under", 1), ("15", 1), ("16", 2), ("17", 1), ("18 and over", 1)], list.Summary.ByAge.Select(b => (b.Label, b.Waiting)));
    }

    [Fact]
    public void Order_TiesInUrgencyAndAge_FallBackToTheLongerWait()
    {
        static WaitingEntry Entry(string reference, ReferralUrgency urgency, DateOnly? born, DateOnly received) =>
            new(reference, reference, born, null, urgency, received, 0, ReferralSource.Other, null, "", null, 1);
        var born = new DateOnly(2010, 1, 1);
        var entries = new[]
        {
            Entry("late", ReferralUrgency.Soon, born, new DateOnly(2026, 5, 1)),
            Entry("early", ReferralUrgency.Soon, born, new DateOnly(2026, 1, 1)),
            Entry("routine-oldest", ReferralUrgency.Routine, new DateOnly(2008, 1, 1), new DateOnly(2025, 1, 1)),
        };

        Assert.Equal(["early", "late", "routine-oldest"], WaitingList.Order(entries, WaitingListSort.Priority).Select(e => e.Reference));
        Assert.Equal(["routine-oldest", "early", "late"], WaitingList.Order(entries, WaitingListSort.WaitedLongest).Select(e => e.Reference));
    }

    [Theory]
    [InlineData("Short reason", "Short reason")]
    [InlineData("First line.\r\n\r\nSecond  line", "First line. Second line")]
    [InlineData("Needs support with personal care, managing money, travelling independently, getting to college and keeping in touch with friends and family", "Needs support with personal care, managing money, travelling independently, getting to college and keeping in touch with...")]
    public void Brief_LongOrManyLinedReason_IsCutAtAWord(string reason, string brief) => Assert.Equal(brief, WaitingList.Brief(reason));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AllocateAsync_ToAnotherWorker_RecordsHistoryAuditAndTellsThem(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));

        await using (var db = database.Open()) await Allocations.AllocateAsync(db, Manager, Reference(1), 1, "a.worker", Now.AddHours(1), Cancel);
        await using (var db = database.Open()) await Allocations.AllocateAsync(db, Manager, Reference(1), 2, "m.manager", Now.AddHours(2), Cancel);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.SingleAsync(Cancel);
        Assert.Equal(("m.manager", 3), (stored.NamedWorker, stored.Version));
        Assert.Equal(["Allocated to Morgan Manager (was Alex Worker)", "Allocated to Alex Worker"], (await CaseWork.HistoryAsync(check, stored.Id, Cancel)).Take(2).Select(e => e.What));
        var audit = await check.AuditEvents.Where(a => a.Action == "case-allocate").OrderBy(a => a.Id).ToListAsync(Cancel);
        Assert.Equal([("m.manager", "named worker recorded"), ("m.manager", "named worker changed")], audit.Select(a => (a.UserName, a.Detail)));
        Assert.All(audit, a => Assert.Equal(stored.PersonId, a.PersonId));
        // The worker is told; the manager allocated to themselves, so is not.
        var told = Assert.Single(await check.Notifications.ToListAsync(Cancel));
        Assert.Equal(("a.worker", NotificationKind.CaseAllocated, stored.PersonId, "Morgan Manager allocated a case to you"), (told.Recipient, told.Kind, told.PersonId, told.What));
        var mine = await Reminders.ListAsync(check, "999", "a.worker", Cancel);
        Assert.Equal((1, Reference(1), "Young1 Person"), (mine.Unread, mine.Items[0].PersonReference, mine.Items[0].PersonName));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AllocateAsync_StaleVersionUnknownWorkerOrNoCase_IsRefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1), new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));
        await using (var db = database.Open()) await Allocations.AllocateAsync(db, Worker, Reference(1), 1, "a.worker", Now, Cancel);

        await using var late = database.Open();
        var changed = await Assert.ThrowsAsync<CaseChangedException>(() => Allocations.AllocateAsync(late, Manager, Reference(1), 1, "m.manager", Now, Cancel));
        Assert.Equal("Allocated to Alex Worker", Assert.Single(changed.Since).What);
        await using var other = database.Open();
        var unknown = await Assert.ThrowsAsync<PathwayRefusedException>(() => Allocations.AllocateAsync(other, Manager, Reference(1), 2, "nobody", Now, Cancel));
        Assert.StartsWith("There is nobody of that name in Waypoint's staff list.", unknown.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<PathwayRefusedException>(() => Allocations.AllocateAsync(other, Manager, Reference(1), 2, "a.worker", Now, Cancel));
        Assert.Equal("The case is already allocated to Alex Worker.", again.Message);
        var noCase = await Assert.ThrowsAsync<PathwayRefusedException>(() => Allocations.AllocateAsync(other, Manager, Reference(2), 0, "a.worker", Now, Cancel));
        Assert.Equal("/people/B0000000002/case", noCase.SeeAlso);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.SingleAsync(Cancel);
        Assert.Equal(("a.worker", 2), (stored.NamedWorker, stored.Version));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Action == "case-allocate", Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Caseloads_OfWorker_ListsTheirOpenCasesWithTimeAtStage(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1), new DateOnly(2011, 1, 1), new DateOnly(2009, 1, 1));
        foreach (var person in new[] { 1, 2, 3 }) await ReferAsync(database, person, ReferralUrgency.Routine, new DateOnly(2026, 11, 1));
        await using (var db = database.Open())
        {
            await Allocations.AllocateAsync(db, Worker, Reference(1), 1, "a.worker", Now, Cancel);
            await Allocations.AllocateAsync(db, Worker, Reference(2), 1, "m.manager", Now, Cancel);
            await Allocations.AllocateAsync(db, Worker, Reference(3), 1, "a.worker", Now, Cancel);
            // A declined case is no longer on anyone's caseload.
            var (_, declined) = await CaseWork.LoadAsync(db, Worker, Reference(3), 2, Cancel);
            declined!.MoveTo(TransitionsStage.Declined, Worker.UserName, Now, "No likely needs after 18");
            await CaseWork.SaveAsync(db, Worker, declined, "Declined", "case-decline", null, Now, Cancel);
        }

        await using var check = database.Open();
        var mine = await Caseloads.OfWorkerAsync(check, "999", "a.worker", Today.AddDays(10), Cancel);

        var entry = Assert.Single(mine);
        Assert.Equal((Reference(1), "Young1 Person", TransitionsStage.Referred, Today, 10, 16), (entry.Reference, entry.DisplayName, entry.Stage, entry.StageSince, entry.DaysAtStage, entry.Age));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CompleteAsync_TaskOnACase_IsDoneThroughTheCaseHistoryAndAudited(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));
        long taskId;
        await using (var db = database.Open())
            taskId = (await WorkTasks.AddAsync(db, Manager, Reference(1), 1, new CaseTaskRequest("Ask the school for the annual review", "a.worker", Today.AddDays(7)), Now, Cancel)).Id;

        // A page that showed the case before the task was added is refused, and the task stays to do.
        await using (var stale = database.Open())
            await Assert.ThrowsAsync<CaseChangedException>(() => WorkTasks.CompleteAsync(stale, Worker, taskId, 1, "Asked", Now.AddDays(1), Cancel));
        await using (var db = database.Open())
            Assert.Null((await db.CaseTasks.SingleAsync(Cancel)).DoneOn);

        await using (var db = database.Open()) await WorkTasks.CompleteAsync(db, Worker, taskId, 2, "Asked the SENCO; review is on 3 December", Now.AddDays(1), Cancel);

        await using var check = database.Open();
        var task = await check.CaseTasks.SingleAsync(Cancel);
        Assert.Equal((new DateOnly(2026, 11, 24), "a.worker", "Asked the SENCO; review is on 3 December"), (task.DoneOn, task.DoneBy, task.DoneNote));
        var history = await CaseWork.HistoryAsync(check, task.TransitionsCaseId!.Value, Cancel);
        Assert.Equal(["Task done: Ask the school for the annual review (Asked the SENCO; review is on 3 December)", "Task for Alex Worker, due 30 November 2026: Ask the school for the annual review"],
            history.Take(2).Select(e => e.What));
        Assert.Equal([("case-task-add", "task due 2026-11-30"), ("case-task-done", $"task {taskId}")],
            (await check.AuditEvents.Where(a => a.Action.StartsWith("case-task")).OrderBy(a => a.Id).ToListAsync(Cancel)).Select(a => (a.Action, a.Detail)));
        var again = await Assert.ThrowsAsync<PathwayRefusedException>(() => WorkTasks.CompleteAsync(check, Manager, taskId, 3, null, Now.AddDays(2), Cancel));
        Assert.Equal("This task was marked as done by Alex Worker on 24 November 2026.", again.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OverdueAsync_MineOrEveryones_MostOverdueFirstWithTheCase(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));
        await using (var db = database.Open())
        {
            await WorkTasks.AddAsync(db, Manager, Reference(1), 1, new CaseTaskRequest("Book the assessment", "a.worker", Today.AddDays(2)), Now, Cancel);
            await WorkTasks.AddAsync(db, Manager, Reference(1), 2, new CaseTaskRequest("Ring the family", "a.worker", Today), Now, Cancel);
            await WorkTasks.AddAsync(db, Manager, Reference(1), 3, new CaseTaskRequest("Check the costs", "m.manager", Today.AddDays(1)), Now, Cancel);
            await WorkTasks.AddAsync(db, Manager, Reference(1), 4, new CaseTaskRequest("Not due yet", "a.worker", Today.AddDays(30)), Now, Cancel);
        }

        await using var check = database.Open();
        var asOf = Today.AddDays(5);
        var mine = await WorkTasks.OverdueAsync(check, "999", "a.worker", asOf, Cancel);
        var everyone = await WorkTasks.OverdueAsync(check, "999", null, asOf, Cancel);

        Assert.Equal([("Ring the family", 5), ("Book the assessment", 3)], mine.Select(t => (t.Description, t.DaysOverdue)));
        Assert.Equal(["Ring the family", "Check the costs", "Book the assessment"], everyone.Select(t => t.Description));
        Assert.Equal(("Morgan Manager", Reference(1), "Young1 Person", 5), (everyone[1].OwnerName, everyone[1].PersonReference, everyone[1].PersonName, everyone[1].CaseVersion));
        var past = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            WorkTasks.AddAsync(check, Manager, Reference(1), 5, new CaseTaskRequest("Yesterday", "a.worker", Today.AddDays(-1)), Now, Cancel));
        Assert.Equal("The date the task is due must be today or in the future.", past.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunAsync_TwiceADay_MakesOneInAppReminderAndOneEmailPerTaskPerDay(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));
        await using (var db = database.Open())
        {
            await WorkTasks.AddAsync(db, Manager, Reference(1), 1, new CaseTaskRequest("Ring the family", "a.worker", Today), Now, Cancel);
            await WorkTasks.AddAsync(db, Manager, Reference(1), 2, new CaseTaskRequest("Not due yet", "a.worker", Today.AddDays(3)), Now, Cancel);
        }
        var time = new FakeTimeProvider(Now);
        var sent = new List<DueReminder>();
        Task<ReminderDelivery> Email(DueReminder r, CancellationToken _)
        {
            sent.Add(r);
            return Task.FromResult(ReminderDelivery.Sent);
        }

        await using (var db = database.Open()) Assert.Equal(new ReminderRun(1, 1, 0), await Reminders.RunAsync(db, time, Email, Cancel));
        time.Advance(TimeSpan.FromHours(6));
        await using (var db = database.Open()) Assert.Equal(new ReminderRun(0, 0, 0), await Reminders.RunAsync(db, time, Email, Cancel));
        time.Advance(TimeSpan.FromDays(1));
        await using (var db = database.Open()) Assert.Equal(new ReminderRun(1, 1, 0), await Reminders.RunAsync(db, time, Email, Cancel));

        Assert.Equal(2, sent.Count);
        Assert.Equal(("a.worker", "Alex Worker", "alex.worker@example.gov.uk", "Ring the family", false, Reference(1)),
            (sent[0].Owner, sent[0].OwnerName, sent[0].OwnerEmail, sent[0].Description, sent[0].Overdue, sent[0].PersonReference));
        Assert.True(sent[1].Overdue);
        await using var check = database.Open();
        var reminders = await check.Notifications.OrderBy(n => n.Id).ToListAsync(Cancel);
        Assert.Equal([(NotificationKind.TaskDue, Today), (NotificationKind.TaskOverdue, Today.AddDays(1))], reminders.Select(n => (n.Kind, n.ForDay)));
        Assert.Equal(time.GetUtcNow(), (await check.CaseTasks.SingleAsync(t => t.Description == "Ring the family", Cancel)).RemindedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunAsync_EmailFails_KeepsTheInAppReminderAndTriesTheEmailAgainNextRun(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider, new DateOnly(2010, 1, 1));
        await ReferAsync(database, 1, ReferralUrgency.Soon, new DateOnly(2026, 11, 1));
        await using (var db = database.Open())
            await WorkTasks.AddAsync(db, Manager, Reference(1), 1, new CaseTaskRequest("Ring the family", "a.worker", Today), Now, Cancel);
        var time = new FakeTimeProvider(Now);

        await using (var db = database.Open())
            Assert.Equal(new ReminderRun(1, 0, 1), await Reminders.RunAsync(db, time, (_, _) => Task.FromResult(ReminderDelivery.Failed), Cancel));
        await using (var db = database.Open())
            Assert.Null((await db.CaseTasks.SingleAsync(Cancel)).RemindedAt);
        time.Advance(TimeSpan.FromHours(1));
        await using (var db = database.Open())
            Assert.Equal(new ReminderRun(0, 1, 0), await Reminders.RunAsync(db, time, (_, _) => Task.FromResult(ReminderDelivery.Sent), Cancel));

        await using var check = database.Open();
        Assert.Equal(1, await check.Notifications.CountAsync(Cancel));
        Assert.Equal(time.GetUtcNow(), (await check.CaseTasks.SingleAsync(Cancel)).RemindedAt);
        Assert.Equal(1, await Reminders.UnreadAsync(check, "999", "a.worker", Cancel));
        Assert.Equal(1, await Reminders.MarkAllReadAsync(check, "999", "a.worker", time.GetUtcNow(), Cancel));
        Assert.Equal(0, await Reminders.UnreadAsync(check, "999", "a.worker", Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordSignInAsync_KnownUser_KeepsOneEntryWithTheLatestDetails(DatabaseProvider provider)
    {
        await using var database = await WithPeopleAsync(provider);
        await using (var db = database.Open())
            await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("a.worker", "Alex Worker-Smith", null, "Adult LD team", "manager"), Now.AddDays(1), Cancel);

        await using var check = database.Open();
        var staff = await StaffDirectory.OfCouncilAsync(check, "999", ["manager"], Cancel);
        Assert.Equal(["Alex Worker-Smith", "Morgan Manager"], staff.Select(s => s.DisplayName));
        Assert.Equal((null, "Adult LD team", Now.AddDays(1)), (staff[0].Email, staff[0].Team, staff[0].LastSignedInAt));
        Assert.Equal(2, await check.StaffMembers.CountAsync(Cancel));
    }
}
