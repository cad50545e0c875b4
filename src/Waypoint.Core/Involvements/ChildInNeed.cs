namespace Waypoint.Core.Involvements;

// CIN census tables. Unknown elements in the file are ignored, so only what Waypoint uses is kept.

/// <summary>A disability code recorded for a child (NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA).</summary>
public sealed class ChildDisability : RecordDetail
{
    public required string Code { get; set; }
}

/// <summary>One CINdetails: a child-in-need referral episode from referral to closure.</summary>
public sealed class CinReferral : RecordDetail
{
    public DateOnly ReferralDate { get; set; }
    public string? ReferralSource { get; set; }
    public string? PrimaryNeedCode { get; set; }
    public DateOnly? ClosureDate { get; set; }
    public string? ReasonForClosure { get; set; }
    public DateOnly? DateOfInitialCpc { get; set; }
    public bool? ReferralNfa { get; set; }
}

/// <summary>A children's social care assessment within a referral, with the factors it identified.</summary>
public sealed class CinAssessment : RecordDetail
{
    public long ReferralId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? InternalReviewDate { get; set; }
    public DateOnly? AuthorisationDate { get; set; }

    /// <summary>Factor codes separated by single spaces, as found (e.g. "5A 7A"); 7A is a young carer concern.</summary>
    public string? Factors { get; set; }
}

/// <summary>A child-in-need plan within a referral.</summary>
public sealed class CinPlan : RecordDetail
{
    public long ReferralId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

/// <summary>A child protection plan within a referral.</summary>
public sealed class ChildProtectionPlan : RecordDetail
{
    public long ReferralId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? InitialCategoryOfAbuse { get; set; }
    public string? LatestCategoryOfAbuse { get; set; }
}
