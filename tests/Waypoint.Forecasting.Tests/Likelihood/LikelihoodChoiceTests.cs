using Waypoint.Forecasting.Likelihood;
using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Forecasting.Tests.Likelihood;

public class LikelihoodChoiceTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    /// <summary><paramref name="received"/> of <paramref name="count"/> received care, all turning 18 in 2015-2016.</summary>
    private static List<ForecastPerson> History(int count, int received)
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, count).Select(i => SyntheticHistory.Person(
            i, new DateOnly(1997, 1, 1).AddDays(i * 3 % 700), new Dictionary<string, double> { [F.EhcNeed("SLD")] = i % 3 == 0 ? 1 : 0 },
            known: true, i < received, random))];
    }

    [Fact]
    public void Choose_EnoughHistory_FittedModelSayingWhatItRestsOn()
    {
        var choice = LikelihoodChoice.Choose(History(200, 20), AsOf);
        var model = Assert.IsType<LikelihoodModel>(choice);
        Assert.Equal("fitted on 200 young people who turned 18 from 2015 to 2016", model.Method);
    }

    [Theory]
    [InlineData(199, 100)]
    [InlineData(200, 19)]
    [InlineData(200, 181)]
    [InlineData(1000, 0)]
    [InlineData(1000, 1000)]
    [InlineData(0, 0)]
    public void Choose_TooLittleHistoryOrOneOutcome_RuleBased(int count, int received)
    {
        var choice = LikelihoodChoice.Choose(History(count, received), AsOf);
        Assert.Same(RuleBasedScore.Default, choice);
        Assert.Equal("rule-based until there is enough history", choice.Method);
    }

    [Fact]
    public void EnoughHistory_OutcomesNotYetKnown_DoNotCount()
    {
        // The same 200 people, asked about before the last of them has had the year after 18.
        Assert.True(LikelihoodChoice.EnoughHistory(History(200, 20), AsOf));
        Assert.False(LikelihoodChoice.EnoughHistory(History(200, 20), new DateOnly(2017, 6, 1)));
    }

    [Fact]
    public void Choose_CouncilsOwnRules_UsedWhileHistoryIsShort()
    {
        var rules = new RuleBasedScore(["ASD"], [], false, false);
        Assert.Same(rules, LikelihoodChoice.Choose(History(10, 5), AsOf, rules));
    }
}
