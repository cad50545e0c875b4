using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Panel;

/// <summary>What a practitioner enters to set up a panel meeting.</summary>
public sealed record MeetingRequest(DateOnly MeetsOn, TimeOnly StartsAt, MeetingFormat Format, string Place, string Chair);

/// <summary>Someone to add to a meeting's attendance list.</summary>
public sealed record AttendeeRequest(PanelAgency Agency, string Name, string? Role, Attendance Attendance = Attendance.Expected);

/// <summary>The panel's decision on one case. <see cref="DeferToMeetingId"/> is for a deferral; <see cref="WeeklyCost"/> for an agreed package.</summary>
public sealed record DecisionRequest(PanelDecision Decision, decimal? WeeklyCost, string? Reason, long? DeferToMeetingId, string? Notes);

/// <summary>An action the panel sets: about a case on its agenda (by the person's reference) or about its own business.</summary>
public sealed record ActionRequest(string? PersonReference, string Description, string Owner, DateOnly DueOn);

/// <summary>What a meeting heard about an open action from an earlier meeting.</summary>
public sealed record FollowUpRequest(bool Done, string? Note, DateOnly? NewDueOn);

/// <summary>
/// The multi-agency transitions panel's work (domain.md "The pathway": panel). Every change to a young person's case
/// (added to or removed from an agenda, a decision, an action about them) goes through <see cref="CaseWork"/>, so it
/// is versioned, in the case history and in the audit trail; changes to the meeting alone are audited here.
/// </summary>
public static class PanelMeetings
{
    public static string Label(MeetingFormat format) => format switch
    {
        MeetingFormat.InPerson => "In person",
        MeetingFormat.Online => "Online",
        MeetingFormat.Hybrid => "In person and online",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string Label(PanelAgency agency) => agency switch
    {
        PanelAgency.ChildrensSocialCare => "Children's social care",
        PanelAgency.AdultSocialCare => "Adult social care",
        PanelAgency.SendEducation => "SEND and education",
        PanelAgency.Health => "Health (integrated care board)",
        PanelAgency.MentalHealth => "CAMHS or mental health",
        PanelAgency.Housing => "Housing",
        PanelAgency.YoungPersonOrFamily => "The young person or their family",
        PanelAgency.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, null),
    };

    public static string Label(Attendance attendance) => attendance switch
    {
        Attendance.Expected => "Expected",
        Attendance.Present => "Present",
        Attendance.SentApologies => "Sent apologies",
        _ => throw new ArgumentOutOfRangeException(nameof(attendance), attendance, null),
    };

