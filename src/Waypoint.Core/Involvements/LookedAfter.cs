namespace Waypoint.Core.Involvements;

// SSDA903 tables (children looked after return). Codes are stored as given, upper-cased; formats.md lists them.

/// <summary>903 Header MOTHER and MC_DOB: the child is a mother, and her child's date of birth.</summary>
public sealed class ParentInCare : RecordDetail
{
    public string? Mother { get; set; }
    public DateOnly? ChildDateOfBirth { get; set; }
}

/// <summary>903 Episodes: one stretch of care with the same legal status, placement and carer.</summary>
public sealed class CareEpisode : RecordDetail
{
    public DateOnly StartDate { get; set; }
    public string? ReasonForNewEpisode { get; set; }
    public string? LegalStatus { get; set; }
    public string? CategoryOfNeed { get; set; }
    public string? Placement { get; set; }
    public string? PlacementProvider { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? ReasonEpisodeCeased { get; set; }
    public string? ReasonPlaceChange { get; set; }
    public string? HomePostcode { get; set; }
    public string? PlacementPostcode { get; set; }
    public string? Urn { get; set; }
}

/// <summary>903 UASC: unaccompanied asylum-seeking child, and the date that status ceases.</summary>
public sealed class UnaccompaniedAsylumSeeker : RecordDetail
{
    public DateOnly? DateStatusCeases { get; set; }
}

/// <summary>903 OC2: health and offending outcomes of children looked after for a year.</summary>
public sealed class HealthOutcome : RecordDetail
{
    public string? SdqScore { get; set; }
    public string? SdqReason { get; set; }
    public string? Convicted { get; set; }
    public string? HealthCheck { get; set; }
    public string? Immunisations { get; set; }
    public string? TeethCheck { get; set; }
    public string? HealthAssessment { get; set; }
    public string? SubstanceMisuse { get; set; }
    public string? InterventionReceived { get; set; }
    public string? InterventionOffered { get; set; }
}

/// <summary>903 OC3: care leaver contact around the 17th to 21st birthdays (in touch, activity, accommodation).</summary>
public sealed class CareLeaverContact : RecordDetail
{
    public string? InTouch { get; set; }
    public string? Activity { get; set; }
    public string? Accommodation { get; set; }
}

/// <summary>903 AD1: the decision that the child should be placed for adoption.</summary>
public sealed class AdoptionDecision : RecordDetail
{
    public DateOnly? DateDecided { get; set; }
    public DateOnly? DateMatched { get; set; }
    public string? FosterCare { get; set; }
    public string? NumberOfAdopters { get; set; }
    public string? SexOfAdopters { get; set; }
    public string? LegalStatusOfAdopters { get; set; }
}

/// <summary>903 PlacedAdoption: placed for adoption, and when and why that ended.</summary>
public sealed class AdoptionPlacement : RecordDetail
{
    public DateOnly? DatePlaced { get; set; }
    public DateOnly? DatePlacedCeased { get; set; }
    public string? ReasonPlacedCeased { get; set; }
}

/// <summary>903 PrevPerm: a previous permanence order. DATE_PERM may be partial (zz/zz/yyyy), so it is kept as text.</summary>
public sealed class PreviousPermanence : RecordDetail
{
    public string? PreviousPermanenceCode { get; set; }
    public string? CouncilOfOrder { get; set; }
    public string? DateOfOrder { get; set; }
}

/// <summary>903 Missing: a period missing (M) or away without authorisation (A).</summary>
public sealed class MissingEpisode : RecordDetail
{
    public string? Kind { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

/// <summary>903 Reviews: a looked-after review and the child's participation code.</summary>
public sealed class CareReview : RecordDetail
{
    public DateOnly ReviewDate { get; set; }
    public string? ParticipationCode { get; set; }
}

/// <summary>903 SWEpisodes: the child's social worker over a period.</summary>
public sealed class SocialWorkerEpisode : RecordDetail
{
    public string? SocialWorkerId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? ReasonForChange { get; set; }
}

/// <summary>903 DoLo: a deprivation of liberty order.</summary>
public sealed class DeprivationOfLiberty : RecordDetail
{
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}
