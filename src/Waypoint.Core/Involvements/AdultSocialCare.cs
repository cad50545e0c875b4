namespace Waypoint.Core.Involvements;

/// <summary>
/// One adult social care Client Level Data event (request, assessment, service or review).
/// The person fields that repeat on every CLD row are kept once, on the source record.
/// </summary>
public sealed class AdultCareEvent : RecordDetail
{
    public DateOnly? ReportingPeriodStart { get; set; }
    public DateOnly? ReportingPeriodEnd { get; set; }
    public string? ClientType { get; set; }

    /// <summary>Release 2 spelling (release 1 values are mapped on import).</summary>
    public string? PrimarySupportReason { get; set; }

    public string? AccommodationStatus { get; set; }
    public string? EmploymentStatus { get; set; }
    public string? HasUnpaidCarer { get; set; }
    public string? ClientFundingStatus { get; set; }
    public required string EventType { get; set; }
    public string? EventReference { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? EventDescription { get; set; }
    public string? EventOutcome { get; set; }
    public string? RouteOfAccess { get; set; }
    public string? AssessmentType { get; set; }
    public string? EligibleNeedsIdentified { get; set; }
    public string? MethodOfAssessment { get; set; }
    public string? ServiceType { get; set; }
    public string? ServiceComponent { get; set; }
    public string? DeliveryMechanism { get; set; }
    public string? ProviderLocationId { get; set; }
    public string? ReviewReason { get; set; }
    public string? ReviewOutcomesAchieved { get; set; }
    public decimal? UnitCost { get; set; }
    public string? CostFrequency { get; set; }
    public decimal? PlannedUnitsPerWeek { get; set; }

    /// <summary>Unit cost x planned units per week, for weekly unit types (formats.md section 4).</summary>
    public decimal? WeeklyCost { get; set; }
}
