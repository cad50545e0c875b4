namespace Waypoint.Core.Pathway;

/// <summary>
/// A piece of work someone owes by a date: a panel action, or a task on a young person's case. The work trays list
/// them by owner and due date, and reminders go to the owner. Done tasks are kept, with who did them and when.
/// </summary>
public sealed class CaseTask
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>The case the task is about, if any (a panel action may be about the panel's own business).</summary>
    public long? TransitionsCaseId { get; set; }

    public long? PersonId { get; set; }

    /// <summary>The panel meeting that set the task, for panel actions; they are followed up at the next meeting.</summary>
    public long? PanelMeetingId { get; set; }

    public required string Description { get; set; }

    /// <summary>The user name of the person who owes the work.</summary>
    public required string Owner { get; set; }

    public DateOnly DueOn { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? DoneBy { get; set; }

    /// <summary>What was done, or what the next meeting heard when it followed the action up.</summary>
    public string? DoneNote { get; set; }

    /// <summary>When the owner was last reminded, so a reminder goes once a day at most.</summary>
    public DateTimeOffset? RemindedAt { get; set; }

    public bool IsOverdue(DateOnly today) => DoneOn is null && DueOn < today;
}
