using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.People;

namespace Waypoint.Core.Demo;

/// <summary>
/// The demo council's transitions panel, through the panel pages' own Core services: a meeting a fortnight ago that
/// agreed a package, escalated one case to the Transitions Board and deferred another, with its actions (one now
/// overdue); and the next meeting, with the deferred case and one more for advice.
/// </summary>
internal static class DemoPanel
{
    public static async Task SeedAsync(
        WaypointDbContext db, string council, DemoJourneys journeys, IReadOnlyList<(TrackerRow Row, string Worker)> decided, IReadOnlyList<(TrackerRow Row, string Worker)> planAgreed,
        IReadOnlyList<(TrackerRow Row, string Worker)> assessing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chair = new Pathway.Practitioner(council, "Demo panel chair", "panel-member");
        var manager = journeys.Manager;
        var today = DateOnly.FromDateTime(now.Date);
        // Both meetings were set up a month ago, before the earlier one deferred a case to the later.
        var setUp = now.AddDays(-30);
        var last = await PanelMeetings.CreateMeetingAsync(db, manager, new MeetingRequest(today.AddDays(-14), new TimeOnly(10, 0), MeetingFormat.InPerson, "County Hall, committee room 2", "Demo panel chair"), setUp, cancellationToken);
        var next = await PanelMeetings.CreateMeetingAsync(db, manager, new MeetingRequest(today.AddDays(10), new TimeOnly(10, 0), MeetingFormat.Online, "Microsoft Teams (link in the invitation)", "Demo panel chair"), setUp, cancellationToken);
        (PanelAgency Agency, string Name, string Role, Attendance Came)[] members =
        [
            (PanelAgency.AdultSocialCare, "Hannah Lee", "Head of adult learning disability services", Attendance.Present),
            (PanelAgency.ChildrensSocialCare, "Lucy Ward", "Children with disabilities team manager", Attendance.Present),
            (PanelAgency.SendEducation, "Mark Green", "SEND casework manager", Attendance.Present),
            (PanelAgency.Health, "Dr Ade Bello", "Designated clinical officer", Attendance.Present),
            (PanelAgency.Housing, "Ravi Kumar", "Supported housing lead", Attendance.SentApologies),
        ];
        var attendance = new Dictionary<long, Attendance>();
        foreach (var meeting in new[] { last, next })
        {
            foreach (var (agency, name, role, came) in members)
            {
                var attendee = await PanelMeetings.AddAttendeeAsync(db, manager, meeting.Id, new AttendeeRequest(agency, name, role), setUp, cancellationToken);
                if (meeting == last) attendance[attendee.Id] = came;
            }
        }

        // The cases heard a fortnight ago: they were decided, or had a plan agreed, well before then.
        var heard = decided.Take(1).Concat(planAgreed).Take(3).ToList();
        var added = now.AddDays(-21);
        var questions = new[] { "Agree the adult support package", "Agree funding for a residential college placement", "Agree a joint health and social care package" };
        for (var i = 0; i < heard.Count; i++)
            await PanelMeetings.AddCaseAsync(db, manager, last.Id, heard[i].Row.Reference, null, questions[i], added, cancellationToken);

        var meetingDay = DemoJourneys.At(last.MeetsOn).AddHours(2);
        await PanelMeetings.RecordAttendanceAsync(db, chair, last.Id, attendance, meetingDay, cancellationToken);
        var decisions = new[]
        {
            new DecisionRequest(PanelDecision.AgreePackage, 1850m, null, null, "Supported living with shared overnight support; day opportunities three days a week."),
            new DecisionRequest(PanelDecision.EscalateToBoard, null, "The cost, £3,400 a week, is above what the panel can agree; the Board decides on residential college placements.", null, null),
            new DecisionRequest(PanelDecision.Defer, null, "Waiting for the integrated care board's decision on a health contribution (continuing care).", next.Id, null),
        };
        for (var i = 0; i < heard.Count; i++)
            await PanelMeetings.RecordDecisionAsync(db, chair, last.Id, heard[i].Row.Reference, await journeys.VersionAsync(heard[i].Row), decisions[i], meetingDay, cancellationToken);

        if (heard.Count > 0)
        {
            await PanelMeetings.AddActionAsync(db, chair, last.Id, new ActionRequest(heard[0].Row.Reference, "Send the agreed package to the adult learning disability team and the family", heard[0].Worker, today.AddDays(7)), meetingDay, cancellationToken);
            // Due three days ago and not done: an overdue action the next meeting follows up.
            await PanelMeetings.AddActionAsync(db, chair, last.Id, new ActionRequest(heard[^1].Row.Reference, "Ask the integrated care board for its continuing care decision", "Demo team manager", today.AddDays(-3)), meetingDay, cancellationToken);
        }
        await PanelMeetings.AddActionAsync(db, chair, last.Id, new ActionRequest(null, "Invite the supported housing lead to the next panel in person", "Demo transitions worker", today.AddDays(5)), meetingDay, cancellationToken);

        // One more case for the next meeting, for advice while its assessment is in progress.
        if (assessing.Count > 0)
            await PanelMeetings.AddCaseAsync(db, manager, next.Id, assessing[0].Row.Reference, null, "Advice on likely eligibility and on a health contribution before 18", now, cancellationToken);
    }
}
