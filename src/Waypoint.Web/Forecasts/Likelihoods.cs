using System.Globalization;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Forecasting;

namespace Waypoint.Web.Forecasts;

/// <summary>
/// The likelihood of needing adult care as practitioners and families read it: who it applies to, when it counts as
/// likely, and chances in words ("About 7 in 10 (72%)") rather than decimals or log-odds.
/// </summary>
public static class Likelihoods
{
    /// <summary>
    /// At or above even odds a young person counts as likely to need adult care (the tracker's filter). It is exactly
    /// the rules engine's "likely" while the score is rule-based (one rule met is even odds, <c>RuleBasedScore</c>), so
    /// the filter does not change meaning when the council gets enough history for a fitted model.
    /// </summary>
    public const double LikelyThreshold = 0.5;

    /// <summary>The tracker's filter value for "likely to need adult care, not yet referred".</summary>
    public const string LikelyNotReferred = "likely-not-referred";

    /// <summary>
    /// Whether the likelihood says anything of this young person today: 14 or over (Year 9 planning; what is known of a
    /// younger child is too little, and the model reads what was known by 16), not already in adult care, and the year
    /// after their 18th birthday (what the likelihood predicts, <c>LikelihoodOutcome</c>) not yet over.
    /// </summary>
    public static bool Applies(ForecastPerson person, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.AdultCare is null && person.DateOfBirth.AddYears(14) <= asOf && person.Turns18.AddYears(1) > asOf;
    }

    /// <summary>
    /// The tracker's "likely to need adult care, not yet referred": a likelihood at or above <see cref="LikelyThreshold"/>,
    /// aged 14 to 17 (before adult care can start, while there is time to plan: Care Act 2014 s.58 asks for the
    /// assessment when it is of significant benefit), and no transitions case or referral yet.
    /// </summary>
    public static bool IsLikelyNotReferred(TrackerRow row, IReadOnlyDictionary<long, double> likelihoods)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(likelihoods);
        return row.Age is >= 14 and <= 17 && row.Stage == TransitionsStage.NotIdentified
            && likelihoods.TryGetValue(row.Id, out var likelihood) && likelihood >= LikelyThreshold;
    }

    /// <summary>A whole per cent, as "72%".</summary>
    public static string Percent(double probability) => WholePercent(probability) + "%";

    /// <summary>A whole per cent without the sign, for a spreadsheet column.</summary>
    public static string WholePercent(double probability) =>
        Math.Round(probability * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A chance in tenths and per cent: "About 7 in 10 (72%)"; under 10% is "Fewer than 1 in 10", over 90% "More than
    /// 9 in 10", as "about 0 in 10" or "about 10 in 10" would mislead.
    /// </summary>
    public static string InWords(double probability) => $"{Tenths(probability)} ({Percent(probability)})";

    /// <summary>The tenths part of <see cref="InWords"/> alone: "About 7 in 10".</summary>
    public static string Tenths(double probability) => probability switch
    {
        < 0.095 => "Fewer than 1 in 10",
        > 0.905 => "More than 9 in 10",
        _ => $"About {Math.Round(probability * 10, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)} in 10",
    };

    /// <summary>How much one fact moves the likelihood, in words, from its contribution to the log-odds.</summary>
    public static string Strength(double contribution) => Math.Abs(contribution) switch
    {
        >= 1.5 => "a lot",
        >= 0.5 => "somewhat",
        _ => "a little",
    };
}
