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
        new(["identified-by-14"], IdentifiedBy14Async),
        new(["assessments-finished"], AssessmentsFinishedAsync),
        new(["eligibility"], EligibilityAsync),
        new(["decided-before-18"], DecidedBefore18Async),
        new(["waiting", "waiting-time"], WaitingAsync),
        new([], TimeToClearAsync),
        new(["panel", "panel-decision"], PanelAsync),
        new(["care-leavers-eet", "care-leavers-accommodation"], CareLeaversAsync),
        new(["high-cost"], HighCostAsync),
        new(["cost-bands"], CostBandsAsync),
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

    private string PreviousPeriod => Period(scope.PreviousPeriod.From, scope.PreviousPeriod.To);

    private string Today => $"on {today:d MMMM yyyy}";

    /// <summary>A count for a section's working, withheld from 1 to 4 for a reader outside the team.</summary>
    private string Count(Counted counted) => exact ? counted.Count.ToString("N0", CultureInfo.InvariantCulture) : SmallNumbers.Single(counted.Count).Display;

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

    private WaitingListOnADay? _waitingList;

    /// <summary>Today's waiting list for the scope's young people, read once for the two sections that show it.</summary>
    private async Task<WaitingListOnADay> WaitingListAsync(CancellationToken cancellationToken) =>
        _waitingList ??= await PathwayMeasures.WaitingListAsync(db, scope.Council, today, scope.People, cancellationToken);

    private async Task<DashboardSection> WaitingAsync(CancellationToken cancellationToken)
    {
        var waiting = await WaitingListAsync(cancellationToken);
        var on = Today;
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
        var working = await Measures.TimeToClearAsync(db, scope.Council, today, cancellationToken, people: scope.People, waitingList: await WaitingListAsync(cancellationToken));
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

    private async Task<DashboardSection> IdentifiedBy14Async(CancellationToken cancellationToken)
    {
        var now = await PathwayMeasures.IdentifiedBy14Async(db, scope, cancellationToken);
        var before = await PathwayMeasures.IdentifiedBy14Async(db, scope.PreviousPeriod, cancellationToken);
        return new DashboardSection("identified-by-14", "Identified by 14",
            "Of the young people who turned 15 in the period, the share first referred for transition support before their 15th birthday: planning for adulthood starts from Year 9. With a team or cohort chosen, every one of its young people who turned 15 is counted, referred or not; otherwise those of the council ever referred.",
            [new ChartData("identified-by-14", "Young people who turned 15, by when they were first referred", ThisPeriod, ChartShape.Categories, "First referred", "Young people",
                [
                    new ChartBar("Before their 15th birthday", "identified", now.Identified.People),
                    new ChartBar("At 15 or later, or not yet", "not-identified", now.NotIdentified.People),
                ])],
            Trend.OfShares(now.Share, before.Share, PreviousPeriod), []);
    }

    private async Task<DashboardSection> EligibilityAsync(CancellationToken cancellationToken)
    {
        var now = await PathwayMeasures.EligibilityRateAsync(db, scope, cancellationToken);
        var before = await PathwayMeasures.EligibilityRateAsync(db, scope.PreviousPeriod, cancellationToken);
        return new DashboardSection("eligibility", "Eligibility rate",
            "Of the transition assessments finished in each month, the share decided eligible for care and support under the national eligibility criteria; the total is the share for the whole period. A young person assessed twice is counted twice.",
            [new ChartData("eligibility", "Assessments finished decided eligible", ThisPeriod, ChartShape.Months, "Month", "Decided eligible",
                [.. now.Months.Select(m => new ChartBar(m.Month.ToString(), MonthKey(m.Month), m.Share.Of.People, m.Month.FirstDay.ToString("MMM yyyy", CultureInfo.InvariantCulture), m.Share.OutOf.People))])],
            Trend.OfShares(now.Overall, before.Overall, PreviousPeriod), []);
    }

    private async Task<DashboardSection> DecidedBefore18Async(CancellationToken cancellationToken)
    {
        var now = await PathwayMeasures.DecidedBefore18Async(db, scope, cancellationToken);
        var before = await PathwayMeasures.DecidedBefore18Async(db, scope.PreviousPeriod, cancellationToken);
        return new DashboardSection("decided-before-18", "Adult decision before 18",
            "Of the young people referred who turned 18 in the period, the share whose own transition assessment was decided, eligible or not, before their 18th birthday, so that care can be in place when they become adults.",
            [new ChartData("decided-before-18", "Young people referred who turned 18, by whether they had an adult decision before their birthday", ThisPeriod, ChartShape.Categories, "Adult decision", "Young people",
                [
                    new ChartBar("Decided before their 18th birthday", "decided", now.Decided.People),
                    new ChartBar("Not decided before their 18th birthday", "not-decided", now.NotDecided.People),
                ])],
            Trend.OfShares(now.Share, before.Share, PreviousPeriod), []);
    }

    private async Task<DashboardSection> PanelAsync(CancellationToken cancellationToken)
    {
        var now = await PanelMeasures.CasesAndDecisionsAsync(db, scope, cancellationToken);
        var before = await PanelMeasures.CasesAndDecisionsAsync(db, scope.PreviousPeriod, cancellationToken);
        return new DashboardSection("panel", "Panel cases and decisions",
            "Cases heard at the transitions panel's meetings held in each month, and for the whole period by the panel's decision. A case deferred to a later meeting counts at each meeting it is heard at.",
            [
                new ChartData("panel", "Panel cases per month", ThisPeriod, ChartShape.Months, "Month", "Cases heard",
                    [.. now.Months.Select(m => new ChartBar(m.Month.ToString(), MonthKey(m.Month), m.Cases.People, m.Month.FirstDay.ToString("MMM yyyy", CultureInfo.InvariantCulture)))]),
                new ChartData("panel-decision", "Panel cases by decision", ThisPeriod, ChartShape.Categories, "Decision", "Cases heard",
                    [.. now.ByDecision.Select(d => new ChartBar(d.Label, d.Decision?.ToString() ?? "none", d.Counted.People))]),
            ],
            new Trend(now.Cases.Count, before.Cases.Count, PreviousPeriod), []);
    }

    private async Task<DashboardSection> CareLeaversAsync(CancellationToken cancellationToken)
    {
        var now = await CareLeaverMeasures.At19To21Async(db, scope, cancellationToken);
        var before = await CareLeaverMeasures.At19To21Async(db, scope.PreviousPeriod, cancellationToken);
        static string Key(string label) => label.Replace("Aged ", "", StringComparison.Ordinal);
        return new DashboardSection("care-leavers", "Care leavers at 19 to 21",
            "Care leavers who turned 19, 20 or 21 in the period, from the council's 903 return: of those whose activity around the birthday is known, the share in education, employment or training; of those whose accommodation is known, the share in suitable accommodation. Those the council was not in touch with are not known, not counted against either.",
            [
                new ChartData("care-leavers-eet", "Care leavers in education, employment or training", ThisPeriod, ChartShape.Categories, "Age", "In education, employment or training",
                    [.. now.ByAge.Select(a => new ChartBar(a.Label, Key(a.Label), a.InEducationEmploymentOrTrainingShare.Of.People, null, a.InEducationEmploymentOrTrainingShare.OutOf.People))]),
                new ChartData("care-leavers-accommodation", "Care leavers in suitable accommodation", ThisPeriod, ChartShape.Categories, "Age", "In suitable accommodation",
                    [.. now.ByAge.Select(a => new ChartBar(a.Label, Key(a.Label), a.SuitablyAccommodatedShare.Of.People, null, a.SuitablyAccommodatedShare.OutOf.People))]),
            ],
            Trend.OfShares(now.All.InEducationEmploymentOrTrainingShare, before.All.InEducationEmploymentOrTrainingShare, PreviousPeriod),
            [
                new SectionFact("Care leavers who turned 19, 20 or 21", Count(now.All.CareLeavers)),
                new SectionFact("Not in touch", Count(now.All.NotInTouch)),
                new SectionFact("Activity not known (not in touch included)", Count(now.All.ActivityNotKnown)),
                new SectionFact("Accommodation not known (not in touch included)", Count(now.All.AccommodationNotKnown)),
            ]);
    }

    private async Task<DashboardSection> HighCostAsync(CancellationToken cancellationToken)
    {
        var cases = await CostMeasures.HighCostCasesAsync(db, scope.Council, today, scope.People, cancellationToken);
        return new DashboardSection("high-cost", "High-cost cases today",
            string.Create(CultureInfo.InvariantCulture, $"Young people aged 14 to 17 today whose current children's placements together cost more than £{cases.AboveAYear:N0} a year (52 weeks of their weekly costs), by their age today, from the council's placement costs. This is today's figure, whatever the period chosen."),
            [new ChartData("high-cost", "High-cost cases by age", Today, ChartShape.Categories, "Age today", "Young people",
                [.. cases.ByAge.Select(a => new ChartBar(a.Label, a.Label, a.Counted.People))])],
            null, []);
    }

    private async Task<DashboardSection> CostBandsAsync(CancellationToken cancellationToken)
    {
        var bands = await CostMeasures.CostBandsAsync(db, scope.Council, today, scope.People, cancellationToken);
        return new DashboardSection("cost-bands", "Cost bands today",
            "Young adults aged 18 to 25 today with long-term adult social care, by the weekly cost of their current long-term services together, from the adult social care client level data: the people in each band, their weekly cost, the annual cost (the weekly cost x 52) and each band's share of the total. This is today's figure, whatever the period chosen.",
            [new ChartData("cost-bands", "Young adults by weekly cost band", Today, ChartShape.Categories, "Weekly cost band (£)", "Young adults",
                [.. bands.PeopleByBand.Select((b, i) => new ChartBar(b.Label, b.Label, b.Counted.People, null, null,
                    [bands.Table.Rows[i].WeeklyCost, bands.Table.Rows[i].AnnualCost, bands.Table.Rows[i].ShareOfCost]))])
            {
                Columns = [new("Weekly cost", "£#,##0.00"), new("Annual cost", "£#,##0.00"), new("Share of cost", "0.0'%'")],
            }],
            null,
            [new SectionFact("With no weekly cost recorded (not in the table)", Count(bands.CostNotKnown))]);
    }
}
