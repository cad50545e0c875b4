using Waypoint.Core.People;

namespace Waypoint.Core.Rules;

/// <summary>
/// The council's local policy for the statutory clock (domain.md: these are local choices, not law). Bound from
/// configuration section <c>Waypoint:Rules</c> in the web app and from <c>--policy</c> in the CLI.
/// </summary>
public sealed record RulesPolicy
{
    /// <summary>A milestone is "upcoming" until this many days before its due date, then "due".</summary>
    public int DueSoonDays { get; init; } = 90;

    /// <summary>Target age for Care Act s.58 transition assessments (no statutory age; default 17 years 6 months).</summary>
    public int TransitionAssessmentAgeYears { get; init; } = 17;

    public int TransitionAssessmentAgeMonths { get; init; } = 6;

    /// <summary>Grace after the 17th birthday for a continuing healthcare decision in principle.</summary>
    public int ContinuingHealthcareGraceMonths { get; init; } = 3;

    /// <summary>A current package above this annual cost is high-cost: adult services and children's placements.</summary>
    public decimal HighCostPerYear { get; init; } = 50_000m;

    /// <summary>TURNING-18: an 18th birthday within this many months with no adult conclusion.</summary>
    public int TurningEighteenMonths { get; init; } = 6;

    public LeapDayBirthday LeapDayBirthdays { get; init; } = LeapDayBirthday.FirstMarch;

    /// <summary>
    /// The council's own area as postcode areas or districts ("DM", "LE1"): a placement postcode matching none of them
    /// is out of area. Empty means not configured, and OUT-AREA says so rather than guessing.
    /// </summary>
    public IReadOnlyList<string> OwnArea { get; init; } = [];

    /// <summary>
    /// The first day of the autumn term, by year, from the council's term dates. Years not listed use the first
    /// Wednesday in September. It matters for Education Act 1996 s.8 (the end of compulsory school age).
    /// </summary>
    public IReadOnlyDictionary<int, DateOnly> AutumnTermStarts { get; init; } = new Dictionary<int, DateOnly>();

    /// <summary>"Likely to have needs for care and support after 18" until the forecasting model replaces it.</summary>
    public LikelyNeedsRules LikelyNeeds { get; init; } = new();

    /// <summary>The policy as it applies to a council: the demo council's own area is known without configuration.</summary>
    public RulesPolicy ForCouncil(string council) =>
        OwnArea.Count == 0 && council == Ingest.Councils.DemoCouncilCode ? this with { OwnArea = [Ingest.Councils.DemoArea] } : this;

    public DateOnly TransitionAssessmentTarget(DateOnly dateOfBirth) =>
        Age.Turns(dateOfBirth, TransitionAssessmentAgeYears, LeapDayBirthdays).AddMonths(TransitionAssessmentAgeMonths);

    public DateOnly Turns(DateOnly dateOfBirth, int years) => Age.Turns(dateOfBirth, years, LeapDayBirthdays);

    public DateOnly AutumnTermStart(int year)
    {
        if (AutumnTermStarts.TryGetValue(year, out var start)) return start;
        var first = new DateOnly(year, 9, 1);
        return first.AddDays(((int)DayOfWeek.Wednesday - (int)first.DayOfWeek + 7) % 7);
    }
}

/// <summary>
/// The documented, configurable rules for "likely to have needs for care and support after becoming 18" (Care Act
/// 2014 s.58(1)), used by TA-DUE and the tracker until the forecasting issue supplies a fitted model. Any one applies.
/// </summary>
public sealed record LikelyNeedsRules
{
    /// <summary>SEN2 primary needs (rank 1): severe or profound and multiple learning difficulty, physical disability.</summary>
    public IReadOnlyList<string> EhcPrimaryNeeds { get; init; } = ["SLD", "PMLD", "PD"];

    /// <summary>CIN census disability codes: learning, personal care, mobility.</summary>
    public IReadOnlyList<string> CinDisabilities { get; init; } = ["LD", "PC", "MOB"];

    /// <summary>A residential school placement (903 PLACE S1, or an EHC plan with a residential setting).</summary>
    public bool ResidentialSchool { get; init; } = true;

    /// <summary>A transitions case already open (someone has identified the person by hand).</summary>
    public bool OpenTransitionsCase { get; init; } = true;

    /// <summary>
    /// Likely to need adult NHS continuing healthcare (CC-14, CHC-SCREEN, CHC-DECIDE): these SEN2 primary needs or CIN
    /// disability codes (profound and multiple learning difficulty; consciousness), or a CC-14 notification recorded.
    /// </summary>
    public IReadOnlyList<string> ContinuingCarePrimaryNeeds { get; init; } = ["PMLD"];

    public IReadOnlyList<string> ContinuingCareDisabilities { get; init; } = ["CON"];

    /// <summary>The rules in words, as configured, for a page to say what was checked.</summary>
    public string Describe()
    {
        var rules = new List<string>();
        if (EhcPrimaryNeeds.Count > 0) rules.Add("an EHC plan with primary need " + string.Join(", ", EhcPrimaryNeeds));
        if (CinDisabilities.Count > 0) rules.Add("a CIN disability of " + string.Join(", ", CinDisabilities));
        if (ResidentialSchool) rules.Add("a residential school");
        if (OpenTransitionsCase) rules.Add("an open transitions case");
        return rules.Count == 0 ? "no rules are configured" : string.Join("; ", rules);
    }
}
