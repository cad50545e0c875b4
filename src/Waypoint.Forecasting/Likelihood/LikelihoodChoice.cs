namespace Waypoint.Forecasting.Likelihood;

/// <summary>
/// Fitted model or rule-based score (issue 9: "a documented rule-based score is used until there is enough history").
/// Enough history is at least <see cref="MinimumPeople"/> young people with a known outcome, of whom at least
/// <see cref="MinimumEachOutcome"/> received adult care and as many did not: with fewer, a dozen or more effects cannot
/// be told apart from chance (the usual guide is 10-20 people of the rarer outcome per effect, and the penalty lets a
/// sparse feature ride on fewer), and calibration by tenths would rest on a handful each.
/// </summary>
public static class LikelihoodChoice
{
    public const int MinimumPeople = 200;
    public const int MinimumEachOutcome = 20;

    /// <summary>Whether the history on <paramref name="asOf"/> is enough to fit a model.</summary>
    public static bool EnoughHistory(IEnumerable<ForecastPerson> history, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        int known = 0, received = 0;
        foreach (var person in history.Where(p => LikelihoodOutcome.Known(p, asOf)))
        {
            known++;
            if (LikelihoodOutcome.ReceivedCare(person)) received++;
        }
        return known >= MinimumPeople && received >= MinimumEachOutcome && known - received >= MinimumEachOutcome;
    }

    /// <summary>The fitted model when there is enough history, otherwise <paramref name="rules"/> (the rules engine's defaults if none).</summary>
    public static ILikelihoodScore Choose(IReadOnlyCollection<ForecastPerson> history, DateOnly asOf, RuleBasedScore? rules = null) =>
        EnoughHistory(history, asOf) ? LikelihoodModel.Fit(history, asOf) : rules ?? RuleBasedScore.Default;
}
