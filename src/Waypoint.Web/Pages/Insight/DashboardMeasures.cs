using System.Globalization;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;

namespace Waypoint.Web.Pages.Insight;

/// <summary>A term and its value in a section's working (the inputs of a projection, say), shown as a summary list.</summary>
public sealed record SectionFact(string Term, string Value);

/// <summary>
/// One measure of the dashboard: its heading and what it counts, its charts (each with its table), the trend of its total
/// against the previous period where it counts over a period, and the working where it is worked out from other figures.
/// </summary>
public sealed record DashboardSection(string Id, string Heading, string About, IReadOnlyList<ChartData> Charts, Trend? Trend, IReadOnlyList<SectionFact> Working);

/// <summary>
/// The dashboard's measures for one scope (period, and a team's or a cohort's young people or everyone's), from Core's
/// measures (docs/measures.md). The dashboard shows every section; the drill-down builds only the one holding the number
/// asked about and takes the people behind it, so both always agree. A new measure is one more entry in
/// <see cref="Definitions"/>.
/// </summary>
public sealed class DashboardMeasures(WaypointDbContext db, MeasureScope scope, DateOnly today, bool exact)
{
    private sealed record Definition(IReadOnlyList<string> Measures, Func<CancellationToken, Task<DashboardSection>> BuildAsync);

    private IReadOnlyList<Definition> Definitions =>
    [
        new(["referrals", "referrals-source", "referrals-age"], ReferralsAsync),
        new(["assessments-finished"], AssessmentsFinishedAsync),
        new(["waiting"], WaitingAsync),
        new([], TimeToClearAsync),
    ];

    /// <summary>Every section, in order; or, given a chart's measure code, only the section that holds it (none if no section does).</summary>
    public async Task<IReadOnlyList<DashboardSection>> SectionsAsync(CancellationToken cancellationToken, string? measure = null)
    {
        var sections = new List<DashboardSection>();
        foreach (var definition in Definitions.Where(d => measure is null || d.Measures.Contains(measure)))
            sections.Add(await definition.BuildAsync(cancellationToken));
        return sections;
    }

    /// <summary>"April to June 2025", "November 2024 to January 2025", "April 2025".</summary>
    public static string Period(CalendarMonth from, CalendarMonth to) =>
        from == to ? from.ToString()
        : from.Year == to.Year ? $"{from.FirstDay.ToString("MMMM", CultureInfo.InvariantCulture)} to {to}"
        : $"{from} to {to}";

