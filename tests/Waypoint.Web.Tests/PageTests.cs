using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

public class AccessTests(WaypointWebFactory web)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/people/ANYONE")]
    [InlineData("/?handler=Download")]
    [InlineData("/data-quality")]
    [InlineData("/data-quality?handler=Download")]
    public async Task Anonymous_PersonLevelPages_RedirectToSignIn(string path)
    {
        var response = await web.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/sign-in")]
    [InlineData("/govuk/govuk-frontend.min.css")]
    [InlineData("/css/waypoint.css")]
    public async Task Anonymous_SignInHealthAndStaticFiles_AreServed(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await web.Anonymous().GetAsync(path)).StatusCode);

    [Fact]
    public async Task EveryPage_HasSecurityHeadersAndTheDemoBanner()
    {
        var response = await web.Anonymous().GetAsync("/sign-in");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Contains("Demo: every young person shown here is made up", page.QuerySelector(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Skip to main content", page.QuerySelector(".govuk-skip-link")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WithoutChoosingARole_ShowsAnErrorSummaryLinkedToTheField()
    {
        var client = web.Anonymous();
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/sign-in"));
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var page = await WaypointWebFactory.HtmlAsync(response);
        var link = page.QuerySelector(".govuk-error-summary__list a")!;
        Assert.Equal("Select the role you want to sign in as", link.TextContent);
        Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..]));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Commissioner)]
    public async Task NonPractitioners_SeeNoPeople(string role)
    {
        var client = await web.SignedInAsync(role);
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Contains("does not give access to young people's records", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(home.QuerySelectorAll("a[href^='/people/']"));

        var reference = await AnyPersonReferenceAsync();
        var person = await client.GetAsync("/people/" + reference);
        Assert.Equal(HttpStatusCode.Redirect, person.StatusCode);
        Assert.StartsWith("/error/403", person.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var download = await client.GetAsync("/?handler=Download");
        Assert.StartsWith("/error/403", download.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.TransitionsWorker)]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.SendOfficer)]
    [InlineData(Roles.HealthPractitioner)]
    [InlineData(Roles.PanelMember)]
    [InlineData(Roles.Manager)]
    public async Task PractitionersAndManagers_SeeTheTrackerAndPeople(string role)
    {
        var client = await web.SignedInAsync(role);
        var tracker = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        var first = tracker.QuerySelector("table a[href^='/people/']")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(first.GetAttribute("href"))).StatusCode);
    }

    [Theory]
    [InlineData(403, HttpStatusCode.Forbidden, "You do not have permission to see this page")]
    [InlineData(500, HttpStatusCode.InternalServerError, "Sorry, there is a problem with the service")]
    [InlineData(404, HttpStatusCode.NotFound, "Page not found")]
    [InlineData(400, HttpStatusCode.BadRequest, "Sorry, there is a problem with the service")]
    public async Task ErrorPages_UseGovukWordingAndTheRightStatus(int code, HttpStatusCode status, string heading)
    {
        var response = await web.Anonymous().GetAsync($"/error/{code}");
        Assert.Equal(status, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(heading + " - Waypoint", page.Title);
    }

    [Fact]
    public async Task UnknownPerson_IsAPlainNotFoundPage()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var response = await client.GetAsync("/people/NOSUCHPERSON");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("NOSUCHPERSON", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<string> AnyPersonReferenceAsync()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await db.People.OrderBy(p => p.Id).Select(p => p.Reference).FirstAsync();
    }
}

public class TrackerTests(WaypointWebFactory web)
{
    private static IElement Control(IDocument page, string label)
    {
        var forId = page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for")!;
        return page.GetElementById(forId)!;
    }

    private static int Count(IDocument page) =>
        int.Parse(page.QuerySelector("main p[role=status] strong")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string[]> Rows(IDocument page) =>
        page.QuerySelectorAll("table.govuk-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task Tracker_ShowsEveryoneInScopeWithAgesFrom13To25()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Equal("Young people", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(Control(page, "Cohort").QuerySelectorAll("option"), o => o.TextContent == "EHC plan");
        Assert.True(Count(page) > 100);
        Assert.Equal(50, Rows(page).Count);
        Assert.All(Rows(page), r => Assert.InRange(int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), 13, 25));
    }

