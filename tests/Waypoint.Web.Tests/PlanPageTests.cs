using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The support plan, independence checklist, children's services and handover pages and their API twins, as a practitioner meets them.</summary>
public class PlanPageTests(WaypointWebFactory web)
{
    private static readonly Practitioner Setup = new(Councils.DemoCouncilCode, "Test setup", Roles.TransitionsWorker);
    private static readonly HashSet<string> Used = [];

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static string Day(DateOnly date) => date.Day.ToString(CultureInfo.InvariantCulture);

    private static string Month(DateOnly date) => date.Month.ToString(CultureInfo.InvariantCulture);

    private static string Year(DateOnly date) => date.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A young person of the demo council aged 14 to 17 with no transitions case, different for each test. Taken in the
    /// order of their random references, so as not to meet the tests that take the first or last person by id.
    /// </summary>
    private async Task<(string Reference, DateOnly DateOfBirth)> YoungPersonAsync(params string[] roles)
    {
        var seen = await web.SeenByAllAsync(roles);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var (oldest, youngest) = (Today.AddYears(-18).AddDays(1), Today.AddYears(-14));
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth >= oldest && p.DateOfBirth <= youngest)
            .OrderBy(p => p.Reference).Select(p => new { p.Reference, p.DateOfBirth }).ToListAsync();
        lock (Used)
        {
            var chosen = candidates.First(c => !Used.Contains(c.Reference) && seen.Contains(c.Reference));
            Used.Add(chosen.Reference);
            return (chosen.Reference, chosen.DateOfBirth!.Value);
        }
    }

    /// <summary>A young person whose case is decided, through the Core services; returns the case version.</summary>
    private async Task<(string Reference, DateOnly DateOfBirth, int Version)> DecidedAsync(params string[] roles)
    {
        var (reference, born) = await YoungPersonAsync(roles);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var version = await PathwayCases.ToDecidedAsync(db, Setup, reference, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        return (reference, born, version);
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await WaypointWebFactory.TokenAsync(page);
    }

    private static FormUrlEncodedContent Form(string token, int version, params (string Name, string Value)[] fields) =>
        new(new Dictionary<string, string>(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)))
        {
            ["__RequestVerificationToken"] = token,
            ["SeenVersion"] = version.ToString(CultureInfo.InvariantCulture),
        });

    private static (string, string)[] Goal(DateOnly dueOn) =>
    [
        ("Outcome", "Employment"), ("Aim", "Go to college to study catering"), ("Help", "A travel trainer for the bus route"),
        ("Who", "Transitions worker and college SENCO"), ("DueOn.Day", Day(dueOn)), ("DueOn.Month", Month(dueOn)), ("DueOn.Year", Year(dueOn)), ("Status", "InProgress"),
    ];

    [Fact]
    public async Task Plan_GoalAndViewRecordedThenAgreed_MovesTheCaseToPlanAgreed()
    {
        var (reference, _, version) = await DecidedAsync();
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Equal($"/people/{reference}/plan", casePage.QuerySelectorAll("a.govuk-button").Single(a => a.TextContent == "Start the plan").GetAttribute("href"));
        var plan = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/plan"));
        Assert.Equal("Not started", plan.QuerySelector(".govuk-summary-list__row:nth-child(2) dd")!.TextContent.Trim());

        var token = await TokenAsync(client, $"/people/{reference}/plan/goals");
        var added = await client.PostAsync($"/people/{reference}/plan/goals", Form(token, version, Goal(Today.AddMonths(9))));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/people/{reference}/plan#outcome-employment", added.Headers.Location!.OriginalString);

        // Not yet: the young person's own view comes first.
        var early = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/plan/agree"));
        Assert.Contains("Record the young person's view in their own words before the plan is agreed.", early.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(early.QuerySelector("main form button"));

        token = await TokenAsync(client, $"/people/{reference}/plan/views");
        var views = await client.PostAsync($"/people/{reference}/plan/views", Form(token, version + 1, ("YoungPersonView", "I want to cook for my friends."), ("FamilyView", "")));
        Assert.Equal(HttpStatusCode.Redirect, views.StatusCode);

        plan = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/plan"));
        Assert.Contains("Views recorded.", plan.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("I want to cook for my friends.", plan.GetElementById("young-person-view")!.TextContent);
        var employment = plan.GetElementById("outcome-employment")!;
        Assert.Equal("Go to college to study catering", employment.NextElementSibling!.NextElementSibling!.QuerySelector(".govuk-summary-card__title")!.TextContent);
        Assert.Equal("No goals yet.", plan.GetElementById("outcome-goodhealth")!.NextElementSibling!.NextElementSibling!.TextContent);

        var check = await client.GetAsync($"/people/{reference}/plan/agree");
        token = await WaypointWebFactory.TokenAsync(check);
        var checkPage = await WaypointWebFactory.HtmlAsync(check);
        Assert.Null(checkPage.QuerySelector(".govuk-error-summary"));
        Assert.Contains("I want to cook for my friends.", checkPage.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);
        var agreed = await client.PostAsync($"/people/{reference}/plan/agree", Form(token, version + 2, ("AgreedOn.Day", Day(Today)), ("AgreedOn.Month", Month(Today)), ("AgreedOn.Year", Year(Today))));
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);

        casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Equal("Plan agreed", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Contains(casePage.QuerySelectorAll("a.govuk-button"), a => a.TextContent == "Record handover");
        Assert.StartsWith("Agreed on", casePage.GetElementById("plan-and-handover")!.QuerySelector("dd")!.TextContent.Trim(), StringComparison.Ordinal);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var personId = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
        Assert.Equal(["case-plan-goal", "case-plan-views", "case-plan-agree"],
            await db.AuditEvents.Where(a => a.PersonId == personId && a.Action.StartsWith("case-plan")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PersonId == personId && a.Action == "view-plan"));
    }

    [Fact]
    public async Task PlanGoal_NothingAnswered_ShowsEachProblemLinkedToItsField()
    {
        var (reference, _, version) = await DecidedAsync();
        var client = await web.SignedInAsync(Roles.Manager);
        var token = await TokenAsync(client, $"/people/{reference}/plan/goals");

        var page = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/plan/goals",
            Form(token, version, ("DueOn.Day", "31"), ("DueOn.Month", "2"), ("DueOn.Year", "2027"))));

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Select the outcome the goal is for", "#outcome"), ("Enter what the young person wants to achieve", "#aim"), ("Enter what will help", "#help"),
             ("Enter who will help", "#who"), ("When the goal should be met by must be a real date", "#dueon"), ("Select how the goal is going", "#status")], links);
        foreach (var (_, href) in links) Assert.NotNull(page.GetElementById(href![1..]));
    }

    [Fact]
    public async Task PlanGoal_SomeoneElseChangedTheCase_IsRefusedAndShownWhatChanged()
    {
        var (reference, _, version) = await DecidedAsync();
        var first = await web.SignedInAsync(Roles.TransitionsWorker);
        var second = await web.SignedInAsync(Roles.Manager);
        var firstToken = await TokenAsync(first, $"/people/{reference}/plan/goals");
        var secondToken = await TokenAsync(second, $"/people/{reference}/plan/views");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"/people/{reference}/plan/goals", Form(firstToken, version, Goal(Today.AddMonths(6))))).StatusCode);
        var refused = await WaypointWebFactory.HtmlAsync(await second.PostAsync($"/people/{reference}/plan/views", Form(secondToken, version, ("YoungPersonView", "College first."))));

        Assert.Contains("Demo transitions worker changed this case since you opened it", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Support plan: goal added under employment", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("College first.", refused.QuerySelector("textarea#youngpersonview")!.TextContent);
    }

    [Fact]
    public async Task Checklist_StatusChangedWithANote_ShowsTheStatusAndItsHistory()
    {
        var (reference, born) = await YoungPersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            await Referrals.ReferAsync(db, Setup, reference, 0, PathwayCases.Referral with { ReceivedOn = Today }, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        var token = await TokenAsync(client, $"/people/{reference}/checklist/living-simple-meal");
        var saved = await client.PostAsync($"/people/{reference}/checklist/living-simple-meal", Form(token, 1, ("Status", "WorkingOnIt"), ("Note", "Practising pasta at home")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/people/{reference}/checklist#item-living-simple-meal", saved.Headers.Location!.OriginalString);

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/checklist"));
        var row = page.GetElementById("item-living-simple-meal")!;
        Assert.Equal("Working on it", row.QuerySelector("td .govuk-tag")!.TextContent);
        Assert.Contains("Practising pasta at home", row.QuerySelector("details")!.TextContent, StringComparison.Ordinal);
        // Items for older young people are hidden until asked for; showing all marks them with their age.
        var age = Age.On(born, Today);
        var later = IndependenceChecklist.Items.Where(i => i.FromAge > age).ToList();
        Assert.All(later, i => Assert.Null(page.GetElementById("item-" + i.Code)));
        var all = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/checklist?all=true"));
        Assert.Equal(IndependenceChecklist.Items.Count, all.QuerySelectorAll("tr[id^=item-]").Length);
        Assert.All(later, i => Assert.Equal($"From age {i.FromAge}", all.GetElementById("item-" + i.Code)!.QuerySelector(".govuk-tag--grey")!.TextContent));

        // The same status again without a note says why it was not saved.
        token = await TokenAsync(client, $"/people/{reference}/checklist/living-simple-meal");
        var same = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/checklist/living-simple-meal", Form(token, 2, ("Status", "WorkingOnIt"))));
        Assert.Equal("#status", same.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ChildrensService_Section17EndingAt18BeforeTheDecision_IsRefusedWithTheReason()
    {
        var (reference, born) = await YoungPersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            await Referrals.ReferAsync(db, Setup, reference, 0, PathwayCases.Referral with { ReceivedOn = Today }, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var started = Today.AddYears(-1);

        var token = await TokenAsync(client, $"/people/{reference}/childrens-services/add");
        var added = await client.PostAsync($"/people/{reference}/childrens-services/add", Form(token, 1, ("Description", "Short breaks, two nights a month"),
            ("LegalBasis", "ChildrenAct1989Section17"), ("StartedOn.Day", Day(started)), ("StartedOn.Month", Month(started)), ("StartedOn.Year", Year(started))));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/childrens-services"));
        var end = list.QuerySelector("#services tbody a")!.GetAttribute("href")!;
        Assert.Matches($"^/people/{reference}/childrens-services/[0-9]+/end$", end);

        var eighteen = Age.Turns(born, 18);
        token = await TokenAsync(client, end);
        var refused = await WaypointWebFactory.HtmlAsync(await client.PostAsync(end, Form(token, 2, ("EndsOn.Day", Day(eighteen)), ("EndsOn.Month", Month(eighteen)), ("EndsOn.Year", Year(eighteen)))));
        Assert.Contains("This service cannot end at or after the young person's 18th birthday while adult social care has not reached a conclusion", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Day(eighteen), refused.QuerySelector("input[name='EndsOn.Day']")!.GetAttribute("value"));

        list = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/childrens-services"));
        Assert.Equal("Continuing", list.QuerySelector("#services tbody td:nth-child(4)")!.TextContent);
    }

    [Fact]
    public async Task Handover_AnswersCheckedThenSaved_HandsOverAndPrintsTheSummary()
    {
        var (reference, _, version) = await DecidedAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var now = TimeProvider.System.GetUtcNow();
            await Plans.RecordViewsAsync(db, Setup, reference, version, new PlanViewsRequest("I want my own flat one day.", null), now, TestContext.Current.CancellationToken);
            await Plans.AddGoalAsync(db, Setup, reference, version + 1, new PlanGoalRequest(PreparingForAdulthoodOutcome.IndependentLiving, "Own flat", "Tenancy training", "Housing officer", Today.AddYears(1), PlanGoalStatus.NotStarted), now, TestContext.Current.CancellationToken);
            await Plans.AgreeAsync(db, Setup, reference, version + 2, Today, now, TestContext.Current.CancellationToken);
        }
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var handover = Today.AddDays(7);
        (string, string)[] answers =
        [
            ("Team", "Other"), ("OtherTeam", "Autism team"), ("AdultWorker", "C. Adult"),
            ("HandedOverOn.Day", Day(handover)), ("HandedOverOn.Month", Month(handover)), ("HandedOverOn.Year", Year(handover)),
            ("Summary", "Enjoys cooking.\nShort breaks continue until the adult service starts."),
        ];

        var token = await TokenAsync(client, $"/people/{reference}/handover");
        var check = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/handover/check", Form(token, version + 3, answers)));
        Assert.Equal("Check your answers before handing over", check.QuerySelector("h1")!.TextContent);
        var rows = check.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent, r => r.QuerySelector(".govuk-summary-list__value")!.TextContent);
        Assert.Equal(("Autism team", "C. Adult", handover.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)), (rows["Adult team"], rows["Adult worker"], rows["Takes over on"]));

        var saved = await client.PostAsync($"/people/{reference}/handover/save", Form(token, version + 3, answers));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Equal("Handed over", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Contains("Handed over to Autism team (adult worker: C. Adult)", casePage.QuerySelector(".govuk-table")!.TextContent, StringComparison.Ordinal);

        var summary = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/handover/summary"));
        Assert.Equal("Enjoys cooking.\nShort breaks continue until the adult service starts.", summary.GetElementById("handover-summary")!.TextContent);
        Assert.Contains("I want my own flat one day.", summary.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var again = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/handover"));
        Assert.Contains("already been handed over", again.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handover_NothingAnswered_ShowsEachProblemLinkedToItsField()
    {
        var (reference, _, version) = await DecidedAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var now = TimeProvider.System.GetUtcNow();
            await Plans.RecordViewsAsync(db, Setup, reference, version, new PlanViewsRequest("Yes.", null), now, TestContext.Current.CancellationToken);
            await Plans.AddGoalAsync(db, Setup, reference, version + 1, new PlanGoalRequest(PreparingForAdulthoodOutcome.GoodHealth, "See my GP alone", "Practice", "School nurse", Today.AddYears(1), PlanGoalStatus.NotStarted), now, TestContext.Current.CancellationToken);
            await Plans.AgreeAsync(db, Setup, reference, version + 2, Today, now, TestContext.Current.CancellationToken);
        }
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var token = await TokenAsync(client, $"/people/{reference}/handover");

        var response = await client.PostAsync($"/people/{reference}/handover/check", Form(token, version + 3, ("Team", "Other")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Enter the name of the adult team taking over", "#otherteam"), ("Enter the date the adult team takes over", "#handedoveron"), ("Enter the handover summary", "#summary")], links);
        foreach (var (_, href) in links) Assert.NotNull(page.GetElementById(href![1..]));
    }

    [Fact]
    public async Task PlanPages_RolesWithoutRunPathway_SeeThePagesButCannotChangeThem()
    {
        var (reference, _, version) = await DecidedAsync(Roles.SocialWorker);
        var social = await web.SignedInAsync(Roles.SocialWorker);

        foreach (var view in new[] { "plan", "checklist", "childrens-services", "handover/summary" })
            Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/people/{reference}/{view}")).StatusCode);
        var plan = await WaypointWebFactory.HtmlAsync(await social.GetAsync($"/people/{reference}/plan"));
        Assert.DoesNotContain(plan.QuerySelectorAll("a"), a => a.TextContent is "Add a goal" or "Agree the plan");
        var casePage = await WaypointWebFactory.HtmlAsync(await social.GetAsync($"/people/{reference}/case"));
        Assert.DoesNotContain(casePage.QuerySelectorAll("a.govuk-button"), a => a.TextContent == "Start the plan");

        foreach (var change in new[] { "plan/goals", "plan/views", "plan/agree", "checklist/health-gp", "childrens-services/add", "handover" })
        {
            var refused = await social.GetAsync($"/people/{reference}/{change}");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/error/403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var body = new { seenVersion = version, outcome = "Employment", aim = "College", help = "Travel training", who = "College", dueOn = "2030-01-01", status = "NotStarted" };
        Assert.Equal(HttpStatusCode.Forbidden, (await social.PostAsJsonAsync($"/api/people/{reference}/plan/goals", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await social.PostAsJsonAsync($"/api/people/{reference}/handover", new { seenVersion = version })).StatusCode);
        var analyst = await web.SignedInAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/people/{reference}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.GetAsync($"/people/{reference}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Anonymous().GetAsync($"/api/people/{reference}/checklist")).StatusCode);
    }

    [Fact]
    public async Task PlanApi_PlanChecklistServicesAndHandover_MirrorThePagesWithTheSamePolicies()
    {
        var (reference, born, version) = await DecidedAsync(Roles.SocialWorker);
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);

        var before = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{reference}/plan");
        Assert.Equal(("Decided", version, JsonValueKind.Null), (before.GetProperty("stage").GetString(), before.GetProperty("version").GetInt32(), before.GetProperty("plan").ValueKind));

        var goal = new { seenVersion = version, outcome = "GoodHealth", aim = "See my GP on my own", help = "Practise booking", who = "School nurse", dueOn = Today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status = "NotStarted" };
        var created = await worker.PostAsJsonAsync($"/api/people/{reference}/plan/goals", goal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var afterGoal = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("GoodHealth", afterGoal.GetProperty("plan").GetProperty("goals")[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync($"/api/people/{reference}/plan/goals", goal)).StatusCode);

        var agreeTooSoon = await worker.PostAsJsonAsync($"/api/people/{reference}/plan/agree", new { seenVersion = version + 1, agreedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, agreeTooSoon.StatusCode);
        Assert.Equal("Record the young person's view in their own words before the plan is agreed.", (await agreeTooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await worker.PutAsJsonAsync($"/api/people/{reference}/plan/views", new { seenVersion = version + 1, youngPersonView = "Yes, the GP one." })).StatusCode);

        var status = await worker.PostAsJsonAsync($"/api/people/{reference}/checklist/health-gp", new { seenVersion = version + 2, status = "WorkingOnIt", note = "Booked once with help" });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var checklist = await status.Content.ReadFromJsonAsync<JsonElement>();
        var gp = checklist.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("skill").GetProperty("code").GetString() == "health-gp");
        Assert.Equal(("WorkingOnIt", 1), (gp.GetProperty("status").GetString(), gp.GetProperty("history").GetArrayLength()));

        // Once the case is decided adult social care has reached its conclusion, so a s.17 service may end at 18.
        var eighteen = Age.Turns(born, 18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var service = await worker.PostAsJsonAsync($"/api/people/{reference}/childrens-services",
            new { seenVersion = version + 3, description = "Short breaks", legalBasis = "ChildrenAct1989Section17", startedOn = Today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), endsOn = eighteen });
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        var services = await service.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((false, eighteen), (services.GetProperty("adultConclusionOutstanding").GetBoolean(), services.GetProperty("services")[0].GetProperty("endsOn").GetString()));

        var agreed = await worker.PostAsJsonAsync($"/api/people/{reference}/plan/agree", new { seenVersion = version + 4, agreedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        var handedOver = await worker.PostAsJsonAsync($"/api/people/{reference}/handover",
            new { seenVersion = version + 5, team = "MentalHealth", handedOverOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), summary = "Anxiety; supported by CAMHS until now." });
        Assert.Equal(HttpStatusCode.Created, handedOver.StatusCode);
        var view = await handedOver.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("HandedOver", "MentalHealth"), (view.GetProperty("stage").GetString(), view.GetProperty("handover").GetProperty("team").GetString()));

        var social = await web.SignedInAsync(Roles.SocialWorker);
        foreach (var read in new[] { "plan", "checklist", "childrens-services", "handover" })
            Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/api/people/{reference}/{read}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await social.GetAsync("/api/people/NOSUCHPERSON/plan")).StatusCode);
    }
}
