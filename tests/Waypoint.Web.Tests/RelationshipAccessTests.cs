using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The access rules through the app: a young person the user's team has no involvement with is refused on every page
/// and endpoint and the refusal audited; emergency access opens them for a while and goes to review; lists show only
/// who the user may see; health detail needs a health permission or consent; administrators manage teams, not people.
/// </summary>
public class RelationshipAccessTests(WaypointWebFactory web)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static bool CareLeaverWithoutPlan(IReadOnlyCollection<string> cohorts) => cohorts.Contains(Cohort.CareLeaver) && !cohorts.Contains(Cohort.EhcPlan);

    private async Task<int> AuditCountAsync(string action, string user, string reference)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var id = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync(Cancel);
        return await db.AuditEvents.CountAsync(a => a.Action == action && a.UserName == user && a.PersonId == id, Cancel);
    }

    [Fact]
    public async Task EmergencyAccess_RefusedFirst_OpenedWithAReason_ThenReviewedByAManagerAndSeenByTheDpo()
    {
        var reference = (await web.PeopleAsync(Roles.SendOfficer, seen: false, CareLeaverWithoutPlan))[1];
        var send = await web.SignedInAsync(Roles.SendOfficer);

        var refused = await send.GetAsync($"/people/{reference}");
        Assert.Equal($"/people/{reference}/access", refused.Headers.Location?.OriginalString);
        Assert.Equal(1, await AuditCountAsync("access-refused", "Demo SEND officer", reference));
        var access = await send.GetAsync($"/people/{reference}/access");
        Assert.Equal(HttpStatusCode.Forbidden, access.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(access);
        Assert.Equal("You do not have access to this young person's record", page.QuerySelector("h1")!.TextContent);
        var token = await WaypointWebFactory.TokenAsync(await send.GetAsync($"/people/{reference}/access"));

        var blank = await send.PostAsync($"/people/{reference}/access", new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = " ", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, blank.StatusCode);
        Assert.Contains("Enter why you need to see this young person's record now", (await WaypointWebFactory.HtmlAsync(blank)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        var opened = await send.PostAsync($"/people/{reference}/access", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reason"] = "The young person's school called: they have not arrived and their carer cannot be reached",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal($"/people/{reference}", opened.Headers.Location?.OriginalString);
        var person = await send.GetAsync($"/people/{reference}");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Contains("through emergency access until", (await WaypointWebFactory.HtmlAsync(person)).GetElementById("emergency-access")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await send.GetAsync($"/people/{reference}/case")).StatusCode);
        Assert.Equal(1, await AuditCountAsync("emergency-access-opened", "Demo SEND officer", reference));
        Assert.Equal(2, await AuditCountAsync("emergency-access-use", "Demo SEND officer", reference));

        // The SEND officer does not review emergency access; a manager and the DPO see it to review.
        Assert.StartsWith("/error/403", (await send.GetAsync("/access/emergency")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var dpo = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.DataProtectionOfficer)).GetAsync("/access/emergency"));
        var row = dpo.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("their carer cannot be reached", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Demo SEND officer", row.TextContent, StringComparison.Ordinal);

        var manager = await web.SignedInAsync(Roles.Manager);
        var list = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/access/emergency"));
        var review = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(reference, StringComparison.Ordinal)).QuerySelector("a[href^='/access/emergency/']")!.GetAttribute("href")!;
        var form = await manager.GetAsync(review);
        var done = await manager.PostAsync(review, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Note"] = "Reason confirmed with the school; only the contact details were needed",
            ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(form),
        }));
        Assert.Equal("/access/emergency", done.Headers.Location?.OriginalString);
        var after = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/access/emergency"));
        Assert.Contains(after.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(reference, StringComparison.Ordinal) && r.TextContent.Contains("Reason confirmed with the school", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_ShowOnlyThePeopleTheUserMaySee()
    {
        var send = await web.SignedInAsync(Roles.SendOfficer);
        var csv = await (await send.GetAsync("/?handler=Download")).Content.ReadAsStringAsync(Cancel);
        var listed = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var hidden = await web.PeopleAsync(Roles.SendOfficer, seen: false);
        Assert.NotEmpty(hidden);
        Assert.NotEmpty(listed);
        Assert.Empty(listed.Intersect(hidden));
        // Anyone another test has just opened through emergency access is on the officer's list too, for now.
        Assert.Subset((await web.PeopleAsync(Roles.SendOfficer, withEmergencyAccess: true)).ToHashSet(), listed);

        // A transitions worker's tracker is the whole cohort, so it lists more.
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var all = (await (await worker.GetAsync("/?handler=Download")).Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.True(all > listed.Count, $"The transitions worker's {all} should be more than the SEND officer's {listed.Count}.");

        // The API's list is narrowed the same way.
        var api = await send.GetAsync("/api/people?pageSize=500");
        Assert.DoesNotContain(hidden[0], await api.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthDetail_ShownToHealthPractitioners_AndToOthersOnlyWithConsent()
    {
        string reference;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var withHealth = await db.HealthInvolvements.Where(h => h.StartDate != null)
                .Join(db.RecordLinks, h => h.SourceRecordId, l => l.SourceRecordId, (_, l) => l.PersonId)
                .Join(db.People, id => id, p => p.Id, (_, p) => p.Reference).Distinct().ToListAsync(Cancel);
            var seenBySend = await web.PeopleAsync(Roles.SendOfficer);
            var seenByHealth = await web.PeopleAsync(Roles.HealthPractitioner);
            reference = withHealth.Where(seenBySend.Contains).Where(seenByHealth.Contains).Order(StringComparer.Ordinal).Skip(2).First();
        }
        static bool HasHealthRows(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("td").Any(td => td.TextContent == "Health");

        var health = await web.SignedInAsync(Roles.HealthPractitioner);
        Assert.True(HasHealthRows(await WaypointWebFactory.HtmlAsync(await health.GetAsync($"/people/{reference}"))));
        var send = await web.SignedInAsync(Roles.SendOfficer);
        var withheld = await WaypointWebFactory.HtmlAsync(await send.GetAsync($"/people/{reference}"));
        Assert.False(HasHealthRows(withheld));
        Assert.Contains(withheld.QuerySelectorAll(".govuk-inset-text"), e => e.TextContent.Contains("Health information is shown only to health practitioners", StringComparison.Ordinal));
        // A SEND officer does not record consent; a transitions worker does.
        Assert.StartsWith("/error/403", (await send.GetAsync($"/people/{reference}/health-consent")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var form = await worker.GetAsync($"/people/{reference}/health-consent");
        var today = TimeProvider.System.GetLocalNow();
        var recorded = await worker.PostAsync($"/people/{reference}/health-consent", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["On.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["On.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["On.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(form),
        }));
        Assert.Equal($"/people/{reference}", recorded.Headers.Location?.OriginalString);
        Assert.True(HasHealthRows(await WaypointWebFactory.HtmlAsync(await send.GetAsync($"/people/{reference}"))));
        Assert.Equal(1, await AuditCountAsync("health-consent-recorded", "Demo transitions worker", reference));
    }

    [Fact]
    public async Task Administrators_ManageTeams_ButSeeNoYoungPerson()
    {
        var admin = await web.SignedInAsync(Roles.Administrator);
        var teams = await WaypointWebFactory.HtmlAsync(await admin.GetAsync("/admin/teams"));
        var send = teams.QuerySelectorAll("#teams tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "SEND team");
        Assert.Contains("EHC plan", send.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty((await WaypointWebFactory.HtmlAsync(await admin.GetAsync("/admin/staff"))).QuerySelectorAll("#staff tbody tr"));

        // The commissioning team sees no young person whatever it works with (commissioners open no person pages), so changing it disturbs no other test.
        var change = teams.QuerySelectorAll("#teams tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Commissioning").QuerySelector("a")!.GetAttribute("href")!;
        var form = await admin.GetAsync(change);
        var saved = await admin.PostAsync(change, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Cohorts"] = Cohort.AdultSocialCare,
            ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(form),
        }));
        Assert.Equal("/admin/teams", saved.Headers.Location?.OriginalString);
        var after = await WaypointWebFactory.HtmlAsync(await admin.GetAsync("/admin/teams"));
        Assert.Contains("Known to adult social care", after.QuerySelectorAll("#teams tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Commissioning").TextContent, StringComparison.Ordinal);

        var anyone = (await web.PeopleAsync(Roles.TransitionsWorker))[0];
        Assert.StartsWith("/error/403", (await admin.GetAsync($"/people/{anyone}")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/error/403", (await (await web.SignedInAsync(Roles.SendOfficer)).GetAsync("/admin/teams")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "team-changed" && a.UserName == "Demo administrator" && a.PersonId == null, Cancel));
        Assert.Equal(Councils.DemoCouncilCode, await db.Teams.Where(t => t.Name == "Commissioning").Select(t => t.CouncilCode).SingleAsync(Cancel));
    }
}
