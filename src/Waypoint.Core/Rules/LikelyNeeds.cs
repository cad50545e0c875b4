using static Waypoint.Core.People.CodeLabels;

namespace Waypoint.Core.Rules;

/// <summary>
/// "Likely to have needs for care and support after becoming 18" (Care Act 2014 s.58(1)), by the council's
/// configured rules (<see cref="LikelyNeedsRules"/>) until the forecasting issue supplies a fitted model. The answer
/// names the rule that applied, so the screen can say why.
/// </summary>
public static class LikelyNeeds
{
    // 903 PLACE S1: residential school.
    private const string ResidentialSchool = "S1";

    public static string? Reason(PersonFacts person, DateOnly asOf, LikelyNeedsRules rules)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(rules);
        if (person.EhcPrimaryNeed is { } need && rules.EhcPrimaryNeeds.Contains(need) && HasActivePlan(person, asOf))
            return $"EHC plan with primary need {Describe(SenType, need)}";
        if (rules.CinDisabilities.FirstOrDefault(person.Disabilities.Contains) is { } disability)
            return $"CIN census disability {Describe(Disability, disability)}";
        if (rules.ResidentialSchool && person.Episodes.Any(e => e.Placement == ResidentialSchool && e.Start <= asOf && (e.End is null || e.End > asOf)))
            return "placed at a residential school (903 placement S1)";
        if (rules.ResidentialSchool && person.EhcPlans.Any(p => p.Residential && Active(p, asOf)))
            return "EHC plan names a residential setting";
        if (rules.OpenTransitionsCase && person.Case is { Open: true })
            return "a transitions case is open";
        return null;
    }

    public static bool HasActivePlan(PersonFacts person, DateOnly asOf) => person.EhcPlans.Any(p => Active(p, asOf));

    public static bool Active(EhcPlanFact plan, DateOnly asOf) =>
        (plan.Start is null || plan.Start <= asOf) && (plan.Ceased is null || plan.Ceased >= asOf);
}
