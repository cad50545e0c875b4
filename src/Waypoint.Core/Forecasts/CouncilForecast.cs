using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Demand;
using Waypoint.Forecasting.Likelihood;

namespace Waypoint.Core.Forecasts;

/// <summary>How the forecast has done on past years: the demand forecast's error and coverage, the likelihood model's discrimination and calibration.</summary>
public sealed record CouncilBacktest(
    double? Coverage80,
    double? Coverage95,
    double? MeanAbsolutePercentageError,
    double? Auc,
    double? RuleBasedAuc,
    IReadOnlyList<CalibrationDecile> Calibration,
    IReadOnlyList<DemandBacktestPoint> DemandPoints,
    IReadOnlyList<LikelihoodBacktestOrigin> LikelihoodOrigins);

/// <summary>
/// The forecasting models run on one council's linked history (issue 9): the likelihood of needing adult care (fitted
/// when there is enough history, the rules engine's rules until then), turned into each young person's chance of
/// starting adult care at any age to 25 for the demand forecast, and the backtests of both.
/// </summary>
public static class CouncilForecast
{
    /// <summary>The likelihood score for the council: fitted on its history, or its rules (<see cref="LikelyNeedsRules"/>) until there is enough.</summary>
    public static ILikelihoodScore Likelihood(IReadOnlyCollection<ForecastPerson> people, DateOnly asOf, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return LikelihoodChoice.Choose(people, asOf, Rules(policy));
    }

    public static RuleBasedScore Rules(RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var r = policy.LikelyNeeds;
        return new RuleBasedScore(r.EhcPrimaryNeeds, r.CinDisabilities, r.ResidentialSchool, r.OpenTransitionsCase);
    }

    /// <summary>
    /// The chance of starting long-term adult care at any age from 18 to 25: the likelihood (within a year of 18)
    /// divided by the share of starts that come in that first year, as the history shows it.
    /// </summary>
    public static Func<ForecastPerson, double> EntryProbability(IReadOnlyList<ForecastPerson> people, DateOnly asOf, ILikelihoodScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var firstYear = DemandForecaster.EntryTiming(people, asOf)[0];
        return p => firstYear > 0 ? Math.Min(1, score.Probability(p) / firstYear) : score.Probability(p);
    }

    /// <summary>The demand forecast from the history, with each young person's chance of starting from <paramref name="score"/>.</summary>
    public static DemandForecast Demand(IReadOnlyList<ForecastPerson> people, DateOnly asOf, ILikelihoodScore score, DemandForecastOptions options) =>
        DemandForecaster.Forecast(people, asOf, EntryProbability(people, asOf, score), options);

    /// <summary>Both backtests: rolling origins over past years, each fitted only on what was known at its origin.</summary>
    public static CouncilBacktest Backtest(IReadOnlyList<ForecastPerson> people, DateOnly asOf, RulesPolicy policy, int seed, int simulations = 2_000)
    {
        var rules = Rules(policy);
        var likelihood = LikelihoodBacktest.Run(people, asOf, rules);
        var demand = DemandBacktest.Run(people, asOf,
            (history, origin) => EntryProbability(history, origin, LikelihoodChoice.Choose(history, origin, rules)),
            simulations: simulations, seed: seed);
        var tested = demand.Points.Count > 0;
        return new CouncilBacktest(
            tested ? demand.Coverage80 : null, tested ? demand.Coverage95 : null, tested ? demand.MeanAbsolutePercentageError : null,
            likelihood.Auc, likelihood.RuleBasedAuc, likelihood.Calibration, demand.Points, likelihood.Origins);
    }
}
