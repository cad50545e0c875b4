namespace Waypoint.Forecasting.Likelihood;

/// <summary>A feature the likelihood of needing adult care can rest on: its stable code and what a practitioner reads.</summary>
public sealed record LikelihoodFeature(string Code, string Label);

/// <summary>
/// The catalogue of what was known of a young person by 14-16 that the likelihood of needing adult care may use
/// (issue 9; domain.md "Likelihood, roadmaps and forecasts"). Core fills <see cref="ForecastPerson.Features"/> with these
/// codes, 1 for a flag that applies; the codes are stable strings because fitted models and explanations refer to them.
/// </summary>
public static class LikelihoodFeatures
{
    public const string EhcPlan = "ehc-plan";
    public const string SpecialSchool = "ehc-setting:special-school";
    public const string ResidentialSetting = "ehc-setting:residential";
    public const string LookedAfterEver = "looked-after:ever";
    public const string LookedAfterAt16 = "looked-after:at-16";
    public const string ResidentialSchool = "placement:residential-school";
    public const string ChildrensHome = "placement:childrens-home";
    public const string ContinuingCare = "continuing-care";
    public const string HighCost = "high-cost";
    public const string DisabledChildrenTeam = "disabled-children-team";
    public const string TransitionsCase = "transitions-case";

    // SEN2 hearing, vision and multi-sensory impairment are each too rare to estimate alone: one sensory feature.
    private const string SensoryNeed = "sensory";
    private static readonly string[] SensoryNeeds = ["HI", "VI", "MSI"];

    private static readonly (string Code, string Label)[] EhcNeeds =
    [
        ("SLD", "severe learning difficulty"), ("PMLD", "profound and multiple learning difficulty"),
        ("PD", "physical disability"), ("ASD", "autistic spectrum disorder"), ("MLD", "moderate learning difficulty"),
        ("SLCN", "speech, language and communication needs"), ("SEMH", "social, emotional and mental health"),
        ("SPLD", "specific learning difficulty"), ("DS", "Down syndrome"), ("OTH", "other difficulty or disability"),
        (SensoryNeed, "hearing, vision or multi-sensory impairment"),
    ];

    // CIN census disability codes, worded as CodeLabels.Disability in Core (Forecasting cannot reference Core).
    private static readonly (string Code, string Label)[] CinDisabilities =
    [
        ("LD", "learning"), ("PC", "personal care"), ("MOB", "mobility"), ("AUT", "autism or Asperger syndrome"),
        ("BEH", "behaviour"), ("COMM", "communication"), ("CON", "consciousness"), ("HAND", "hand function"),
        ("INC", "incontinence"), ("HEAR", "hearing"), ("VIS", "vision"),
    ];

    /// <summary>Every feature, in the order an explanation lists ties.</summary>
    public static readonly IReadOnlyList<LikelihoodFeature> All =
    [
        new(EhcPlan, "has an EHC plan"),
        .. EhcNeeds.Select(n => new LikelihoodFeature(
            "ehc-need:" + n.Code,
            $"EHC plan primary need {n.Label}" + (n.Code == SensoryNeed ? " (HI, VI or MSI)" : $" ({n.Code})"))),
        new(SpecialSchool, "EHC plan names a special school"),
        new(ResidentialSetting, "EHC plan names a residential setting"),
        .. CinDisabilities.Select(d => new LikelihoodFeature("cin-disability:" + d.Code, $"CIN census disability {d.Label} ({d.Code})")),
        new(LookedAfterEver, "has been looked after"),
        new(LookedAfterAt16, "looked after at 16"),
        new(ResidentialSchool, "placed at a residential school (903 placement S1)"),
        new(ChildrensHome, "placed in a children's home (903 placement K2)"),
        new(ContinuingCare, "children's continuing care (health)"),
        new(HighCost, "children's placement above the council's high-cost threshold"),
        new(DisabledChildrenTeam, "known to the children with disabilities team"),
        new(TransitionsCase, "a transitions case is open"),
    ];

    private static readonly Dictionary<string, string> Labels = All.ToDictionary(f => f.Code, f => f.Label, StringComparer.Ordinal);

    /// <summary>The feature code for an EHC plan's SEN2 primary need (HI, VI and MSI share the sensory code).</summary>
    public static string EhcNeed(string sen2Code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sen2Code);
        var code = sen2Code.Trim().ToUpperInvariant();
        return "ehc-need:" + (SensoryNeeds.Contains(code) ? SensoryNeed : code);
    }

    /// <summary>The feature code for a CIN census disability code.</summary>
    public static string CinDisability(string cinCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cinCode);
        return "cin-disability:" + cinCode.Trim().ToUpperInvariant();
    }

    /// <summary>What a practitioner reads for a feature code; the code itself when the catalogue does not know it.</summary>
    public static string Label(string code) => Labels.TryGetValue(code, out var label) ? label : code;
}
