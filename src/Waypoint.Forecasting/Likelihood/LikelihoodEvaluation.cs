namespace Waypoint.Forecasting.Likelihood;

/// <summary>A score given to someone before the fact, and what then happened.</summary>
public sealed record ScoredOutcome(double Score, bool ReceivedCare);

/// <summary>
/// One tenth of the people scored, from the lowest scores (decile 1) to the highest (10): the mean score they were given
/// and the share who then received adult care. A well-calibrated likelihood has the two close in every tenth.
/// </summary>
public sealed record CalibrationDecile(int Decile, double Expected, double Observed, int Count);

/// <summary>How good a likelihood has been: discrimination (AUC) and calibration (expected against observed by tenth).</summary>
public static class LikelihoodEvaluation
{
    /// <summary>
    /// The area under the ROC curve: the chance that someone who received care was scored above someone who did not,
    /// ties counting a half (the Mann-Whitney statistic from mid-ranks). 0.5 is no better than chance, 1 a perfect
    /// ranking. Null when everyone had the same outcome, as then there is nothing to rank.
    /// </summary>
    public static double? Auc(IReadOnlyCollection<ScoredOutcome> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var ordered = scored.OrderBy(s => s.Score).ToArray();
        long positives = ordered.Count(s => s.ReceivedCare), negatives = ordered.Length - positives;
        if (positives == 0 || negatives == 0) return null;
        var positiveRanks = 0.0;
        for (var start = 0; start < ordered.Length;)
        {
            var end = start;
            while (end + 1 < ordered.Length && ordered[end + 1].Score == ordered[start].Score) end++;
            // Ranks start..end (1-based start+1..end+1) are tied: each gets their mean.
            var midRank = ((start + 1) + (end + 1)) / 2.0;
            for (var i = start; i <= end; i++)
                if (ordered[i].ReceivedCare) positiveRanks += midRank;
            start = end + 1;
        }
        return (positiveRanks - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Calibration by tenths of the score: people sorted by score (ties in the order given) and cut into ten groups as
    /// equal as whole people allow; a tenth with no one in it (fewer than ten people) is left out.
    /// </summary>
    public static IReadOnlyList<CalibrationDecile> Calibration(IReadOnlyCollection<ScoredOutcome> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var ordered = scored.OrderBy(s => s.Score).ToArray();
        List<CalibrationDecile> deciles = [];
        for (var d = 0; d < 10; d++)
        {
            var group = ordered[(d * ordered.Length / 10)..((d + 1) * ordered.Length / 10)];
            if (group.Length == 0) continue;
            deciles.Add(new CalibrationDecile(d + 1, group.Average(s => s.Score), group.Count(s => s.ReceivedCare) / (double)group.Length, group.Length));
        }
        return deciles;
    }
}
