namespace Waypoint.Core.Involvements;

/// <summary>
/// One row of a council's children's placement costs spreadsheet (formats.md section 5): what a placement costs a
/// week while it lasts. The statutory clock counts current ones towards HIGH-COST.
/// </summary>
public sealed class ChildPlacementCost : RecordDetail
{
    public DateOnly StartDate { get; set; }

    /// <summary>The last day the cost applies (blank while the placement goes on).</summary>
    public DateOnly? EndDate { get; set; }

    public decimal WeeklyCost { get; set; }

    /// <summary>One of <see cref="FundingStreams"/>, or the sheet's own value where the mapping has no code for it.</summary>
    public string? FundingStream { get; set; }

    public string? PlacementType { get; set; }
    public string? Provider { get; set; }
}

/// <summary>
/// One row of a council's health involvement spreadsheet: a service a young person is known to (adult NHS continuing
/// healthcare, CAMHS, the learning disability register), with the continuing healthcare checklist and decision where
/// the row has them. CHC-SCREEN and CHC-DECIDE read them.
/// </summary>
public sealed class HealthInvolvement : RecordDetail
{
    /// <summary>One of <see cref="HealthServices"/>, or the sheet's own value where the mapping has no code for it.</summary>
    public required string Service { get; set; }

    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    /// <summary>The date of the NHS continuing healthcare checklist (the screening for a full assessment).</summary>
    public DateOnly? ChecklistDate { get; set; }

    /// <summary><see cref="ChecklistOutcomes.Positive"/> (a full assessment follows) or <see cref="ChecklistOutcomes.Negative"/>.</summary>
    public string? ChecklistOutcome { get; set; }

    /// <summary>The date of the continuing healthcare decision (in principle, before 18).</summary>
    public DateOnly? DecisionDate { get; set; }

    /// <summary><see cref="CareDecisions.Eligible"/> or <see cref="CareDecisions.NotEligible"/>.</summary>
    public string? Decision { get; set; }

    public string? Outcome { get; set; }
}

/// <summary>Who pays for a child's placement. Councils name these in many ways; a mapping turns theirs into these.</summary>
public static class FundingStreams
{
    public const string SocialCare = "social care";
    public const string Education = "education";
    public const string Health = "health";
    public const string Joint = "joint";

    public static readonly IReadOnlyList<string> All = [SocialCare, Education, Health, Joint];
}

/// <summary>The health services a council's health involvement sheet records.</summary>
public static class HealthServices
{
    /// <summary>Adult NHS continuing healthcare (National Framework for NHS Continuing Healthcare).</summary>
    public const string ContinuingHealthcare = "CHC";

    /// <summary>Children and young people's mental health services.</summary>
    public const string Camhs = "CAMHS";

    /// <summary>A GP practice's learning disability register (annual health checks from 14).</summary>
    public const string LearningDisabilityRegister = "LDR";

    public static readonly IReadOnlyList<string> All = [ContinuingHealthcare, Camhs, LearningDisabilityRegister];

    public static string Label(string service) => service switch
    {
        ContinuingHealthcare => "NHS continuing healthcare",
        Camhs => "CAMHS",
        LearningDisabilityRegister => "learning disability register",
        _ => service,
    };
}

public static class ChecklistOutcomes
{
    public const string Positive = "positive";

    /// <summary>Screened out: no full assessment. The same word the pathway records for CHC-SCREEN.</summary>
    public const string Negative = "negative";

    public static readonly IReadOnlyList<string> All = [Positive, Negative];
}

public static class CareDecisions
{
    public const string Eligible = "eligible";
    public const string NotEligible = "not eligible";

    public static readonly IReadOnlyList<string> All = [Eligible, NotEligible];
}
