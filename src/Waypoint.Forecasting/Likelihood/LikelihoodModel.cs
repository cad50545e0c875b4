using MathNet.Numerics.LinearAlgebra;

namespace Waypoint.Forecasting.Likelihood;

/// <summary>
/// The likelihood of needing adult care fitted on the council's own history (issue 9): a logistic regression of
/// <see cref="LikelihoodOutcome.ReceivedCare"/> on the features known by 16, for everyone whose outcome is known.
/// Logistic because each feature's effect then reads as a contribution that adds up to the person's log-odds, which is
/// what a practitioner needs to see; L2-penalised (a normal prior with variance 1/penalty on each effect, weak by default, the intercept
/// left free) so that a feature everyone with it went on to adult care, or a rare one, gets a large but finite effect
/// rather than an infinite or wild one. Fitted by Newton's method (iteratively reweighted least squares) with step
/// halving, which converges in a few steps and gives the same answer for the same history in any order.
/// </summary>
public sealed class LikelihoodModel : ILikelihoodScore
{
    /// <summary>
    /// A prior standard deviation of about 3 on the log-odds scale: enough to keep a perfectly separating feature finite,
    /// weak enough not to bend real effects. (A penalty of 1 took about 0.4 off SLD's and PMLD's effects in testing,
    /// moving them onto "has an EHC plan", which every primary need shares.)
    /// </summary>
    public const double DefaultPenalty = 0.1;

    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    private readonly string[] codes;
    private readonly double[] effects;

