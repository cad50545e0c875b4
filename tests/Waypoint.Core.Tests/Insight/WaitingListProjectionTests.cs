using CsCheck;
using Waypoint.Core.Insight;

namespace Waypoint.Core.Tests.Insight;

/// <summary>The projected time to clear the waiting list, a queue model fed the Dorset figures and hand-worked cases.</summary>
public class WaitingListProjectionTests
{
    [Fact]
    public void Dorset_93Waiting_6To8FinishedAMonth_NoReferrals_ClearsInAbout13Months()
    {
        // domain.md: 93 waiting, 6-8 finished a month, no new referrals: "about 13 months". 93 / 7 = 13.3, and it takes
        // 12 months of 8 (96) at best and 16 of 6 (96) at worst, so every future clears in 12 to 16 months.
        var result = WaitingListProjection.Project(93, MonthlyRate.None, MonthlyRate.Between(6, 8));

        Assert.True(result.Clears);
        Assert.InRange(result.MedianMonths!.Value, 12, 15);
        Assert.InRange(13, result.LowMonths!.Value, result.HighMonths!.Value);
        Assert.InRange(result.LowMonths.Value, 12, 16);
        Assert.InRange(result.HighMonths.Value, 12, 16);
        Assert.Equal(1.0, result.ChanceClearedWithinHorizon);
        Assert.StartsWith($"About {result.MedianMonths} months to clear (80% interval: {result.LowMonths} to {result.HighMonths} months)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Dorset_RateFromHistory_PoissonWithMean7_ClearsInAbout13MonthsWithAWiderInterval()
    {
        var finished = MonthlyRate.FromHistory([6, 8, 7, 6, 8, 7]);
        Assert.Equal(7.0, finished.Mean);

        var result = WaitingListProjection.Project(93, MonthlyRate.None, finished);

        Assert.InRange(result.MedianMonths!.Value, 12, 15);
        Assert.InRange(13, result.LowMonths!.Value, result.HighMonths!.Value);
        // A Poisson month varies more than one of 6 to 8 (variance 7 against 2/3), so the interval is wider.
        var uniform = WaitingListProjection.Project(93, MonthlyRate.None, MonthlyRate.Between(6, 8));
        Assert.True(result.HighMonths - result.LowMonths > uniform.HighMonths - uniform.LowMonths);
    }

    [Fact]
    public void ReferralsAsFastAsAssessmentsFinished_DoesNotClear()
    {
        // Dorset's 14-17 referrals a month against 6-8 finished: the list grows.
        var growing = WaitingListProjection.Project(93, MonthlyRate.Between(14, 17), MonthlyRate.Between(6, 8));
        Assert.False(growing.Clears);
        Assert.Equal(0, growing.ChanceClearedWithinHorizon);
        Assert.Null(growing.LowMonths);

        // Arrivals equal to completions on average: a random walk with no drift, which rarely falls 93 in 60 months.
        var level = WaitingListProjection.Project(93, MonthlyRate.Averaging(7), MonthlyRate.Averaging(7));
        Assert.False(level.Clears);
        Assert.Null(level.MedianMonths);
        Assert.True(level.ChanceClearedWithinHorizon < 0.1, $"chance {level.ChanceClearedWithinHorizon}");
        Assert.StartsWith("Does not clear", level.Summary, StringComparison.Ordinal);
        Assert.EndsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Chance of clearing within 60 months: {level.ChanceClearedWithinHorizon * 100:0.#}%."), level.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Does not clear", growing.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewFinishedToClearWithinTheHorizon_SaysSoWithoutBlamingReferrals()
    {
        // 93 waiting, 1 a month and nobody arriving: 93 months, past a 60-month horizon in every projection.
        var slow = WaitingListProjection.Project(93, MonthlyRate.None, MonthlyRate.Between(1, 1));
        Assert.False(slow.Clears);
        Assert.Equal("Not cleared within 60 months in most projections. Chance of clearing within 60 months: 0%.", slow.Summary);
    }

    [Fact]
    public void FewerReferralsThanAssessmentsFinished_ClearsLaterThanWithNone()
    {
        // 93 waiting, 7 finished and 3 arriving each month: 4 a month net, so exactly 24 months (23 x 4 = 92 < 93 <= 96).
        var steady = WaitingListProjection.Project(93, MonthlyRate.Between(3, 3), MonthlyRate.Between(7, 7));
        Assert.Equal(24, steady.MedianMonths);
        Assert.Equal(24, steady.LowMonths);
        Assert.Equal(24, steady.HighMonths);
    }

    [Fact]
    public void LongerThanTheHorizonForSomeFutures_ShowsMoreThanTheHorizon()
    {
        // 93 waiting, about 2 finished a month: 47 months on average, give or take 5 (the sum of 50 months is 100 give
        // or take 10, so about 3 futures in 4 have cleared by 50). With a 50-month horizon the median is inside it and
        // the top of the interval past it.
        var result = WaitingListProjection.Project(93, MonthlyRate.None, MonthlyRate.Averaging(2), horizonMonths: 50);
        Assert.True(result.Clears);
        Assert.InRange(result.MedianMonths!.Value, 42, 50);
        Assert.Null(result.HighMonths);
        Assert.InRange(result.ChanceClearedWithinHorizon, 0.5, 0.9);
        Assert.Contains("to more than 50 months", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NobodyWaiting_IsZeroMonths()
    {
        var result = WaitingListProjection.Project(0, MonthlyRate.Between(14, 17), MonthlyRate.Between(6, 8));
        Assert.Equal(0, result.MedianMonths);
        Assert.Equal(0, result.LowMonths);
        Assert.Equal(0, result.HighMonths);
        Assert.Equal("Nobody is waiting.", result.Summary);
    }

    [Fact]
    public void NoAssessmentsFinished_NeverClears()
    {
        foreach (var none in new[] { MonthlyRate.None, MonthlyRate.Averaging(0), MonthlyRate.FromHistory([0, 0, 0]) })
        {
            var result = WaitingListProjection.Project(5, MonthlyRate.None, none);
            Assert.False(result.Clears);
            Assert.Equal(0, result.ChanceClearedWithinHorizon);
            Assert.Equal("No assessments are finished, so the list never clears.", result.Summary);
        }
    }

    [Fact]
    public void SameSeed_SameAnswer_AnotherSeed_CanDiffer()
    {
        TimeToClear Run(int seed) => WaitingListProjection.Project(93, MonthlyRate.Averaging(2), MonthlyRate.Averaging(7), runs: 2_000, seed: seed);
        Assert.Equal(Run(1), Run(1));
        Assert.Equal(Run(WaitingListProjection.DefaultSeed), WaitingListProjection.Project(93, MonthlyRate.Averaging(2), MonthlyRate.Averaging(7), runs: 2_000));
        // The chance is a share of 2,000 runs; two seeds agreeing on all of it to the run would be a broken generator.
        // 2 a month net: about 46 months, so within 40 is a middling chance that each seed estimates a little differently.
        var chances = Enumerable.Range(1, 5).Select(s => WaitingListProjection.Project(93, MonthlyRate.Averaging(5), MonthlyRate.Averaging(7), horizonMonths: 40, runs: 2_000, seed: s).ChanceClearedWithinHorizon);
        Assert.True(chances.Distinct().Count() > 1);
    }

    [Fact]
    public void FromHistory_IsTheAverageMonth()
    {
        Assert.Equal(15.5, MonthlyRate.FromHistory([14, 17, 15, 16, 14, 17]).Mean);
        Assert.Throws<ArgumentException>(() => MonthlyRate.FromHistory([]));
        Assert.Throws<ArgumentException>(() => MonthlyRate.FromHistory([3, -1]));
    }

    [Fact]
    public void Draw_FollowsTheRate()
    {
        // The inverse of the distribution function at evenly spread points: the draws average out to the rate.
        var points = Enumerable.Range(0, 10_000).Select(i => (i + 0.5) / 10_000).ToList();
        Assert.Equal(7.0, points.Average(u => MonthlyRate.Averaging(7).Draw(u)), 2);
        Assert.Equal(7.0, points.Average(u => MonthlyRate.Between(6, 8).Draw(u)), 2);
        Assert.Equal([6, 7, 8], points.Select(u => MonthlyRate.Between(6, 8).Draw(u)).Distinct().Order());
        // Poisson(7): P(0) = e^-7 = 0.000912, so the smallest points draw 0.
        Assert.Equal(0, MonthlyRate.Averaging(7).Draw(0.0009));
        Assert.Equal(1, MonthlyRate.Averaging(7).Draw(0.0010));
    }

    [Fact]
    public void Rates_OutOfRange_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlyRate.Between(8, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlyRate.Between(-1, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlyRate.Averaging(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlyRate.Averaging(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaitingListProjection.Project(-1, MonthlyRate.None, MonthlyRate.Between(6, 8)));
    }

    /// <summary>A rate and one at least as high: a higher mean, or a range with neither end lower.</summary>
    private static readonly Gen<(MonthlyRate Lower, MonthlyRate Higher)> RatePairs = Gen.OneOf(
        Gen.Double[0, 20].Select(Gen.Double[0, 5], (m, d) => (MonthlyRate.Averaging(m), MonthlyRate.Averaging(m + d))),
        Gen.Int[0, 15].Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 5], (low, width, up, upWidth) =>
            (MonthlyRate.Between(low, low + width), MonthlyRate.Between(low + up, low + width + up + upWidth))));

    [Fact]
    public void MoreAssessmentsFinished_NeverMakesTheListTakeLonger() =>
        Gen.Int[0, 150].Select(RatePairs, Gen.Int[0, 10], (waiting, finished, referrals) => (waiting, finished, referrals)).Sample(x =>
        {
            var referrals = MonthlyRate.Averaging(x.referrals);
            var slower = WaitingListProjection.Project(x.waiting, referrals, x.finished.Lower, runs: 400, seed: 7);
            var faster = WaitingListProjection.Project(x.waiting, referrals, x.finished.Higher, runs: 400, seed: 7);
            // A month not reached within the horizon (null) is later than any.
            static int Months(int? m) => m ?? int.MaxValue;
            Assert.True(Months(faster.MedianMonths) <= Months(slower.MedianMonths), $"{x.finished.Higher}: {faster.MedianMonths}; {x.finished.Lower}: {slower.MedianMonths}");
            Assert.True(Months(faster.HighMonths) <= Months(slower.HighMonths));
            Assert.True(faster.ChanceClearedWithinHorizon >= slower.ChanceClearedWithinHorizon);
        }, iter: 200);
}
