using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Manager_SeesEachMeasureAsAChartWithItsTable_ExactlyAsCoreCountsThem_WithTheTrend()
    {
        var period = Year;
        var response = await (await web.SignedInAsync(Roles.Manager)).GetAsync(Query(period), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var scope = new MeasureScope(Councils.DemoCouncilCode, period.From, period.To);
        var referrals = await Measures.ReferralsAsync(db, scope, Ct);
        var before = await Measures.ReferralsAsync(db, scope.PreviousPeriod, Ct);
        var finished = await Measures.AssessmentsFinishedAsync(db, scope, Ct);
        var waiting = await PathwayMeasures.WaitingListAsync(db, Councils.DemoCouncilCode, Today, null, Ct);
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
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Manager)).GetAsync(Query(Year), Ct));
        Assert.Equal(["referrals", "referrals-source", "referrals-age", "assessments-finished", "waiting", "waiting-time"], page.QuerySelectorAll("figure.waypoint-chart").Select(c => c.Id!["chart-".Length..]));
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
            // bar's label and number in the table's order, then the total.
            var rows = Rows(page, measure);
            var expected = string.Join(", ", rows[..^2].Select(r => $"{r.Label} {r.Text}")) + $" and {rows[^2].Label} {rows[^2].Text}; {rows[^1].Text} in all";
            Assert.Contains(expected, desc.TextContent, StringComparison.Ordinal);
            // One bar drawn for each number above 0 that is not withheld, and the axis's labels are text.
            Assert.Equal(rows[..^1].Count(r => r.Text is not ("0" or "<5" or "[c]")), svg.QuerySelectorAll("rect.waypoint-chart__bar").Length);
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
        var mayBeSeen = (await web.PeopleAsync(Roles.Manager)).ToHashSet();
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
}
