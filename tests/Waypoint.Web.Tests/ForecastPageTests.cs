using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Ingest;
using Waypoint.Forecasting.Demand;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Pages.Insight;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The commissioners' forecast on the demo council (issue 9): the page shows what the forecasting services give for the
/// same options - next year in plain words, each year with its ranges, by support reason and cost band, the annual
/// cost, a scenario beside it, the backtest - the workbook holds the same numbers, bad scenario inputs get a GOV.UK
/// error summary, a council with no history gets a clear message, and practitioners are refused it.
/// </summary>
public class ForecastPageTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static readonly DemandScenario Scenario = new(0.5, 900, 2.0);

    private const string ScenarioQuery = "share=50&weeklycost=900&notknownchange=100";

    private async Task<(DemandForecast Baseline, CouncilBacktest Backtest)> ExpectedAsync(WaypointDbContext db)
    {
        var cache = web.Services.GetRequiredService<ForecastCache>();
        return (await cache.DemandAsync(db, Councils.DemoCouncilCode, Today, new DemandForecastOptions(5, 10_000, 1), Ct),
            await cache.BacktestAsync(db, Councils.DemoCouncilCode, Today, Ct));
    }

    private static string Year(int year) => $"{year}-{(year + 1) % 100:00}";

    private static List<List<string>> Rows(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"#{table} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList())];

    [Fact]
    public async Task Commissioner_SeesNextYearInPlainWords_AndEveryYearWithItsRanges_AsTheForecastGivesThem()
    {
        var response = await (await web.SignedInAsync(Roles.Commissioner)).GetAsync("/forecast", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var (forecast, backtest) = await ExpectedAsync(db);

        Assert.Equal(5, forecast.Years.Count);
        var next = forecast.Years[0];
        Assert.Equal(FinancialYear.Of(Today) + 1, next.Year);
        Assert.Equal(
            $"Next year ({Year(next.Year)}) we expect about {ForecastText.Count(next.Total.Mean)} new adults aged 18-25 to start long-term adult social care "
            + $"(80% range {next.Total.P80[0]:N0} to {next.Total.P80[1]:N0}; 95% range {next.Total.P95[0]:N0} to {next.Total.P95[1]:N0}).",
            page.QuerySelector("#headline-total")!.TextContent.Trim());
        // The commissioner's question: how many with a learning disability, with a range.
        var learning = next.ByPrimarySupportReason.Single(r => r.Key.Contains("learning disability", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"Of them, about {ForecastText.Count(learning.Value.Mean)} with learning disability support (80% range {learning.Value.P80[0]:N0} to {learning.Value.P80[1]:N0}).",
            page.QuerySelector("#learning-disability")!.TextContent.Trim());
        Assert.StartsWith("An 80% range means", page.QuerySelector("#range-meaning")!.TextContent.Trim(), StringComparison.Ordinal);

        // Every year: the chart's table, its text alternative, the annual cost, by reason and by band.
        Assert.Equal([.. forecast.Years.Select(y => new List<string> { Year(y.Year), ForecastText.Count(y.Total.Mean), ForecastText.Range(y.Total.P80), ForecastText.Range(y.Total.P95) })],
            Rows(page, "table-forecast-total"));
        Assert.Equal("img", page.QuerySelector("#chart-forecast-total svg")!.GetAttribute("role"));
        Assert.Contains($"{Year(next.Year)} about {ForecastText.Count(next.Total.Mean)} (80% range {ForecastText.Range(next.Total.P80)})",
            page.QuerySelector("#chart-forecast-total desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(forecast.Years.Count * 3, page.QuerySelectorAll("#chart-forecast-total rect.waypoint-chart__interval").Length);
        Assert.Equal([.. forecast.Years.Select(y => new List<string> { Year(y.Year), ForecastText.Money(y.AnnualCost.Mean), ForecastText.Range(y.AnnualCost.P80, money: true), ForecastText.Range(y.AnnualCost.P95, money: true) })],
            Rows(page, "annual-cost"));
        Assert.Equal([.. next.ByPrimarySupportReason.Keys.Select(reason => (List<string>)[reason, .. forecast.Years.Select(y => ForecastText.WithRange(y.ByPrimarySupportReason[reason]))])],
            Rows(page, "by-reason"));
        Assert.Equal([.. WeeklyCostBands.Bands.Select(band => (List<string>)[band, .. forecast.Years.Select(y => ForecastText.WithRange(y.ByCostBand[band]))])],
            Rows(page, "by-cost-band"));

        // The backtest in plain words, as the service found it.
        var text = page.QuerySelector("#backtest")!.TextContent;
        if (backtest.DemandPoints.Count > 0)
        {
            var points = backtest.DemandPoints;
            Assert.Contains($"fell inside our 80% range {points.Count(p => p.In80)} of {points.Count} times", text, StringComparison.Ordinal);
            Assert.Equal(points.Count, page.QuerySelectorAll("#backtest-points tbody tr").Length);
            if (backtest.MeanAbsolutePercentageError is { } error && !double.IsNaN(error))
                Assert.Contains($"our forecast was off by {ForecastText.Percent(error)}", text, StringComparison.Ordinal);
            // Which way it missed, counted here from the same points.
            Assert.Contains($"The forecast was below the actual number {points.Count(p => p.Forecast.Mean < p.Actual)} of {points.Count} times", text, StringComparison.Ordinal);
        }
        else Assert.Contains("too little history yet to test the forecast", text, StringComparison.Ordinal);
        Assert.Contains(backtest.Auc is null ? "too little history yet to test the likelihood model" : "times in 100 (AUC", page.QuerySelector("#auc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(backtest.Calibration.Count, page.QuerySelectorAll("#calibration tbody tr").Length);
        Assert.DoesNotContain(page.QuerySelectorAll("#backtest-points td, #calibration td").Select(c => c.TextContent.Trim()), t => t is "1" or "2" or "3" or "4");
        Assert.Equal(forecast.Basis.Notes, page.QuerySelectorAll("#notes li").Select(li => li.TextContent.Trim()));
        Assert.Contains("docs/forecasting.md", page.QuerySelector("#how")!.TextContent, StringComparison.Ordinal);

        Assert.Null(page.QuerySelector("#scenario-results"));
        Assert.Equal(["/forecast/excel"], page.QuerySelectorAll("#downloads a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Forecast", page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()));
        Assert.Empty(page.QuerySelectorAll("main [style]"));
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task AScenario_IsShownBesideTheForecast_WithTheDifferencesItMakes()
    {
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Manager)).GetAsync($"/forecast?{ScenarioQuery}", Ct));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var (baseline, _) = await ExpectedAsync(db);
        var scenario = await web.Services.GetRequiredService<ForecastCache>().DemandAsync(db, Councils.DemoCouncilCode, Today, new DemandForecastOptions(5, 10_000, 1, Scenario), Ct);

        Assert.Equal("Scenario: " + ForecastReport.Describe(Scenario) + ".", page.QuerySelector("#scenario-description")!.TextContent.Trim());
        Assert.Contains("50% of those heading for residential or nursing care supported in the community instead at £900 a week", page.QuerySelector("#scenario-description")!.TextContent, StringComparison.Ordinal);
        var expected = baseline.Years.Zip(scenario.Years).SelectMany(p => ForecastReport.Compare(p.First, p.Second).Select(c => new List<string>
        {
            Year(p.First.Year), c.Measure,
            c.IsMoney ? ForecastText.Money(c.Without.Mean) : ForecastText.Count(c.Without.Mean),
            c.IsMoney ? ForecastText.Money(c.With.Mean) : ForecastText.Count(c.With.Mean),
            ForecastText.Difference(c.With.Mean - c.Without.Mean, c.IsMoney),
        })).ToList();
        Assert.Equal(expected, Rows(page, "scenario-table"));

        // It changes what it should: twice as many people unknown to children's services, fewer heading for residential care.
        var (before, after) = (baseline.Years[0], scenario.Years[0]);
        if (baseline.Basis.NotKnownPerYear > 0) Assert.True(after.BySource[DemandYear.NotKnown].Mean > before.BySource[DemandYear.NotKnown].Mean);
        if (before.BySetting[DemandYear.Residential].Mean > 0) Assert.True(after.BySetting[DemandYear.Residential].Mean < before.BySetting[DemandYear.Residential].Mean);
        Assert.Contains(expected, r => r[4] != "0" && r[4] != "£0");
        // The form keeps what was entered, and the download carries the scenario.
        Assert.Equal(("50", "900", "100"), (page.QuerySelector("#share")!.GetAttribute("value"), page.QuerySelector("#weeklycost")!.GetAttribute("value"), page.QuerySelector("#notknownchange")!.GetAttribute("value")));
        Assert.Equal([$"/forecast/excel?{ScenarioQuery}"], page.QuerySelectorAll("#downloads a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("share=150&weeklycost=900", "share", "Enter the share supported in the community as a whole number from 0 to 100")]
    [InlineData("share=20", "weeklycost", "Enter the weekly cost of support in the community, in pounds")]
    [InlineData("share=20&weeklycost=lots", "weeklycost", "Enter the weekly cost in the community as a whole number of pounds from 0 to 10,000")]
    [InlineData("notknownchange=-150", "notknownchange", "Enter the change in people not known to children's services as a whole number from -100 to 200")]
    public async Task ABadScenarioInput_GivesAnErrorSummaryNamingTheField_AndNoScenario(string query, string field, string message)
    {
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Analyst)).GetAsync($"/forecast?{query}", Ct));
        var link = page.QuerySelector($".govuk-error-summary a[href='#{field}']");
        Assert.NotNull(link);
        Assert.Equal(message, link.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll(".govuk-error-summary li"));
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#scenario-results"));
        Assert.NotNull(page.QuerySelector("#headline-total"));
    }

    [Fact]
    public async Task TheWorkbook_HoldsThePagesNumbers_WithTheScenario_AndIsAnAuditedExport()
    {
        var analyst = await web.SignedInAsync(Roles.Analyst);
        var page = await WaypointWebFactory.HtmlAsync(await analyst.GetAsync($"/forecast?{ScenarioQuery}", Ct));
        var response = await analyst.GetAsync($"/forecast/excel?{ScenarioQuery}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"forecast-{Today:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(["Contents", "Forecast", "By support reason", "By cost band", "Annual cost", "Scenario", "Backtest", "Notes"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal(page.QuerySelector("#headline-total")!.TextContent.Trim(), workbook.Worksheet("Contents").CellsUsed().Select(c => c.GetString()).Single(s => s.StartsWith("Next year", StringComparison.Ordinal)));

        // Each sheet's rows, written as the page writes them, are the page's tables.
        static List<IXLRangeRow> Data(IXLWorksheet sheet) => [.. sheet.RangeUsed()!.Rows().Skip(1)];
        static string Range(IXLRangeRow r, int from, bool money = false) => ForecastText.Range([r.Cell(from).GetDouble(), r.Cell(from + 1).GetDouble()], money);
        var totals = Data(workbook.Worksheet("Forecast")).Where(r => r.Cell(2).GetString() == "New adults aged 18-25").ToList();
        Assert.Equal(Rows(page, "table-forecast-total"), [.. totals.Select(r => new List<string> { r.Cell(1).GetString(), ForecastText.Count(r.Cell(3).GetDouble()), Range(r, 4), Range(r, 6) })]);
        Assert.Equal(Rows(page, "annual-cost"), [.. Data(workbook.Worksheet("Annual cost")).Select(r => new List<string> { r.Cell(1).GetString(), ForecastText.Money(r.Cell(3).GetDouble()), Range(r, 4, money: true), Range(r, 6, money: true) })]);
        foreach (var (sheet, table) in new[] { ("By support reason", "by-reason"), ("By cost band", "by-cost-band") })
        {
            var rows = Data(workbook.Worksheet(sheet));
            var cells = rows.ToDictionary(r => (r.Cell(1).GetString(), r.Cell(2).GetString()), r => $"{ForecastText.Count(r.Cell(3).GetDouble())} ({Range(r, 4)})");
            var years = page.QuerySelectorAll($"#{table} thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
            foreach (var row in Rows(page, table))
                Assert.Equal(row.Skip(1), years.Select(y => cells[(y, row[0])]));
        }
        var scenario = Data(workbook.Worksheet("Scenario")).Skip(1).ToList();
        Assert.Equal(Rows(page, "scenario-table"), [.. scenario.Select(r =>
        {
            var money = r.Cell(2).GetString().StartsWith("Annual cost", StringComparison.Ordinal);
            string Value(int c) => money ? ForecastText.Money(r.Cell(c).GetDouble()) : ForecastText.Count(r.Cell(c).GetDouble());
            return new List<string> { r.Cell(1).GetString(), r.Cell(2).GetString(), Value(3), Value(4), ForecastText.Difference(r.Cell(5).GetDouble(), money) };
        })]);
        Assert.Contains(workbook.Worksheet("Notes").CellsUsed(), c => c.GetString() == ForecastReport.RangeMeaning);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var audited = await db.AuditEvents.Where(a => a.Action == Exports.Forecast && a.Role == Roles.Analyst).OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Null(audited.PersonId);
        Assert.Equal($"Excel, forecast on {Today:yyyy-MM-dd}; scenario: {ForecastReport.Describe(Scenario)}; estimates and counts, no one named", audited.Detail);
    }

    [Theory]
    [InlineData(Roles.SocialWorker, "/forecast")]
    [InlineData(Roles.TransitionsWorker, "/forecast")]
    [InlineData(Roles.TransitionsWorker, "/forecast/excel")]
    [InlineData(Roles.DataProtectionOfficer, "/forecast")]
    [InlineData(Roles.Administrator, "/forecast/excel")]
    public async Task RolesThatShareNoSummaries_AreRefusedTheForecast(string role, string path)
    {
        var client = await web.SignedInAsync(role);
        var response = await client.GetAsync(path, Ct);
        Assert.StartsWith("/error/403", response.Headers.Location?.PathAndQuery ?? $"{response.StatusCode}", StringComparison.Ordinal);
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/", Ct));
        Assert.DoesNotContain("Forecast", home.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task ACouncilWithNoHistory_GetsAClearMessage_NotAnError_AndNoDownload()
    {
        await using var host = new CouncilHost(web.DatabasePath, "992");
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<ForecastCache>().DemandAsync(db, "992", Today, new DemandForecastOptions(), Ct));
        }
        var commissioner = await WaypointWebFactory.SignedInAsync(host, Roles.Commissioner);
        foreach (var path in new[] { "/forecast", "/forecast/excel", $"/forecast?{ScenarioQuery}" })
        {
            var response = await commissioner.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            var page = await WaypointWebFactory.HtmlAsync(response);
            Assert.Equal("There is not enough history to make a forecast yet", page.QuerySelector("#no-forecast h2")!.TextContent.Trim());
            Assert.Null(page.QuerySelector("#headline-total"));
            Assert.Null(page.QuerySelector("#downloads"));
        }
    }
}
