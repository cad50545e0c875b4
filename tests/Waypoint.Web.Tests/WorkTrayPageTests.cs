using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Web.Pages.Work;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The work trays, allocation, tasks and notifications, and their API twins, as the roles that use them meet them.</summary>
public class WorkTrayPageTests(WaypointWebFactory web)
{
    private static readonly HashSet<string> Used = [];

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();
    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static Practitioner As(string role) => new(Councils.DemoCouncilCode, DemoUsers.All.Single(u => u.Role == role).Name, role);

    private static string NameOf(string role) => DemoUsers.All.Single(u => u.Role == role).Name;

    /// <summary>
    /// A young person born more than two years ago with no transitions case, different for each test. Taken from the
    /// other end of the people from the case page tests, so that tests running at once never pick the same one.
    /// </summary>
    private async Task<string> PersonWithoutACaseAsync()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        // Of the tracker's ages, so a transitions worker may open them (the demo also has young children and adults to 30).
        var (bornBefore, bornAfter) = (Today.AddYears(-14), Today.AddYears(-25));
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth != null && p.DateOfBirth < bornBefore && p.DateOfBirth > bornAfter)
            .OrderByDescending(p => p.Id).Select(p => p.Reference).Take(50).ToListAsync();
        lock (Used)
        {
            var reference = candidates.First(r => !Used.Contains(r));
            Used.Add(reference);
            return reference;
        }
    }

    /// <summary>Refers a young person through Core, as the referral page does, and returns the reference.</summary>
    private async Task<string> ReferredAsync(ReferralUrgency urgency, int daysAgo, string reason = "EHC plan; will need support with daily living after 18")
    {
        var reference = await PersonWithoutACaseAsync();
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        await Referrals.ReferAsync(db, As(Roles.SocialWorker), reference, 0,
            new ReferralRequest(ReferralSource.ChildrensSocialCare, "Leaving care team", Today.AddDays(-daysAgo), reason, urgency), Now.AddDays(-daysAgo), default);
        return reference;
    }

    private static int RowOf(IDocument page, string table, string reference) =>
        page.QuerySelectorAll($"#{table} tbody tr").Select((r, i) => (r, i)).Single(x => x.r.QuerySelector($"a[href='/people/{reference}/case']") is not null).i;

    private static Dictionary<string, string> Form(string token, params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        foreach (var (key, value) in fields) form[key] = value;
        return form;
    }

    [Fact]
    public async Task WaitingList_ByPriorityThenByWait_ShowsWhoWaitsAndWhyAndAllocatesToMe()
    {
        var urgent = await ReferredAsync(ReferralUrgency.Urgent, 3, "Placement ends at 18; no adult provider found");
        var routine = await ReferredAsync(ReferralUrgency.Routine, 300, "Autism; not yet known to adult services");
        var manager = await web.SignedInAsync(Roles.Manager);

        var byPriority = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/my-work/waiting-list"));
        Assert.Equal("Waiting list for a transition assessment", byPriority.QuerySelector("h1")!.TextContent);
        Assert.True(RowOf(byPriority, "waiting", urgent) < RowOf(byPriority, "waiting", routine));
        var row = byPriority.QuerySelectorAll("#waiting tbody tr")[RowOf(byPriority, "waiting", routine)].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Routine", row[1]);
        Assert.StartsWith("42 weeks", row[2], StringComparison.Ordinal);
        Assert.Equal("Children's social care (leaving care, early help, looked after): Leaving care team", row[3]);
        Assert.Equal("Autism; not yet known to adult services", row[4]);
        Assert.Equal(WaitingList.AgeBands, byPriority.QuerySelectorAll("#waiting-by-age thead th").Select(h => h.TextContent).Take(5));
        Assert.NotNull(byPriority.QuerySelector("#longest-wait"));
        Assert.Equal("page", byPriority.QuerySelector(".waypoint-sub-navigation a[href='/my-work/waiting-list']")!.GetAttribute("aria-current"));

        var byWait = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/my-work/waiting-list?sort=waited"));
        Assert.True(RowOf(byWait, "waiting", routine) < RowOf(byWait, "waiting", urgent));

        // The transitions worker takes the urgent one from the list.
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var list = await worker.GetAsync("/my-work/waiting-list");
        var token = await WaypointWebFactory.TokenAsync(list);
        var allocated = await worker.PostAsync($"/people/{urgent}/allocate/me",
            new FormUrlEncodedContent(Form(token, ("SeenVersion", "1"), ("ReturnTo", "/my-work/waiting-list"))));
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        Assert.Equal("/my-work/waiting-list", allocated.Headers.Location!.OriginalString);
        var after = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/my-work/waiting-list"));
        Assert.EndsWith("case is allocated to you.", after.QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(NameOf(Roles.TransitionsWorker), after.QuerySelectorAll("#waiting tbody tr")[RowOf(after, "waiting", urgent)].QuerySelectorAll("td")[5].TextContent.Trim());

        var mine = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/my-work/cases"));
        var myRow = mine.QuerySelectorAll("#my-cases tbody tr")[RowOf(mine, "my-cases", urgent)].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Referred", myRow[1]);
        Assert.StartsWith("3 days", myRow[2], StringComparison.Ordinal);
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{urgent}/case"));
        Assert.Contains($"Allocated to {NameOf(Roles.TransitionsWorker)}", casePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A second "allocate to me" from the same, now stale, list is refused with what changed.
        var stale = await WaypointWebFactory.HtmlAsync(await manager.PostAsync($"/people/{urgent}/allocate/me",
            new FormUrlEncodedContent(Form(await WaypointWebFactory.TokenAsync(await manager.GetAsync("/my-work/waiting-list")), ("SeenVersion", "1"), ("ReturnTo", "/my-work/waiting-list")))));
        Assert.Contains("changed this case since you opened it", stale.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Allocated to {NameOf(Roles.TransitionsWorker)}", stale.QuerySelector("main ul.govuk-list--bullet")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverdueTasks_OwnerSeesTheirsManagerSeesEveryonesAndTheOwnerMarksOneDone()
    {
        var reference = await ReferredAsync(ReferralUrgency.Soon, 40);
        long letter, report;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            letter = (await WorkTasks.AddAsync(db, As(Roles.Manager), reference, 1,
                new CaseTaskRequest("Send the assessment letter", NameOf(Roles.TransitionsWorker), Today.AddDays(-10)), Now.AddDays(-40), default)).Id;
            report = (await WorkTasks.AddAsync(db, As(Roles.Manager), reference, 2,
                new CaseTaskRequest("Chase the CAMHS report", NameOf(Roles.SendOfficer), Today.AddDays(-5)), Now.AddDays(-40), default)).Id;
        }
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var manager = await web.SignedInAsync(Roles.Manager);

        var mine = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/my-work/tasks"));
        var mineText = mine.QuerySelector("#tasks")!.TextContent;
        Assert.Contains("Send the assessment letter", mineText, StringComparison.Ordinal);
        Assert.Contains("10 days overdue", mineText, StringComparison.Ordinal);
        Assert.DoesNotContain("Chase the CAMHS report", mineText, StringComparison.Ordinal);
        Assert.StartsWith("/error/403", (await worker.GetAsync("/my-work/tasks?who=everyone")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/error/403", (await worker.GetAsync($"/my-work/tasks/{report}/done")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var everyone = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/my-work/tasks?who=everyone"));
        Assert.Equal("Everyone's overdue tasks", everyone.QuerySelector("h1")!.TextContent);
        var owners = everyone.QuerySelectorAll("#tasks tbody tr").Where(r => r.TextContent.Contains("Chase the CAMHS report", StringComparison.Ordinal) || r.TextContent.Contains("Send the assessment letter", StringComparison.Ordinal))
            .Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim()).ToList();
        Assert.Equal([NameOf(Roles.TransitionsWorker), NameOf(Roles.SendOfficer)], owners);

        var form = await worker.GetAsync($"/my-work/tasks/{letter}/done?returnTo=%2Fmy-work%2Ftasks");
        var done = await worker.PostAsync($"/my-work/tasks/{letter}/done",
            new FormUrlEncodedContent(Form(await WaypointWebFactory.TokenAsync(form), ("SeenVersion", "3"), ("ReturnTo", "/my-work/tasks"), ("Note", "Letter sent by post"))));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/my-work/tasks", done.Headers.Location!.OriginalString);
        var tray = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/my-work/tasks"));
        Assert.Equal("Task marked as done.", tray.QuerySelector(".govuk-notification-banner__heading")!.TextContent);
        Assert.DoesNotContain("Send the assessment letter", tray.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var casePage = await WaypointWebFactory.HtmlAsync(await worker.GetAsync($"/people/{reference}/case"));
        Assert.Contains("Task done: Send the assessment letter (Letter sent by post)", casePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Action == "case-task-done" && a.Detail == $"task {letter}"));
    }

    [Fact]
    public async Task CasePage_AllocateAndAddATask_TellTheWorkerInTheApp()
    {
        var reference = await ReferredAsync(ReferralUrgency.Soon, 1);
        var manager = await web.SignedInAsync(Roles.Manager);

        var casePage = await WaypointWebFactory.HtmlAsync(await manager.GetAsync($"/people/{reference}/case"));
        Assert.Equal("No named worker is allocated yet.", casePage.QuerySelector("#tasks + p")!.TextContent);
        Assert.NotNull(casePage.QuerySelector($"a[href='/people/{reference}/allocate']"));
        var form = await manager.GetAsync($"/people/{reference}/allocate");
        var formPage = await WaypointWebFactory.HtmlAsync(form);
        Assert.Contains(NameOf(Roles.TransitionsWorker), formPage.QuerySelectorAll(".govuk-radios__label").Select(l => l.TextContent));
        Assert.DoesNotContain(NameOf(Roles.SendOfficer), formPage.QuerySelectorAll(".govuk-radios__label").Select(l => l.TextContent));
        var token = await WaypointWebFactory.TokenAsync(form);
        var allocated = await manager.PostAsync($"/people/{reference}/allocate", new FormUrlEncodedContent(Form(token, ("SeenVersion", "1"), ("Worker", NameOf(Roles.TransitionsWorker)))));
        Assert.Equal($"/people/{reference}/case", allocated.Headers.Location!.OriginalString);

        var addForm = await manager.GetAsync($"/people/{reference}/tasks/add");
        token = await WaypointWebFactory.TokenAsync(addForm);
        var problems = await WaypointWebFactory.HtmlAsync(await manager.PostAsync($"/people/{reference}/tasks/add",
            new FormUrlEncodedContent(Form(token, ("SeenVersion", "2"), ("Owner", ""), ("DueOn.Day", "1"), ("DueOn.Month", "1"), ("DueOn.Year", "2020")))));
        Assert.Equal(
            [("Enter what the task is", "#description"), ("Select who the task is for", "#owner"), ("The date the task is due must be today or in the future", "#dueon")],
            problems.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        var added = await manager.PostAsync($"/people/{reference}/tasks/add", new FormUrlEncodedContent(Form(token, ("SeenVersion", "2"),
            ("Description", "Book the transition assessment"), ("Owner", NameOf(Roles.TransitionsWorker)),
            ("DueOn.Day", Today.Day.ToString(CultureInfo.InvariantCulture)), ("DueOn.Month", Today.Month.ToString(CultureInfo.InvariantCulture)), ("DueOn.Year", Today.Year.ToString(CultureInfo.InvariantCulture)))));
        Assert.Equal($"/people/{reference}/case#tasks", added.Headers.Location!.OriginalString);
        casePage = await WaypointWebFactory.HtmlAsync(await manager.GetAsync($"/people/{reference}/case"));
        Assert.Equal($"Named worker: {NameOf(Roles.TransitionsWorker)}.", casePage.QuerySelector("#tasks + p")!.TextContent);
        var task = casePage.QuerySelectorAll("#case-tasks tbody tr").Single().QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("Book the transition assessment", NameOf(Roles.TransitionsWorker)), (task[0], task[1]));
        Assert.StartsWith("Due today", task[3], StringComparison.Ordinal);

        // The worker is told in the app: the allocation at once, the task by the reminder run.
        await web.Services.GetRequiredService<ReminderService>().RunOnceAsync(default);
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        var notifications = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/notifications"));
        Assert.NotNull(notifications.QuerySelector("a[href='/notifications'] .waypoint-count"));
        var items = notifications.QuerySelectorAll("#notifications li").Where(li => li.QuerySelector($"a[href='/people/{reference}/case']") is not null).ToList();
        Assert.Equal(["New Task due today", "New Case allocated to you"], items.Select(li => string.Join(' ', li.QuerySelector("h2")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal("Book the transition assessment", items[0].QuerySelector("p")!.TextContent);
        Assert.Equal($"{NameOf(Roles.Manager)} allocated a case to you", items[1].QuerySelector("p")!.TextContent);

        var read = await worker.PostAsync("/notifications/read", new FormUrlEncodedContent(Form(await WaypointWebFactory.TokenAsync(await worker.GetAsync("/notifications")))));
        Assert.Equal("/notifications", read.Headers.Location!.OriginalString);
        var afterRead = await WaypointWebFactory.HtmlAsync(await worker.GetAsync("/notifications"));
        Assert.Null(afterRead.QuerySelector("a[href='/notifications'] .waypoint-count"));
        Assert.Null(afterRead.QuerySelector("#notifications .govuk-tag"));
    }

    [Theory]
    [InlineData(Roles.Analyst, "/my-work/cases")]
    [InlineData(Roles.Analyst, "/my-work/waiting-list")]
    [InlineData(Roles.Commissioner, "/my-work/tasks")]
    [InlineData(Roles.Commissioner, "/notifications")]
    [InlineData(Roles.SendOfficer, "/people/ANYONE/allocate")]
    [InlineData(Roles.PanelMember, "/people/ANYONE/tasks/add")]
    public async Task WorkPages_RolesWithoutThem_AreRefused(string role, string path)
    {
        var client = await web.SignedInAsync(role);
        var response = await client.GetAsync(path);
        Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Analyst, "/api/work/waiting-list")]
    [InlineData(Roles.Analyst, "/api/work/my-cases")]
    [InlineData(Roles.Commissioner, "/api/work/tasks")]
    [InlineData(Roles.Commissioner, "/api/notifications")]
    [InlineData(Roles.Commissioner, "/api/staff")]
    [InlineData(Roles.TransitionsWorker, "/api/work/tasks?who=everyone")]
    public async Task WorkApi_RolesWithoutThePages_AreForbidden(string role, string path)
    {
        var client = await web.SignedInAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task WorkApi_TraysAllocationAndTasks_MirrorThePagesWithTheSamePolicies()
    {
        var reference = await ReferredAsync(ReferralUrgency.Urgent, 20);
        var worker = await web.SignedInAsync(Roles.TransitionsWorker);

        var list = await worker.GetFromJsonAsync<JsonElement>("/api/work/waiting-list?sort=waited");
        Assert.Equal("WaitedLongest", list.GetProperty("sort").GetString());
        var entry = list.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("reference").GetString() == reference);
        Assert.Equal(("Urgent", 20, 1), (entry.GetProperty("urgency").GetString(), entry.GetProperty("daysWaited").GetInt32(), entry.GetProperty("version").GetInt32()));
        Assert.False(entry.TryGetProperty("personId", out _));
        Assert.True(list.GetProperty("summary").GetProperty("waiting").GetInt32() >= 1);

        var allocated = await worker.PostAsJsonAsync($"/api/people/{reference}/allocation", new { seenVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, allocated.StatusCode);
        Assert.Equal(NameOf(Roles.TransitionsWorker), (await allocated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("namedWorker").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync($"/api/people/{reference}/allocation", new { seenVersion = 1 })).StatusCode);
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/work/my-cases");
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("reference").GetString() == reference && c.GetProperty("stage").GetString() == "Referred");

        var created = await worker.PostAsJsonAsync($"/api/people/{reference}/tasks",
            new { seenVersion = 2, description = "Ring the family", owner = NameOf(Roles.TransitionsWorker), dueOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await worker.PostAsJsonAsync($"/api/people/{reference}/tasks",
            new { seenVersion = 3, description = "", owner = NameOf(Roles.TransitionsWorker), dueOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);
        var onCase = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{reference}/tasks");
        Assert.Equal("Ring the family", onCase.EnumerateArray().Single().GetProperty("description").GetString());

        var sendOfficer = await web.SignedInAsync(Roles.SendOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await sendOfficer.PostAsJsonAsync($"/api/work/tasks/{taskId}/done", new { seenVersion = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sendOfficer.PostAsJsonAsync($"/api/people/{reference}/allocation", new { seenVersion = 3 })).StatusCode);
        var done = await worker.PostAsJsonAsync($"/api/work/tasks/{taskId}/done", new { seenVersion = 3, note = "Spoke to their mother" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("doneOn").GetString());

        var staff = await worker.GetFromJsonAsync<JsonElement>("/api/staff?role=pathway");
        var names = staff.EnumerateArray().Select(s => s.GetProperty("displayName").GetString()).ToList();
        Assert.Contains(NameOf(Roles.Manager), names);
        Assert.DoesNotContain(NameOf(Roles.SendOfficer), names);
        Assert.False(staff[0].TryGetProperty("email", out _));
        Assert.Equal(JsonValueKind.Number, (await worker.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("unread").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsync("/api/notifications/read", null)).StatusCode);
        var manager = await web.SignedInAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/work/tasks?who=everyone")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Description_DescribesTheCaseReferralAndWorkEndpointsToSignedInUsers()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Anonymous().GetAsync("/api/openapi.json")).StatusCode);
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        var response = await client.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var description = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.", description.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Waypoint API", description.GetProperty("info").GetProperty("title").GetString());
        var paths = description.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/people/{reference}/case").TryGetProperty("get", out _));
        var refer = paths.GetProperty("/api/people/{reference}/referrals").GetProperty("post");
        Assert.True(refer.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var path in new[] { "/api/work/waiting-list", "/api/work/my-cases", "/api/work/tasks", "/api/notifications", "/api/people/{reference}/allocation", "/api/people/{reference}/tasks" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/", StringComparison.Ordinal));
    }
}
