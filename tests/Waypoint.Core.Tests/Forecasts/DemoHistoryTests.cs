using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Rules;
using Waypoint.Forecasting.Likelihood;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Forecasts;

/// <summary>
/// The whole way round on the `council` demo (issue 9): its young adults reached adult care by a known process
/// (<see cref="DemoAdultCareProcess"/>); written to 903, CIN, SEN2 and CLD files with realistic noise, imported, linked
/// and read back as the models read any council's history, fitting recovers the known effects, and on held-out years
/// the fitted model is calibrated and ranks better than the rules. SQLite only: reading the history on both engines is
/// ForecastPeopleTests' job; this one is about the generator and the models.
/// </summary>
public class DemoHistoryTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public async Task CouncilDemo_ImportedAndReadBack_FittingRecoversTheKnownEffects_AndHeldOutYearsAreCalibrated()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        var time = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var options = new DemoOptions(DemoSize.Council, 1, Today, DemoNoise.Realistic) { CouncilCode = "999" };
        Assert.True((await DemoImport.GenerateAndImportAsync(db, time, options, "test", cancellationToken: TestContext.Current.CancellationToken)).Committed);
        var policy = new RulesPolicy().ForCouncil("999");
        var people = await ForecastPeople.LoadAsync(db, "999", Today, policy, TestContext.Current.CancellationToken);

        var model = LikelihoodModel.Fit(people, Today);

        // Each effect within 3.5 standard errors of the known one (0 for a feature the process does not use), so a
        // wrong sign or a feature read from the wrong field fails, while sampling noise (a council of some 2,500
        // young adults of known outcome) does not.
        var misses = model.Coefficients
            .Select(c => (c.Key, Fitted: c.Value, Known: DemoAdultCareProcess.KnownEffects.GetValueOrDefault(c.Key), Se: model.StandardErrors[c.Key]))
            .Where(c => Math.Abs(c.Fitted - c.Known) > 3.5 * c.Se)
            .Select(c => $"{c.Key}: fitted {c.Fitted:0.00} (SE {c.Se:0.00}), known {c.Known:0.00}")
            .ToList();
        Assert.True(misses.Count == 0, string.Join("; ", misses));
        Assert.True(Math.Abs(model.Intercept - DemoAdultCareProcess.Intercept) <= 3.5 * model.InterceptStandardError,
            $"intercept: fitted {model.Intercept:0.00} (SE {model.InterceptStandardError:0.00}), known {DemoAdultCareProcess.Intercept:0.00}");
        foreach (var code in DemoAdultCareProcess.KnownEffects.Keys) Assert.True(model.Coefficients.ContainsKey(code), $"{code} was never seen in the history");

        // Held-out years: each fitted on what was known at its start.
        var backtest = LikelihoodBacktest.Run(people, Today, CouncilForecast.Rules(policy));
        Assert.NotEmpty(backtest.Origins);
        Assert.True(backtest.Auc > backtest.RuleBasedAuc, $"AUC {backtest.Auc:0.000} against {backtest.RuleBasedAuc:0.000} for the rules");
        // Expected against observed in each tenth, within three binomial standard errors of the expected share and a
        // percentage point for the fit's own error.
        Assert.All(backtest.Calibration, d => Assert.True(
            Math.Abs(d.Expected - d.Observed) <= (3 * Math.Sqrt(d.Expected * (1 - d.Expected) / d.Count)) + 0.01,
            $"tenth {d.Decile}: expected {d.Expected:0.000}, observed {d.Observed:0.000} of {d.Count}"));
    }
}
