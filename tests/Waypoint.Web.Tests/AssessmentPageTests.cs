using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The transition assessment, the eligibility decision, signposting, refusal and a manager's review, through the pages and their API twins.</summary>
public class AssessmentPageTests(WaypointWebFactory web)
{
    private static readonly Practitioner Setup = new(Councils.DemoCouncilCode, "Test setup", Roles.TransitionsWorker);
    private static readonly HashSet<string> Used = [];

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string, string)[] Date(string field, DateOnly date) =>
        [($"{field}.Day", Text(date.Day)), ($"{field}.Month", Text(date.Month)), ($"{field}.Year", Text(date.Year))];

    /// <summary>
    /// A young person of the demo council aged 14 to 17 with no transitions case, different for each test. Taken in
    /// descending order of their random references, so as not to meet the plan tests, which take them ascending.
    /// </summary>
    private async Task<string> YoungPersonAsync(params string[] roles)
    {
        var seen = await web.SeenByAllAsync(roles);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var (oldest, youngest) = (Today.AddYears(-18).AddDays(1), Today.AddYears(-14));
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth >= oldest && p.DateOfBirth <= youngest)
            .OrderByDescending(p => p.Reference).Select(p => p.Reference).ToListAsync();
        lock (Used)
        {
            var chosen = candidates.First(c => !Used.Contains(c) && seen.Contains(c));
            Used.Add(chosen);
            return chosen;
        }
    }

    /// <summary>A young person referred today through Core: the case is at version 1.</summary>
    private async Task<string> ReferredAsync(params string[] roles)
    {
        var reference = await YoungPersonAsync(roles);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        await Referrals.ReferAsync(db, Setup, reference, 0, PathwayCases.Referral with { ReceivedOn = Today }, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        return reference;
    }

    /// <summary>A child's needs assessment in progress with every outcome and the conditions recorded: facts that come to not eligible (one outcome unable). Returns the version.</summary>
    private async Task<(string Reference, int Version)> RecordedNotEligibleAsync()
    {
        var reference = await YoungPersonAsync();
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var at = TimeProvider.System.GetUtcNow();
        var version = await PathwayCases.ToAssessingAsync(db, Setup, reference, 0, at, TestContext.Current.CancellationToken);
        foreach (var outcome in Enum.GetValues<AdultOutcome>())
        {
            IReadOnlyCollection<UnableBecause> ways = outcome == AdultOutcome.Nutrition ? [UnableBecause.NeedsAssistance] : [];
            await Assessments.RecordOutcomeAsync(db, Setup, reference, version++, new AssessedOutcomeRequest(outcome.ToString(), ways, false, true, false, "Seen at home"), at, TestContext.Current.CancellationToken);
        }
        await Assessments.RecordConditionsAsync(db, Setup, reference, version++, new AssessmentConditionsRequest(true, null, true, "Autism diagnosis"), at, TestContext.Current.CancellationToken);
        return (reference, version);
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
            ["SeenVersion"] = Text(version),
        });

    [Fact]
    public async Task Assessment_StartedRecordedAndDecidedEligibleThroughThePages_OffersThePlan()
    {
        var reference = await ReferredAsync();
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        var buttons = casePage.QuerySelectorAll("a.govuk-button").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Start the transition assessment", $"/people/{reference}/assessment/start"), buttons);
        Assert.Contains(("Refuse the request", $"/people/{reference}/decline"), buttons);
        Assert.DoesNotContain("Nothing for your role at this stage", casePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var empty = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.Contains("No transition assessment has been started", empty.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var token = await TokenAsync(client, $"/people/{reference}/assessment/start");
        var started = await client.PostAsync($"/people/{reference}/assessment/start", Form(token, 1,
            [("Kind", "ChildsNeeds"), ("Footing", "Consent"), ("FootingNote", "Consented at a home visit"), .. Date("StartedOn", Today)]));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/people/{reference}/assessment/outcomes/Nutrition", started.Headers.Location!.OriginalString);

        var version = 2;
        var outcomes = Assessments.OutcomesFor(AssessmentKind.ChildsNeeds);
        foreach (var (outcome, i) in outcomes.Select((o, i) => (o, i)))
        {
            var page = await client.GetAsync($"/people/{reference}/assessment/outcomes/{outcome.Key}");
            var pageToken = await WaypointWebFactory.TokenAsync(page);
            var html = await WaypointWebFactory.HtmlAsync(page);
            Assert.Equal(outcome.Label, html.QuerySelector("h1")!.TextContent);
            Assert.Equal(4, html.QuerySelectorAll("input[name=Unable]").Length);
            var unable = outcome.Key is "Nutrition" or "CommunityFacilitiesAndServices";
            (string, string)[] answers = unable
                ? [("Achievable", "False"), ("Unable", "NeedsAssistance"), ("Fluctuates", "False"), ("Evidence", "Needs prompting and help at each step")]
                : [("Achievable", "True"), ("Fluctuates", "False"), ("Evidence", "Manages without help")];
            var saved = await client.PostAsync($"/people/{reference}/assessment/outcomes/{outcome.Key}", Form(pageToken, version++, answers));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(i + 1 < outcomes.Count ? $"/people/{reference}/assessment/outcomes/{outcomes[i + 1].Key}" : $"/people/{reference}/assessment", saved.Headers.Location!.OriginalString);
        }

        var assessment = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.Equal("Unable: it cannot be achieved without assistance", assessment.GetElementById("outcome-nutrition")!.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal("Achievable", assessment.GetElementById("outcome-toiletneeds")!.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Contains("reg 2(2)(a)", assessment.GetElementById("outcome-nutrition")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The conditions", assessment.GetElementById("facts")!.TextContent, StringComparison.Ordinal);
        Assert.Null(assessment.QuerySelector($"a[href='/people/{reference}/assessment/decide']"));

        token = await TokenAsync(client, $"/people/{reference}/assessment/conditions");
        var conditions = await client.PostAsync($"/people/{reference}/assessment/conditions", Form(token, version++,
            ("NeedsArise", "True"), ("WellbeingImpact", "True"), ("Evidence", "Learning disability; the needs affect daily life")));
        Assert.Equal(HttpStatusCode.Redirect, conditions.StatusCode);

        assessment = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.Equal("Eligible", assessment.GetElementById("facts")!.QuerySelector(".govuk-tag")!.TextContent);
        Assert.NotNull(assessment.QuerySelector($"a.govuk-button[href='/people/{reference}/assessment/decide']"));
        casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Contains(casePage.QuerySelectorAll("a.govuk-button"), a => a.TextContent == "Record the decision");

        var decide = await client.GetAsync($"/people/{reference}/assessment/decide");
        token = await WaypointWebFactory.TokenAsync(decide);
        Assert.Equal("Eligible", (await WaypointWebFactory.HtmlAsync(decide)).GetElementById("facts")!.QuerySelector(".govuk-tag")!.TextContent);
        var decided = await client.PostAsync($"/people/{reference}/assessment/decide", Form(token, version++,
            [("Eligible", "True"), .. Date("DecidedOn", Today), ("Reasons", "Unable to achieve two outcomes, with a significant impact on well-being")]));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal($"/people/{reference}/case", decided.Headers.Location!.OriginalString);

        casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Contains("Decision recorded: eligible for care and support.", casePage.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Decided", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Contains(casePage.QuerySelectorAll("a.govuk-button"), a => a.TextContent == "Start the plan");
        Assert.Contains("Eligible for care and support", casePage.GetElementById("transition-assessment")!.TextContent, StringComparison.Ordinal);
        assessment = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.NotNull(assessment.QuerySelector($"#letters a[href='/people/{reference}/letters/decision']"));
        Assert.Null(assessment.QuerySelector($"#letters a[href='/people/{reference}/letters/advice']"));

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var personId = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
        Assert.Equal(12, await db.AuditEvents.CountAsync(a => a.PersonId == personId && a.Action.StartsWith("case-assess")));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PersonId == personId && a.Action == "case-decide"));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PersonId == personId && a.Action == "view-assessment"));
    }

    [Fact]
    public async Task Decline_ReasonsAndAdviceMissing_ShowsTheErrorSummaryThenRefusesTheRequest()
    {
        var reference = await ReferredAsync();
        var client = await web.SignedInAsync(Roles.Manager);
        var token = await TokenAsync(client, $"/people/{reference}/decline");

        var page = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/decline", Form(token, 1, Date("RefusedOn", Today))));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(
            [("Enter the reasons the request is refused", "#reasons"), ("Enter the information and advice on preventing or delaying needs", "#preventionadvice")],
            page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList());
        Assert.Contains("must be given the reasons and the advice in writing", page.QuerySelector("main .govuk-warning-text")!.TextContent, StringComparison.Ordinal);

        var refused = await client.PostAsync($"/people/{reference}/decline", Form(token, 1,
            [.. Date("RefusedOn", Today), ("Reasons", "Not likely to have needs for care and support after 18"), ("PreventionAdvice", "The local offer's youth clubs; the GP for any change in health")]));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Equal("Declined", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Contains("Request refused", casePage.GetElementById("transition-assessment")!.TextContent, StringComparison.Ordinal);
        var assessment = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.Contains("The local offer's youth clubs", assessment.GetElementById("refusal")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(assessment.QuerySelector($"a[href='/people/{reference}/letters/refusal']"));
    }

    [Fact]
    public async Task Decide_ContradictingTheFactsWithoutAReason_IsRefusedThenFlaggedForAManagerOnly()
    {
        var (reference, version) = await RecordedNotEligibleAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var token = await TokenAsync(worker, $"/people/{reference}/assessment/decide");
        (string, string)[] decision = [("Eligible", "True"), .. Date("DecidedOn", Today), ("Reasons", "Her anxiety is worse than the outcomes show")];

        var refused = await WaypointWebFactory.HtmlAsync(await worker.PostAsync($"/people/{reference}/assessment/decide", Form(token, version, decision)));
        Assert.Contains("Enter why the decision departs from what the recorded facts come to: it will be flagged for a manager.", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Her anxiety is worse than the outcomes show", refused.QuerySelector("textarea#reasons")!.TextContent);

        var decided = await worker.PostAsync($"/people/{reference}/assessment/decide", Form(token, version, [.. decision, ("DepartureReason", "Panic attacks in the community, not yet in the evidence")]));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Contains("flagged for a manager", casePage.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for a manager's review", casePage.GetElementById("transition-assessment")!.TextContent, StringComparison.Ordinal);

        Assert.StartsWith("/error/403", (await worker.GetAsync("/cases/flagged-decisions")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/error/403", (await worker.GetAsync($"/people/{reference}/assessment/review")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var manager = await web.SignedInAsync(Roles.Manager);
        var flagged = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/cases/flagged-decisions"));
        var row = flagged.QuerySelectorAll("#flagged tbody tr").Single(r => r.QuerySelector($"a[href='/people/{reference}/assessment']") is not null);
        Assert.Contains("Recorded as eligible, but the recorded facts do not meet the eligibility criteria.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Panic attacks in the community", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(flagged.QuerySelector("nav a[href='/cases/flagged-decisions']"));
        var tray = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/my-work/cases"));
        Assert.Contains("wait", tray.GetElementById("decisions-to-review")!.TextContent, StringComparison.Ordinal);

        token = await TokenAsync(manager, $"/people/{reference}/assessment/review");
        var reviewed = await manager.PostAsync($"/people/{reference}/assessment/review", Form(token, version + 1, ("Note", "Decision stands; add the community observations to the evidence")));
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        flagged = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/cases/flagged-decisions"));
        Assert.Null(flagged.QuerySelector($"a[href='/people/{reference}/assessment']"));
    }

    [Fact]
    public async Task RecordOutcome_SomeoneElseChangedTheCase_IsRefusedAndShownWhatChanged()
    {
        var reference = await YoungPersonAsync();
        int version;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            version = await PathwayCases.ToAssessingAsync(db, Setup, reference, 0, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var first = await web.SignedInAsync(Roles.TransitionsWorker);
        var second = await web.SignedInAsync(Roles.Manager);
        var firstToken = await TokenAsync(first, $"/people/{reference}/assessment/outcomes/Nutrition");
        var secondToken = await TokenAsync(second, $"/people/{reference}/assessment/conditions");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"/people/{reference}/assessment/outcomes/Nutrition",
            Form(firstToken, version, ("Achievable", "True"), ("Fluctuates", "False"), ("Evidence", "Cooks simple meals")))).StatusCode);
        var refused = await WaypointWebFactory.HtmlAsync(await second.PostAsync($"/people/{reference}/assessment/conditions",
            Form(secondToken, version, ("NeedsArise", "True"), ("WellbeingImpact", "False"), ("Evidence", "Diagnosis letter"))));

        Assert.Contains("Demo transitions worker changed this case since you opened it", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Assessment: managing and maintaining nutrition recorded as achievable", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Diagnosis letter", refused.QuerySelector("textarea#evidence")!.TextContent);
    }

    [Fact]
    public async Task AssessmentApi_StartRecordAndDecide_MirrorThePagesWithTheSamePolicies()
    {
        var reference = await ReferredAsync(Roles.SocialWorker);
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var started = await worker.PostAsJsonAsync($"/api/people/{reference}/assessment", new { seenVersion = 1, kind = "ChildsNeeds", footing = "Consent", footingNote = "Consented by phone", startedOn = today });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("AssessmentInProgress", 2), (view.GetProperty("stage").GetString(), view.GetProperty("version").GetInt32()));
        Assert.Equal(10, view.GetProperty("result").GetProperty("missing").GetArrayLength() - 1);

        var version = 2;
        foreach (var outcome in Enum.GetValues<AdultOutcome>())
        {
            string[] unable = outcome is AdultOutcome.Nutrition or AdultOutcome.PersonalHygiene ? ["NeedsAssistance", "PainDistressOrAnxiety"] : [];
            var recorded = await worker.PutAsJsonAsync($"/api/people/{reference}/assessment/outcomes/{outcome}",
                new { seenVersion = version++, unable, fluctuates = false, periodLongEnough = true, metByCarer = false, evidence = "Seen at home" });
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }
        var conditions = await worker.PutAsJsonAsync($"/api/people/{reference}/assessment/conditions", new { seenVersion = version++, needsArise = true, wellbeingImpact = true, evidence = "Diagnosis letter" });
        view = await conditions.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Eligible", true), (view.GetProperty("result").GetProperty("outcome").GetString(), view.GetProperty("result").GetProperty("complete").GetBoolean()));

        var stale = await worker.PostAsJsonAsync($"/api/people/{reference}/assessment/decision", new { seenVersion = version - 1, eligible = true, decidedOn = today, reasons = "Two outcomes" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var noAdvice = await worker.PostAsJsonAsync($"/api/people/{reference}/assessment/decision", new { seenVersion = version, eligible = false, decidedOn = today, reasons = "Copes", departureReason = "Family support" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAdvice.StatusCode);
        Assert.Contains("s.13(5)", (await noAdvice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var decided = await worker.PostAsJsonAsync($"/api/people/{reference}/assessment/decision", new { seenVersion = version, eligible = true, decidedOn = today, reasons = "Two outcomes, well-being affected" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var read = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{reference}/assessment");
        Assert.Equal("Decided", read.GetProperty("stage").GetString());
        Assert.True(read.GetProperty("assessment").GetProperty("eligible").GetBoolean());
        Assert.Equal(10, read.GetProperty("assessment").GetProperty("outcomes").GetArrayLength());

        var social = await web.SignedInAsync(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/api/people/{reference}/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await social.PostAsJsonAsync($"/api/people/{reference}/decline", new { seenVersion = 1, refusedOn = today, reasons = "x", preventionAdvice = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/flagged-decisions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync($"/api/people/{reference}/assessment/review", new { seenVersion = version + 1, note = "x" })).StatusCode);
        var manager = await web.SignedInAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/flagged-decisions")).StatusCode);
        var analyst = await web.SignedInAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/people/{reference}/assessment")).StatusCode);

        var description = await worker.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        var paths = description.GetProperty("paths");
        foreach (var path in new[] { "/api/people/{reference}/assessment", "/api/people/{reference}/assessment/outcomes/{key}", "/api/people/{reference}/assessment/conditions",
            "/api/people/{reference}/assessment/decision", "/api/people/{reference}/assessment/signpost", "/api/people/{reference}/decline", "/api/people/{reference}/assessment/review", "/api/flagged-decisions" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }

    [Fact]
    public async Task Signpost_AfterDecidedNotEligible_MovesTheCaseToSignposted()
    {
        var reference = await YoungPersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var at = TimeProvider.System.GetUtcNow();
            var assessing = await PathwayCases.ToAssessingAsync(db, Setup, reference, 0, at, TestContext.Current.CancellationToken);
            await PathwayCases.AssessAndDecideAsync(db, Setup, reference, assessing, at, eligible: false, TestContext.Current.CancellationToken);
        }
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        var buttons = casePage.QuerySelectorAll("a.govuk-button").Select(a => a.TextContent).ToList();
        Assert.Contains("Signpost", buttons);
        Assert.DoesNotContain("Start the plan", buttons);
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/people/{reference}/case")).GetProperty("version").GetInt32();

        var token = await TokenAsync(client, $"/people/{reference}/assessment/signpost");
        var signposted = await client.PostAsync($"/people/{reference}/assessment/signpost", Form(token, version, ("SignpostedTo", "The college's independent living course")));
        Assert.Equal(HttpStatusCode.Redirect, signposted.StatusCode);
        casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Equal("Signposted", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        var assessment = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/assessment"));
        Assert.NotNull(assessment.QuerySelector($"#letters a[href='/people/{reference}/letters/advice']"));
        Assert.Contains("independent living course", assessment.GetElementById("decision")!.TextContent, StringComparison.Ordinal);
    }
}
