namespace Waypoint.Forecasting;

/// <summary>
/// One young person of the council's linked history as the models see them: a number, not a name. Core builds these
/// from the database (what was known of them by 16, and what adult social care recorded of them after); the models
/// never see anything else.
/// </summary>
/// <param name="Id">The person's number in this council's database: to join a result back, never shown.</param>
/// <param name="DateOfBirth">For their age at each point, and the financial year they turn 18.</param>
/// <param name="Features">What was known of them by 16, by feature code (<c>LikelihoodFeatures</c>): 1 or 0 for a
/// flag, a number otherwise. A code that is missing is 0.</param>
/// <param name="NeedGroup">Their main need in a few groups (<see cref="NeedGroups"/>), for routes and for the kind of
/// adult care they may need.</param>
/// <param name="KnownToChildrensServices">Known to children's social care, SEND or education before 18; those who
/// are not reach adult social care without passing through the pipeline (Dorset: 6% of referrals).</param>
/// <param name="AdultCare">Their first long-term adult social care, if any (from the CLD).</param>
/// <param name="Routes">Where they were at 16, 18, 21 and 25 (<see cref="RouteAges"/>), for the ages already
/// reached and known.</param>
public sealed record ForecastPerson(
    long Id,
    DateOnly DateOfBirth,
    IReadOnlyDictionary<string, double> Features,
    string NeedGroup,
    bool KnownToChildrensServices,
    AdultCareEntry? AdultCare,
    IReadOnlyDictionary<int, RouteState> Routes)
{
    /// <summary>The ages a roadmap shows.</summary>
    public static readonly IReadOnlyList<int> RouteAges = [16, 18, 21, 25];

    /// <summary>The 18th birthday (a 29 February birthday falls on 1 March in other years, as the rules engine's default).</summary>
    public DateOnly Turns18 => DateOfBirth.Month == 2 && DateOfBirth.Day == 29 && !DateTime.IsLeapYear(DateOfBirth.Year + 18)
        ? new DateOnly(DateOfBirth.Year + 18, 3, 1)
        : DateOfBirth.AddYears(18);

    /// <summary>A feature's value, 0 where it is missing.</summary>
    public double Feature(string code) => Features.TryGetValue(code, out var value) ? value : 0;
}

/// <summary>
/// The start of a young adult's first long-term adult social care: its day, its primary support reason (CLD release 2
/// wording, e.g. "Learning disability support"), its weekly cost when recorded, whether it is residential or nursing
/// care (CLD service type "Long term support: Residential care" or "...: Nursing care") rather than care in the
/// community; and when it ended, if it has.
/// </summary>
public sealed record AdultCareEntry(DateOnly Started, string PrimarySupportReason, decimal? WeeklyCost, DateOnly? Ended, bool Residential = false);

/// <summary>Where a young person was at one age of the roadmap (issue 9, domain.md "Roadmap").</summary>
public enum RouteState
{
    EducationWithEhcPlan,
    SupportedInternshipOrApprenticeship,
    Employment,
    NotInEducationOrWork,
    AdultCommunitySupport,
    SupportedLiving,
    ResidentialOrNursingCare,
    NoOngoingServices,
}

/// <summary>The need groups routes and demand are estimated by.</summary>
public static class NeedGroups
{
    public const string LearningDisability = "Learning disability";
    public const string Autism = "Autism";
    public const string PhysicalOrSensory = "Physical or sensory";
    public const string MentalHealth = "Social, emotional and mental health";
    public const string Other = "Other needs";

    public static readonly IReadOnlyList<string> All = [LearningDisability, Autism, PhysicalOrSensory, MentalHealth, Other];
}