    public static string Label(PanelDecision decision) => decision switch
    {
        PanelDecision.AgreePackage => "Agree package",
        PanelDecision.Defer => "Defer",
        PanelDecision.EscalateToBoard => "Escalate to the Transitions Board",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    /// <summary>"£1,250 a week", or with pence when there are any.</summary>
    public static string Weekly(decimal cost) =>
        (cost == decimal.Truncate(cost) ? cost.ToString("'£'#,##0", CultureInfo.InvariantCulture) : cost.ToString("'£'#,##0.00", CultureInfo.InvariantCulture)) + " a week";

    /// <summary>"Thursday 3 December 2026 at 10:00".</summary>
    public static string When(DateOnly meetsOn, TimeOnly startsAt) =>
        $"{meetsOn.DayOfWeek} {Dates.Format(meetsOn)} at {startsAt.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static async Task<PanelMeeting> CreateMeetingAsync(WaypointDbContext db, Practitioner by, MeetingRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MeetsOn < Today(at)) throw new PathwayRefusedException("The date of the meeting must be today or in the future.");
        var place = Answers.Required(request.Place, "Enter where the meeting is, or how to join it online", 500, "Where the meeting is");
        var chair = Answers.Required(request.Chair, "Enter the name of the chair", 200, "The chair's name");
        var meeting = new PanelMeeting
        {
            CouncilCode = by.CouncilCode,
            MeetsOn = request.MeetsOn,
            StartsAt = request.StartsAt,
            Format = request.Format,
            Place = place,
            Chair = chair,
            CreatedBy = by.UserName,
            CreatedAt = at,
        };
        db.PanelMeetings.Add(meeting);
        Audit(db, by, "panel-create", null, $"meets on {request.MeetsOn:yyyy-MM-dd}", at);
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    /// <summary>
    /// Puts a young person's case on a meeting's agenda. <paramref name="seenVersion"/> is the case version the user's
    /// page showed (the case page's "Take to panel"); null when the page showed only the meeting, where adding a case
    /// overwrites nothing of the case's and its current version is taken.
    /// </summary>
    public static async Task<PanelCase> AddCaseAsync(
        WaypointDbContext db, Practitioner by, long meetingId, string personReference, int? seenVersion, string question, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var transitionsCase = await LoadCaseAsync(db, by, personReference, seenVersion, cancellationToken);
        var added = meeting.AddCase(transitionsCase, question, by.UserName, at);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Added to the panel on {Dates.Format(meeting.MeetsOn)}", "panel-add-case", $"meeting {meeting.Id}", at, cancellationToken);
        return added;
    }

    /// <summary>Takes a case off an agenda, unless the panel has decided on it: a decision stays on the meeting's record.</summary>
    public static async Task RemoveCaseAsync(WaypointDbContext db, Practitioner by, long meetingId, string personReference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var transitionsCase = await LoadCaseAsync(db, by, personReference, null, cancellationToken);
        var onAgenda = OnAgenda(meeting, transitionsCase);
        if (onAgenda.Decision is not null)
            throw new PathwayRefusedException("The panel has recorded its decision on this case, so it stays on the meeting's record.", $"/panel/{meeting.Id}");
        db.PanelCases.Remove(onAgenda);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Removed from the panel on {Dates.Format(meeting.MeetsOn)}", "panel-remove-case", $"meeting {meeting.Id}", at, cancellationToken);
    }

    public static async Task<PanelAttendee> AddAttendeeAsync(WaypointDbContext db, Practitioner by, long meetingId, AttendeeRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var attendee = new PanelAttendee
        {
            CouncilCode = by.CouncilCode,
            Agency = request.Agency,
            Name = Answers.Required(request.Name, "Enter the attendee's name", 200, "The attendee's name"),
            Role = Answers.Optional(request.Role, 200, "Their role"),
            Attendance = request.Attendance,
        };
        meeting.Attendees.Add(attendee);
        Audit(db, by, "panel-attendee", null, $"meeting {meeting.Id}, {request.Agency}", at);
        await db.SaveChangesAsync(cancellationToken);
        return attendee;
    }

    /// <summary>Records who came and who sent apologies, by attendee id; attendees not named keep what they had.</summary>
    public static async Task RecordAttendanceAsync(
        WaypointDbContext db, Practitioner by, long meetingId, IReadOnlyDictionary<long, Attendance> attendance, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        if (attendance.Keys.Any(id => meeting.Attendees.All(a => a.Id != id))) throw new PathwayRefusedException("That person is not on this meeting's attendance list.");
        foreach (var attendee in meeting.Attendees)
        {
            if (attendance.TryGetValue(attendee.Id, out var came)) attendee.Attendance = came;
        }
        Audit(db, by, "panel-attendance", null,
            $"meeting {meeting.Id}, {meeting.Attendees.Count(a => a.Attendance == Attendance.Present)} present, {meeting.Attendees.Count(a => a.Attendance == Attendance.SentApologies)} apologies", at);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records the panel's decision on a case through <see cref="CaseWork"/>: refused if the case changed since the
    /// user's page showed <paramref name="seenVersion"/>. A deferred case joins the later meeting's agenda.
    /// </summary>
    public static async Task<PanelCase> RecordDecisionAsync(
        WaypointDbContext db, Practitioner by, long meetingId, string personReference, int seenVersion, DecisionRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var transitionsCase = await LoadCaseAsync(db, by, personReference, seenVersion, cancellationToken);
        var onAgenda = OnAgenda(meeting, transitionsCase);
        PanelMeeting? deferTo = null;
        if (request.Decision == PanelDecision.Defer && request.DeferToMeetingId is { } laterId)
        {
            deferTo = await db.PanelMeetings.Include(m => m.Cases).SingleOrDefaultAsync(m => m.Id == laterId && m.CouncilCode == by.CouncilCode, cancellationToken)
                ?? throw new PathwayRefusedException("Select the meeting the case is deferred to.");
        }
        onAgenda.Decide(request.Decision, request.WeeklyCost, request.Reason, deferTo, meeting, request.Notes, by.UserName, at);
        if (deferTo is not null && !deferTo.Has(transitionsCase)) deferTo.Put(transitionsCase, onAgenda.Question, by.UserName, at);

        var what = request.Decision switch
        {
            PanelDecision.AgreePackage => "Panel decision: agree package" + (onAgenda.WeeklyCost is { } cost ? ", " + Weekly(cost) : ""),
            PanelDecision.Defer => $"Panel decision: defer to the panel on {Dates.Format(deferTo!.MeetsOn)}",
            _ => "Panel decision: escalate to the Transitions Board",
        };
        await CaseWork.SaveAsync(db, by, transitionsCase, what, "panel-decision", $"meeting {meeting.Id}, decision {request.Decision}", at, cancellationToken);
        return onAgenda;
    }

    /// <summary>
    /// Sets an action with an owner and due date, kept as a <see cref="CaseTask"/> so the work trays and reminders find
    /// it. An action about a case on the agenda is also in that case's history.
    /// </summary>
    public static async Task<CaseTask> AddActionAsync(WaypointDbContext db, Practitioner by, long meetingId, ActionRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var description = Answers.Required(request.Description, "Enter the action", 2000, "The action");
        var owner = Answers.Required(request.Owner, "Enter who owns the action", 256, "The owner's user name");
        if (request.DueOn < Today(at)) throw new PathwayRefusedException("The date the action is due must be today or in the future.");
        var task = new CaseTask
        {
            CouncilCode = by.CouncilCode,
            PanelMeetingId = meeting.Id,
            Description = description,
            Owner = owner,
            DueOn = request.DueOn,
            CreatedBy = by.UserName,
            CreatedAt = at,
        };
        if (string.IsNullOrWhiteSpace(request.PersonReference))
        {
            db.CaseTasks.Add(task);
            Audit(db, by, "panel-action", null, $"meeting {meeting.Id}", at);
            await db.SaveChangesAsync(cancellationToken);
            return task;
        }
        var transitionsCase = await LoadCaseAsync(db, by, request.PersonReference.Trim(), null, cancellationToken);
        OnAgenda(meeting, transitionsCase);
        (task.TransitionsCaseId, task.PersonId) = (transitionsCase.Id, transitionsCase.PersonId);
        db.CaseTasks.Add(task);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Panel action for {owner}, due {Dates.Format(request.DueOn)}: {description}", "panel-action", $"meeting {meeting.Id}", at, cancellationToken);
        return task;
    }

    /// <summary>
    /// Follows up an open action from an earlier meeting: done (the action closes), or carried forward with a note and
    /// perhaps a new due date (it stays open and comes up again at the next meeting).
    /// </summary>
    public static async Task<PanelActionFollowUp> FollowUpActionAsync(
        WaypointDbContext db, Practitioner by, long meetingId, long taskId, FollowUpRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var meeting = await LoadMeetingAsync(db, by, meetingId, cancellationToken);
        var task = await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CouncilCode == by.CouncilCode && t.PanelMeetingId != null, cancellationToken)
            ?? throw new PathwayRefusedException("There is no panel action with that number in this council.");
        var setAt = await db.PanelMeetings.AsNoTracking().SingleAsync(m => m.Id == task.PanelMeetingId, cancellationToken);
        if (!setAt.IsBefore(meeting)) throw new PathwayRefusedException("An action is followed up at a meeting after the one that set it.");
        if (task.DoneOn is not null) throw new PathwayRefusedException("This action is already done.");
        if (await db.PanelActionFollowUps.AnyAsync(f => f.CaseTaskId == task.Id && f.PanelMeetingId == meeting.Id, cancellationToken))
            throw new PathwayRefusedException("This action has already been followed up at this meeting.", $"/panel/{meeting.Id}");
        if (Today(at) < meeting.MeetsOn)
            throw new PathwayRefusedException($"The panel meets on {Dates.Format(meeting.MeetsOn)}: follow actions up on or after that day.");
        var note = Answers.Optional(request.Note, 4000, "The note");
        if (!request.Done && note is null) throw new PathwayRefusedException("Enter why the action is carried forward.");
        if (!request.Done && request.NewDueOn < Today(at)) throw new PathwayRefusedException("The new due date must be today or in the future.");

        var followUp = new PanelActionFollowUp
        {
            PanelMeetingId = meeting.Id,
            CaseTaskId = task.Id,
            CouncilCode = by.CouncilCode,
            Done = request.Done,
            Note = note,
            NewDueOn = request.Done ? null : request.NewDueOn,
            By = by.UserName,
            At = at,
        };
        db.PanelActionFollowUps.Add(followUp);
        if (request.Done)
        {
            // Done by the meeting that heard it was done.
            (task.DoneOn, task.DoneBy, task.DoneNote) = (meeting.MeetsOn, by.UserName, note);
        }
        else if (request.NewDueOn is { } newDue)
        {
            task.DueOn = newDue;
        }
        var what = request.Done
            ? $"Panel action done (followed up at the panel on {Dates.Format(meeting.MeetsOn)}): {task.Description}"
            : $"Panel action carried forward at the panel on {Dates.Format(meeting.MeetsOn)}{(followUp.NewDueOn is { } due ? $", now due {Dates.Format(due)}" : "")}: {task.Description}";
        var detail = $"meeting {meeting.Id}, {(request.Done ? "done" : "carried forward")}";
        if (task.PersonId is not { } personId)
        {
            Audit(db, by, "panel-follow-up", null, detail, at);
            await db.SaveChangesAsync(cancellationToken);
            return followUp;
        }
        var reference = await db.People.Where(p => p.Id == personId).Select(p => p.Reference).SingleAsync(cancellationToken);
        var transitionsCase = await LoadCaseAsync(db, by, reference, null, cancellationToken);
        await CaseWork.SaveAsync(db, by, transitionsCase, what, "panel-follow-up", detail, at, cancellationToken);
        return followUp;
    }

    /// <summary>A council's meeting, tracked for change with its agenda and attendance list.</summary>
    private static async Task<PanelMeeting> LoadMeetingAsync(WaypointDbContext db, Practitioner by, long meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        return await db.PanelMeetings.AsSplitQuery().Include(m => m.Cases).Include(m => m.Attendees)
                .SingleOrDefaultAsync(m => m.Id == meetingId && m.CouncilCode == by.CouncilCode, cancellationToken)
            ?? throw new PathwayRefusedException("There is no panel meeting with that number in this council.", "/panel");
    }

    /// <summary>The young person's case through <see cref="CaseWork.LoadAsync"/>; a null <paramref name="seenVersion"/> takes the current one.</summary>
    private static async Task<TransitionsCase> LoadCaseAsync(WaypointDbContext db, Practitioner by, string personReference, int? seenVersion, CancellationToken cancellationToken)
    {
        var version = seenVersion ?? await db.TransitionsCases
            .Where(c => c.CouncilCode == by.CouncilCode && db.People.Any(p => p.Id == c.PersonId && p.Reference == personReference))
            .Select(c => (int?)c.Version).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, version, cancellationToken);
        return transitionsCase ?? throw new PathwayRefusedException(
            "This young person has no transitions case. Refer them, and take the case to the panel once it is at the right stage.", $"/people/{person.Reference}/case");
    }

    private static PanelCase OnAgenda(PanelMeeting meeting, TransitionsCase transitionsCase) =>
        meeting.Cases.SingleOrDefault(c => c.TransitionsCaseId == transitionsCase.Id)
        ?? throw new PathwayRefusedException("This young person is not on this meeting's agenda.", $"/panel/{meeting.Id}");

    private static void Audit(WaypointDbContext db, Practitioner by, string action, long? personId, string? detail, DateTimeOffset at) =>
        db.AuditEvents.Add(new AuditEvent { At = at, CouncilCode = by.CouncilCode, UserName = by.UserName, Role = by.Role, Action = action, PersonId = personId, Detail = detail });

    private static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
