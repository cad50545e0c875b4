namespace Waypoint.Core.Involvements;

// SEN2 tables: requests for an EHC needs assessment, assessments, EHC plans, placements and needs.

/// <summary>A request for an education, health and care needs assessment.</summary>
public sealed class EhcRequest : RecordDetail
{
    public DateOnly? ReceivedDate { get; set; }
    public string? RequestSource { get; set; }
    public string? Rya { get; set; }
    public DateOnly? OutcomeDate { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>An EHC needs assessment following a request.</summary>
public sealed class EhcAssessment : RecordDetail
{
    public long RequestId { get; set; }
    public string? Outcome { get; set; }
    public DateOnly? OutcomeDate { get; set; }
    public string? Week20 { get; set; }
}

/// <summary>An EHC plan (SEN2 NamedPlan): from its start to its cease date, kept to age 25 at most.</summary>
public sealed class EhcPlan : RecordDetail
{
    public long RequestId { get; set; }
    public long? AssessmentId { get; set; }
    public DateOnly? StartDate { get; set; }
    public string? PlanResidence { get; set; }
    public DateOnly? CeaseDate { get; set; }

    /// <summary>1 max age, 2 needs met, 3 higher education, 4 paid employment, 5 another LA, 6 no longer engaging, 7 left England, 8 deceased, 9 other.</summary>
    public string? CeaseReason { get; set; }
}

/// <summary>SEN2 ActivePlans: the plan as it stands at the census, with its last review.</summary>
public sealed class EhcActivePlan : RecordDetail
{
    public long RequestId { get; set; }
    public string? TransferLa { get; set; }
    public DateOnly? ReviewMeeting { get; set; }
    public string? ReviewOutcome { get; set; }
    public DateOnly? LastReview { get; set; }
}

/// <summary>A named or current education placement (PlanDetail or PlacementDetail).</summary>
public sealed class EhcPlacement : RecordDetail
{
    public long RequestId { get; set; }

    /// <summary>"named" for a NamedPlan PlanDetail, "active" for an ActivePlans PlacementDetail.</summary>
    public required string Kind { get; set; }

    public string? Urn { get; set; }
    public string? Ukprn { get; set; }
    public string? SenSetting { get; set; }
    public string? PlacementRank { get; set; }
    public DateOnly? EntryDate { get; set; }
    public DateOnly? LeavingDate { get; set; }
}

/// <summary>A special educational need on an active plan; rank 1 is the primary need.</summary>
public sealed class EhcNeed : RecordDetail
{
    public long RequestId { get; set; }
    public required string SenType { get; set; }
    public int? Rank { get; set; }
}
