namespace Waypoint.Core.Pathway;

/// <summary>The stages of the transitions pathway (domain.md "The pathway"). The workflow comes with the pathway issue.</summary>
public enum TransitionsStage
{
    NotIdentified,
    Identified,
    Referred,
    AssessmentInProgress,
    Decided,
    PlanAgreed,
    Signposted,
    Declined,
    HandedOver,
    Closed,
}

public static class TransitionsStages
{
    public static string Label(TransitionsStage stage) => stage switch
    {
        TransitionsStage.NotIdentified => "Not identified",
        TransitionsStage.AssessmentInProgress => "Assessment in progress",
        TransitionsStage.PlanAgreed => "Plan agreed",
        TransitionsStage.HandedOver => "Handed over",
        _ => stage.ToString(),
    };
}

/// <summary>One transitions case per person. A person with no case is at stage "not identified".</summary>
public sealed class TransitionsCase
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public TransitionsStage Stage { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the case reached its current stage (the statutory clock dates refusals from it).</summary>
    public DateTimeOffset StageChangedAt { get; set; }

    /// <summary>The user name of the named worker (NICE NG43), if one is recorded.</summary>
    public string? NamedWorker { get; set; }
}

/// <summary>
/// A practitioner's record that a statutory milestone happened (an assessment, a notification, a personal adviser),
/// or another fact a rule needs (a refused request, a checklist that screened out). Never edited or deleted: a
/// correction is a newer record. The pathway records these as its work is done.
/// </summary>
public sealed class MilestoneEvidence
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>A rule id from the statutory clock (e.g. CL-ASSESS), or CARE-LEAVER for care-leaver facts.</summary>
    public required string RuleId { get; set; }

    /// <summary>"met", or a rule's own outcome (refused, negative, requested, education, home-breakdown).</summary>
    public required string Outcome { get; set; }

    /// <summary>The day it happened, which may be before the day it was recorded.</summary>
    public DateOnly OccurredOn { get; set; }

    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
