namespace Waypoint.Core.Demo;

/// <summary>
/// One synthetic person's whole story, from birth to the as-of date: who they are, what
/// children's and adults' services recorded about them, and how each source shows their
/// identifying details. Built by <see cref="LifeSimulator"/>, read by the file writers, then dropped.
/// </summary>
internal sealed class PersonLife(int index, Segment segment)
{
    public int Index { get; } = index;
    public Segment Segment { get; } = segment;

    /// <summary>The person's id in truth.csv.</summary>
    public string TrueId => "T" + (Index + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public DateOnly DateOfBirth { get; set; }

    /// <summary>M or F.</summary>
    public char Sex { get; set; }

    /// <summary>903/CIN/SEN2 ethnicity code.</summary>
    public string Ethnicity { get; set; } = "WBRI";

    public string Forename { get; set; } = "";
    public string Surname { get; set; } = "";
    public string Postcode { get; set; } = "";

    public string Upn { get; set; } = "";
    public string? FormerUpn { get; set; }
    public string NhsNumber { get; set; } = "";
    public string Uln { get; set; } = "";

    /// <summary>Set when children's social care knows the person (903 or CIN); also their CLD id.</summary>
    public string? ChildId { get; set; }

    /// <summary>CLD id for adults unknown to children's social care.</summary>
    public string? AdultId { get; set; }

    /// <summary>EHC plan primary need (SENtype), when the person has an EHC history.</summary>
    public string? PrimaryNeed { get; set; }

    public string? SecondaryNeed { get; set; }
    public bool LearningDisability { get; set; }

    /// <summary>CIN disability codes; empty means NONE.</summary>
    public List<string> Disabilities { get; } = [];

    /// <summary>Aged 14-17 with a profile that makes adult care and support likely (the Dorset 143).</summary>
    public bool LikelyToNeedAdultCare { get; set; }

    public List<CareEpisode> Episodes { get; } = [];
    public List<CareReview> Reviews { get; } = [];
    public List<MissingSpell> Missing { get; } = [];
    public CareLeaverContact? CareLeaver { get; set; }

    /// <summary>Unaccompanied asylum-seeking child: the date the status ceases (18th birthday).</summary>
    public DateOnly? UascCeases { get; set; }

    /// <summary>903 MOTHER: "1" or "0" for girls of 12 and over, otherwise blank.</summary>
    public string? Mother { get; set; }

    public DateOnly? MothersChildBirthDate { get; set; }

    public List<CinReferral> Referrals { get; } = [];
    public List<SenRequest> SenRequests { get; } = [];
    public AdultCare? Adult { get; set; }

    /// <summary>The council finance team's cost lines for the person's placements (children's placement costs sheet).</summary>
    public List<PlacementCostRow> PlacementCosts { get; } = [];

    /// <summary>The health team's rows about the person (health involvement sheet).</summary>
    public List<HealthRow> Health { get; } = [];

    public SourceIdentity? Ssda903Identity { get; set; }
    public SourceIdentity? CinIdentity { get; set; }
    public SourceIdentity? Sen2Identity { get; set; }
    public SourceIdentity? CldIdentity { get; set; }

    public bool In903 => Episodes.Count > 0;
    public bool InCin => Referrals.Count > 0;
    public bool InSen2 => SenRequests.Count > 0;
    public bool InCld => Adult is { Events.Count: > 0 };

    /// <summary>The id the person has in CLD: the shared council id when children's social care knew them.</summary>
    public string CldPersonId => ChildId ?? AdultId ?? throw new InvalidOperationException("An adult needs a person id.");

    public int AgeOn(DateOnly date) => DemoDates.Age(DateOfBirth, date);

    public DateOnly Birthday(int years) => DateOfBirth.AddYears(years);
}

/// <summary>How one source shows a person (under realistic noise the sources disagree a little).</summary>
internal sealed record SourceIdentity(
    string? Upn,
    string? UpnUnknown,
    DateOnly DateOfBirth,
    char Sex,
    bool NumericSex,
    string Forename,
    string Surname,
    string Postcode,
    string? NhsNumber);

/// <summary>A 903 episode: the same legal status, placement and carer from Start to End.</summary>
internal sealed class CareEpisode
{
    public DateOnly Start { get; set; }
    public string Rne { get; set; } = "S";
    public string LegalStatus { get; set; } = "C2";
    public string CategoryOfNeed { get; set; } = "N1";
    public string Placement { get; set; } = "U6";
    public string Provider { get; set; } = "PR1";
    public DateOnly? End { get; set; }
    public string? Rec { get; set; }
    public string? ReasonPlaceChange { get; set; }
    public string PlacementPostcode { get; set; } = "";
    public string? Urn { get; set; }
}

internal sealed record CareReview(DateOnly Date, string Code);

internal sealed record MissingSpell(string Kind, DateOnly Start, DateOnly End);

internal sealed record CareLeaverContact(string InTouch, string Activity, string Accommodation);

/// <summary>One CIN referral (a CINdetails element).</summary>
internal sealed class CinReferral
{
    public DateOnly ReferralDate { get; set; }
    public string Source { get; set; } = "1A";
    public string PrimaryNeed { get; set; } = "N1";
    public DateOnly? ClosureDate { get; set; }
    public string? ClosureReason { get; set; }
    public DateOnly? InitialCpc { get; set; }
    public bool NoFurtherAction { get; set; }

