using Waypoint.Forecasting.Likelihood;
using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Forecasting.Tests.Likelihood;

public class RuleBasedScoreTests
{
    private static ForecastPerson With(params string[] codes) =>
        new(1, new DateOnly(2008, 9, 1), codes.ToDictionary(c => c, _ => 1.0), NeedGroups.Other, true, null, new Dictionary<int, RouteState>());

    [Fact]
    public void Probability_NoRuleMet_OneInTwenty()
    {
        Assert.Equal(0.05, RuleBasedScore.Default.Probability(With(F.EhcNeed("ASD"), F.LookedAfterEver)), 12);
        Assert.Empty(RuleBasedScore.Default.Explain(With()).Contributions);
    }

    [Fact]
    public void Probability_OneRuleMet_EvenOdds_AsTheRulesEnginesLikely()
    {
        Assert.Equal(0.5, RuleBasedScore.Default.Probability(With(F.EhcNeed("SLD"))), 12);
        Assert.Equal(0.5, RuleBasedScore.Default.Probability(With(F.CinDisability("MOB"))), 12);
        Assert.Equal(0.5, RuleBasedScore.Default.Probability(With(F.ResidentialSetting)), 12);
        Assert.Equal(0.5, RuleBasedScore.Default.Probability(With(F.TransitionsCase)), 12);
    }

    [Fact]
    public void Points_SeveralCodesOfOneRule_OnePoint()
    {
        var person = With(F.CinDisability("LD"), F.CinDisability("PC"), F.ResidentialSchool, F.ResidentialSetting);
        Assert.Equal(2, RuleBasedScore.Default.Points(person));
        Assert.Equal(0.95, RuleBasedScore.Default.Probability(person), 12);
    }

    [Fact]
    public void Explain_RulesMet_ReasonsInWordsAddingUpToTheLogOdds()
    {
        var explanation = RuleBasedScore.Default.Explain(With(F.EhcNeed("PMLD"), F.ResidentialSchool));
        Assert.Equal(["EHC plan primary need profound and multiple learning difficulty (PMLD)", "placed at a residential school (903 placement S1)"],
            explanation.Contributions.Select(c => c.Label));
        Assert.Equal(Math.Log(explanation.Probability / (1 - explanation.Probability)), explanation.LogOdds, 10);
        Assert.Equal("rule-based until there is enough history", explanation.Method);
    }

    [Fact]
    public void Probability_CouncilsOwnRules_FollowsThem()
    {
        var rules = new RuleBasedScore(["ASD", "vi"], [], residentialSchool: false, openTransitionsCase: false);
        Assert.Equal(0.5, rules.Probability(With(F.EhcNeed("ASD"))), 12);
        Assert.Equal(0.5, rules.Probability(With(F.EhcNeed("HI"))), 12);
        Assert.Equal(0.05, rules.Probability(With(F.EhcNeed("SLD"), F.ResidentialSchool, F.TransitionsCase)), 12);
    }
}
