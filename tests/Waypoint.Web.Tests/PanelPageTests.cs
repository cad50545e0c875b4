using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The transitions panel's pages and API as the panel and the transitions team use them, on the demo council.</summary>
public class PanelPageTests(WaypointWebFactory web)
{
    private static readonly Practitioner Worker = new(Core.Ingest.Councils.DemoCouncilCode, "Demo transitions worker", Roles.TransitionsWorker);
    private static readonly HashSet<string> Used = [];
    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    /// <summary>
    /// A young person with a case decided through the Core services the pages use (referred, assessed, decided), at
    /// version 3: a named person with one source record, past the first few, so that the tests that open the council's
    /// first people (referrals) or its richest records (the person page) never meet them.
    /// </summary>
    private Task<string> DecidedCaseAsync() => DecidedCaseAsync(web.DatabasePath);

    /// <summary>The same for another host's database, such as the browser tests'.</summary>
    internal static async Task<string> DecidedCaseAsync(string databasePath)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, databasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var oneRecord = db.RecordLinks.GroupBy(l => l.PersonId).Where(g => g.Count() == 1).Select(g => g.Key);
        var candidates = await db.People.Where(p => !taken.Contains(p.Id) && p.DateOfBirth != null && p.Forename != null && oneRecord.Contains(p.Id))
            .OrderBy(p => p.Id).Skip(50).Select(p => p.Reference).Take(50).ToListAsync();
        string reference;
        lock (Used)
        {
            reference = candidates.First(r => !Used.Contains(r));
            Used.Add(reference);
        }
        var by = Worker;
        var now = DateTimeOffset.UtcNow;
        await Referrals.ReferAsync(db, by, reference, 0, new ReferralRequest(ReferralSource.SenTeam, null, Today.AddDays(-30), "Needs support after 18", ReferralUrgency.Soon), now.AddMinutes(-3), default);
        foreach (var (to, version) in new[] { (TransitionsStage.AssessmentInProgress, 1), (TransitionsStage.Decided, 2) })
        {
            var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, reference, version, default);
            transitionsCase!.MoveTo(to, by.UserName, now.AddMinutes(version - 3), "test");
            await CaseWork.SaveAsync(db, by, transitionsCase, "Moved to " + to, "case-move", null, now.AddMinutes(version - 3), default);
        }
        return reference;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static (string, string)[] Date(string name, DateOnly date) =>
        [($"{name}.Day", date.Day.ToString(CultureInfo.InvariantCulture)), ($"{name}.Month", date.Month.ToString(CultureInfo.InvariantCulture)), ($"{name}.Year", date.Year.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A meeting today, set up through the page; its id.</summary>
    private static async Task<long> NewMeetingAsync(HttpClient client, string chair = "Pat Chair")
    {
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/panel/new"));
        var created = await client.PostAsync("/panel/new", Form(token, [.. Date("MeetsOn", Today), ("StartsAt", "2:30pm"), ("Format", "InPerson"), ("Place", "Room 2, County Hall"), ("Chair", chair)]));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Meeting_TakeACaseAttendanceDecisionAndAction_AreOnTheMeetingTheCaseAndTheAgendaPack()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var meetingId = await NewMeetingAsync(worker);

        // From the case page: "Take to panel", choosing the meeting.
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Equal($"/people/{reference}/take-to-panel", casePage.QuerySelectorAll("a.govuk-button").Single(a => a.TextContent == "Take to panel").GetAttribute("href"));
        var takeForm = await worker.GetAsync($"/people/{reference}/take-to-panel");
        var token = await WaypointWebFactory.TokenAsync(takeForm);
        var options = (await WaypointWebFactory.HtmlAsync(takeForm)).QuerySelectorAll("input[name=MeetingId]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains(meetingId.ToString(CultureInfo.InvariantCulture), options);
        var taken = await worker.PostAsync($"/people/{reference}/take-to-panel",
            Form(token, ("SeenVersion", "3"), ("MeetingId", meetingId.ToString(CultureInfo.InvariantCulture)), ("Question", "Agree a supported living package")));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Contains($"Added to the panel on {Core.Rules.Dates.Format(Today)}", casePage.QuerySelector(".govuk-table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Asked: Agree a supported living package", casePage.GetElementById("panel")!.NextElementSibling!.TextContent, StringComparison.Ordinal);

        // Attendance: someone expected, then present.
        token = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/panel/{meetingId}/attendance/add"));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{meetingId}/attendance/add",
            Form(token, ("Agency", "Health"), ("Name", "Dr Sam Clinic"), ("Role", "Designated clinical officer"), ("Attendance", "Expected")))).StatusCode);
        var attendance = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/panel/{meetingId}/attendance"));
        var attendeeId = attendance.QuerySelector("input[name='Answers[0].Id']")!.GetAttribute("value")!;
        Assert.Equal("Dr Sam Clinic, Designated clinical officer (Health (integrated care board))", attendance.QuerySelector("legend")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{meetingId}/attendance",
            Form(token, ("Answers[0].Id", attendeeId), ("Answers[0].Attendance", "Present")))).StatusCode);

        // The decision: questions, check your answers, save.
        var chair = await web.SignedInAsync(Roles.PanelMember);
        var decisionForm = await chair.GetAsync($"/panel/{meetingId}/cases/{reference}/decision");
        Assert.Equal(HttpStatusCode.OK, decisionForm.StatusCode);
        token = await WaypointWebFactory.TokenAsync(decisionForm);
        (string, string)[] answers = [("SeenVersion", "4"), ("Decision", "AgreePackage"), ("WeeklyCost", "£1,250"), ("Notes", "Review in six months")];
        var check = await WaypointWebFactory.HtmlAsync(await chair.PostAsync($"/panel/{meetingId}/cases/{reference}/decision/check", Form(token, answers)));
        Assert.Equal("Check the panel's decision", check.QuerySelector("h1")!.TextContent);
        var summary = check.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent, r => r.QuerySelector(".govuk-summary-list__value")!.TextContent);
        Assert.Equal(("Agree package", "£1,250 a week"), (summary["Decision"], summary["Weekly cost"]));
        var saved = await chair.PostAsync($"/panel/{meetingId}/cases/{reference}/decision/save", Form(token, answers));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // An action about the case, owned by the worker.
        token = await WaypointWebFactory.TokenAsync(await chair.GetAsync($"/panel/{meetingId}/actions/add"));
        Assert.Equal(HttpStatusCode.Redirect, (await chair.PostAsync($"/panel/{meetingId}/actions/add",
            Form(token, [("About", reference), ("Description", "Ask health for the CHC checklist"), ("Owner", "Demo transitions worker"), .. Date("DueOn", Today.AddDays(14))]))).StatusCode);

        var meeting = await WaypointWebFactory.HtmlAsync(await chair.GetAsync($"/panel/{meetingId}"));
        Assert.Equal($"{Today.DayOfWeek} {Core.Rules.Dates.Format(Today)} at 14:30", meeting.QuerySelector("h1")!.TextContent);
        var row = meeting.QuerySelector("#cases tbody tr")!;
        Assert.Contains("Agree package, £1,250 a week", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Review in six months", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Present", meeting.QuerySelector("#attendees")!.TextContent, StringComparison.Ordinal);
        var action = meeting.QuerySelector("#set-here tbody tr")!.TextContent;
        Assert.Contains("Ask health for the CHC checklist", action, StringComparison.Ordinal);
        Assert.Contains("Demo transitions worker", action, StringComparison.Ordinal);
        var name = row.QuerySelector("th a")!.TextContent;

        // The agenda pack, on screen and as Word.
        var agenda = await WaypointWebFactory.HtmlAsync(await chair.GetAsync($"/panel/{meetingId}/agenda"));
        Assert.Equal($"Case 1: {name}", agenda.GetElementById($"case-{reference}")!.TextContent);
        var download = await chair.GetAsync($"/panel/{meetingId}/agenda/download");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"panel-agenda-pack-{Today:yyyy-MM-dd}.docx", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), false))
            Assert.Contains($"Case 1: {name}", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var personId = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
        var audited = await db.AuditEvents.Where(a => a.PersonId == personId).Select(a => a.Action).ToListAsync();
        Assert.Equal(1, audited.Count(a => a == "panel-add-case"));
        Assert.Equal(1, audited.Count(a => a == "panel-decision"));
        Assert.Equal(1, audited.Count(a => a == "panel-action"));
        Assert.Contains("view-panel-meeting", audited);
        Assert.Contains("view-panel-agenda", audited);
        Assert.Contains("download-panel-agenda", audited);
        var task = await db.CaseTasks.SingleAsync(t => t.PersonId == personId);
        Assert.Equal((meetingId, "Demo transitions worker"), (task.PanelMeetingId!.Value, task.Owner));
    }

    [Fact]
    public async Task Decision_CaseChangedSinceThePageOpened_IsRefusedAndShownWhatChanged()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var meetingId = await NewMeetingAsync(worker);
        var token = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/panel/{meetingId}/cases/add"));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{meetingId}/cases/add", Form(token, ("PersonReference", reference), ("Question", "Advise")))).StatusCode);

        // The chair opens the decision page (version 4); then the worker sets an action on the case (version 5).
        var chair = await web.SignedInAsync(Roles.PanelMember);
        var chairToken = await WaypointWebFactory.TokenAsync(await chair.GetAsync($"/panel/{meetingId}/cases/{reference}/decision"));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{meetingId}/actions/add",
            Form(token, [("About", reference), ("Description", "Book the CHC checklist"), ("Owner", "a.worker"), .. Date("DueOn", Today.AddDays(7))]))).StatusCode);
        var refused = await WaypointWebFactory.HtmlAsync(await chair.PostAsync($"/panel/{meetingId}/cases/{reference}/decision/save",
            Form(chairToken, ("SeenVersion", "4"), ("Decision", "EscalateToBoard"), ("Reason", "Cost beyond the panel's limit"))));

        Assert.Contains("Demo transitions worker changed this case since you opened it", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Panel action for a.worker", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Check the panel's decision", refused.QuerySelector("h1")!.TextContent);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.Null((await db.PanelCases.SingleAsync(c => c.PanelMeetingId == meetingId)).Decision);
    }

    [Fact]
    public async Task Decision_NothingAnsweredOrDeferredWithoutAReason_ShowsEachProblemLinkedToItsField()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var meetingId = await NewMeetingAsync(worker);
        var token = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/panel/{meetingId}/cases/add"));
        await worker.PostAsync($"/panel/{meetingId}/cases/add", Form(token, ("PersonReference", reference.ToLowerInvariant()), ("Question", "Advise")));
        await NewMeetingAsync(worker); // a later meeting to defer to

        var nothing = await WaypointWebFactory.HtmlAsync(await worker.PostAsync($"/panel/{meetingId}/cases/{reference}/decision/check", Form(token, ("SeenVersion", "4"))));
        Assert.StartsWith("Error: ", nothing.Title, StringComparison.Ordinal);
        Assert.Equal([("Select what the panel decided", "#decision")], nothing.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        var deferred = await WaypointWebFactory.HtmlAsync(await worker.PostAsync($"/panel/{meetingId}/cases/{reference}/decision/check",
            Form(token, ("SeenVersion", "4"), ("Decision", "Defer"))));
        var links = deferred.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("Select the meeting the case is deferred to", "#deferto"), ("Enter why the panel deferred the case", "#reason")], links);
        Assert.NotNull(deferred.GetElementById("reason"));
    }

    [Fact]
    public async Task AddCase_CaseAtReferredOrAlreadyOnTheAgenda_IsRefusedWithTheReason()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.Manager);
        var meetingId = await NewMeetingAsync(worker);
        var token = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/panel/{meetingId}/cases/add"));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{meetingId}/cases/add", Form(token, ("PersonReference", reference), ("Question", "Advise")))).StatusCode);

        var twice = await WaypointWebFactory.HtmlAsync(await worker.PostAsync($"/panel/{meetingId}/cases/add", Form(token, ("PersonReference", reference), ("Question", "Again"))));
        var error = twice.QuerySelector(".govuk-error-summary")!;
        Assert.Contains("already on this meeting's agenda", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(($"/panel/{meetingId}", "Go to the meeting"), (error.QuerySelector("a")!.GetAttribute("href"), error.QuerySelector("a")!.TextContent));
        var nobody = await WaypointWebFactory.HtmlAsync(await worker.PostAsync($"/panel/{meetingId}/cases/add", Form(token, ("PersonReference", "NOSUCHPERSON"), ("Question", "Advise"))));
        Assert.Contains("There is no young person with that reference", nobody.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpAndRemove_ActionCarriedForwardAtTheNextMeetingAndACaseTakenOff_ShowOnTheMeetings()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var first = await NewMeetingAsync(worker);
        var next = await NewMeetingAsync(worker); // the same day and time, set up later: it follows the first
        var token = await WaypointWebFactory.TokenAsync(await worker.GetAsync($"/panel/{first}/actions/add"));
        await worker.PostAsync($"/panel/{first}/actions/add",
            Form(token, [("About", "panel"), ("Description", "Invite housing to the panel"), ("Owner", "m.manager"), .. Date("DueOn", Today.AddDays(7))]));

        // At the next meeting the open action comes up, and is carried forward with a note.
        var nextPage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/panel/{next}"));
        // (Other tests' meetings are earlier the same day, so their open actions come up too: find this one's row.)
        var followUp = nextPage.QuerySelectorAll("#follow-ups tbody tr").Single(r => r.TextContent.Contains("Invite housing to the panel", StringComparison.Ordinal))
            .QuerySelector("a[href$='/follow-up']")!.GetAttribute("href")!;
        var refused = await WaypointWebFactory.HtmlAsync(await worker.PostAsync(followUp, Form(token, ("Outcome", "carried-forward"))));
        Assert.Equal([("Enter why the action is carried forward", "#note")], refused.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync(followUp,
            Form(token, [("Outcome", "carried-forward"), ("Note", "Housing could not come this time"), .. Date("NewDueOn", Today.AddDays(28))]))).StatusCode);
        var heard = (await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/panel/{next}"))).QuerySelectorAll("#follow-ups tbody tr")
            .Single(r => r.TextContent.Contains("Invite housing to the panel", StringComparison.Ordinal)).TextContent;
        Assert.Contains("Carried forward", heard, StringComparison.Ordinal);
        Assert.Contains("Housing could not come this time", heard, StringComparison.Ordinal);
        Assert.Contains(Core.Rules.Dates.Format(Today.AddDays(28)), heard, StringComparison.Ordinal);

        // A case taken off an agenda before a decision: gone from the meeting, and in the case history.
        await worker.PostAsync($"/panel/{next}/cases/add", Form(token, ("PersonReference", reference), ("Question", "Advise")));
        var confirm = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/panel/{next}/cases/{reference}/remove"));
        Assert.StartsWith("Remove ", confirm.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.PostAsync($"/panel/{next}/cases/{reference}/remove", Form(token))).StatusCode);
        Assert.Null((await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/panel/{next}"))).QuerySelector("#cases"));
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Contains($"Removed from the panel on {Core.Rules.Dates.Format(Today)}", casePage.QuerySelector(".govuk-table")!.TextContent, StringComparison.Ordinal);

        // A children's social worker sees the case, but not the panel's button.
        var social = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.SocialWorker)).GetAsync($"/people/{reference}/case"));
        Assert.DoesNotContain(social.QuerySelectorAll("a.govuk-button"), a => a.TextContent == "Take to panel");
    }

    [Theory]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.SendOfficer)]
    [InlineData(Roles.HealthPractitioner)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Commissioner)]
    public async Task PanelPagesAndApi_RolesOutsideThePanel_AreRefused(string role)
    {
        var client = await web.SignedInAsync(role);
        foreach (var path in new[] { "/panel", "/panel/new", "/panel/1", "/panel/1/agenda/download", "/people/ANYONE/take-to-panel" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/error/403", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/panel/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/panel/meetings", new { meetsOn = Today, startsAt = "10:00", format = "Online", place = "Teams", chair = "X" })).StatusCode);
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.DoesNotContain(home.QuerySelectorAll(".govuk-service-navigation__link"), a => a.TextContent == "Panel");
    }

    [Fact]
    public async Task PanelPages_PanelMember_SeesThemFromTheNavigation()
    {
        var member = await web.SignedInAsync(Roles.PanelMember);
        var home = await WaypointWebFactory.HtmlAsync(await member.GetAsync("/"));
        Assert.Equal("/panel", home.QuerySelectorAll(".govuk-service-navigation__link").Single(a => a.TextContent == "Panel").GetAttribute("href"));
        var panel = await WaypointWebFactory.HtmlAsync(await member.GetAsync("/panel"));
        Assert.Equal("Transitions panel", panel.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Anonymous().GetAsync("/api/panel/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/panel/999999")).StatusCode);
    }

    [Fact]
    public async Task PanelApi_CreateAddCaseDecideAndRead_MirrorThePagesWithTheSameRefusals()
    {
        var reference = await DecidedCaseAsync();
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);

        var created = await worker.PostAsJsonAsync("/api/panel/meetings", new { meetsOn = Today, startsAt = "09:30", format = "Online", place = "Teams", chair = "Pat Chair" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/api/panel/meetings/{id}/cases", new { reference, question = "Advise" })).StatusCode);
        var twice = await worker.PostAsJsonAsync($"/api/panel/meetings/{id}/cases", new { reference, question = "Advise" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Equal($"/panel/{id}", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seeAlso").GetString());

        var stale = await worker.PostAsJsonAsync($"/api/panel/meetings/{id}/cases/{reference}/decision", new { seenVersion = 3, decision = "AgreePackage", weeklyCost = 900 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var decided = await worker.PostAsJsonAsync($"/api/panel/meetings/{id}/cases/{reference}/decision", new { seenVersion = 4, decision = "AgreePackage", weeklyCost = 900 });
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);

        var meeting = await worker.GetFromJsonAsync<JsonElement>($"/api/panel/meetings/{id}");
        var onAgenda = meeting.GetProperty("cases")[0];
        Assert.Equal((reference, "AgreePackage", 900m), (onAgenda.GetProperty("reference").GetString(), onAgenda.GetProperty("decision").GetProperty("decision").GetString(), onAgenda.GetProperty("decision").GetProperty("weeklyCost").GetDecimal()));
        Assert.False(onAgenda.TryGetProperty("personId", out _));
        var agenda = await worker.GetFromJsonAsync<JsonElement>($"/api/panel/meetings/{id}/agenda");
        Assert.Equal(reference, agenda.GetProperty("cases")[0].GetProperty("reference").GetString());
        Assert.Contains((await worker.GetFromJsonAsync<JsonElement>("/api/panel/meetings")).EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
    }
}