    public static string MonthKey(CalendarMonth month) => month.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static CalendarMonth? ParseMonth(string? key) =>
        DateOnly.TryParseExact($"{key}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? CalendarMonth.Of(day) : null;

    private string ThisPeriod => Period(scope.From, scope.To);

    private static IReadOnlyList<ChartBar> MonthBars(IEnumerable<MonthCount> months) =>
        [.. months.Select(m => new ChartBar(m.Month.ToString(), MonthKey(m.Month), m.Counted.People, m.Month.FirstDay.ToString("MMM yyyy", CultureInfo.InvariantCulture)))];

    /// <summary>The referral form's sources in few enough words to sit beside a bar; the table gives them in full.</summary>
    private static string ShortLabel(ReferralSource source) => source switch
    {
        ReferralSource.ChildrensSocialCare => "Children's social care",
        ReferralSource.Health => "Health",
        ReferralSource.SelfReferral => "Young person or family",
        ReferralSource.Other => "Other",
        _ => Referrals.Label(source),
    };

    private async Task<DashboardSection> ReferralsAsync(CancellationToken cancellationToken)
    {
        var now = await Measures.ReferralsAsync(db, scope, cancellationToken);
        var before = await Measures.ReferralsAsync(db, scope.PreviousPeriod, cancellationToken);
        var trend = new Trend(now.Total, before.Total, Period(before.From, before.To));
        return new DashboardSection("referrals", "Referrals",
            "Requests for a transition assessment received in each month, by the day the council received them; for the whole period, by who referred and by the young person's age that day.",
            [
                new ChartData("referrals", "Referrals per month", ThisPeriod, ChartShape.Months, "Month", "Referrals", MonthBars(now.Months)),
                new ChartData("referrals-source", "Referrals by source", ThisPeriod, ChartShape.Categories, "Referred by", "Referrals",
                    [.. now.BySource.Select(s => new ChartBar(Referrals.Label(s.Source), s.Source.ToString(), s.Counted.People, ShortLabel(s.Source)))]),
                new ChartData("referrals-age", "Referrals by age at referral", ThisPeriod, ChartShape.Categories, "Age at referral", "Referrals",
                    [.. now.ByAge.Select(a => new ChartBar(a.Label, a.Age?.ToString(CultureInfo.InvariantCulture) ?? "unknown", a.Counted.People))]),
            ],
            trend, []);
    }

    private async Task<DashboardSection> AssessmentsFinishedAsync(CancellationToken cancellationToken)
    {
        var now = await Measures.AssessmentsFinishedAsync(db, scope, cancellationToken);
        var before = await Measures.AssessmentsFinishedAsync(db, scope.PreviousPeriod, cancellationToken);
        return new DashboardSection("assessments-finished", "Assessments finished",
            "Transition assessments finished in each month: those whose eligibility decision was made that month, eligible or not. A refused request is not an assessment finished.",
            [new ChartData("assessments-finished", "Assessments finished per month", ThisPeriod, ChartShape.Months, "Month", "Assessments finished", MonthBars(now.Months))],
            new Trend(now.Total, before.Total, Period(before.From, before.To)), []);
    }

    private async Task<DashboardSection> WaitingAsync(CancellationToken cancellationToken)
    {
        var waiting = await PathwayMeasures.WaitingListAsync(db, scope.Council, today, scope.People, cancellationToken);
        var on = $"on {today:d MMMM yyyy}";
        return new DashboardSection("waiting", "Waiting list today",
            "Young people referred and waiting for their first transition assessment today, by their age today and by how long they have waited since the referral was received. This is today's list, whatever the period chosen.",
            [
                new ChartData("waiting", "Waiting for a first assessment, by age", on, ChartShape.Categories, "Age today", "Young people waiting", Rows(waiting.ByAge)),
                new ChartData("waiting-time", "Waiting for a first assessment, by time waited", on, ChartShape.Categories, "Time waited", "Young people waiting", Rows(waiting.ByTimeWaited)),
            ],
            null, []);
    }

    /// <summary>A measure's labelled rows as bars; the label is also the drill-down's key.</summary>
    private static IReadOnlyList<ChartBar> Rows(IEnumerable<CountedRow> rows) => [.. rows.Select(r => new ChartBar(r.Label, r.Label, r.Counted.People))];

    private async Task<DashboardSection> TimeToClearAsync(CancellationToken cancellationToken)
    {
        var working = await Measures.TimeToClearAsync(db, scope.Council, today, cancellationToken, people: scope.People);
        var history = Period(working.ReferralsHistory[0].Month, working.ReferralsHistory[^1].Month);
        string Rate(IReadOnlyList<MonthCount> months, MonthlyRate rate, string what)
        {
            var total = months.Sum(m => m.Counted.Count);
            return !exact && SmallNumbers.IsSmall(total)
                ? $"withheld: fewer than 5 {what} in {history}"
                : string.Create(CultureInfo.InvariantCulture, $"{rate.Average:0.#} a month ({total:N0} {what} in {history})");
        }
        return new DashboardSection("time-to-clear", "Time to clear the waiting list",
            $"How long until everyone waiting today has had a first assessment, if referrals keep arriving and assessments keep being finished at the average rates of {history} (the last {working.ReferralsHistory.Count} complete months). A queue simulated 10,000 times gives the range.",
            [],
            null,
            [
                new SectionFact("Waiting today", exact ? working.Waiting.Count.ToString("N0", CultureInfo.InvariantCulture) : SmallNumbers.Single(working.Waiting.Count).Display),
                new SectionFact("Referrals", Rate(working.ReferralsHistory, working.Referrals, "referrals")),
                new SectionFact("Assessments finished", Rate(working.AssessmentsFinishedHistory, working.AssessmentsFinished, "assessments finished")),
                new SectionFact("Projected time to clear", working.Projection.Summary),
            ]);
    }
}
