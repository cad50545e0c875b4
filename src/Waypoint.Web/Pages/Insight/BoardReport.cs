using System.Globalization;
using System.Text.RegularExpressions;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Core.Insight;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// A quarter of the council's financial year, which runs from April to March: April to June is Q1, January to March Q4.
/// <see cref="Year"/> is the year it starts in (2026 for 2026-27).
/// </summary>
public readonly partial record struct FinancialQuarter(int Year, int Number)
{
    public CalendarMonth From => Number == 4 ? new CalendarMonth(Year + 1, 1) : new CalendarMonth(Year, (3 * Number) + 1);

    public CalendarMonth To => CalendarMonth.Of(From.FirstDay.AddMonths(2));

    /// <summary>"2026-27".</summary>
    public string FinancialYear => string.Create(CultureInfo.InvariantCulture, $"{Year}-{(Year + 1) % 100:00}");

    /// <summary>"2026-27-Q2": in the query string and the file names.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{FinancialYear}-Q{Number}");

    /// <summary>"Q2 2026-27 (July to September 2026)".</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"Q{Number} {FinancialYear} ({DashboardMeasures.Period(From, To)})");

    public FinancialQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public static FinancialQuarter Of(CalendarMonth month) =>
        new(month.Month >= 4 ? month.Year : month.Year - 1, ((month.Month + 8) % 12 / 3) + 1);

    /// <summary>The last quarter that has ended by <paramref name="today"/>: the one before today's.</summary>
    public static FinancialQuarter LastComplete(DateOnly today) => Of(CalendarMonth.Of(today)).Previous;

    /// <summary>The quarter a code such as "2026-27-Q2" names, or null.</summary>
    public static FinancialQuarter? Parse(string? code)
    {
        if (code is null || CodePattern().Match(code) is not { Success: true } match) return null;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) == (year + 1) % 100 && year >= 2000
            ? new FinancialQuarter(year, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-Q([1-4])$")]
    private static partial Regex CodePattern();
}

/// <summary>A measure of the report as a reader outside the team sees it: the section, and its charts with small numbers withheld.</summary>
public sealed record BoardReportSection(DashboardSection Section, IReadOnlyList<ChartView> Charts)
{
    /// <summary>
    /// The section's headline figure for "at a glance": its total for the quarter with the trend where it counts over a
    /// period; otherwise its first chart's total on the day; otherwise the last line of its working (its result).
    /// </summary>
    public string? Headline(string quarter)
    {
        if (Section.Trend is { } trend) return $"{trend.Headline(exact: false)} in {quarter}, {trend.Text(exact: false)}";
        // A measure of a day: "18 young people waiting on 24 November 2026".
        if (Charts.Count > 0) return $"{Charts[0].Total.Shown} {Section.Charts[0].CountHeading.ToLowerInvariant()} {Section.Charts[0].Period}";
        return Section.Working.Count > 0 ? Section.Working[^1].Value : null;
    }
}

/// <summary>
/// The Transitions Board's quarterly report (issue 8): the dashboard's measures for one quarter of the financial year,
/// always with small numbers withheld as for anyone outside the team (docs/security.md, "Small numbers") - the report is
/// sent to the board whoever prepares it - then the delivery plan's RAG summary. The page, the Word document and the
/// workbook are all written from this one record, so they cannot disagree.
/// </summary>
public sealed record BoardReport(FinancialQuarter Quarter, string? CouncilName, DateOnly PreparedOn, DashboardFilter Filter, IReadOnlyList<BoardReportSection> Sections, DeliveryPlanSummary Plan)
{
    public string Title => $"Transitions Board report: {Quarter.Name}";

    public string Period => DashboardMeasures.Period(Quarter.From, Quarter.To);

    /// <summary>Whose young people the measures count: everyone's, or a team's or a cohort's.</summary>
    public string Scope =>
        Filter.Team is null && Filter.Cohort is null ? "All the council's young people"
        : "Young people" + (Filter.Team is null ? "" : $" of the team {Filter.Team}") + (Filter.Team is not null && Filter.Cohort is not null ? " and" : "")
          + (Filter.Cohort is null ? "" : $" in the {Core.People.Cohort.Label(Filter.Cohort).ToLowerInvariant()} cohort");

    public IEnumerable<(string Heading, string Figure)> AtAGlance =>
        Sections.Select(s => (s.Section.Heading, s.Headline(Period))).Where(h => h.Item2 is not null).Select(h => (h.Heading, h.Item2!));

    public const string SmallNumbersNote = "Counts of 1 to 4 are shown as <5, so that no young person can be recognised; 0 means none.";
    public const string SecondaryNote = "Where a total is shown, a second count may be withheld ([c]) so that a count under 5 cannot be worked out from the total.";
    public const string TrendNote = "A trend compares the quarter with the quarter before it. The waiting list, the time to clear it and other measures of a day are as on the day the report was prepared.";

    /// <summary>The file a download offers: the quarter, never anyone's name.</summary>
    public string FileName(string extension) => $"transitions-board-report-{Quarter.Code}.{extension}";

    /// <summary>The report for a quarter of <paramref name="council"/>, for everyone's young people or a team's or cohort's.</summary>
    public static async Task<BoardReport> BuildAsync(
        WaypointDbContext db, TrackerCache cache, string council, string? councilName, FinancialQuarter quarter, string? team, string? cohort, DateOnly today, CancellationToken cancellationToken)
    {
        var (filter, _) = DashboardFilter.Read(DashboardMeasures.MonthKey(quarter.From), DashboardMeasures.MonthKey(quarter.To), team, cohort, today);
        var scope = await filter.ScopeAsync(db, cache, council, today, cancellationToken);
        var sections = await new DashboardMeasures(db, scope, today, exact: false).SectionsAsync(cancellationToken);
        var plan = await DeliveryPlans.SummaryAsync(db, council, cancellationToken);
        return new BoardReport(quarter, councilName, today, filter,
            [.. sections.Select(s => new BoardReportSection(s, [.. s.Charts.Select((c, i) => ChartView.Of(c, exact: false, link: null, i == 0 ? s.Trend : null))]))],
            plan);
    }

    /// <summary>A chart's table headings: its categories, its count (or share), then any further columns (a cost band's money).</summary>
    public static string[] Headings(ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return [chart.CategoryHeading, chart.CountHeading, .. chart.ColumnHeadings];
    }

    /// <summary>
    /// A chart's table as rows of text, as the dashboard's table shows it to a reader outside the team: each bar's label,
    /// its count or share, and its further columns, then "All".
    /// </summary>
    public static IEnumerable<string[]> Rows(ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Bars.Append(chart.Total).Select(b => new[] { b.Label, b.Shown }.Concat(b.Values ?? []).ToArray());
    }
}
