using ClosedXML.Excel;
using Waypoint.Core.Spreadsheets;
using Waypoint.Forecasting.Demand;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The forecast as an Excel workbook for commissioners' own budget models: a contents sheet, the forecast by year, by
/// support reason, by cost band, the annual cost, the scenario if one was chosen, the backtest and notes. Estimates are
/// numbers (means unrounded, shown to one decimal; ranges whole people or pounds) so they can be worked with; text is
/// neutralised against formulas. It names no young person and withholds counts of real people from 1 to 4, so it is
/// marked OFFICIAL like the board report.
/// </summary>
public static class ForecastFiles
{
    public const string MeanFormat = "#,##0.0", CountFormat = "#,##0", MoneyFormat = "£#,##0";

    private static readonly string[] EstimateHeadings = ["Mean", "80% range from", "80% range to", "95% range from", "95% range to"];

    public static byte[] Workbook(ForecastReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var sheets = new List<(string Name, string About)>
        {
            ("Forecast", "New adults aged 18-25 starting long-term adult social care, each year"),
            ("By support reason", "New adults by primary support reason, each year"),
            ("By cost band", "New adults by weekly cost band, each year"),
            ("Annual cost", "The annual cost of the 18-25 cohort in adult social care, each year"),
        };
        if (report.Scenario is not null) sheets.Add(("Scenario", "The scenario chosen, beside the forecast without it"));
        sheets.Add(("Backtest", "How the forecast and the likelihood model did on past years"));
        sheets.Add(("Notes", "What the forecast rests on, what the ranges mean, and its limits"));

        var contents = new Writer(workbook.Worksheets.Add("Contents"));
        contents.Line(true, $"Forecast of new adults aged 18-25 in adult social care, made on {report.AsOf:d MMMM yyyy}");
        if (report.CouncilName is { } council) contents.Line(false, council);
        contents.Line(false, BoardReportFiles.Marking);
        contents.Line(false, report.Headline);
        contents.Line(false, report.LearningDisabilityLine);
        if (report.Chosen is { } chosen) contents.Line(false, "Scenario: " + ForecastReport.Describe(chosen));
        contents.Skip();
        contents.Line(true, "Sheet", "What it holds");
        foreach (var (name, about) in sheets) contents.Line(false, name, about);
        contents.Finish(2);

        var forecast = new Writer(workbook.Worksheets.Add("Forecast"));
        forecast.Line(true, ["Year", "Measure", .. EstimateHeadings]);
        foreach (var year in report.Baseline.Years)
        {
            forecast.Estimate(year.Year, "New adults aged 18-25", year.Total, money: false);
            forecast.Estimate(year.Year, "Annual cost of the 18-25 cohort", year.AnnualCost, money: true);
        }
        forecast.Finish(7);

        Breakdown(workbook.Worksheets.Add("By support reason"), "Primary support reason", report.Baseline.Years, y => y.ByPrimarySupportReason);
        Breakdown(workbook.Worksheets.Add("By cost band"), "Weekly cost band (£)", report.Baseline.Years, y => y.ByCostBand);

        var cost = new Writer(workbook.Worksheets.Add("Annual cost"));
        cost.Line(true, ["Year", "Measure", .. EstimateHeadings]);
        foreach (var year in report.Baseline.Years) cost.Estimate(year.Year, "Annual cost of the 18-25 cohort (£)", year.AnnualCost, money: true);
        cost.Finish(7);

        if (report.Scenario is { } scenario)
        {
            var sheet = new Writer(workbook.Worksheets.Add("Scenario"));
            sheet.Line(true, "Scenario: " + ForecastReport.Describe(report.Chosen!));
            sheet.Line(true, "Year", "Measure", "Without the scenario (mean)", "With the scenario (mean)", "Difference", "With the scenario: 80% range from", "80% range to");
            foreach (var (without, with) in report.Baseline.Years.Zip(scenario.Years))
            {
                foreach (var (measure, a, b, money) in ForecastReport.Compare(without, with))
                {
                    var format = money ? MoneyFormat : MeanFormat;
                    sheet.Row(ForecastText.Year(without.Year), measure, (a.Mean, format), (b.Mean, format), (b.Mean - a.Mean, format),
                        (b.P80[0], money ? MoneyFormat : CountFormat), (b.P80[1], money ? MoneyFormat : CountFormat));
                }
            }
            sheet.Finish(7);
        }

        var backtest = new Writer(workbook.Worksheets.Add("Backtest"));
        foreach (var sentence in report.BacktestSentences) backtest.Line(false, sentence);
        backtest.Line(false, report.AucSentence);
        if (report.Backtest is { DemandPoints.Count: > 0 } tested)
        {
            backtest.Skip();
            backtest.Line(true, "Forecast made at the end of", "For the year", "Years ahead", "Forecast (mean)", "80% range from", "80% range to", "Actual new adults", "Inside the 80% range");
            foreach (var p in tested.DemandPoints)
            {
                backtest.Row(ForecastText.Year(p.Origin), ForecastText.Year(p.Year), (p.Horizon, CountFormat), (p.Forecast.Mean, MeanFormat),
                    (p.Forecast.P80[0], CountFormat), (p.Forecast.P80[1], CountFormat), ForecastText.People(p.Actual), p.In80 ? "Yes" : "No");
            }
        }
        if (report.Backtest is { Calibration.Count: > 0 } c)
        {
            backtest.Skip();
            backtest.Line(true, "Tenth of young people by likelihood", "Young people", "Expected to need adult care", "Did need adult care");
            foreach (var d in c.Calibration)
                backtest.Line(false, d.Decile.ToString(System.Globalization.CultureInfo.InvariantCulture), ForecastText.People(d.Count), ForecastText.Percent(d.Expected), ForecastText.Percent(d.Observed));
        }
        backtest.Finish(8);

        var notes = new Writer(workbook.Worksheets.Add("Notes"));
        notes.Line(true, "Notes");
        notes.Line(false, ForecastReport.RangeMeaning);
        notes.Line(false, ForecastReport.EstimatesNote);
        foreach (var line in report.HowItIsMade) notes.Line(false, line);
        foreach (var note in report.Baseline.Basis.Notes) notes.Line(false, note);
        notes.Finish(1);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A breakdown's sheet: one row for each year and category.</summary>
    private static void Breakdown(IXLWorksheet worksheet, string heading, IReadOnlyList<DemandYear> years, Func<DemandYear, IReadOnlyDictionary<string, Estimate>> of)
    {
        var sheet = new Writer(worksheet);
        sheet.Line(true, ["Year", heading, .. EstimateHeadings]);
        foreach (var year in years)
            foreach (var (category, estimate) in of(year)) sheet.Estimate(year.Year, category, estimate, money: false);
        sheet.Finish(7);
    }

    /// <summary>Writes a sheet row by row: text through <see cref="SheetCells.Text"/>, numbers with their format.</summary>
    private sealed class Writer(IXLWorksheet sheet)
    {
        private int _row = 1;

        public void Line(bool bold, params string[] values)
        {
            for (var c = 0; c < values.Length; c++) SheetCells.Text(sheet.Cell(_row, c + 1), values[c]).Style.Font.Bold = bold;
            _row++;
        }

        public void Skip() => _row++;

        /// <summary>A row of text and numbers (a number with its display format).</summary>
        public void Row(params object[] values)
        {
            for (var c = 0; c < values.Length; c++)
            {
                var cell = sheet.Cell(_row, c + 1);
                if (values[c] is ValueTuple<double, string>(var number, var format))
                {
                    cell.SetValue(number);
                    cell.Style.NumberFormat.Format = format;
                }
                else if (values[c] is ValueTuple<int, string>(var whole, var wholeFormat))
                {
                    cell.SetValue(whole);
                    cell.Style.NumberFormat.Format = wholeFormat;
                }
                else SheetCells.Text(cell, (string)values[c]);
            }
            _row++;
        }

        public void Estimate(int year, string measure, Estimate e, bool money)
        {
            var range = money ? MoneyFormat : CountFormat;
            Row(ForecastText.Year(year), measure, (e.Mean, money ? MoneyFormat : MeanFormat), (e.P80[0], range), (e.P80[1], range), (e.P95[0], range), (e.P95[1], range));
        }

        public void Finish(int columns)
        {
            sheet.Column(1).Width = columns == 1 ? 120 : 30;
            if (columns > 1) sheet.Columns(2, columns).Width = 22;
            if (columns > 1) sheet.Column(2).Width = 50;
            sheet.Columns(1, columns).Style.Alignment.WrapText = true;
            sheet.Columns(1, columns).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        }
    }
}