    [Fact]
    public async Task Tracker_FiltersByCohortAndAgeBand()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var all = Count(await WaypointWebFactory.HtmlAsync(await client.GetAsync("/")));
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?cohort=ehc-plan&age=16-17"));
        Assert.InRange(Count(page), 1, all - 1);
        Assert.All(Rows(page), r =>
        {
            Assert.Contains("EHC plan", r[2], StringComparison.Ordinal);
            Assert.InRange(int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), 16, 17);
        });
        Assert.Equal("ehc-plan", Control(page, "Cohort").QuerySelector("option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Tracker_SortsAndPages()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var byAge = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?sort=age&dir=desc"));
        var ages = Rows(byAge).Select(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ages.OrderDescending(), ages);
        Assert.Equal("descending", byAge.QuerySelectorAll("th").Single(t => t.TextContent.Trim() == "Age").GetAttribute("aria-sort"));

        static IEnumerable<string?> People(IDocument page) => page.QuerySelectorAll("table tbody tr td:first-child a").Select(a => a.GetAttribute("href"));
        // Other tests open cases as this runs, which can bring people into scope between two page loads: read the
        // two pages again until page one is the same after page two as before it.
        IDocument first, second;
        var attempts = 0;
        do
        {
            first = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?p=1"));
            second = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?p=2"));
        }
        while (++attempts < 5 && !People(first).SequenceEqual(People(await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?p=1")))));
        Assert.Equal(50, People(second).Count());
        Assert.Empty(People(second).Intersect(People(first)));
        Assert.Equal("page", second.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Tracker_SearchByNameOrIdentifier_KeepsTheSearchOutOfTheUrl()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var home = await client.GetAsync("/");
        var page = await WaypointWebFactory.HtmlAsync(home);
        var named = Rows(page).Select(r => r[0]).First(n => !n.StartsWith("Child ", StringComparison.Ordinal));
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/"));

        var posted = await client.PostAsync("/?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string> { ["search"] = named, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain(named.Split(' ')[0], posted.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var found = await WaypointWebFactory.HtmlAsync(await client.GetAsync(posted.Headers.Location));
        Assert.Contains(Rows(found), r => r[0] == named);
        Assert.Equal(named, Control(found, "Search by name or identifier").GetAttribute("value"));

        // Every identifier finds its person: take one from the person page and search for it.
        var reference = found.QuerySelectorAll("table a[href^='/people/']").First(a => a.TextContent == named).GetAttribute("href")!;
        var person = await WaypointWebFactory.HtmlAsync(await client.GetAsync(reference));
        var identifier = person.QuerySelectorAll("#identifiers tbody tr td")[0].TextContent.Split(' ')[0];
        token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/"));
        var byId = await client.PostAsync("/?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string> { ["search"] = identifier, ["__RequestVerificationToken"] = token }));
        Assert.Contains(Rows(await WaypointWebFactory.HtmlAsync(await client.GetAsync(byId.Headers.Location))), r => r[0] == named);
    }

    [Fact]
    public async Task Tracker_NothingMatches_ShowsAHelpfulEmptyState()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/"));
        var posted = await client.PostAsync("/?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string> { ["search"] = "Zzyzx Nobody", ["__RequestVerificationToken"] = token }));
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync(posted.Headers.Location));
        Assert.Equal(0, Count(page));
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent == "No young people match");
        Assert.Empty(page.QuerySelectorAll("table"));
    }

    [Fact]
    public async Task Download_IsTheCurrentViewAsCsvAndIsAudited()
    {
        var client = await web.SignedInAsync(Roles.Manager);
        var expected = Count(await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?cohort=looked-after")));
        var before = await AuditCountAsync("download-tracker");

        var response = await client.GetAsync("/?handler=Download&cohort=looked-after");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        string[] lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WaypointWebFactory.TrackerCsvHeader, lines[0]);
        Assert.Equal(expected, lines.Length - 1);
        Assert.Equal(before + 1, await AuditCountAsync("download-tracker"));
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        // The manager's own: other tests download the tracker at the same time as other roles.
        return await db.AuditEvents.CountAsync(a => a.Action == action && a.UserName == "Demo team manager");
    }
}

public class PersonPageTests(WaypointWebFactory web)
{
    [Fact]
    public async Task PersonPage_ShowsIdentifiersSourcesAndTimelineAndIsAudited()
    {
        var client = await web.SignedInAsync(Roles.SocialWorker);
        // Someone with records from several files: the example a new user is shown.
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        // The last such person, whom no other test opens: each test here must see only its own audit row.
        var withCin = db.RecordLinks.Join(db.SourceRecords.Where(r => r.Format == "CIN"), l => l.SourceRecordId, r => r.Id, (l, r) => l.PersonId);
        var seen = await web.PeopleAsync(Roles.SocialWorker);
        var person = (await db.RecordLinks.GroupBy(l => l.PersonId).Where(g => g.Count() >= 3).Select(g => g.Key)
            .Where(id => withCin.Contains(id))
            .Join(db.People, id => id, p => p.Id, (id, p) => p).OrderByDescending(p => p.Id).ToListAsync()).First(p => seen.Contains(p.Reference));

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/people/" + person.Reference));

        // The likelihood of needing adult care, shown for some young people, is ForecastPersonPageTests' to check.
        var headings = page.QuerySelectorAll("h2").Select(h => h.TextContent).Where(h => h != "Likelihood of needing adult care").ToList();
        Assert.Equal(["Transitions case", "Statutory clock", "Identifiers", "Involvement with services", "Health information", "Where this comes from"], headings);
        var sources = page.QuerySelectorAll("table")[^1].QuerySelectorAll("tbody tr");
        Assert.True(sources.Length >= 3);
        Assert.Contains(page.QuerySelectorAll("td"), c => c.TextContent.StartsWith("Looked after", StringComparison.Ordinal) || c.TextContent.StartsWith("Child in need referral", StringComparison.Ordinal));
        var audit = await db.AuditEvents.Where(a => a.Action == "view-person" && a.PersonId == person.Id).ToListAsync();
        var row = Assert.Single(audit);
        Assert.Equal((Roles.SocialWorker, "Demo social worker", "999"), (row.Role, row.UserName, row.CouncilCode));
    }
}

public class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Smith, Jo", "\"Smith, Jo\"")]
    [InlineData("plain", "plain")]
    public void Cell_FormulaLikeValues_AreNeutralised(string value, string expected) => Assert.Equal(expected, Tracker.CsvExport.Cell(value));
}