    /// <summary>The long referral of a disabled child (the children with disabilities team).</summary>
    public bool DisabledChildrenTeam { get; init; }
    public List<CinAssessment> Assessments { get; } = [];
    public List<(DateOnly Start, DateOnly? End)> Plans { get; } = [];
    public List<ProtectionPlan> ProtectionPlans { get; } = [];
}

internal sealed record CinAssessment(DateOnly Start, DateOnly? InternalReview, DateOnly? Authorised, IReadOnlyList<string> Factors);

internal sealed record ProtectionPlan(DateOnly Start, DateOnly? End, string InitialCategory, string LatestCategory);

/// <summary>One SEN2 Requests element: a request for an EHC needs assessment and what followed.</summary>
internal sealed class SenRequest
{
    public DateOnly Received { get; set; }
    public int Source { get; set; }
    public bool InRelevantYouthAccommodation { get; set; }
    public DateOnly OutcomeDate { get; set; }

    /// <summary>A: assessment agreed; B: assessment refused.</summary>
    public string Outcome { get; set; } = "A";

    public SenAssessment? Assessment { get; set; }
    public ActivePlan? Active { get; set; }
}

/// <summary>Assessment outcome A: a plan is issued (NamedPlan set); B: no plan.</summary>
internal sealed record SenAssessment(string Outcome, DateOnly OutcomeDate, bool Week20, NamedPlan? Plan);

internal sealed record NamedPlan(DateOnly Start, string? Residential, DateOnly? Ceased, int? CeaseReason, IReadOnlyList<SenPlacement> Details);

/// <summary>A named setting: a school URN, a college UKPRN, or an SENSetting code when neither applies.</summary>
internal sealed record SenPlacement(string? Urn, string? Ukprn, string? Setting, int Rank, DateOnly? Entry, DateOnly? Leaving);

internal sealed record ActivePlan(
    string? TransferLa,
    DateOnly? ReviewMeeting,
    string? ReviewOutcome,
    DateOnly? LastReview,
    IReadOnlyList<SenPlacement> Placements,
    IReadOnlyList<string> Needs);

/// <summary>What adult social care knows: the person fields that repeat on each CLD row, and the events.</summary>
internal sealed class AdultCare
{
    public string SupportReason { get; set; } = "Unknown";
    public string Accommodation { get; set; } = "";
    public string Employment { get; set; } = "";
    public string UnpaidCarer { get; set; } = "Unknown";
    public string GpPracticeName { get; set; } = "";
    public string GpPracticeCode { get; set; } = "";
    public string FundingStatus { get; set; } = "";
    public bool Autism { get; set; }
    public bool VisualImpairment { get; set; }
    public bool HearingImpairment { get; set; }

    /// <summary>The start of the first long-term service, even when CLD's five years no longer show it (truth, for tests).</summary>
    public DateOnly? LongTermFrom { get; set; }
    public List<CldEvent> Events { get; } = [];
}

/// <summary>One CLD event row (Request, Assessment, Service or Review); unused fields stay null.</summary>
internal sealed class CldEvent
{
    public required string Type { get; init; }
    public required DateOnly Start { get; init; }
    public DateOnly? End { get; init; }
    public string? Description { get; init; }
    public string? Outcome { get; init; }
    public string? RouteOfAccess { get; init; }
    public string? AssessmentType { get; init; }
    public string? EligibleNeeds { get; init; }
    public string? MethodOfAssessment { get; init; }
    public string? ServiceType { get; init; }
    public string? ServiceComponent { get; init; }
    public string? DeliveryMechanism { get; init; }
    public string? ProviderName { get; init; }
    public string? ProviderId { get; init; }
    public string? ReviewReason { get; init; }
    public string? ReviewOutcomes { get; init; }
    public string? MethodOfReview { get; init; }

    /// <summary>Weekly cost (the unit type is Weekly and one unit is planned a week).</summary>
    public decimal? WeeklyCost { get; init; }
}

internal static class DemoDates
{
    /// <summary>Age in whole years (a birthday counts from its start).</summary>
    public static int Age(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        if (on < dateOfBirth.AddYears(years)) years--;
        return years;
    }

    public static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    public static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
