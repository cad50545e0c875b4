using Waypoint.Core.Pathway;

namespace Waypoint.Core.Panel;

/// <summary>How the panel meets.</summary>
public enum MeetingFormat
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>The agencies a multi-agency transitions panel draws on (domain.md "The pathway": panel).</summary>
public enum PanelAgency
{
    ChildrensSocialCare,
    AdultSocialCare,
    SendEducation,
    Health,
    MentalHealth,
    Housing,
    YoungPersonOrFamily,
    Other,
}

/// <summary>Whether someone on the attendance list came. Everyone starts as expected; the meeting records the rest.</summary>
public enum Attendance
{
    Expected,
    Present,
    SentApologies,
}

/// <summary>What the panel decided about a case (domain.md: agree package, defer, escalate to the Transitions Board).</summary>
public enum PanelDecision
{
    AgreePackage,
    Defer,
    EscalateToBoard,
}

/// <summary>
/// One meeting of the council's multi-agency transitions panel: when and where it meets, who chairs it, the cases on
/// its agenda and who is expected. Actions it sets are <see cref="CaseTask"/> rows carrying its id.
/// </summary>
public sealed class PanelMeeting
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public DateOnly MeetsOn { get; set; }
    public TimeOnly StartsAt { get; set; }
    public MeetingFormat Format { get; set; }

    /// <summary>The room and building, or how to join online.</summary>
    public required string Place { get; set; }

    public required string Chair { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<PanelCase> Cases { get; private set; } = [];
    public List<PanelAttendee> Attendees { get; private set; } = [];

    /// <summary>Meetings in the order they happen; the id breaks a tie between two set for the same time.</summary>
    public bool IsBefore(PanelMeeting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (MeetsOn, StartsAt, Id).CompareTo((other.MeetsOn, other.StartsAt, other.Id)) < 0;
    }

    /// <summary>
    /// The stages at which the panel hears a case: decided (eligible or not, a package to agree) and plan agreed (a
    /// package to approve or review), and assessment in progress when the panel is asked to advise before a decision.
    /// </summary>
    public static bool Hears(TransitionsStage stage) =>
        stage is TransitionsStage.AssessmentInProgress or TransitionsStage.Decided or TransitionsStage.PlanAgreed;

    /// <summary>
    /// Puts a case on the agenda, or refuses: a case at a stage the panel does not hear, one already on it, or a meeting
    /// that has already happened.
    /// </summary>
    public PanelCase AddCase(TransitionsCase transitionsCase, string question, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transitionsCase);
        if (!Hears(transitionsCase.Stage))
        {
            throw new PathwayRefusedException(
                $"A case at {TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant()} cannot go to the panel. The panel hears cases whose assessment is in progress (for advice), decided, or with a plan agreed.");
        }
        if (Has(transitionsCase)) throw new PathwayRefusedException("This young person is already on this meeting's agenda.", $"/panel/{Id}");
        if (MeetsOn < DateOnly.FromDateTime(at.UtcDateTime))
            throw new PathwayRefusedException($"This meeting was on {Rules.Dates.Format(MeetsOn)}. Add the case to a meeting that has not happened yet.", "/panel");
        if (string.IsNullOrWhiteSpace(question)) throw new PathwayRefusedException("Enter what the panel is asked to decide or advise on.");
        if (question.Trim().Length > 4000) throw new PathwayRefusedException("What the panel is asked must be 4,000 characters or fewer.");
        return Put(transitionsCase, question.Trim(), by, at);
    }

    public bool Has(TransitionsCase transitionsCase) => Cases.Any(c => c.TransitionsCaseId == transitionsCase?.Id);

    /// <summary>A deferred case joins the later meeting's agenda with the question it came with, whatever that meeting's date.</summary>
    internal PanelCase Put(TransitionsCase transitionsCase, string question, string by, DateTimeOffset at)
    {
        var added = new PanelCase
        {
            PanelMeetingId = Id,
            TransitionsCaseId = transitionsCase.Id,
            PersonId = transitionsCase.PersonId,
            CouncilCode = CouncilCode,
            Question = question,
            StageWhenAdded = transitionsCase.Stage,
            AddedBy = by,
            AddedAt = at,
        };
        Cases.Add(added);
        return added;
    }
}

