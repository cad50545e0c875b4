namespace Waypoint.Forecasting.Likelihood;

/// <summary>
/// The documented starting score used until the council has enough history to fit a model (<see cref="LikelihoodChoice"/>).
/// It mirrors the rules engine's "likely to have needs for care and support after becoming 18" (Core's
/// <c>LikelyNeedsRules</c>, Care Act 2014 s.58(1)): an EHC plan primary need of SLD, PMLD or PD; a CIN disability of LD,
/// PC or MOB; a residential school or residential setting; an open transitions case. Each rule met is a point. The
/// score is a starting ranking, not a fitted probability: with no point it is 1 in 20, one point is even odds (so a score
/// of at least 0.5 is exactly the rules engine's "likely"), and each further point multiplies the odds by 19 again.
/// </summary>
public sealed class RuleBasedScore : ILikelihoodScore
{
    public const string MethodText = "rule-based until there is enough history";

    /// <summary>log(1/19): 1 in 20 for someone no rule applies to.</summary>
    public static readonly double Baseline = Math.Log(1.0 / 19);

    /// <summary>log(19): one point lifts 1 in 20 to even odds.</summary>
    public static readonly double PointWeight = Math.Log(19);

    private readonly string[] ehcPrimaryNeeds;
    private readonly string[] cinDisabilities;
    private readonly bool residentialSchool;
    private readonly bool openTransitionsCase;

    /// <param name="ehcPrimaryNeeds">SEN2 primary need codes, as <c>LikelyNeedsRules.EhcPrimaryNeeds</c>.</param>
    /// <param name="cinDisabilities">CIN census disability codes, as <c>LikelyNeedsRules.CinDisabilities</c>.</param>
    /// <param name="residentialSchool">Whether a residential school (903 S1) or an EHC plan's residential setting counts.</param>
    /// <param name="openTransitionsCase">Whether an open transitions case counts.</param>
    public RuleBasedScore(IEnumerable<string> ehcPrimaryNeeds, IEnumerable<string> cinDisabilities, bool residentialSchool, bool openTransitionsCase)
    {
        ArgumentNullException.ThrowIfNull(ehcPrimaryNeeds);
        ArgumentNullException.ThrowIfNull(cinDisabilities);
        this.ehcPrimaryNeeds = [.. ehcPrimaryNeeds.Select(LikelihoodFeatures.EhcNeed).Distinct(StringComparer.Ordinal)];
        this.cinDisabilities = [.. cinDisabilities.Select(LikelihoodFeatures.CinDisability).Distinct(StringComparer.Ordinal)];
        this.residentialSchool = residentialSchool;
        this.openTransitionsCase = openTransitionsCase;
    }

    /// <summary>The rules engine's defaults.</summary>
    public static RuleBasedScore Default { get; } = new(["SLD", "PMLD", "PD"], ["LD", "PC", "MOB"], residentialSchool: true, openTransitionsCase: true);

    public string Method => MethodText;

    /// <summary>The rules met, one contribution of <see cref="PointWeight"/> each, naming the feature that met it.</summary>
    public IReadOnlyList<FeatureContribution> RulesMet(ForecastPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        List<FeatureContribution> met = [];
        Add(ehcPrimaryNeeds);
        Add(cinDisabilities);
        if (residentialSchool) Add([LikelihoodFeatures.ResidentialSchool, LikelihoodFeatures.ResidentialSetting]);
        if (openTransitionsCase) Add([LikelihoodFeatures.TransitionsCase]);
        return met;

        // One point per rule however many of its codes apply, as the rules engine asks only whether any applies.
        void Add(string[] codes)
        {
            if (codes.FirstOrDefault(c => person.Feature(c) != 0) is { } code)
                met.Add(new FeatureContribution(code, LikelihoodFeatures.Label(code), person.Feature(code), PointWeight));
        }
    }

    public int Points(ForecastPerson person) => RulesMet(person).Count;

    public double Probability(ForecastPerson person) => Logistic.Probability(Baseline + (Points(person) * PointWeight));

    public LikelihoodExplanation Explain(ForecastPerson person)
    {
        var met = RulesMet(person);
        return new LikelihoodExplanation(Logistic.Probability(Baseline + (met.Count * PointWeight)), Baseline, met, Method);
    }
}
