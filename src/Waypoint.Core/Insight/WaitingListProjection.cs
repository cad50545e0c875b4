using System.Globalization;

namespace Waypoint.Core.Insight;

/// <summary>
/// How many of something happen in a month: referrals arriving, or assessments finished. Given either as a range the
/// team knows ("6 to 8 a month": each whole number in it equally likely) or as an average rate (a Poisson count with
/// that mean: events that happen independently at a steady rate, so a month can be well above or below it).
/// </summary>
public readonly record struct MonthlyRate
{
    /// <summary>Above this the Poisson draw below loses precision; no team sees hundreds of referrals a month.</summary>
    public const double MaxMean = 500;

    private MonthlyRate(int low, int high, double? mean) => (Low, High, Mean) = (low, high, mean);

    public int Low { get; }
    public int High { get; }

    /// <summary>The average rate when given as one; null for a range.</summary>
    public double? Mean { get; }

    public double Average => Mean ?? (Low + High) / 2.0;

    /// <summary>True when no month can have any: nothing arrives, or nothing is finished.</summary>
    public bool IsNone => Mean is { } m ? m == 0 : High == 0;

    public static MonthlyRate None => Between(0, 0);

    public static MonthlyRate Between(int low, int high)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(low);
        ArgumentOutOfRangeException.ThrowIfLessThan(high, low);
        return new(low, high, null);
    }

    public static MonthlyRate Averaging(double mean)
    {
        if (!double.IsFinite(mean) || mean < 0 || mean > MaxMean)
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"A monthly rate is a number from 0 to {MaxMean}.");
        return new(0, 0, mean);
    }

    /// <summary>
    /// The rate from what happened: the counts for each month of a past period (say the last 6 or 12 months), averaged.
    /// The average is the best single estimate of a Poisson rate; the projection does not widen its interval for the
    /// estimate's own uncertainty, so a short history gives an interval narrower than it should be (docs/measures.md).
    /// </summary>
    public static MonthlyRate FromHistory(IReadOnlyList<int> countsPerMonth)
    {
        ArgumentNullException.ThrowIfNull(countsPerMonth);
        if (countsPerMonth.Count == 0) throw new ArgumentException("A rate needs at least one month of history.", nameof(countsPerMonth));
        if (countsPerMonth.Any(c => c < 0)) throw new ArgumentException("Counts cannot be negative.", nameof(countsPerMonth));
        return Averaging(countsPerMonth.Sum(c => (double)c) / countsPerMonth.Count);
    }

    /// <summary>
    /// One month's count from a uniform number <paramref name="u"/> in [0, 1), by the inverse of the distribution
    /// function. For the same <paramref name="u"/> a higher rate never gives fewer: the projection relies on this so that
    /// more assessments finished never makes the list take longer to clear (the same random numbers in both runs).
    /// </summary>
    public int Draw(double u)
    {
        if (Mean is not { } mean) return Math.Min(High, Low + (int)(u * (High - Low + 1)));
        var p = Math.Exp(-mean);
        var cumulative = p;
        var k = 0;
        // The cap only guards against rounding leaving the sum a hair under u: it is far out in the tail.
        var cap = (int)(mean + 50 * Math.Sqrt(mean) + 50);
        while (u >= cumulative && k < cap)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    public override string ToString() => Mean is { } m
        ? string.Create(CultureInfo.InvariantCulture, $"about {m:0.#} a month")
        : Low == High ? string.Create(CultureInfo.InvariantCulture, $"{Low} a month") : string.Create(CultureInfo.InvariantCulture, $"{Low} to {High} a month");
}

/// <summary>
/// How long the waiting list for a first assessment will take to clear: the median number of months and an 80% interval
/// (the 10th to the 90th percentile) over many simulated futures, and the chance it clears within the horizon at all.
/// A month count is null where that share of futures had not cleared within the horizon ("more than 60 months").
/// </summary>
public sealed record TimeToClear(
    int Waiting, MonthlyRate Referrals, MonthlyRate AssessmentsFinished, int HorizonMonths, int Runs,
    int? MedianMonths, int? LowMonths, int? HighMonths, double ChanceClearedWithinHorizon)
{
    /// <summary>True when at least half the futures cleared within the horizon.</summary>
    public bool Clears => MedianMonths is not null;

    /// <summary>The answer in words, for a board report.</summary>
    public string Summary
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            if (Waiting == 0) return "Nobody is waiting.";
            if (AssessmentsFinished.IsNone) return "No assessments are finished, so the list never clears.";
            string Months(int? m) => m is { } v ? v.ToString(c) : string.Create(c, $"more than {HorizonMonths}");
            if (Clears)
                return string.Create(c, $"About {MedianMonths} months to clear (80% interval: {Months(LowMonths)} to {Months(HighMonths)} months).");
            var why = Referrals.Average >= AssessmentsFinished.Average
                ? "Does not clear: referrals arrive as fast as assessments are finished, or faster."
                : string.Create(c, $"Not cleared within {HorizonMonths} months in most projections.");
            return string.Create(c, $"{why} Chance of clearing within {HorizonMonths} months: {ChanceClearedWithinHorizon:0.#%}.");
        }
    }
}

