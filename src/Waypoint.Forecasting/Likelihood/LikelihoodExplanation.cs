namespace Waypoint.Forecasting.Likelihood;

/// <summary>A likelihood of needing adult care, fitted or rule-based, and how it was arrived at in words.</summary>
public interface ILikelihoodScore
{
    /// <summary>How the likelihood was arrived at, for the screen to state.</summary>
    string Method { get; }

    /// <summary>Between 0 and 1: the likelihood that the person receives adult social care within a year of turning 18.</summary>
    double Probability(ForecastPerson person);

    /// <summary>The likelihood and what it rests on, feature by feature.</summary>
    LikelihoodExplanation Explain(ForecastPerson person);
}

public enum ContributionDirection
{
    Raises,
    Lowers,
}

/// <summary>One feature's part in a likelihood, on the log-odds scale (coefficient times value).</summary>
public sealed record FeatureContribution(string Code, string Label, double Value, double Contribution)
{
    public ContributionDirection Direction => Contribution < 0 ? ContributionDirection.Lowers : ContributionDirection.Raises;
}

/// <summary>
/// A likelihood explained: the baseline (log-odds for someone with none of the features) plus each feature the person
/// has, largest first. Baseline plus contributions is the person's log-odds, so the parts add up to the whole.
/// </summary>
public sealed record LikelihoodExplanation(
    double Probability,
    double Baseline,
    IReadOnlyList<FeatureContribution> Contributions,
    string Method)
{
    public double BaselineProbability => Logistic.Probability(Baseline);

    public double LogOdds => Baseline + Contributions.Sum(c => c.Contribution);

    internal static IReadOnlyList<FeatureContribution> Ordered(IEnumerable<FeatureContribution> contributions) =>
        [.. contributions.Where(c => c.Contribution != 0).OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Code, StringComparer.Ordinal)];
}

internal static class Logistic
{
    // Written so neither branch overflows for large log-odds.
    public static double Probability(double logOdds) =>
        logOdds >= 0 ? 1 / (1 + Math.Exp(-logOdds)) : Math.Exp(logOdds) / (1 + Math.Exp(logOdds));
}
