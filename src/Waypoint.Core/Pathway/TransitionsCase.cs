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
}