/// <summary>
/// The projected time to clear the waiting list (domain.md "Measures"; issue 8). The question is the one the Dorset
/// figures ask (domain.md: 93 waiting on 1 June 2021, 6 to 8 assessments finished a month, "about 13 months to clear with
/// no new referrals"), but a straight division (93 / 7) hides two things a board needs: the months vary, so the answer
/// is a range; and referrals keep arriving, so when they come as fast as assessments are finished the list never clears.
/// So this is a queue model: each simulated month, referrals join the list and assessments finished leave it (never
/// below zero), each drawn from its <see cref="MonthlyRate"/>, independently from month to month; the list is cleared in
/// the first month it ends empty. Repeated many times with a fixed seed, so the same figures always give the same answer
/// in the board report.
/// </summary>
public static class WaitingListProjection
{
    public const int DefaultHorizonMonths = 60;
    public const int DefaultRuns = 10_000;

    /// <summary>The seed of the board report's projections: any fixed number will do (1 June 2021, the Dorset count).</summary>
    public const int DefaultSeed = 20210601;

    /// <summary>
    /// Projections already worked out: the same figures always give the same answer, and 10,000 runs take about a tenth
    /// of a second, too long to repeat on every view of the dashboard (issue 8 asks for 150 ms). The figures change
    /// rarely (when someone joins or leaves the list, or a month ends), so few are kept; the lot is dropped when full.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, MonthlyRate, MonthlyRate, int, int, int), TimeToClear> Worked = new();
    private const int WorkedKept = 1024;

    public static TimeToClear Project(
        int waiting, MonthlyRate referrals, MonthlyRate assessmentsFinished,
        int horizonMonths = DefaultHorizonMonths, int runs = DefaultRuns, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waiting);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonMonths, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var key = (waiting, referrals, assessmentsFinished, horizonMonths, runs, seed);
        if (Worked.TryGetValue(key, out var known)) return known;
        var projection = Simulate(waiting, referrals, assessmentsFinished, horizonMonths, runs, seed);
        if (Worked.Count >= WorkedKept) Worked.Clear();
        Worked[key] = projection;
        return projection;
    }

    private static TimeToClear Simulate(int waiting, MonthlyRate referrals, MonthlyRate assessmentsFinished, int horizonMonths, int runs, int seed)
    {
        if (waiting == 0) return new(waiting, referrals, assessmentsFinished, horizonMonths, runs, 0, 0, 0, 1);
        if (assessmentsFinished.IsNone) return new(waiting, referrals, assessmentsFinished, horizonMonths, runs, null, null, null, 0);

        // Two streams, one for referrals and one for assessments finished, each drawn once a month: runs with the same
        // seed see the same random numbers month by month, whatever the rates (common random numbers).
        var referralDraws = new Random(seed);
        var finishedDraws = new Random(unchecked(seed * 31 + 17));
        var notCleared = horizonMonths + 1;
        var months = new int[runs];
        for (var run = 0; run < runs; run++)
        {
            var left = waiting;
            months[run] = notCleared;
            for (var month = 1; month <= horizonMonths; month++)
            {
                left = Math.Max(0, left + referrals.Draw(referralDraws.NextDouble()) - assessmentsFinished.Draw(finishedDraws.NextDouble()));
                if (left == 0)
                {
                    months[run] = month;
                    // Keep both streams in step with a run that went on to the horizon.
                    for (var rest = month + 1; rest <= horizonMonths; rest++)
                    {
                        referralDraws.NextDouble();
                        finishedDraws.NextDouble();
                    }
                    break;
                }
            }
        }
        Array.Sort(months);

        // The nearest-rank percentile: the smallest month by which at least that share of runs had cleared.
        int? Percentile(double share)
        {
            var m = months[Math.Max(0, (int)Math.Ceiling(share * runs) - 1)];
            return m == notCleared ? null : m;
        }
        var cleared = months.Count(m => m != notCleared);
        return new(waiting, referrals, assessmentsFinished, horizonMonths, runs, Percentile(0.5), Percentile(0.1), Percentile(0.9), (double)cleared / runs);
    }
}