    private LikelihoodModel(string[] codes, double[] beta, double[] standardErrors, int fittedOn, int receivedCare, int firstYear, int lastYear)
    {
        this.codes = codes;
        Intercept = beta[0];
        effects = beta[1..];
        Coefficients = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => effects[x.i], StringComparer.Ordinal);
        StandardErrors = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => standardErrors[x.i + 1], StringComparer.Ordinal);
        InterceptStandardError = standardErrors[0];
        FittedOn = fittedOn;
        ReceivedCareCount = receivedCare;
        FirstYear = firstYear;
        LastYear = lastYear;
    }

    /// <summary>Log-odds for someone with none of the features.</summary>
    public double Intercept { get; }

    public double InterceptStandardError { get; }

    /// <summary>Each feature's effect on the log-odds; features that did not vary in the history are left out.</summary>
    public IReadOnlyDictionary<string, double> Coefficients { get; }

    /// <summary>Each effect's standard error (from the penalised information), to say how sure an effect is.</summary>
    public IReadOnlyDictionary<string, double> StandardErrors { get; }

    /// <summary>Young people whose outcome the model was fitted on.</summary>
    public int FittedOn { get; }

    /// <summary>Of those, how many received adult care within a year of turning 18.</summary>
    public int ReceivedCareCount { get; }

    /// <summary>The calendar years in which the first and last of them turned 18.</summary>
    public int FirstYear { get; }

    public int LastYear { get; }

    public string Method => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fitted on {FittedOn:N0} young people who turned 18 from {FirstYear} to {LastYear}");

    /// <summary>
    /// Fits on the people of <paramref name="history"/> whose outcome is known on <paramref name="asOf"/>
    /// (<see cref="LikelihoodOutcome.Known"/>). Needs both outcomes among them; <see cref="LikelihoodChoice"/> decides
    /// when there is enough history to be worth fitting.
    /// </summary>
    public static LikelihoodModel Fit(IEnumerable<ForecastPerson> history, DateOnly asOf, double penalty = DefaultPenalty)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(penalty);
        // Sorted so floating-point sums run in one order whatever order the history came in.
        var known = history.Where(p => LikelihoodOutcome.Known(p, asOf)).OrderBy(p => p.Id).ThenBy(p => p.DateOfBirth).ToList();
        var outcomes = known.Select(p => LikelihoodOutcome.ReceivedCare(p) ? 1.0 : 0.0).ToArray();
        var received = (int)outcomes.Sum();
        if (received == 0 || received == known.Count)
            throw new InvalidOperationException("A likelihood model needs young people who did and who did not receive adult care.");

        // A feature with one value for everyone says nothing and would only be pulled to 0 by the penalty: left out.
        var codes = known.SelectMany(p => p.Features.Keys).Distinct(StringComparer.Ordinal)
            .Where(code => known.Select(p => p.Feature(code)).Distinct().Skip(1).Any())
            .Order(StringComparer.Ordinal).ToArray();
        var x = Matrix<double>.Build.Dense(known.Count, codes.Length + 1, (i, j) => j == 0 ? 1 : known[i].Feature(codes[j - 1]));
        var y = Vector<double>.Build.DenseOfArray(outcomes);
        var penalties = Vector<double>.Build.Dense(codes.Length + 1, j => j == 0 ? 0 : penalty);

        var mean = received / (double)known.Count;
        var beta = Vector<double>.Build.Dense(codes.Length + 1);
        beta[0] = Math.Log(mean / (1 - mean));
        var objective = PenalisedLogLikelihood(x, y, beta, penalties);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (gradient, information) = Derivatives(x, y, beta, penalties);
            var step = information.Cholesky().Solve(gradient);
            // Step halving: Newton's full step can overshoot far from the optimum; a shorter one always improves.
            var length = 1.0;
            var next = beta + step;
            var nextObjective = PenalisedLogLikelihood(x, y, next, penalties);
            while (nextObjective < objective && length > 1e-6)
            {
                length /= 2;
                next = beta + (step * length);
                nextObjective = PenalisedLogLikelihood(x, y, next, penalties);
            }
            var moved = (step * length).AbsoluteMaximum();
            beta = next;
            objective = nextObjective;
            if (moved < Tolerance) break;
        }
        var covariance = Derivatives(x, y, beta, penalties).Information.Inverse();
        var standardErrors = Enumerable.Range(0, beta.Count).Select(j => Math.Sqrt(covariance[j, j])).ToArray();
        return new LikelihoodModel(
            codes, beta.ToArray(), standardErrors, known.Count, received,
            known.Min(p => p.Turns18.Year), known.Max(p => p.Turns18.Year));
    }

    public double LogOdds(ForecastPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var logOdds = Intercept;
        for (var j = 0; j < codes.Length; j++) logOdds += effects[j] * person.Feature(codes[j]);
        return logOdds;
    }

    public double Probability(ForecastPerson person) => Logistic.Probability(LogOdds(person));

    public LikelihoodExplanation Explain(ForecastPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var contributions = codes.Select((code, j) =>
            new FeatureContribution(code, LikelihoodFeatures.Label(code), person.Feature(code), effects[j] * person.Feature(code)));
        return new LikelihoodExplanation(Probability(person), Intercept, LikelihoodExplanation.Ordered(contributions), Method);
    }

    private static double PenalisedLogLikelihood(Matrix<double> x, Vector<double> y, Vector<double> beta, Vector<double> penalties)
    {
        var eta = x * beta;
        var total = 0.0;
        for (var i = 0; i < eta.Count; i++)
            total += (y[i] * eta[i]) - (eta[i] > 0 ? eta[i] + Math.Log(1 + Math.Exp(-eta[i])) : Math.Log(1 + Math.Exp(eta[i])));
        return total - (0.5 * penalties.PointwiseMultiply(beta).DotProduct(beta));
    }

    private static (Vector<double> Gradient, Matrix<double> Information) Derivatives(
        Matrix<double> x, Vector<double> y, Vector<double> beta, Vector<double> penalties)
    {
        var mu = (x * beta).Map(Logistic.Probability);
        var weights = mu.Map(m => m * (1 - m));
        var gradient = x.TransposeThisAndMultiply(y - mu) - penalties.PointwiseMultiply(beta);
        var weighted = x.MapIndexed((i, _, value) => value * weights[i]);
        var information = x.TransposeThisAndMultiply(weighted) + Matrix<double>.Build.DiagonalOfDiagonalVector(penalties);
        return (gradient, information);
    }
}