/// <summary>The statutory clock in the tracker, on the person page and in the work lists.</summary>
public class StatutoryClockPageTests(WaypointWebFactory web)
{
    private static List<IElement> Rows(IDocument page) => [.. page.QuerySelectorAll("table.govuk-table tbody tr")];

    private static string Cell(IElement row, int column) => row.QuerySelectorAll("td")[column].TextContent.Trim();

    // The web app's own clock: TimeProvider.System, in local time.
    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    /// <summary>The clock of every person, worked out straight from the demo database by Core.</summary>
    private async Task<List<Core.Rules.PersonClock>> ClocksAsync()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await Core.Rules.ClockFacts.EvaluateAsync(db, "999", Today, new Core.Rules.RulesPolicy().ForCouncil("999"), CancellationToken.None);
    }

    private async Task<string> ReferenceAsync(long personId)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await db.People.Where(p => p.Id == personId).Select(p => p.Reference).SingleAsync();
    }

    [Fact]
    public async Task Tracker_ShowsNextMilestoneOverdueCountAndFlags()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?sort=overdue&dir=desc"));
        var headers = page.QuerySelectorAll("table.govuk-table thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Name", "Age", "Cohorts", "Stage", "Next milestone", "Overdue", "Likelihood of adult care", "Flags"], headers);
        var overdue = Rows(page).Select(r => int.Parse(Cell(r, 5), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(overdue[0] > 0, "the demo council has overdue work");
        Assert.Equal(overdue.OrderDescending(), overdue);
    }

    [Fact]
    public async Task Tracker_OverdueFilter_ShowsExactlyThePeopleWithThatMilestoneOverdue()
    {
        var clocks = await ClocksAsync();
        var owed = clocks.Where(c => c.Milestones.Any(m => m.Rule.Id == "PA-21" && m.Status == Core.Rules.MilestoneStatus.Overdue)).ToList();
        Assert.NotEmpty(owed);
        var client = await web.SignedInAsync(Roles.SocialWorker);

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?overdue=PA-21"));

        var count = int.Parse(page.QuerySelector("main p[role=status] strong")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(owed.Count(c => c.CareLeaver.Status == Core.Rules.CareLeaverStatus.FormerRelevant), count);
        var reference = await ReferenceAsync(owed[0].PersonId);
        var person = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/people/" + reference));
        var row = person.QuerySelectorAll("#milestones tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains("PA-21", StringComparison.Ordinal));
        Assert.Equal("Overdue", Cell(row, 0));
        Assert.Contains("owed a personal adviser", Cell(row, 2), StringComparison.Ordinal);
        Assert.Contains("Children Act 1989 s.23C", Cell(row, 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracker_TurningEighteenFilter_ShowsSeventeenYearOldsSortedByNextMilestone()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?flag=TURNING-18&sort=next"));
        var rows = Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("17", Cell(r, 1)));
        Assert.All(rows, r => Assert.Contains("Turning 18 soon", Cell(r, 7), StringComparison.Ordinal));
        Assert.Equal("Who turns 18 in the next six months with no adult conclusion?",
            page.QuerySelector("a[href*='flag=TURNING-18']")!.TextContent);
    }

    [Theory]
    [InlineData("former-relevant", 18, 24)]
    [InlineData("eligible", 16, 17)]
    public async Task Tracker_CareLeaverFilter_KeepsToTheAgesTheLawAllows(string status, int youngest, int oldest)
    {
        var client = await web.SignedInAsync(Roles.SocialWorker);
        var rows = Rows(await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/?care-leaver={status}")));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.InRange(int.Parse(Cell(r, 1), System.Globalization.CultureInfo.InvariantCulture), youngest, oldest));
    }

    [Fact]
    public async Task PersonPage_ShowsEveryMilestoneWithItsExplanationAndSource()
    {
        var clocks = await ClocksAsync();
        var clock = clocks.First(c => c.CareLeaver.Status == Core.Rules.CareLeaverStatus.Eligible);
        var client = await web.SignedInAsync(Roles.SocialWorker);

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/people/" + await ReferenceAsync(clock.PersonId)));

        var applicable = page.QuerySelectorAll("#milestones tbody tr");
        var notApplicable = page.QuerySelectorAll("details .govuk-summary-list__row");
        Assert.Equal(Core.Rules.StatutoryClock.Milestones.Count, applicable.Length + notApplicable.Length);
        Assert.All(applicable, r => Assert.Contains("Source (", Cell(r, 2), StringComparison.Ordinal));
        Assert.Contains(applicable, r => r.TextContent.Contains("CL-ASSESS", StringComparison.Ordinal));
        Assert.StartsWith("Eligible child", page.QuerySelectorAll(".govuk-summary-list__value p")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingAMilestone_TakesItOffTheOverdueListAtOnce()
    {
        var clocks = await ClocksAsync();
        var person = clocks.First(c => c.Milestones.Any(m => m.Rule.Id == "CL-ASSESS" && m.Status == Core.Rules.MilestoneStatus.Overdue));
        var reference = await ReferenceAsync(person.PersonId);
        var client = await web.SignedInAsync(Roles.SocialWorker);
        var before = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?overdue=CL-ASSESS"));
        Assert.Contains(before.QuerySelectorAll("table a"), a => a.GetAttribute("href") == "/people/" + reference);

        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            db.MilestoneEvidence.Add(new Core.Pathway.MilestoneEvidence
            {
                PersonId = person.PersonId,
                CouncilCode = "999",
                RuleId = "CL-ASSESS",
                Outcome = "met",
                OccurredOn = Today,
                RecordedBy = "Demo social worker",
                RecordedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var after = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?overdue=CL-ASSESS"));
        Assert.DoesNotContain(after.QuerySelectorAll("table a"), a => a.GetAttribute("href") == "/people/" + reference);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/people/" + reference));
        var row = page.QuerySelectorAll("#milestones tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains("CL-ASSESS", StringComparison.Ordinal));
        Assert.Equal("Met", Cell(row, 0));
    }

    [Fact]
    public async Task MyWork_ListsTheTeamsOverdueMilestonesMostOverdueFirst()
    {
        var client = await web.SignedInAsync(Roles.SocialWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/my-work"));
        Assert.Equal("My overdue work", page.QuerySelector("h1")!.TextContent);
        var rules = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody th a").Select(a => a.TextContent).ToList();
        Assert.Contains("Care-leaver needs assessment", rules);
        Assert.DoesNotContain("Transition assessment for those likely to have needs", rules);
        var days = page.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr")
            .Select(r => int.Parse(r.QuerySelectorAll("td")[2].QuerySelector("span")!.TextContent.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(days.OrderDescending(), days);
    }

    [Fact]
    public async Task MyWork_IsNotForRolesThatSeeNoPeople()
    {
        var client = await web.SignedInAsync(Roles.Commissioner);
        var response = await client.GetAsync("/my-work");
        Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public class LikelyNeedsPageTests(WaypointWebFactory web)
{
    [Fact]
    public async Task Tracker_LikelyFilter_ShowsWhichRuleAppliedForEachYoungPerson()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?likely=yes"));
        var cohorts = page.QuerySelectorAll("table.govuk-table tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent).ToList();
        Assert.NotEmpty(cohorts);
        Assert.All(cohorts, c => Assert.Contains("Likely to need adult care: ", c, StringComparison.Ordinal));
        var none = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?likely=no"));
        Assert.All(none.QuerySelectorAll("table.govuk-table tbody tr"), r => Assert.DoesNotContain("Likely to need adult care", r.TextContent, StringComparison.Ordinal));
    }
}

public class RulesPolicyConfigurationTests
{
    [Fact]
    public void LocalPolicy_IsBoundFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Waypoint:Rules:DueSoonDays"] = "60",
            ["Waypoint:Rules:TransitionAssessmentAgeMonths"] = "0",
            ["Waypoint:Rules:HighCostPerYear"] = "75000",
            ["Waypoint:Rules:LeapDayBirthdays"] = "TwentyEighthFebruary",
            ["Waypoint:Rules:OwnArea:0"] = "LE1",
            ["Waypoint:Rules:OwnArea:1"] = "LE2",
            ["Waypoint:Rules:AutumnTermStarts:2026"] = "2026-09-03",
            ["Waypoint:Rules:LikelyNeeds:EhcPrimaryNeeds:0"] = "ASD",
        }).Build();

        var policy = RulesSettings.From(configuration.GetSection("Waypoint:Rules"));

        Assert.Equal((60, 0, 75000m), (policy.DueSoonDays, policy.TransitionAssessmentAgeMonths, policy.HighCostPerYear));
        Assert.Equal(Core.People.LeapDayBirthday.TwentyEighthFebruary, policy.LeapDayBirthdays);
        Assert.Equal(["LE1", "LE2"], policy.OwnArea);
        Assert.Equal(new DateOnly(2026, 9, 3), policy.AutumnTermStart(2026));
        Assert.Equal(["ASD"], policy.LikelyNeeds.EhcPrimaryNeeds);
        Assert.Equal(["LD", "PC", "MOB"], policy.LikelyNeeds.CinDisabilities);
    }
}
