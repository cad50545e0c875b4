using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Panel;

/// <summary>The transitions panel: meetings, their agenda, decisions through CaseWork, actions as case tasks and their follow-up.</summary>
public class PanelMeetingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The afternoon of the first meeting, when its decisions are recorded.</summary>
    private static readonly DateTimeOffset AtTheMeeting = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Chair = new("999", "p.chair", "panel-member");
    private static readonly MeetingRequest December = new(new DateOnly(2026, 12, 3), new TimeOnly(10, 0), MeetingFormat.Hybrid, "Room 2, County Hall", "Pat Chair");
    private static readonly MeetingRequest January = December with { MeetsOn = new DateOnly(2027, 1, 14) };
    private static readonly MeetingRequest February = December with { MeetsOn = new DateOnly(2027, 2, 11) };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Young people B0000000001 (case decided), B0000000002 (referred) and B0000000003 (no case).</summary>
    private static async Task<TestDatabase> WithCasesAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        for (var i = 1; i <= 3; i++) db.People.Add(new Person { Id = i, Reference = $"B000000000{i}", CouncilCode = "999", Forename = "Young", Surname = $"Person{i}", DateOfBirth = new DateOnly(2009, 5, 1) });
        await db.SaveChangesAsync(Cancel);
        var referral = new ReferralRequest(ReferralSource.SenTeam, null, new DateOnly(2026, 11, 1), "Needs support with daily living", ReferralUrgency.Soon);
        await Referrals.ReferAsync(db, Worker, "B0000000001", 0, referral, Now.AddDays(-20), Cancel);
        await Referrals.ReferAsync(db, Worker, "B0000000002", 0, referral, Now.AddDays(-20), Cancel);
        await MoveAsync(db, "B0000000001", TransitionsStage.AssessmentInProgress, Now.AddDays(-15));
        await MoveAsync(db, "B0000000001", TransitionsStage.Decided, Now.AddDays(-5));
        return database;
    }

    private static async Task MoveAsync(WaypointDbContext db, string reference, TransitionsStage to, DateTimeOffset at)
    {
        var version = await VersionAsync(db, reference);
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, Worker, reference, version, Cancel);
        transitionsCase!.MoveTo(to, Worker.UserName, at, "test move");
        await CaseWork.SaveAsync(db, Worker, transitionsCase, "Moved to " + to, "case-move", null, at, Cancel);
    }

    private static Task<int> VersionAsync(WaypointDbContext db, string reference) =>
        db.TransitionsCases.Where(c => db.People.Any(p => p.Id == c.PersonId && p.Reference == reference)).Select(c => c.Version).SingleAsync(Cancel);

    private static async Task<(long Meeting, long Later)> MeetingsWithCaseAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var meeting = await PanelMeetings.CreateMeetingAsync(db, Worker, December, Now, Cancel);
        var later = await PanelMeetings.CreateMeetingAsync(db, Worker, January, Now, Cancel);
        await PanelMeetings.AddCaseAsync(db, Worker, meeting.Id, "B0000000001", null, "Agree a supported living package", Now, Cancel);
        return (meeting.Id, later.Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddCaseAsync_DecidedCase_IsOnTheAgendaWithItsHistoryAndAudit(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        await using var check = database.Open();
        var view = (await PanelRecord.GetAsync(check, "999", meetingId, Cancel))!;
        Assert.Equal((new DateOnly(2026, 12, 3), new TimeOnly(10, 0), MeetingFormat.Hybrid, "Room 2, County Hall", "Pat Chair"), (view.MeetsOn, view.StartsAt, view.Format, view.Place, view.Chair));
        var onAgenda = Assert.Single(view.Cases);
        Assert.Equal(("B0000000001", "Young Person1", TransitionsStage.Decided, 4, "Agree a supported living package"), (onAgenda.Reference, onAgenda.DisplayName, onAgenda.Stage, onAgenda.Version, onAgenda.Question));
        var personId = await check.People.Where(p => p.Reference == "B0000000001").Select(p => p.Id).SingleAsync(Cancel);
        var latest = await check.CaseEvents.OrderByDescending(e => e.Version).FirstAsync(e => e.Case!.PersonId == personId, Cancel);
        Assert.Equal((4, "a.worker", "Added to the panel on 3 December 2026"), (latest.Version, latest.By, latest.What));
        var audit = await check.AuditEvents.Where(a => a.Action.StartsWith("panel-")).OrderBy(a => a.Id).Select(a => new { a.Action, a.PersonId, a.Detail }).ToListAsync(Cancel);
        Assert.Equal(
            [new { Action = "panel-create", PersonId = (long?)null, Detail = (string?)"meets on 2026-12-03" }, new { Action = "panel-create", PersonId = (long?)null, Detail = (string?)"meets on 2027-01-14" },
             new { Action = "panel-add-case", PersonId = (long?)personId, Detail = (string?)$"meeting {meetingId}" }],
            audit);
        Assert.Equal([meetingId], (await PanelRecord.UpcomingAsync(check, "999", new DateOnly(2026, 12, 3), Cancel)).Where(m => m.Cases > 0).Select(m => m.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddCaseAsync_TwiceOnOneMeetingOrAtTheWrongStage_IsRefused(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        await using var db = database.Open();
        var twice = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.AddCaseAsync(db, Chair, meetingId, "B0000000001", null, "Again", Now, Cancel));
        Assert.Equal(("This young person is already on this meeting's agenda.", $"/panel/{meetingId}"), (twice.Message, twice.SeeAlso));
        var referred = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.AddCaseAsync(db, Chair, meetingId, "B0000000002", null, "Advise", Now, Cancel));
        Assert.StartsWith("A case at referred cannot go to the panel.", referred.Message, StringComparison.Ordinal);
        var noCase = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.AddCaseAsync(db, Chair, meetingId, "B0000000003", null, "Advise", Now, Cancel));
        Assert.Equal("/people/B0000000003/case", noCase.SeeAlso);

        // Once the assessment has started, the panel may be asked to advise; a meeting that has happened takes no more cases.
        await MoveAsync(db, "B0000000002", TransitionsStage.AssessmentInProgress, Now);
        db.ChangeTracker.Clear();
        var past = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.AddCaseAsync(db, Chair, meetingId, "B0000000002", null, "Advise", AtTheMeeting.AddDays(1), Cancel));
        Assert.StartsWith("This meeting was on 3 December 2026.", past.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        await PanelMeetings.AddCaseAsync(db, Chair, meetingId, "B0000000002", null, "Advise on likely eligibility", Now, Cancel);

        await using var check = database.Open();
        Assert.Equal(2, await check.PanelCases.CountAsync(Cancel));
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.Action == "panel-add-case", Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordDecisionAsync_AgreePackage_GoesThroughCaseWorkWithHistoryAndAudit(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        await using (var db = database.Open())
        {
            await PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 4,
                new DecisionRequest(PanelDecision.AgreePackage, 1250m, null, null, "Review in six months"), AtTheMeeting, Cancel);
        }

        await using var check = database.Open();
        var decision = Assert.Single((await PanelRecord.GetAsync(check, "999", meetingId, Cancel))!.Cases).Decision!;
        Assert.Equal((PanelDecision.AgreePackage, 1250m, "Review in six months", "p.chair", "Agree package, £1,250 a week"),
            (decision.Decision, decision.WeeklyCost, decision.Notes, decision.By, decision.Summary));
        var stored = await check.TransitionsCases.SingleAsync(c => check.People.Any(p => p.Id == c.PersonId && p.Reference == "B0000000001"), Cancel);
        Assert.Equal((5, TransitionsStage.Decided), (stored.Version, stored.Stage));
        var latest = await check.CaseEvents.Where(e => e.TransitionsCaseId == stored.Id).OrderByDescending(e => e.Version).FirstAsync(Cancel);
        Assert.Equal((5, "p.chair", "Panel decision: agree package, £1,250 a week"), (latest.Version, latest.By, latest.What));
        var audit = await check.AuditEvents.OrderBy(a => a.Id).LastAsync(Cancel);
        Assert.Equal(("panel-decision", "p.chair", "panel-member", stored.PersonId, $"meeting {meetingId}, decision AgreePackage"), (audit.Action, audit.UserName, audit.Role, audit.PersonId, audit.Detail));

        // The decision is the record of what the meeting agreed: a second one is refused.
        await using var again = database.Open();
        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            PanelMeetings.RecordDecisionAsync(again, Chair, meetingId, "B0000000001", 5, new DecisionRequest(PanelDecision.EscalateToBoard, null, "Cost", null, null), AtTheMeeting, Cancel));
        Assert.Equal("The panel's decision on this case at this meeting is already recorded.", e.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordDecisionAsync_CaseChangedSinceThePageShowedIt_IsRefusedAndNothingIsSaved(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        // The chair opens the decision page at version 4; meanwhile a worker sets an action on the case (version 5).
        await using (var db = database.Open())
            await PanelMeetings.AddActionAsync(db, Worker, meetingId, new ActionRequest("B0000000001", "Ask health for the CHC checklist", "a.worker", new DateOnly(2027, 1, 10)), AtTheMeeting, Cancel);
        await using var late = database.Open();
        var e = await Assert.ThrowsAsync<CaseChangedException>(() => PanelMeetings.RecordDecisionAsync(late, Chair, meetingId, "B0000000001", 4,
            new DecisionRequest(PanelDecision.EscalateToBoard, null, "Cost beyond the panel's limit", null, null), AtTheMeeting, Cancel));

        Assert.Equal("Panel action for a.worker, due 10 January 2027: Ask health for the CHC checklist", Assert.Single(e.Since).What);
        await using var check = database.Open();
        Assert.Null((await check.PanelCases.SingleAsync(Cancel)).Decision);
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.Action == "panel-decision", Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordDecisionAsync_Defer_NeedsAReasonAndALaterMeetingAndPutsTheCaseOnIt(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, laterId) = await MeetingsWithCaseAsync(database);

        await using (var db = database.Open())
        {
            var noReason = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 4,
                new DecisionRequest(PanelDecision.Defer, null, " ", laterId, null), AtTheMeeting, Cancel));
            Assert.Equal("Enter why the panel deferred the case.", noReason.Message);
            db.ChangeTracker.Clear();
            var notLater = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 4,
                new DecisionRequest(PanelDecision.Defer, null, "Waiting for the health assessment", meetingId, null), AtTheMeeting, Cancel));
            Assert.Equal("A case can only be deferred to a later meeting.", notLater.Message);
            db.ChangeTracker.Clear();
            var early = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 4,
                new DecisionRequest(PanelDecision.Defer, null, "Waiting for the health assessment", laterId, null), Now, Cancel));
            Assert.Equal("The panel meets on 3 December 2026: record its decision on or after that day.", early.Message);
            db.ChangeTracker.Clear();
            await PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 4,
                new DecisionRequest(PanelDecision.Defer, null, "Waiting for the health assessment", laterId, null), AtTheMeeting, Cancel);
        }

        await using var check = database.Open();
        var decision = Assert.Single((await PanelRecord.GetAsync(check, "999", meetingId, Cancel))!.Cases).Decision!;
        Assert.Equal(("Defer to 14 January 2027", "Waiting for the health assessment", laterId), (decision.Summary, decision.Reason, decision.DeferredToMeetingId));
        var next = Assert.Single((await PanelRecord.GetAsync(check, "999", laterId, Cancel))!.Cases);
        Assert.Equal(("B0000000001", "Agree a supported living package", null), (next.Reference, next.Question, next.Decision));
        Assert.Equal("Panel decision: defer to the panel on 14 January 2027", (await check.CaseEvents.OrderByDescending(e => e.Id).FirstAsync(Cancel)).What);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddActionAsync_AboutACaseAndAboutThePanel_AreCaseTasksOfTheMeeting(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        await using (var db = database.Open())
        {
            await PanelMeetings.AddActionAsync(db, Chair, meetingId, new ActionRequest("B0000000001", "Ask health for the CHC checklist", "a.worker", new DateOnly(2027, 1, 10)), AtTheMeeting, Cancel);
            await PanelMeetings.AddActionAsync(db, Chair, meetingId, new ActionRequest(null, "Report the quarter's costs to the board", "m.manager", new DateOnly(2027, 1, 31)), AtTheMeeting, Cancel);
            var notOnAgenda = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
                PanelMeetings.AddActionAsync(db, Chair, meetingId, new ActionRequest("B0000000002", "Something", "a.worker", new DateOnly(2027, 1, 10)), AtTheMeeting, Cancel));
            Assert.Equal("This young person is not on this meeting's agenda.", notOnAgenda.Message);
        }

        await using var check = database.Open();
        var tasks = await check.CaseTasks.OrderBy(t => t.Id).ToListAsync(Cancel);
        var personId = await check.People.Where(p => p.Reference == "B0000000001").Select(p => p.Id).SingleAsync(Cancel);
        var caseId = await check.TransitionsCases.Where(c => c.PersonId == personId).Select(c => c.Id).SingleAsync(Cancel);
        Assert.Equal(
            [(meetingId, (long?)caseId, (long?)personId, "a.worker", new DateOnly(2027, 1, 10), "p.chair"), (meetingId, null, null, "m.manager", new DateOnly(2027, 1, 31), "p.chair")],
            tasks.Select(t => (t.PanelMeetingId!.Value, t.TransitionsCaseId, t.PersonId, t.Owner, t.DueOn, t.CreatedBy)));
        Assert.Equal("Panel action for a.worker, due 10 January 2027: Ask health for the CHC checklist",
            (await check.CaseEvents.Where(e => e.TransitionsCaseId == caseId).OrderByDescending(e => e.Version).FirstAsync(Cancel)).What);
        Assert.Equal([(long?)personId, null], await check.AuditEvents.Where(a => a.Action == "panel-action").OrderBy(a => a.Id).Select(a => a.PersonId).ToListAsync(Cancel));
        var view = (await PanelRecord.GetAsync(check, "999", meetingId, Cancel))!;
        Assert.Equal(["Young Person1", null], view.Actions.Select(a => a.DisplayName));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FollowUpActionAsync_CarriedForwardThenDone_ComesUpAtEachNextMeetingUntilDone(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, januaryId) = await MeetingsWithCaseAsync(database);
        long februaryId, caseAction, panelAction;
        await using (var db = database.Open())
        {
            februaryId = (await PanelMeetings.CreateMeetingAsync(db, Worker, February, Now, Cancel)).Id;
            caseAction = (await PanelMeetings.AddActionAsync(db, Chair, meetingId, new ActionRequest("B0000000001", "Ask health for the CHC checklist", "a.worker", new DateOnly(2027, 1, 10)), AtTheMeeting, Cancel)).Id;
            panelAction = (await PanelMeetings.AddActionAsync(db, Chair, meetingId, new ActionRequest(null, "Report the quarter's costs", "m.manager", new DateOnly(2027, 1, 10)), AtTheMeeting, Cancel)).Id;
        }

        // January: the case action is carried forward with a new date, the panel's own is done.
        var january = new DateTimeOffset(2027, 1, 14, 12, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open())
        {
            Assert.Equal([caseAction, panelAction], (await PanelRecord.GetAsync(db, "999", januaryId, Cancel))!.FollowUps.Select(a => a.Id));
            var noNote = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.FollowUpActionAsync(db, Chair, januaryId, caseAction, new FollowUpRequest(false, "", null), january, Cancel));
            Assert.Equal("Enter why the action is carried forward.", noNote.Message);
            var atItsOwnMeeting = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.FollowUpActionAsync(db, Chair, meetingId, caseAction, new FollowUpRequest(true, null, null), january, Cancel));
            Assert.Equal("An action is followed up at a meeting after the one that set it.", atItsOwnMeeting.Message);
            await PanelMeetings.FollowUpActionAsync(db, Chair, januaryId, caseAction, new FollowUpRequest(false, "Checklist booked for 2 February", new DateOnly(2027, 2, 5)), january, Cancel);
            await PanelMeetings.FollowUpActionAsync(db, Chair, januaryId, panelAction, new FollowUpRequest(true, "Reported", null), january, Cancel);
            var twice = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.FollowUpActionAsync(db, Chair, januaryId, caseAction, new FollowUpRequest(true, null, null), january, Cancel));
            Assert.Equal("This action has already been followed up at this meeting.", twice.Message);
        }

        await using (var check = database.Open())
        {
            var heard = (await PanelRecord.GetAsync(check, "999", januaryId, Cancel))!.FollowUps;
            // Oldest meeting first, then by due date: the carried-forward action is now due later.
            Assert.Equal([(panelAction, true, "Reported"), (caseAction, false, "Checklist booked for 2 February")], heard.Select(a => (a.Id, a.At(januaryId)!.Done, a.At(januaryId)!.Note)));
            var february = (await PanelRecord.GetAsync(check, "999", februaryId, Cancel))!;
            var carried = Assert.Single(february.FollowUps);
            Assert.Equal((caseAction, new DateOnly(2027, 2, 5), (DateOnly?)null, "Young Person1"), (carried.Id, carried.DueOn, carried.DoneOn, carried.DisplayName));
            var done = await check.CaseTasks.SingleAsync(t => t.Id == panelAction, Cancel);
            Assert.Equal((new DateOnly(2027, 1, 14), "p.chair", "Reported"), (done.DoneOn!.Value, done.DoneBy, done.DoneNote));
            Assert.Equal("Panel action carried forward at the panel on 14 January 2027, now due 5 February 2027: Ask health for the CHC checklist",
                (await check.CaseEvents.OrderByDescending(e => e.Id).FirstAsync(Cancel)).What);
            Assert.Equal([(true, "meeting " + januaryId + ", carried forward"), (false, "meeting " + januaryId + ", done")],
                (await check.AuditEvents.Where(a => a.Action == "panel-follow-up").OrderBy(a => a.Id).ToListAsync(Cancel)).Select(a => (a.PersonId != null, a.Detail!)));
        }

        // February: done; the action no longer comes up at later meetings.
        await using (var db = database.Open())
        {
            await PanelMeetings.FollowUpActionAsync(db, Chair, februaryId, caseAction, new FollowUpRequest(true, null, null), new DateTimeOffset(2027, 2, 11, 12, 0, 0, TimeSpan.Zero), Cancel);
            var march = await PanelMeetings.CreateMeetingAsync(db, Worker, December with { MeetsOn = new DateOnly(2027, 3, 11) }, Now, Cancel);
            Assert.Empty((await PanelRecord.GetAsync(db, "999", march.Id, Cancel))!.FollowUps);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RemoveCaseAsync_BeforeADecision_TakesItOffTheAgendaAndAfterOneIsRefused(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, laterId) = await MeetingsWithCaseAsync(database);

        await using (var db = database.Open())
        {
            await PanelMeetings.AddCaseAsync(db, Worker, laterId, "B0000000001", 4, "Review", Now, Cancel);
            await PanelMeetings.RemoveCaseAsync(db, Worker, laterId, "B0000000001", Now, Cancel);
            await PanelMeetings.RecordDecisionAsync(db, Chair, meetingId, "B0000000001", 6, new DecisionRequest(PanelDecision.EscalateToBoard, null, "Cost beyond the panel's limit", null, null), AtTheMeeting, Cancel);
            var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.RemoveCaseAsync(db, Worker, meetingId, "B0000000001", AtTheMeeting, Cancel));
            Assert.Equal("The panel has recorded its decision on this case, so it stays on the meeting's record.", e.Message);
        }

        await using var check = database.Open();
        Assert.Equal([meetingId], await check.PanelCases.Select(c => c.PanelMeetingId).ToListAsync(Cancel));
        Assert.Equal(["Added to the panel on 14 January 2027", "Removed from the panel on 14 January 2027", "Panel decision: escalate to the Transitions Board"],
            (await check.CaseEvents.OrderBy(e => e.Id).Select(e => e.What).ToListAsync(Cancel)).TakeLast(3));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordAttendanceAsync_PresentAndApologies_AreKeptByAttendee(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider);
        var (meetingId, _) = await MeetingsWithCaseAsync(database);

        await using (var db = database.Open())
        {
            var health = await PanelMeetings.AddAttendeeAsync(db, Worker, meetingId, new AttendeeRequest(PanelAgency.Health, "Dr Sam Clinic", "Designated clinical officer"), Now, Cancel);
            var housing = await PanelMeetings.AddAttendeeAsync(db, Worker, meetingId, new AttendeeRequest(PanelAgency.Housing, "Lee House", null), Now, Cancel);
            var blank = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.AddAttendeeAsync(db, Worker, meetingId, new AttendeeRequest(PanelAgency.Other, " ", null), Now, Cancel));
            Assert.Equal("Enter the attendee's name.", blank.Message);
            await PanelMeetings.RecordAttendanceAsync(db, Chair, meetingId, new Dictionary<long, Attendance> { [health.Id] = Attendance.Present, [housing.Id] = Attendance.SentApologies }, AtTheMeeting, Cancel);
        }

        await using var check = database.Open();
        var attendees = (await PanelRecord.GetAsync(check, "999", meetingId, Cancel))!.Attendees;
        Assert.Equal([(PanelAgency.Health, "Dr Sam Clinic", Attendance.Present), (PanelAgency.Housing, "Lee House", Attendance.SentApologies)], attendees.Select(a => (a.Agency, a.Name, a.Attendance)));
        Assert.Equal($"meeting {meetingId}, 1 present, 1 apologies", (await check.AuditEvents.SingleAsync(a => a.Action == "panel-attendance", Cancel)).Detail);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreateMeetingAsync_InThePastOrWithoutAChair_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();

        var past = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.CreateMeetingAsync(db, Worker, December with { MeetsOn = new DateOnly(2026, 11, 22) }, Now, Cancel));
        Assert.Equal("The date of the meeting must be today or in the future.", past.Message);
        var noChair = await Assert.ThrowsAsync<PathwayRefusedException>(() => PanelMeetings.CreateMeetingAsync(db, Worker, December with { Chair = "" }, Now, Cancel));
        Assert.Equal("Enter the name of the chair.", noChair.Message);
        Assert.False(await db.PanelMeetings.AnyAsync(Cancel));
    }
}
