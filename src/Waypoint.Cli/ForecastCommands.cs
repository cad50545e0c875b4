using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Demand;

namespace Waypoint.Cli;

/// <summary>
/// `waypoint forecast` and `waypoint backtest` (issue 9): new adult social care entrants aged 18-25 for the coming
/// financial years, and how the models have done on past years. Both read the council's linked history as it stands
/// on --as-of and give the same output for the same database, date and --seed.
/// </summary>
internal static class ForecastCommands
{
    private static Option<DateOnly?> AsOf() => new("--as-of") { Description = "The day the forecast is made on (yyyy-mm-dd); default today" };

    private static Option<int> Seed() => new("--seed") { Description = "Seed of the simulation: the same seed gives the same answer", DefaultValueFactory = _ => 1 };

    public static Command Forecast()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var asOf = AsOf();
        var seed = Seed();
        var years = new Option<int>("--years") { Description = "Financial years to forecast, from the one after today's (1 to 10)", DefaultValueFactory = _ => 5 };
        var simulations = new Option<int>("--simulations") { Description = "Simulated futures behind the ranges", DefaultValueFactory = _ => 10_000 };
        var command = new Command("forecast", "New adult social care entrants aged 18-25 per financial year, by primary support reason and weekly cost band, and the annual cost of the 18-25 cohort, with 80% and 95% ranges")
        {
            database, provider, council, json, asOf, seed, years, simulations,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(years) is < 1 or > 10 || parse.GetValue(simulations) is < 100 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("error: --years must be from 1 to 10 and --simulations from 100 to 1,000,000.");
                return 2;
            }
            var clock = Stopwatch.StartNew();
            var (people, day, code) = await LoadAsync(parse.GetValue(provider), parse.GetValue(database)!, parse.GetValue(council)!, parse.GetValue(asOf), "forecast", cancellationToken);
            if (people is null) return 1;
            var read = clock.Elapsed;
            var policy = new RulesPolicy().ForCouncil(code);
            DemandForecast forecast;
            TimeSpan fitted;
            try
            {
                var likelihood = CouncilForecast.Likelihood(people, day, policy);
                fitted = clock.Elapsed;
                forecast = CouncilForecast.Demand(people, day, likelihood, new DemandForecastOptions(parse.GetValue(years), parse.GetValue(simulations), parse.GetValue(seed)));
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: no forecast can be made: {e.Message}");
                return 3;
            }
            // Timings go to standard error, so the JSON on standard output stays clean.
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Read {people.Count:N0} young people's history in {read.TotalSeconds:0.0} s; fitted the likelihood in {(fitted - read).TotalSeconds:0.00} s; simulated {forecast.Basis.Simulations:N0} futures in {(clock.Elapsed - fitted).TotalSeconds:0.0} s."));
            if (parse.GetValue(json)) await Json.WriteAsync(forecast, cancellationToken);
            else WriteForecast(forecast);
            return 0;
        });
        return command;
    }

    public static Command Backtest()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var asOf = AsOf();
        var seed = Seed();
        var command = new Command("backtest", "How the forecast did on past years: each year forecast from what was known before it, then compared with what happened")
        {
            database, provider, council, json, asOf, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (people, day, code) = await LoadAsync(parse.GetValue(provider), parse.GetValue(database)!, parse.GetValue(council)!, parse.GetValue(asOf), "backtest", cancellationToken);
            if (people is null) return 1;
            CouncilBacktest result;
            try
            {
                result = CouncilForecast.Backtest(people, day, new RulesPolicy().ForCouncil(code), parse.GetValue(seed));
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: no backtest can be made: {e.Message}");
                return 3;
            }
            if (parse.GetValue(json)) await Json.WriteAsync(result, cancellationToken);
            else WriteBacktest(result);
            return 0;
        });
        return command;
    }

    /// <summary>The linked history on the day, audited as a read of the council's records (no one is named in the output).</summary>
    private static async Task<(IReadOnlyList<ForecastPerson>? People, DateOnly Day, string Council)> LoadAsync(
        DatabaseProvider provider, string database, string council, DateOnly? asOf, string action, CancellationToken cancellationToken)
    {
        await using var db = await DatabaseOptions.OpenAsync(provider, database, create: false, cancellationToken);
        if (db is null) return (null, default, council);
        var day = asOf ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
        var policy = new RulesPolicy().ForCouncil(council);
        var people = await ForecastPeople.LoadAsync(db, council, day, policy, cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            At = TimeProvider.System.GetUtcNow(),
            CouncilCode = council,
            UserName = Environment.UserName,
            Role = "administrator",
            Action = action,
            Detail = string.Create(CultureInfo.InvariantCulture, $"{people.Count} young people's history as of {day:yyyy-MM-dd}"),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (people, day, council);
    }

    private static string Range(Estimate e, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Mean.ToString(format, CultureInfo.InvariantCulture)} (80%: {e.P80[0].ToString(format, CultureInfo.InvariantCulture)} to {e.P80[1].ToString(format, CultureInfo.InvariantCulture)}; 95%: {e.P95[0].ToString(format, CultureInfo.InvariantCulture)} to {e.P95[1].ToString(format, CultureInfo.InvariantCulture)})");

    private static void WriteForecast(DemandForecast forecast)
    {
        Console.WriteLine("New adult social care entrants aged 18-25, by financial year (from 1 April):");
        foreach (var year in forecast.Years)
        {
            Console.WriteLine($"{year.Year}-{(year.Year + 1) % 100:00}: {Range(year.Total, "N0")}");
            foreach (var (reason, estimate) in year.ByPrimarySupportReason) Console.WriteLine($"    {reason}: {Range(estimate, "N0")}");
            Console.WriteLine($"    Annual cost of the 18-25 cohort: £{Range(year.AnnualCost, "N0")}");
        }
        foreach (var note in forecast.Basis.Notes) Console.WriteLine($"Note: {note}");
    }

    private static void WriteBacktest(CouncilBacktest result)
    {
        static string Share(double? value) => value is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "not tested";
        static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "not tested";
        Console.WriteLine($"Demand forecast: the actual number fell in the 80% range {Share(result.Coverage80)} of the time and in the 95% range {Share(result.Coverage95)}; average error {Share(result.MeanAbsolutePercentageError)} ({result.DemandPoints.Count} forecasts).");
        Console.WriteLine($"Likelihood model: AUC {Number(result.Auc)} against {Number(result.RuleBasedAuc)} for the rules ({result.LikelihoodOrigins.Count} years tested).");
        foreach (var decile in result.Calibration)
            Console.WriteLine($"    tenth {decile.Decile}: expected {Share(decile.Expected)}, observed {Share(decile.Observed)}");
    }
}
