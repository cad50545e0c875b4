using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The case page, the referral journey and their API twins, as a practitioner meets them.</summary>
public class CasePageTests(WaypointWebFactory web)
{
    /// <summary>A young person with no transitions case, different for each test so tests do not meet.</summary>
    private async Task<string> PersonWithoutACaseAsync(params string[] roles)
    {
        var seen = await web.SeenByAllAsync(roles);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth != null).OrderBy(p => p.Id).Select(p => p.Reference).ToListAsync();
        lock (Used)
        {
            var reference = candidates.First(r => !Used.Contains(r) && seen.Contains(r));
            Used.Add(reference);
            return reference;
        }
    }

    private static readonly HashSet<string> Used = [];

    /// <summary>A referral's answers, as the form posts them.</summary>
    internal static Dictionary<string, string> Answers(string token, int seenVersion = 0) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["SeenVersion"] = seenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Source"] = "SenTeam",
        ["Referrer"] = "Oakfield School SENCO",
        ["ReceivedOn.Day"] = "2",
        ["ReceivedOn.Month"] = "11",
        ["ReceivedOn.Year"] = "2026",
        ["Reason"] = "EHC plan; will need support with daily living after 18",
        ["Urgency"] = "Soon",
    };

    [Fact]
    public async Task Refer_AnswersCheckedThenSaved_OpensTheCaseAtReferred()
    {
        var reference = await PersonWithoutACaseAsync(Roles.SendOfficer);
        var client = await web.SignedInAsync(Roles.SendOfficer);

        var form = await client.GetAsync($"/people/{reference}/refer");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = await WaypointWebFactory.TokenAsync(form);
        var check = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/refer/check", new FormUrlEncodedContent(Answers(token))));
        Assert.Equal("Check your answers before referring", check.QuerySelector("h1")!.TextContent);
        var answers = check.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent, r => r.QuerySelector(".govuk-summary-list__value")!.TextContent);
        Assert.Equal("SEN team", answers["Where the referral came from"]);
        Assert.Equal("2 November 2026", answers["Date received"]);

        var saved = await client.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Answers(token)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/people/{reference}/case", saved.Headers.Location!.OriginalString);
        var casePage = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/case"));
        Assert.Contains("Referral recorded", casePage.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Referred", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Contains("Referral recorded: from SEN team", casePage.QuerySelector(".govuk-table")!.TextContent, StringComparison.Ordinal);

        // A second referral while this one is open is refused, with a link to the case.
        var again = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{reference}/refer"));
        var summary = again.QuerySelector(".govuk-error-summary")!;
        Assert.Contains("already has an open referral", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/people/{reference}/case", summary.QuerySelector("a")!.GetAttribute("href"));
        var refused = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Answers(token, seenVersion: 1))));
        Assert.Contains("already has an open referral", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var personId = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
        Assert.Equal(1, await db.Referrals.CountAsync(r => r.PersonId == personId));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.PersonId == personId && a.Action == "case-refer"));
    }

    [Fact]
    public async Task Refer_NothingAnswered_ShowsEachProblemLinkedToItsField()
    {
        var reference = await PersonWithoutACaseAsync();
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync($"/people/{reference}/refer"));

        var page = await WaypointWebFactory.HtmlAsync(await client.PostAsync($"/people/{reference}/refer/check",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReceivedOn.Day"] = "31", ["ReceivedOn.Month"] = "2", ["ReceivedOn.Year"] = "2026" })));

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Select where the referral came from", "#source"), ("The date the referral was received must be a real date", "#receivedon"),
             ("Enter the reason for the referral", "#reason"), ("Select how urgent the referral is", "#urgency")], links);
        foreach (var (_, href) in links) Assert.NotNull(page.GetElementById(href![1..]));
    }

    [Fact]
    public async Task Refer_SomeoneElseReferredFirst_IsRefusedAndShownWhatChanged()
    {
        var reference = await PersonWithoutACaseAsync(Roles.SocialWorker, Roles.HealthPractitioner);
        var first = await web.SignedInAsync(Roles.SocialWorker);
        var second = await web.SignedInAsync(Roles.HealthPractitioner);
        var firstToken = await WaypointWebFactory.TokenAsync(await first.GetAsync($"/people/{reference}/refer"));
        var secondToken = await WaypointWebFactory.TokenAsync(await second.GetAsync($"/people/{reference}/refer"));

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Answers(firstToken)))).StatusCode);
        var refused = await WaypointWebFactory.HtmlAsync(await second.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Answers(secondToken))));

        Assert.Contains("Demo social worker changed this case since you opened it", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Referral recorded: from SEN team", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseApi_GetAndRefer_MirrorThePagesWithTheSamePolicies()
    {
        var reference = await PersonWithoutACaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);

        var before = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{reference}/case");
        Assert.Equal(("NotIdentified", 0), (before.GetProperty("stage").GetString(), before.GetProperty("version").GetInt32()));
        Assert.False(before.TryGetProperty("personId", out _));

        var body = new { seenVersion = 0, source = "Health", referrer = "CAMHS", receivedOn = "2026-11-02", reason = "Anxiety; not known to adult services", urgency = "Urgent" };
        var created = await worker.PostAsJsonAsync($"/api/people/{reference}/referrals", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Referred", 1), (after.GetProperty("stage").GetString(), after.GetProperty("version").GetInt32()));

        var stale = await worker.PostAsJsonAsync($"/api/people/{reference}/referrals", body);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var duplicate = await worker.PostAsJsonAsync($"/api/people/{reference}/referrals", body with { seenVersion = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal($"/people/{reference}/case", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seeAlso").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Anonymous().GetAsync($"/api/people/{reference}/case")).StatusCode);
        var analyst = await web.SignedInAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/people/{reference}/case")).StatusCode);
        var panel = await web.SignedInAsync(Roles.PanelMember);
        Assert.Equal(HttpStatusCode.Forbidden, (await panel.PostAsJsonAsync($"/api/people/{reference}/referrals", body with { seenVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await panel.GetAsync($"/people/{reference}/refer")).StatusCode);
    }

    [Fact]
    public async Task IdentifyThenClose_NeedAReasonAndTheRightRole()
    {
        var reference = await PersonWithoutACaseAsync(Roles.SendOfficer);
        var send = await web.SignedInAsync(Roles.SendOfficer);
        var token = await WaypointWebFactory.TokenAsync(await send.GetAsync($"/people/{reference}/case/identify"));
        var empty = await WaypointWebFactory.HtmlAsync(await send.PostAsync($"/people/{reference}/case/identify",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["SeenVersion"] = "0", ["Reason"] = "" })));
        Assert.Equal("#reason", empty.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));

        var identified = await send.PostAsync($"/people/{reference}/case/identify",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["SeenVersion"] = "0", ["Reason"] = "EHC plan; severe learning disability" }));
        Assert.Equal(HttpStatusCode.Redirect, identified.StatusCode);
        // Closing is the transitions team's decision, not the SEND officer's.
        Assert.StartsWith("/error/403", (await send.GetAsync($"/people/{reference}/case/close")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var closeToken = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/people/{reference}/case/close"));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/people/{reference}/case/close",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = closeToken, ["SeenVersion"] = "1", ["Reason"] = "Moved away" }))).StatusCode);
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Equal("Closed", casePage.QuerySelector(".govuk-summary-list .govuk-tag")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/people/{reference}/case/delete")).StatusCode);
    }
}