/// <summary>A case on a meeting's agenda: what the panel is asked, and what it decided.</summary>
public sealed class PanelCase
{
    public long Id { get; set; }
    public long PanelMeetingId { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>What the panel is asked to decide or advise on, in the words of whoever brought the case.</summary>
    public required string Question { get; set; }

    public TransitionsStage StageWhenAdded { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    public PanelDecision? Decision { get; private set; }

    /// <summary>The weekly cost of an agreed package, when the panel set one.</summary>
    public decimal? WeeklyCost { get; private set; }

    /// <summary>Why the panel deferred or escalated (required for both), or why it agreed (optional).</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>The meeting a deferred case goes to; it is put on that meeting's agenda.</summary>
    public long? DeferredToMeetingId { get; private set; }

    public string? DecisionNotes { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>
    /// Records the panel's decision, once: a decision is the record of what the meeting agreed, so a second one for the
    /// same case at the same meeting is refused. Deferring and escalating need their reason; a deferral names a later
    /// meeting.
    /// </summary>
    public void Decide(PanelDecision decision, decimal? weeklyCost, string? reason, PanelMeeting? deferTo, PanelMeeting meeting, string? notes, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (Decision is not null) throw new PathwayRefusedException("The panel's decision on this case at this meeting is already recorded.", $"/panel/{PanelMeetingId}");
        if (DateOnly.FromDateTime(at.UtcDateTime) < meeting.MeetsOn)
            throw new PathwayRefusedException($"The panel meets on {Rules.Dates.Format(meeting.MeetsOn)}: record its decision on or after that day.");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        switch (decision)
        {
            case PanelDecision.AgreePackage when weeklyCost is <= 0 or >= 1_000_000:
                throw new PathwayRefusedException("The weekly cost must be more than £0 and less than £1,000,000.");
            case PanelDecision.Defer when reason is null:
                throw new PathwayRefusedException("Enter why the panel deferred the case.");
            case PanelDecision.Defer when deferTo is null:
                throw new PathwayRefusedException("Select the meeting the case is deferred to.");
            case PanelDecision.Defer when !meeting.IsBefore(deferTo!) || deferTo!.CouncilCode != meeting.CouncilCode:
                throw new PathwayRefusedException("A case can only be deferred to a later meeting.");
            case PanelDecision.EscalateToBoard when reason is null:
                throw new PathwayRefusedException("Enter why the panel escalated the case to the Transitions Board.");
            default:
                break;
        }
        if (reason?.Length > 4000 || notes?.Length > 4000) throw new PathwayRefusedException("The reason and the notes must each be 4,000 characters or fewer.");
        Decision = decision;
        WeeklyCost = decision == PanelDecision.AgreePackage ? weeklyCost : null;
        DecisionReason = reason;
        DeferredToMeetingId = decision == PanelDecision.Defer ? deferTo!.Id : null;
        DecisionNotes = notes;
        DecidedBy = by;
        DecidedAt = at;
    }
}

/// <summary>Someone on a meeting's attendance list: their agency, name and role, and whether they came.</summary>
public sealed class PanelAttendee
{
    public long Id { get; set; }
    public long PanelMeetingId { get; set; }
    public required string CouncilCode { get; set; }
    public PanelAgency Agency { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public Attendance Attendance { get; set; }
}

/// <summary>
/// What a meeting heard when it followed up an open action from an earlier meeting: done, or carried forward with a
/// note (and perhaps a new due date). A carried-forward action stays open and comes up again at the next meeting.
/// </summary>
public sealed class PanelActionFollowUp
{
    public long Id { get; set; }
    public long PanelMeetingId { get; set; }
    public long CaseTaskId { get; set; }
    public required string CouncilCode { get; set; }
    public bool Done { get; set; }
    public string? Note { get; set; }

    /// <summary>The due date the action was given when it was carried forward, if it changed.</summary>
    public DateOnly? NewDueOn { get; set; }

    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
