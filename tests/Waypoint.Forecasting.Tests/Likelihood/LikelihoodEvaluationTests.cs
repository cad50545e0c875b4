using System.Text.Json;
using CsCheck;
using Waypoint.Forecasting.Likelihood;

namespace Waypoint.Forecasting.Tests.Likelihood;

public class LikelihoodEvaluationTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Gen<ScoredOutcome[]> Scored =
        Gen.Select(Gen.Int[0, 20], Gen.Bool, (score, care) => new ScoredOutcome(score / 20.0, care)).Array[0, 60];

    [Fact]
    public void Auc_AnyScores_ShareOfPairsRankedRightWithTiesAHalf()
    {
        Scored.Sample(scored =>
        {
            var positives = scored.Where(s => s.ReceivedCare).ToArray();
            var negatives = scored.Where(s => !s.ReceivedCare).ToArray();
            var auc = LikelihoodEvaluation.Auc(scored);
            if (positives.Length == 0 || negatives.Length == 0)
            {
                Assert.Null(auc);
                return;
            }
            var pairs = positives.Sum(p => negatives.Sum(n => p.Score > n.Score ? 1.0 : p.Score == n.Score ? 0.5 : 0));
            Assert.Equal(pairs / (positives.Length * negatives.Length), auc!.Value, 12);
        });
    }

    [Fact]
    public void Auc_PerfectRanking_OneAndReversedZero()
    {
        Gen.Double[0, 1].Array[2, 50].Sample(scores =>
        {
            var distinct = scores.Distinct().Order().ToArray();
            if (distinct.Length < 2) return;
            var cut = distinct.Length / 2;
            Assert.Equal(1, LikelihoodEvaluation.Auc([.. distinct.Select((s, i) => new ScoredOutcome(s, i >= cut))]));
            Assert.Equal(0, LikelihoodEvaluation.Auc([.. distinct.Select((s, i) => new ScoredOutcome(s, i < cut))]));
            Assert.Equal(0.5, LikelihoodEvaluation.Auc([.. distinct.Select((s, i) => new ScoredOutcome(0.3, i < cut))]));
        });
    }

    [Fact]
    public void Calibration_AnyScores_TenthsInOrderCoveringEveryone()
    {
        Scored.Sample(scored =>
        {
            var deciles = LikelihoodEvaluation.Calibration(scored);
            Assert.Equal(scored.Length, deciles.Sum(d => d.Count));
            Assert.Equal(Math.Min(10, scored.Length), deciles.Count);
            // Expected in order up to rounding: tenths of equal scores can average a last digit apart (failed once so).
            Assert.True(deciles.Zip(deciles.Skip(1)).All(p => p.First.Decile < p.Second.Decile && p.First.Expected <= p.Second.Expected + 1e-12));
            Assert.All(deciles, d => Assert.InRange(d.Observed, 0, 1));
            Assert.Equal(scored.Count(s => s.ReceivedCare), deciles.Sum(d => d.Observed * d.Count), 9);
        });
    }

    [Fact]
    public void Probability_AnyFittedModelAndPerson_StrictlyBetweenZeroAndOne()
    {
        Gen.Int[0, 1000].Sample(seed =>
        {
            var history = SyntheticHistory.Generate(seed, 300);
            if (!LikelihoodChoice.EnoughHistory(history, new DateOnly(2025, 6, 1))) return;
            var model = LikelihoodModel.Fit(history, new DateOnly(2025, 6, 1));
            foreach (var person in history)
                Assert.InRange(model.Probability(person), double.Epsilon, 1 - 1e-12);
        }, iter: 20);
    }

    [Fact]
    public void Backtest_Json_GivesTheClisNames()
    {
        var result = new LikelihoodBacktestResult(0.8, 0.7, [new CalibrationDecile(1, 0.05, 0.04, 100)], 100, []);
        var json = JsonSerializer.Serialize(result, Web);
        Assert.Contains("\"auc\":0.8", json, StringComparison.Ordinal);
        Assert.Contains("\"calibration\":[{\"decile\":1,\"expected\":0.05,\"observed\":0.04,", json, StringComparison.Ordinal);
    }
}
