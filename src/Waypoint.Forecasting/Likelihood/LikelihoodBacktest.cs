namespace Waypoint.Forecasting.Likelihood;

/// <summary>
/// One origin of the backtest: the model fitted on everyone whose outcome was known on 1 April of <see cref="Year"/>,
/// then used on those who turned 18 in the financial year from that day, as it would have been at the time.
/// </summary>
public sealed record LikelihoodBacktestOrigin(int Year, int FittedOn, int Scored, int ReceivedCare, double? Auc, double? RuleBasedAuc);

/// <summary>
/// The backtest pooled over every origin: the fitted model's AUC and calibration, and the rule-based score's AUC on the
/// same people for comparison. Property names give the CLI's JSON (<c>auc</c>, <c>calibration</c>) in camel case.
/// </summary>
public sealed record LikelihoodBacktestResult(
    double? Auc,
    double? RuleBasedAuc,
    IReadOnlyList<CalibrationDecile> Calibration,
    int Scored,
    IReadOnlyList<LikelihoodBacktestOrigin> Origins);

/// <summary>
/// How the likelihood model would have done in past years (issue 9 "Backtesting"): a rolling origin over financial
/// years, each scored on people the model had not seen and whose features were all known before their outcome. Years
/// are financial years (from 1 April) as in the demand forecast. Only years whose outcomes are all known on the day of
/// the backtest are scored, and only origins with enough history to fit (<see cref="LikelihoodChoice.EnoughHistory"/>):
/// before that the screen shows the rule-based score anyway.
/// </summary>
public static class LikelihoodBacktest
{
    public static LikelihoodBacktestResult Run(IReadOnlyCollection<ForecastPerson> history, DateOnly asOf, RuleBasedScore? rules = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        rules ??= RuleBasedScore.Default;
        List<LikelihoodBacktestOrigin> origins = [];
        List<ScoredOutcome> model = [], ruleBased = [];
        var pipeline = history.Where(p => p.KnownToChildrensServices).OrderBy(p => p.Id).ThenBy(p => p.DateOfBirth).ToList();
        if (pipeline.Count == 0) return new LikelihoodBacktestResult(null, null, [], 0, []);
        for (var year = pipeline.Min(p => p.Turns18.Year) - 1; new DateOnly(year + 2, 4, 1) <= asOf; year++)
        {
            var origin = new DateOnly(year, 4, 1);
            var heldOut = pipeline.Where(p => p.Turns18 >= origin && p.Turns18 < origin.AddYears(1)).ToList();
            if (heldOut.Count == 0 || !LikelihoodChoice.EnoughHistory(pipeline, origin)) continue;
            var fitted = LikelihoodModel.Fit(pipeline, origin);
            var scored = heldOut.Select(p => new ScoredOutcome(fitted.Probability(p), LikelihoodOutcome.ReceivedCare(p))).ToList();
            var ruled = heldOut.Select(p => new ScoredOutcome(rules.Probability(p), LikelihoodOutcome.ReceivedCare(p))).ToList();
            model.AddRange(scored);
            ruleBased.AddRange(ruled);
            origins.Add(new LikelihoodBacktestOrigin(
                year, fitted.FittedOn, heldOut.Count, scored.Count(s => s.ReceivedCare),
                LikelihoodEvaluation.Auc(scored), LikelihoodEvaluation.Auc(ruled)));
        }
        return new LikelihoodBacktestResult(
            LikelihoodEvaluation.Auc(model), LikelihoodEvaluation.Auc(ruleBased), LikelihoodEvaluation.Calibration(model), model.Count, origins);
    }
}
