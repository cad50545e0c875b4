using Waypoint.Core.Demo;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Likelihood;

namespace Waypoint.Core.Tests.Demo;

/// <summary>
/// The demo's young people reach adult care by a known process (issue 9, point 2): the share in care is what the
/// process expects, and fitting the likelihood model on the simulated lives recovers its effects.
/// </summary>
public sealed class DemoAdultCareProcessTests(ITestOutputHelper output)
{
    private static readonly DateOnly AsOf = DemoOutput.AsOf;

    [Fact]
    public void CouncilDemo_YoungAdultsInCareWithinAYearOf18_MatchTheProcessExpectation()
    {
        var people = Simulate(DemoPopulation.CouncilPeople);
        var history = people.Where(p => LikelihoodOutcome.Known(ToForecastPerson(p), AsOf)).ToList();
        var probabilities = history.Select(p => DemoAdultCareProcess.Probability(DemoAdultCareProcess.Features(p))).ToList();

        // Each young adult is a draw with the process's probability: the count's variance is the sum of p(1 - p).
        var expected = probabilities.Sum();
        var standardDeviation = Math.Sqrt(probabilities.Sum(p => p * (1 - p)));
        var inCare = history.Count(p => LikelihoodOutcome.ReceivedCare(ToForecastPerson(p)));
        output.WriteLine($"{history.Count} known young adults whose year after 18 is over: {inCare} in care within it, expected {expected:F1} (sd {standardDeviation:F1})");
        foreach (var reason in people.Where(p => p.AgeOn(AsOf) is >= 18 and <= 25 && p.Adult?.LongTermFrom is not null).GroupBy(p => p.Adult!.SupportReason).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  18-25 in long-term care, {reason.Key}: {reason.Count()}");
        var pipeline = people.Where(p => p.AgeOn(AsOf) is >= 14 and <= 17).ToList();
        output.WriteLine($"{pipeline.Count} aged 14-17, expected to need care {pipeline.Sum(p => DemoAdultCareProcess.Probability(DemoAdultCareProcess.Features(p))):F1}");

        Assert.InRange(expected, 100, 300);
        Assert.InRange(inCare, expected - (3 * standardDeviation), expected + (3 * standardDeviation));
        // The pipeline's outcome is still to come: no long-term adult care before 18.
        Assert.DoesNotContain(pipeline, p => p.Adult?.LongTermFrom is not null);
    }

    [Fact]
    public void LargeDemo_FittingTheLikelihoodModel_RecoversTheKnownEffects()
    {
        // 400,000 people give about 90,000 young adults whose outcome is known: standard errors of 0.04-0.3.
        const int People = 400_000;
        var simulator = Simulator(People);
        var history = new ForecastPerson[People];
        Parallel.For(0, People, new ParallelOptions { CancellationToken = TestContext.Current.CancellationToken }, i => history[i] = ToForecastPerson(simulator.Simulate(i)));

        var model = LikelihoodModel.Fit(history, AsOf);

        output.WriteLine($"fitted on {model.FittedOn}, {model.ReceivedCareCount} in care within a year of 18");
        output.WriteLine($"intercept {model.Intercept:F2} (se {model.InterceptStandardError:F2}), known {DemoAdultCareProcess.Intercept:F2}");
        foreach (var (code, effect) in model.Coefficients.OrderBy(c => c.Key, StringComparer.Ordinal))
            output.WriteLine($"{code}: {effect:F2} (se {model.StandardErrors[code]:F2}), known {DemoAdultCareProcess.KnownEffects.GetValueOrDefault(code):F2}");

        // Within 3.5 standard errors, as the Forecasting tests on their own synthetic process (about 1 in 2,000 per
        // effect by chance); features outside the process must come out near 0 the same way.
        Assert.InRange(model.Intercept, DemoAdultCareProcess.Intercept - (3.5 * model.InterceptStandardError), DemoAdultCareProcess.Intercept + (3.5 * model.InterceptStandardError));
        Assert.All(DemoAdultCareProcess.KnownEffects.Keys, code => Assert.Contains(code, model.Coefficients.Keys));
        Assert.All(model.Coefficients, c =>
        {
            var known = DemoAdultCareProcess.KnownEffects.GetValueOrDefault(c.Key);
            var tolerance = 3.5 * model.StandardErrors[c.Key];
            Assert.True(Math.Abs(c.Value - known) <= tolerance, $"{c.Key}: fitted {c.Value:F2}, known {known:F2}, tolerance {tolerance:F2}");
        });
    }

    private static bool Known(PersonLife p) => p.In903 || p.InCin || p.InSen2;

    /// <summary>A record built straight from the simulated life: the process's features, and the true start of long-term care.</summary>
    private static ForecastPerson ToForecastPerson(PersonLife p) => new(
        p.Index,
        p.DateOfBirth,
        DemoAdultCareProcess.Features(p),
        NeedGroups.Other,
        Known(p),
        p.Adult?.LongTermFrom is { } from ? new AdultCareEntry(from, p.Adult.SupportReason, null, null) : null,
        new Dictionary<int, RouteState>());

    private static LifeSimulator Simulator(int people) =>
        new(new DemoContext(new DemoOptions(DemoSize.Council, 7, AsOf, DemoNoise.None) { People = people }));

    private static List<PersonLife> Simulate(int people)
    {
        var simulator = Simulator(people);
        return [.. Enumerable.Range(0, people).Select(simulator.Simulate)];
    }
}
