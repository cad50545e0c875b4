using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Insight;
using Waypoint.Core.People;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Tests;

/// <summary>
/// The dashboard against the demo council's own pathway: its numbers are Core's measures worked out here on the same
/// database; managers see exact counts that open onto the young people behind them, commissioners see no count from 1
/// to 4 and no link, and practitioners do not get it at all.
/// </summary>
public class DashboardPageTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    /// <summary>The last twelve complete months: the demo's cases are dated over the past year and a bit.</summary>
    private static (CalendarMonth From, CalendarMonth To) Year
    {
        get
        {
            var to = CalendarMonth.Of(Today).Previous;
            return (CalendarMonth.Of(to.FirstDay.AddMonths(-11)), to);
        }
    }

    private static string Key(CalendarMonth m) => m.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Query((CalendarMonth From, CalendarMonth To) period, string extra = "") => $"/dashboard?from={Key(period.From)}&to={Key(period.To)}{extra}";

    private static List<(string Label, string Text, string? Link)> Rows(IDocument page, string measure) =>
        [.. page.QuerySelectorAll($"#table-{measure} tbody tr").Select(tr => (
            tr.QuerySelector("th")!.TextContent.Trim(),
            (tr.QuerySelector("td a")?.ChildNodes[0].TextContent ?? tr.QuerySelector("td")!.TextContent).Trim(),
            tr.QuerySelector("td a")?.GetAttribute("href")))];

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Every cell of a table's rows after the label: the count (or share) and any other columns.</summary>
    private static List<List<string>> Cells(IDocument page, string measure) =>
        [.. page.QuerySelectorAll($"#table-{measure} tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => (td.QuerySelector("a")?.ChildNodes[0].TextContent ?? td.TextContent).Trim()).ToList())];

    /// <summary>A share as a manager's table shows it, worked out here: "12 of 30 (40.0%)", or "No one to count".</summary>
    private static string ShareCell(Share share) =>
        share.OutOf.Count == 0 ? "No one to count" : $"{N(share.Of.Count)} of {N(share.OutOf.Count)} ({(100m * share.Of.Count / share.OutOf.Count).ToString("0.0", CultureInfo.InvariantCulture)}%)";

    /// <summary>The last twelve complete months and the month so far: the demo's panel met a fortnight ago.</summary>
    private static (CalendarMonth From, CalendarMonth To) YearToDate => (Year.From, CalendarMonth.Of(Today));

    [Fact]
    public async Task Manager_SeesEachMeasureAsAChartWithItsTable_ExactlyAsCoreCountsThem_WithTheTrend()
    {
        var period = Year;
        var manager = await web.SignedInAsync(Roles.Manager);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var scope = new MeasureScope(Councils.DemoCouncilCode, period.From, period.To);
        async Task<(ReferralsPerMonth Referrals, ReferralsPerMonth Before, AssessmentsFinishedPerMonth Finished, WaitingListOnADay Waiting)> CountsAsync() => (
            await Measures.ReferralsAsync(db, scope, Ct), await Measures.ReferralsAsync(db, scope.PreviousPeriod, Ct),
            await Measures.AssessmentsFinishedAsync(db, scope, Ct), await PathwayMeasures.WaitingListAsync(db, Councils.DemoCouncilCode, Today, null, Ct));
        static string Totals((ReferralsPerMonth R, ReferralsPerMonth B, AssessmentsFinishedPerMonth F, WaitingListOnADay W) c) =>
            string.Join(",", c.R.Months.Select(m => m.Counted.Count)) + $"|{c.B.Total}|" + string.Join(",", c.F.Months.Select(m => m.Counted.Count)) + $"|{c.W.Waiting.Count}";

        // Core's counts before and after the page, until both agree: other tests refer and assess young people in the
        // shared demo at the same time (a referral between the page and the counts failed this once on a fresh clone).
        IDocument page;
        (ReferralsPerMonth, ReferralsPerMonth, AssessmentsFinishedPerMonth, WaitingListOnADay) counts;
        var attempt = 0;
        while (true)
        {
            var first = await CountsAsync();
            var response = await manager.GetAsync(Query(period), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await WaypointWebFactory.HtmlAsync(response);
            counts = await CountsAsync();
            if (Totals(first) == Totals(counts) || ++attempt == 5) break;
        }
        var (referrals, before, finished, waiting) = counts;
        Assert.True(referrals.Total > 10, $"Only {referrals.Total} referrals in the demo's last year.");
        Assert.True(waiting.Waiting.Count > 10, $"Only {waiting.Waiting.Count} waiting in the demo.");

        Assert.Equal([.. referrals.Months.Select(m => (m.Month.ToString(), N(m.Counted.Count))), ("All", N(referrals.Total))], Rows(page, "referrals").Select(r => (r.Label, r.Text)));
        Assert.Equal([.. referrals.BySource.Select(s => N(s.Counted.Count)), N(referrals.Total)], Rows(page, "referrals-source").Select(r => r.Text));
        Assert.Equal([.. referrals.ByAge.Select(a => (a.Label, N(a.Counted.Count))), ("All", N(referrals.Total))], Rows(page, "referrals-age").Select(r => (r.Label, r.Text)));
        Assert.Equal([.. finished.Months.Select(m => N(m.Counted.Count)), N(finished.Total)], Rows(page, "assessments-finished").Select(r => r.Text));
        Assert.Equal([.. waiting.ByAge.Select(b => (b.Label, N(b.Counted.Count))), ("All", N(waiting.Waiting.Count))], Rows(page, "waiting").Select(r => (r.Label, r.Text)));
        Assert.Equal([.. waiting.ByTimeWaited.Select(b => (b.Label, N(b.Counted.Count))), ("All", N(waiting.Waiting.Count))], Rows(page, "waiting-time").Select(r => (r.Label, r.Text)));

        // Every number but 0 opens onto the young people behind it; the link carries codes and months, nothing about anyone.
        foreach (var (label, text, link) in Rows(page, "referrals"))
        {
            if (text == "0") Assert.Null(link);
            else Assert.Matches($"^/dashboard/people\\?from={Key(period.From)}&to={Key(period.To)}&measure=referrals(&key=\\d{{4}}-\\d{{2}})?$", link);
        }

        var change = referrals.Total - before.Total;
        var trend = page.QuerySelector("#referrals-trend")!.TextContent;
        Assert.Contains(change switch { > 0 => $"up {N(change)}", < 0 => $"down {N(-change)}", _ => "the same as" }, trend, StringComparison.Ordinal);
        Assert.Contains($"({N(before.Total)}, ", trend, StringComparison.Ordinal);
        Assert.Contains("Projected time to clear", page.QuerySelector("#time-to-clear-working")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(N(waiting.Waiting.Count), page.QuerySelector("#time-to-clear-working")!.TextContent, StringComparison.Ordinal);
        // The content security policy allows no style attribute: the charts are coloured from the site's CSS.
        Assert.Empty(page.QuerySelectorAll("main [style]"));
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task EachChart_HasATextAlternativeWithTheNumbersOfItsTable()
    {
        var response = await (await web.SignedInAsync(Roles.Manager)).GetAsync(Query(Year), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal(
            ["referrals", "referrals-source", "referrals-age", "identified-by-14", "assessments-finished", "eligibility", "decided-before-18", "waiting", "waiting-time",
             "panel", "panel-decision", "care-leavers-eet", "care-leavers-accommodation", "high-cost", "cost-bands"],
            page.QuerySelectorAll("figure.waypoint-chart").Select(c => c.Id!["chart-".Length..]));
        AssertEachDescriptionHasItsTablesNumbers(page);
    }

    private static void AssertEachDescriptionHasItsTablesNumbers(IDocument page)
    {
        foreach (var figure in page.QuerySelectorAll("figure.waypoint-chart"))
        {
            var measure = figure.Id!["chart-".Length..];
            var svg = figure.QuerySelector("svg")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            var title = svg.QuerySelector("title")!;
            var desc = svg.QuerySelector("desc")!;
            Assert.Equal($"{title.Id} {desc.Id}", svg.GetAttribute("aria-labelledby"));
            Assert.Equal(page.QuerySelector($"#table-{measure} caption")!.TextContent.Trim(), title.TextContent.Trim());
            // "Referrals per month, April to June 2025: April 2025 4, May 2025 0 and June 2025 6; 10 in all, ...": each
            // bar's label and number in the table's order, then the total; "No one to count" in lower case within the sentence.
            var rows = Rows(page, measure);
            static string InSentence(string text) => text == "No one to count" ? "no one to count" : text;
            var expected = string.Join(", ", rows[..^2].Select(r => $"{r.Label} {InSentence(r.Text)}")) + $" and {rows[^2].Label} {InSentence(rows[^2].Text)}; {InSentence(rows[^1].Text)} in all";
            Assert.Contains(expected, desc.TextContent, StringComparison.Ordinal);
            // One bar drawn for each number above 0 that is not withheld (for a share, each per cent above 0), and the axis's labels are text.
            static bool Drawn(string text) =>
                text.Contains(" of ", StringComparison.Ordinal) ? Regex.Match(text, @"\(([\d.]+)%\)") is { Success: true } m && m.Groups[1].Value != "0.0"
                : text is not ("0" or "<5" or "[c]" or "No one to count");
            Assert.Equal(rows[..^1].Count(r => Drawn(r.Text)), svg.QuerySelectorAll("rect.waypoint-chart__bar").Length);
            Assert.NotEmpty(svg.QuerySelectorAll("text.waypoint-chart__tick"));
        }
    }

    [Fact]
    public async Task Commissioner_SeesNoCountFromOneToFour_NoLinks_AndTheShownCountsAreTheRealOnes()
    {
        var period = Year;
        var response = await (await web.SignedInAsync(Roles.Commissioner)).GetAsync(Query(period), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Contains("Numbers under 5 are suppressed", page.QuerySelector("#small-numbers")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".waypoint-chart-table a"));

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var referrals = await Measures.ReferralsAsync(db, new MeasureScope(Councils.DemoCouncilCode, period.From, period.To), Ct);
        var bySource = referrals.BySource.Select(s => s.Counted.Count).Append(referrals.Total).ToList();
        var byAge = referrals.ByAge.Select(a => a.Counted.Count).Append(referrals.Total).ToList();
        Assert.Contains(bySource.Concat(byAge), SmallNumbers.IsSmall);
        foreach (var (measure, counts) in new[] { ("referrals-source", bySource), ("referrals-age", byAge) })
        {
            var shown = Rows(page, measure);
            Assert.Equal(counts.Count, shown.Count);
            for (var i = 0; i < counts.Count; i++)
            {
                if (SmallNumbers.IsSmall(counts[i])) Assert.Equal("<5", shown[i].Text);
                else if (shown[i].Text != "[c]") Assert.Equal(N(counts[i]), shown[i].Text);
            }
        }
        // Nowhere on the page - tables, charts' text, their descriptions - is a count from 1 to 4 given away.
        var texts = page.QuerySelectorAll(".waypoint-chart-table td, svg text.waypoint-chart__value").Select(e => e.TextContent.Trim());
        Assert.DoesNotContain(texts, t => t is "1" or "2" or "3" or "4");
        AssertEachDescriptionHasItsTablesNumbers(page);
    }

    [Theory]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.TransitionsWorker)]
    [InlineData(Roles.Administrator)]
    public async Task Practitioners_AndOthersWhoShareNoSummaries_AreRefusedTheDashboard(string role)
    {
        var client = await web.SignedInAsync(role);
        var dashboard = await client.GetAsync("/dashboard", Ct);
        Assert.StartsWith("/error/403", dashboard.Headers.Location?.PathAndQuery ?? $"{dashboard.StatusCode}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.SocialWorker)]
    public async Task TheYoungPeopleBehindANumber_AreForManagersOnly(string role)
    {
        var (from, to) = Year;
        var drill = await (await web.SignedInAsync(role)).GetAsync($"/dashboard/people?measure=referrals&from={Key(from)}&to={Key(to)}", Ct);
        Assert.StartsWith("/error/403", drill.Headers.Location?.PathAndQuery ?? $"{drill.StatusCode}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrillDown_ListsTheYoungPeopleBehindTheNumber_OnlyThoseTheManagerMaySee_AndIsAudited()
    {
        var manager = await web.SignedInAsync(Roles.Manager);
        var page = await WaypointWebFactory.HtmlAsync(await manager.GetAsync(Query(Year), Ct));
        var busiest = Rows(page, "referrals")[..^1].MaxBy(r => int.Parse(r.Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.NotNull(busiest.Link);
        var month = CalendarMonth.Of(DateOnly.ParseExact(Regex.Match(busiest.Link, @"key=(\d{4}-\d{2})").Groups[1].Value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));

        var response = await manager.GetAsync(busiest.Link, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await WaypointWebFactory.HtmlAsync(response);
        var shown = list.QuerySelectorAll("#people tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var ids = (await Measures.ReferralsAsync(db, new MeasureScope(Councils.DemoCouncilCode, month, month), Ct)).Months.Single().Counted.People.Distinct().ToList();
        var references = await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Reference).ToListAsync(Ct);
        // The access rules applied to the people counted themselves: someone referred in the month may have left the
        // cohort (the tracker's people) since and still be seen through the team's involvement.
        var user = DemoUsers.All.Single(u => u.Role == Roles.Manager);
        var time = web.Services.GetRequiredService<TimeProvider>();
        var access = await PersonAccess.ScopeAsync(db, WaypointClaims.ViewerFor(Councils.DemoCouncilCode, user.Name, Roles.Manager, user.Team), time.GetUtcNow(), Ct);
        var cohorts = await web.Services.GetRequiredService<TrackerCache>().CohortsAsync(db, Councils.DemoCouncilCode, DateOnly.FromDateTime(time.GetLocalNow().Date), Ct);
        var mayBeSeen = (await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Reference }).ToListAsync(Ct))
            .Where(p => access.Basis(p.Id, cohorts.GetValueOrDefault(p.Id)) is not null).Select(p => p.Reference).ToHashSet();
        Assert.NotEmpty(shown);
        Assert.Equal(references.Where(mayBeSeen.Contains).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        var hidden = references.Count(r => !mayBeSeen.Contains(r));
        if (hidden > 0) Assert.Contains($"{hidden}", list.QuerySelector("#hidden")!.TextContent, StringComparison.Ordinal);
        else Assert.Null(list.QuerySelector("#hidden"));
        Assert.Contains(busiest.Text, list.QuerySelector("#counted")!.TextContent, StringComparison.Ordinal);

        // Each name opens the young person's page, which the access rules let the manager see.
        var first = list.QuerySelector("#people tbody a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(first, Ct)).StatusCode);

        var audited = await db.AuditEvents.Where(a => a.Action == "view-dashboard-people" && a.UserName == "Demo team manager").ToListAsync(Ct);
        Assert.Contains(audited, a => a.PersonId is null && a.Detail!.StartsWith($"{shown.Count} people shown, {hidden} not shown; measure=referrals, key={Key(month)}", StringComparison.Ordinal));

        // A number that is not on the dashboard is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/dashboard/people?measure=no-such-measure", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/dashboard/people?measure=referrals&key=1999-01&from={Key(month)}&to={Key(month)}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ATeamOrACohort_CountsOnlyItsYoungPeople_AsCoreDoes()
    {
        // The transitions worker's sign-in puts them, and so their cases, in the transitions team's staff list.
        await web.SignedInAsync(Roles.TransitionsWorker);
        var period = Year;
        var manager = await web.SignedInAsync(Roles.Manager);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var cohorts = await web.Services.GetRequiredService<TrackerCache>().CohortsAsync(db, Councils.DemoCouncilCode, Today, Ct);
        var scope = new MeasureScope(Councils.DemoCouncilCode, period.From, period.To);
        var all = await Measures.ReferralsAsync(db, scope, Ct);

        foreach (var (query, people) in new[]
        {
            ("&cohort=ehc-plan", MeasurePeople.InCohort(cohorts, Cohort.EhcPlan)),
            ("&team=Transitions+team", await MeasurePeople.OfTeamAsync(db, Councils.DemoCouncilCode, "Transitions team", Ct)),
            ("&team=Transitions+team&cohort=looked-after", MeasurePeople.Both(await MeasurePeople.OfTeamAsync(db, Councils.DemoCouncilCode, "Transitions team", Ct), MeasurePeople.InCohort(cohorts, Cohort.LookedAfter))),
        })
        {
            var expected = await Measures.ReferralsAsync(db, scope with { People = people }, Ct);
            var waiting = await PathwayMeasures.WaitingListAsync(db, Councils.DemoCouncilCode, Today, people, Ct);
            var page = await WaypointWebFactory.HtmlAsync(await manager.GetAsync(Query(period, query), Ct));
            Assert.Equal([.. expected.Months.Select(m => N(m.Counted.Count)), N(expected.Total)], Rows(page, "referrals").Select(r => r.Text));
            Assert.Equal(N(waiting.Waiting.Count), Rows(page, "waiting")[^1].Text);
            // The drill-down keeps the filter.
            foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
                Assert.All(Rows(page, "referrals").Where(r => r.Link is not null), r => Assert.Contains(part.Replace("+", "%20", StringComparison.Ordinal), r.Link!, StringComparison.Ordinal));
        }
        var ehcPlan = await WaypointWebFactory.HtmlAsync(await manager.GetAsync(Query(period, "&cohort=ehc-plan"), Ct));
        Assert.True(int.Parse(Rows(ehcPlan, "referrals")[^1].Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) < all.Total, "The EHC plan cohort's referrals should be fewer than everyone's.");
        // The form shows what was chosen.
        Assert.Equal("ehc-plan", ehcPlan.QuerySelector("#cohort option[selected]")!.GetAttribute("value"));
        Assert.Equal(Key(period.From), ehcPlan.QuerySelector("#from option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheDefaultPeriod_IsTheLastCompleteQuarter_AndAPeriodThatEndsBeforeItStartsIsAnError()
    {
        var manager = await web.SignedInAsync(Roles.Manager);
        var page = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/dashboard", Ct));
        var quarterStart = new CalendarMonth(Today.Year, ((Today.Month - 1) / 3 * 3) + 1);
        Assert.Equal(Key(CalendarMonth.Of(quarterStart.FirstDay.AddMonths(-3))), page.QuerySelector("#from option[selected]")!.GetAttribute("value"));
        Assert.Equal(Key(quarterStart.Previous), page.QuerySelector("#to option[selected]")!.GetAttribute("value"));
        Assert.Equal(3, Rows(page, "referrals").Count - 1);

        var wrong = await WaypointWebFactory.HtmlAsync(await manager.GetAsync($"/dashboard?from={Key(quarterStart)}&to={Key(quarterStart.Previous)}", Ct));
        Assert.Contains("The last month must be the same as or after the first month", wrong.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manager_SeesThePathwayPanelCareLeaverAndCostMeasures_ExactlyAsCoreWorksThemOut()
    {
        var period = YearToDate;
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Manager)).GetAsync(Query(period), Ct));

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var scope = new MeasureScope(Councils.DemoCouncilCode, period.From, period.To);
        var identified = await PathwayMeasures.IdentifiedBy14Async(db, scope, Ct);
        Assert.Equal([N(identified.Identified.Count), N(identified.NotIdentified.Count), N(identified.Turned15.Count)], Rows(page, "identified-by-14").Select(r => r.Text));
        Assert.Contains($"{ShareCell(identified.Share)} in ", page.QuerySelector("#identified-by-14-trend")!.TextContent, StringComparison.Ordinal);

        var eligibility = await PathwayMeasures.EligibilityRateAsync(db, scope, Ct);
        Assert.True(eligibility.Overall.OutOf.Count > 5, $"Only {eligibility.Overall.OutOf.Count} assessments finished in the demo's year.");
        Assert.Equal([.. eligibility.Months.Select(m => (m.Month.ToString(), ShareCell(m.Share))), ("All", ShareCell(eligibility.Overall))], Rows(page, "eligibility").Select(r => (r.Label, r.Text)));
        Assert.Contains($"{ShareCell(eligibility.Overall)} in ", page.QuerySelector("#eligibility-trend")!.TextContent, StringComparison.Ordinal);

        var decided = await PathwayMeasures.DecidedBefore18Async(db, scope, Ct);
        Assert.Equal([N(decided.Decided.Count), N(decided.NotDecided.Count), N(decided.Turned18.Count)], Rows(page, "decided-before-18").Select(r => r.Text));

        var panel = await PanelMeasures.CasesAndDecisionsAsync(db, scope, Ct);
        Assert.True(panel.Cases.Count > 0, "The demo's panel heard no cases in the period.");
        Assert.Equal([.. panel.Months.Select(m => N(m.Cases.Count)), N(panel.Cases.Count)], Rows(page, "panel").Select(r => r.Text));
        Assert.Equal([.. panel.ByDecision.Select(d => (d.Label, N(d.Counted.Count))), ("All", N(panel.Cases.Count))], Rows(page, "panel-decision").Select(r => (r.Label, r.Text)));

        var leavers = await CareLeaverMeasures.At19To21Async(db, scope, Ct);
        Assert.Equal([.. leavers.ByAge.Select(a => (a.Label, ShareCell(a.InEducationEmploymentOrTrainingShare))), ("All", ShareCell(leavers.All.InEducationEmploymentOrTrainingShare))],
            Rows(page, "care-leavers-eet").Select(r => (r.Label, r.Text)));
        Assert.Equal([.. leavers.ByAge.Select(a => ShareCell(a.SuitablyAccommodatedShare)), ShareCell(leavers.All.SuitablyAccommodatedShare)], Rows(page, "care-leavers-accommodation").Select(r => r.Text));

        var highCost = await CostMeasures.HighCostCasesAsync(db, Councils.DemoCouncilCode, Today, null, Ct);
        Assert.Equal([.. highCost.ByAge.Select(a => (a.Label, N(a.Counted.Count))), ("All", N(highCost.Total.Count))], Rows(page, "high-cost").Select(r => (r.Label, r.Text)));

        var bands = await CostMeasures.CostBandsAsync(db, Councils.DemoCouncilCode, Today, null, Ct);
        Assert.True(bands.Table.Total.People > 0, "The demo has no young adults with a cost of care.");
        static List<string> Money(CostBandRow row) =>
            [N(row.People), row.WeeklyCost.ToString("£#,##0.00", CultureInfo.InvariantCulture), row.AnnualCost.ToString("£#,##0.00", CultureInfo.InvariantCulture), row.ShareOfCost.ToString("0.0", CultureInfo.InvariantCulture) + "%"];
        Assert.Equal([.. bands.Table.Rows.Select(Money), Money(bands.Table.Total)], Cells(page, "cost-bands"));
        Assert.Equal(bands.Table.Rows.Select(r => r.AnnualCost), bands.Table.Rows.Select(r => r.WeeklyCost * 52));
        AssertEachDescriptionHasItsTablesNumbers(page);
    }

    [Fact]
    public async Task Commissioner_SeesNoCountFromOneToFour_NorAShareOrACostResting_OnOne()
    {
        var period = YearToDate;
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Commissioner)).GetAsync(Query(period), Ct));
        Assert.Empty(page.QuerySelectorAll(".waypoint-chart-table a"));
        static bool Small(string number) => number is "1" or "2" or "3" or "4";
        foreach (var measure in new[] { "identified-by-14", "eligibility", "decided-before-18", "panel", "panel-decision", "care-leavers-eet", "care-leavers-accommodation", "high-cost", "cost-bands" })
        {
            foreach (var cells in Cells(page, measure))
            {
                var count = cells[0];
                Assert.False(Small(count), $"{measure}: {count}");
                if (Regex.Match(count, @"^(\S+) of (\S+)( \((.+)\))?$") is { Success: true } share)
                {
                    Assert.False(Small(share.Groups[1].Value) || Small(share.Groups[2].Value), $"{measure}: {count}");
                    // A per cent only where neither its count nor its total is withheld.
                    if (share.Groups[3].Success) Assert.DoesNotMatch("<5|\\[c\\]", share.Groups[1].Value + share.Groups[2].Value);
                }
                // Money beside a withheld count is withheld too.
                if (count is "<5" or "[c]") Assert.All(cells.Skip(1), c => Assert.Equal("[c]", c));
            }
        }
        foreach (var trend in page.QuerySelectorAll("[id$='-trend']").Select(t => t.TextContent))
            Assert.DoesNotMatch(@"(^|\D)[1-4] of |of [1-4] \(", trend);

        // The counts the commissioner does see are the real ones.
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var panel = await PanelMeasures.CasesAndDecisionsAsync(db, new MeasureScope(Councils.DemoCouncilCode, period.From, period.To), Ct);
        var shown = Rows(page, "panel-decision");
        for (var i = 0; i < panel.ByDecision.Count; i++)
        {
            var count = panel.ByDecision[i].Counted.Count;
            if (SmallNumbers.IsSmall(count)) Assert.Equal("<5", shown[i].Text);
            else if (shown[i].Text != "[c]") Assert.Equal(N(count), shown[i].Text);
        }
        AssertEachDescriptionHasItsTablesNumbers(page);
    }

    [Fact]
    public async Task DrillDown_OfAShare_ListsTheYoungPeopleItCounts()
    {
        var period = YearToDate;
        var manager = await web.SignedInAsync(Roles.Manager);
        var page = await WaypointWebFactory.HtmlAsync(await manager.GetAsync(Query(period), Ct));
        var month = Rows(page, "eligibility")[..^1].First(r => r.Link is not null);
        var key = Regex.Match(month.Link!, @"key=(\d{4}-\d{2})").Groups[1].Value;
        Assert.Contains("measure=eligibility", month.Link, StringComparison.Ordinal);

        var list = await WaypointWebFactory.HtmlAsync(await manager.GetAsync(month.Link!, Ct));
        var shown = list.QuerySelectorAll("#people tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var rate = await PathwayMeasures.EligibilityRateAsync(db, new MeasureScope(Councils.DemoCouncilCode, period.From, period.To), Ct);
        var ids = rate.Months.Single(m => Key(m.Month) == key).Share.Of.People.Distinct().ToList();
        var references = await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Reference).ToListAsync(Ct);
        // The access rules applied to the people counted themselves: someone referred in the month may have left the
        // cohort (the tracker's people) since and still be seen through the team's involvement.
        var user = DemoUsers.All.Single(u => u.Role == Roles.Manager);
        var time = web.Services.GetRequiredService<TimeProvider>();
        var access = await PersonAccess.ScopeAsync(db, WaypointClaims.ViewerFor(Councils.DemoCouncilCode, user.Name, Roles.Manager, user.Team), time.GetUtcNow(), Ct);
        var cohorts = await web.Services.GetRequiredService<TrackerCache>().CohortsAsync(db, Councils.DemoCouncilCode, DateOnly.FromDateTime(time.GetLocalNow().Date), Ct);
        var mayBeSeen = (await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Reference }).ToListAsync(Ct))
            .Where(p => access.Basis(p.Id, cohorts.GetValueOrDefault(p.Id)) is not null).Select(p => p.Reference).ToHashSet();
        Assert.NotEmpty(references);
        Assert.Equal(references.Where(mayBeSeen.Contains).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Contains(N(ids.Count), list.QuerySelector("#counted")!.TextContent, StringComparison.Ordinal);

        // Each new number opens onto its people: a bar of every new chart with a number to show.
        foreach (var measure in new[] { "identified-by-14", "decided-before-18", "panel-decision", "care-leavers-eet", "high-cost", "cost-bands" })
            foreach (var link in Rows(page, measure).Select(r => r.Link).OfType<string>().Take(1))
                Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(link, Ct)).StatusCode);
    }
}
