using CsCheck;
using Waypoint.Forecasting.Likelihood;
using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Forecasting.Tests.Likelihood;

public class LikelihoodModelTests(ITestOutputHelper output)
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    // 20,000 young people: the rarest effect (PMLD, about 170 people) still has a standard error near 0.3.
    private static readonly Lazy<List<ForecastPerson>> History = new(() => SyntheticHistory.Generate(seed: 1, count: 20_000));
    private static readonly Lazy<LikelihoodModel> Fitted = new(() => LikelihoodModel.Fit(History.Value, AsOf));

    [Fact]
    public void Fit_SyntheticHistory_RecoversEachKnownEffect()
    {
        var model = Fitted.Value;
        output.WriteLine($"intercept: known {SyntheticHistory.Intercept}, fitted {model.Intercept:F3} (se {model.InterceptStandardError:F3})");
        foreach (var (code, known) in SyntheticHistory.Effects)
            output.WriteLine($"{code}: known {known}, fitted {model.Coefficients[code]:F3} (se {model.StandardErrors[code]:F3})");

        // Within 3.5 standard errors: by chance alone one of these 17 misses by more in fewer than 1 seed in 100 (and the
        // seed is fixed); the standard error itself must be under 0.4 for the check to mean something at this size, so
        // an effect fitted wrong by half (SLD at 1.5, say) fails.
        Assert.InRange(model.Intercept, SyntheticHistory.Intercept - (3.5 * model.InterceptStandardError), SyntheticHistory.Intercept + (3.5 * model.InterceptStandardError));
        Assert.True(model.InterceptStandardError < 0.1);
        foreach (var (code, known) in SyntheticHistory.Effects)
        {
            var se = model.StandardErrors[code];
            Assert.True(se < 0.4, $"{code}: standard error {se} too wide for the check to mean anything");
            Assert.True(Math.Abs(model.Coefficients[code] - known) < 3.5 * se, $"{code}: fitted {model.Coefficients[code]}, known {known}, se {se}");
        }
        Assert.Equal(History.Value.Count(p => p.KnownToChildrensServices), model.FittedOn);
        Assert.Equal("fitted on " + model.FittedOn.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " young people who turned 18 from 2010 to 2019", model.Method);
    }

    [Fact]
    public void Probability_HeldOutPeople_CalibratedByDecile()
    {
        var heldOut = SyntheticHistory.Generate(seed: 2, count: 20_000).Where(p => p.KnownToChildrensServices).ToList();
        var scored = heldOut.Select(p => new ScoredOutcome(Fitted.Value.Probability(p), LikelihoodOutcome.ReceivedCare(p))).ToList();
        var calibration = LikelihoodEvaluation.Calibration(scored);
        Assert.Equal(10, calibration.Count);
        foreach (var decile in calibration)
        {
            output.WriteLine($"decile {decile.Decile}: expected {decile.Expected:F3}, observed {decile.Observed:F3} of {decile.Count}");
            // About 1,940 people a decile: the binomial standard error of the observed share is at most 0.012, so 0.04
            // allows for it and the fitting error, while a model off by a quarter in the top deciles would fail.
            Assert.InRange(decile.Observed - decile.Expected, -0.04, 0.04);
        }
    }

    [Fact]
    public void Auc_HeldOutPeople_FittedModelBeatsRuleBasedScore()
    {
        var heldOut = SyntheticHistory.Generate(seed: 3, count: 20_000).Where(p => p.KnownToChildrensServices).ToList();
        var model = LikelihoodEvaluation.Auc([.. heldOut.Select(p => new ScoredOutcome(Fitted.Value.Probability(p), LikelihoodOutcome.ReceivedCare(p)))]);
        var rules = LikelihoodEvaluation.Auc([.. heldOut.Select(p => new ScoredOutcome(RuleBasedScore.Default.Probability(p), LikelihoodOutcome.ReceivedCare(p)))]);
        output.WriteLine($"AUC fitted {model:F3}, rule-based {rules:F3}");
        Assert.True(model > rules + 0.02, $"fitted {model}, rule-based {rules}");
    }

    [Fact]
    public void Explain_AnyPerson_ContributionsAndBaselineAddUpToTheLogOdds()
    {
        var model = Fitted.Value;
        var codes = F.All.Select(f => f.Code).ToArray();
        Gen.Select(Gen.Bool.Array[codes.Length], Gen.Date).Sample((flags, born) =>
        {
            var features = codes.Where((_, i) => flags[i]).ToDictionary(c => c, _ => 1.0);
            var person = new ForecastPerson(1, DateOnly.FromDateTime(born), features, NeedGroups.Other, true, null, new Dictionary<int, RouteState>());
            var explanation = model.Explain(person);
            Assert.Equal(model.LogOdds(person), explanation.LogOdds, 10);
            Assert.Equal(model.Intercept, explanation.Baseline);
            Assert.Equal(model.Probability(person), explanation.Probability);
            Assert.InRange(explanation.Probability, double.Epsilon, 1 - 1e-12);
            Assert.Equal(explanation.Contributions.OrderByDescending(c => Math.Abs(c.Contribution)).Select(c => c.Code), explanation.Contributions.Select(c => c.Code));
            Assert.All(explanation.Contributions, c =>
            {
                Assert.Equal(F.Label(c.Code), c.Label);
                Assert.Equal(c.Contribution < 0 ? ContributionDirection.Lowers : ContributionDirection.Raises, c.Direction);
                Assert.Equal(model.Coefficients[c.Code], c.Contribution);
            });
        });
    }

    [Fact]
    public void Explain_PersonWithSld_NamesItAsRaisingTheLikelihood()
    {
        var person = new ForecastPerson(1, new DateOnly(2009, 5, 1), new Dictionary<string, double> { [F.EhcNeed("SLD")] = 1, [F.EhcPlan] = 1 },
            NeedGroups.LearningDisability, true, null, new Dictionary<int, RouteState>());
        var first = Fitted.Value.Explain(person).Contributions[0];
        Assert.Equal("ehc-need:SLD", first.Code);
        Assert.Equal("EHC plan primary need severe learning difficulty (SLD)", first.Label);
        Assert.Equal(ContributionDirection.Raises, first.Direction);
    }

    [Fact]
    public void Fit_SameHistoryInAnotherOrder_SameModel()
    {
        var shuffled = History.Value.ToArray();
        new Random(7).Shuffle(shuffled);
        var again = LikelihoodModel.Fit(shuffled, AsOf);
        Assert.Equal(Fitted.Value.Intercept, again.Intercept);
        Assert.Equal(Fitted.Value.Coefficients, again.Coefficients);
    }

    [Fact]
    public void Fit_FeatureEveryoneWithItReceivedCare_FiniteEffect()
    {
        var random = new Random(11);
        var history = Enumerable.Range(0, 400).Select(i =>
        {
            var separating = i % 10 == 0;
            var receives = separating || random.NextDouble() < 0.2;
            var features = new Dictionary<string, double> { ["separating"] = separating ? 1 : 0, ["everyone"] = 1, ["no one"] = 0 };
            return SyntheticHistory.Person(i, new DateOnly(2000, 1, 1).AddDays(i), features, known: true, receives, random);
        }).ToList();

        var model = LikelihoodModel.Fit(history, AsOf);

        Assert.True(double.IsFinite(model.Coefficients["separating"]));
        Assert.InRange(model.Coefficients["separating"], 1.5, 15);
        // No variance: nothing to learn, so not a feature of the model (and not a crash).
        Assert.Equal(["separating"], model.Coefficients.Keys);
    }

    [Fact]
    public void Fit_OneOutcomeOnly_Refuses()
    {
        var random = new Random(5);
        var history = Enumerable.Range(0, 50).Select(i => SyntheticHistory.Person(i, new DateOnly(2000, 1, 1), new Dictionary<string, double>(), true, true, random)).ToList();
        Assert.Throws<InvalidOperationException>(() => LikelihoodModel.Fit(history, AsOf));
    }

    [Fact]
    public void Fit_OutcomeNotYetKnown_LeftOut()
    {
        // Turned 18 on 1 March 2025: their year is not over on 1 June 2025, so they cannot be fitted on.
        var history = SyntheticHistory.Generate(seed: 4, count: 1_000);
        var notYet = new ForecastPerson(-1, new DateOnly(2007, 3, 1), new Dictionary<string, double>(), NeedGroups.Other, true, null, new Dictionary<int, RouteState>());
        var model = LikelihoodModel.Fit([.. history, notYet], AsOf);
        Assert.Equal(history.Count(p => p.KnownToChildrensServices), model.FittedOn);
    }
}
