using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Issue 7's security tests against the real app: forged requests refused, script rendered inert, SQL meta-characters
/// harmless, security headers on every kind of response, formulas neutralised in exports, XML bombs and oversized
/// uploads refused.
/// </summary>
public class SecurityTests(WaypointWebFactory web, ImportHosts hosts) : IClassFixture<ImportHosts>
{
    private static readonly Practitioner Setup = new(Councils.DemoCouncilCode, "Test setup", Roles.TransitionsWorker);
    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";
    private const string Payload = Script + " " + Breakout;

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static readonly HashSet<string> Used = [];

    /// <summary>
    /// A young person aged 14 to 17 with no case, different for each test. Other page tests take the first or last
    /// people by id or by reference, so these are the ones farthest from both ends of both orders.
    /// </summary>
    private async Task<string> PersonAsync()
    {
        var seen = await web.SeenByAllAsync();
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var (oldest, youngest) = (Today.AddYears(-18).AddDays(30), Today.AddYears(-14));
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth >= oldest && p.DateOfBirth <= youngest)
            .Select(p => new { p.Id, p.Reference }).ToListAsync();
        var byId = candidates.OrderBy(c => c.Id).Select((c, i) => (c.Reference, Rank: i)).ToDictionary(c => c.Reference, c => c.Rank);
        var byReference = candidates.Select(c => c.Reference).Order(StringComparer.Ordinal).Select((r, i) => (r, i)).ToDictionary(c => c.r, c => c.i);
        int FromTheEnds(string reference) => new[] { byId[reference], candidates.Count - 1 - byId[reference], byReference[reference], candidates.Count - 1 - byReference[reference] }.Min();
        lock (Used)
        {
            var chosen = candidates.Where(c => !Used.Contains(c.Reference) && seen.Contains(c.Reference)).OrderByDescending(c => FromTheEnds(c.Reference)).ThenBy(c => c.Id).First().Reference;
            Used.Add(chosen);
            return chosen;
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await WaypointWebFactory.TokenAsync(page);
    }

    private static Dictionary<string, string> Referral(string? token) => new Dictionary<string, string>
    {
        ["SeenVersion"] = "0",
        ["Source"] = "SenTeam",
        ["Referrer"] = "Forged request",
        ["ReceivedOn.Day"] = "2",
        ["ReceivedOn.Month"] = "11",
        ["ReceivedOn.Year"] = "2026",
        ["Reason"] = "A referral nobody made",
        ["Urgency"] = "Soon",
    }.Concat(token is null ? [] : [new("__RequestVerificationToken", token)]).ToDictionary();

    // 1. Cross-site request forgery.

    [Fact]
    public async Task FormPost_WithoutTheTokenOrWithAnotherSessionsToken_IsRefusedAndChangesNothing()
    {
        var reference = await PersonAsync();
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var other = await web.SignedInAsync(Roles.TransitionsWorker);
        var othersToken = await TokenAsync(other, $"/people/{reference}/refer");
        _ = await TokenAsync(client, $"/people/{reference}/refer"); // the client has its own antiforgery cookie

        foreach (var token in new string?[] { null, othersToken, "forged" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/people/{reference}/refer/check", new FormUrlEncodedContent(Referral(token)))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Referral(token)))).StatusCode);
        }
        var meetingPlace = $"Forged meeting room {reference}";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/panel/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MeetsOn.Day"] = "1",
            ["MeetsOn.Month"] = "12",
            ["MeetsOn.Year"] = "2027",
            ["StartsAt"] = "10:00",
            ["Format"] = "InPerson",
            ["Place"] = meetingPlace,
            ["Chair"] = "Forger",
        }))).StatusCode);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var personId = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
        Assert.False(await db.TransitionsCases.AnyAsync(c => c.PersonId == personId));
        Assert.False(await db.PanelMeetings.AnyAsync(m => m.Place == meetingPlace));

        // The same form with the client's own token goes through: the refusals above were the token's doing.
        var own = await TokenAsync(client, $"/people/{reference}/refer");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/people/{reference}/refer/save", new FormUrlEncodedContent(Referral(own)))).StatusCode);
        Assert.True(await db.TransitionsCases.AnyAsync(c => c.PersonId == personId));

        // With a case, adding a task is refused the same way.
        var description = $"Forged task {reference}";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/people/{reference}/tasks/add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = othersToken,
            ["SeenVersion"] = "1",
            ["Description"] = description,
            ["Owner"] = "anyone",
            ["DueOn.Day"] = "1",
            ["DueOn.Month"] = "1",
            ["DueOn.Year"] = (Today.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))).StatusCode);
        Assert.False(await db.CaseTasks.AnyAsync(t => t.Description == description));
    }

    /// <summary>Pages the framework does not check the antiforgery token for, with the reason; every other page has it checked.</summary>
    private static readonly Dictionary<string, string> ChecksItsOwnToken = new()
    {
        // The upload reads the token as the form's first part, before any file is written (ImportPageTests).
        ["/Imports/Index"] = "streams its upload",
        // The same upload form (DeliveryPlanPageTests).
        ["/DeliveryPlan/Import"] = "streams its upload",
        // The error pages change nothing; a refused POST is re-executed here to show its 400 page, so must not be refused again.
        ["/Errors/Error"] = "changes nothing",
    };

    [Fact]
    public async Task EveryPage_ValidatesTheAntiforgeryTokenOnPost_AndNoFormEndpointEscapesIt()
    {
        _ = web.Server;
        var loader = web.Services.GetRequiredService<PageLoader>();
        var endpoints = web.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).ToList();
        var pages = endpoints.Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>())).Where(p => p.Page is not null).DistinctBy(p => p.Page!.ViewEnginePath).ToList();
        Assert.True(pages.Count > 50, $"Only {pages.Count} pages were found: the enumeration itself is broken.");

        var unguarded = new List<string>();
        foreach (var (endpoint, page) in pages)
        {
            var compiled = await loader.LoadAsync(page!, endpoint.Metadata);
            // The framework obeys the last antiforgery filter in filter order (the one closest to the page): Razor Pages
            // add AutoValidateAntiforgeryToken to every page, which an [IgnoreAntiforgeryToken] on a page would override.
            var effective = compiled.FilterDescriptors.OrderBy(f => f.Order).ThenBy(f => f.Scope).Select(f => f.Filter)
                .LastOrDefault(f => f is IAntiforgeryPolicy or AutoValidateAntiforgeryTokenAttribute or ValidateAntiForgeryTokenAttribute);
            var validates = effective is AutoValidateAntiforgeryTokenAttribute or ValidateAntiForgeryTokenAttribute;
            if (!validates && !ChecksItsOwnToken.ContainsKey(page!.ViewEnginePath)) unguarded.Add(page.ViewEnginePath);
            if (validates && ChecksItsOwnToken.ContainsKey(page!.ViewEnginePath)) unguarded.Add($"{page.ViewEnginePath} is listed as checking its own token, but the framework checks it");
        }
        Assert.True(unguarded.Count == 0, "These pages accept a POST without checking the antiforgery token:\n" + string.Join("\n", unguarded));

        // Endpoints outside Razor Pages that read a form must require the token too; the JSON API reads JSON only.
        var forms = endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Where(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Any(t => t.Contains("form", StringComparison.OrdinalIgnoreCase)))
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => e.DisplayName).ToList();
        Assert.True(forms.Count == 0, "These endpoints read a form without requiring the antiforgery token:\n" + string.Join("\n", forms));
    }

    [Fact]
    public async Task JsonApi_RefusesTheBodiesACrossSiteFormCanSend()
    {
        var client = await web.SignedInAsync(Roles.Manager);
        // A form on another site can send text/plain or form bodies with the user's cookie, but not application/json.
        using var plain = new StringContent("{\"search\":\"a\"}", Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/api/people/search", plain)).StatusCode);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["search"] = "a" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/api/people/search", form)).StatusCode);
    }

    // 2. Script payloads rendered inert.

    private static void AssertInert(string html, string where)
    {
        Assert.DoesNotContain(Script, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal), $"{where} does not show the payload (encoded) at all");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    private static async Task<string> PageHtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = await WaypointWebFactory.HtmlAsync(new HttpResponseMessage { Content = new StringContent(html) });
        Assert.DoesNotContain(document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("[onerror]"));
        return html;
    }

    [Fact]
    public async Task ScriptInReferralAssessmentTaskAndPlanText_IsShownEncoded()
    {
        var (assessed, planned) = (await PersonAsync(), await PersonAsync());
        var at = TimeProvider.System.GetUtcNow();
        var ct = TestContext.Current.CancellationToken;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            await Referrals.ReferAsync(db, Setup, assessed, 0, PathwayCases.Referral with { ReceivedOn = Today, Reason = "Reason " + Payload, Referrer = "Referrer " + Payload }, at, ct);
            await Assessments.StartAsync(db, Setup, assessed, 1, new AssessmentStartRequest(AssessmentKind.ChildsNeeds, AssessmentFooting.Consent, "Consent " + Payload, null, Today), at, ct);
            await Assessments.RecordOutcomeAsync(db, Setup, assessed, 2, new AssessedOutcomeRequest("Nutrition", [UnableBecause.NeedsAssistance], false, true, false, "Evidence " + Payload), at, ct);

            var version = await PathwayCases.ToDecidedAsync(db, Setup, planned, at, ct);
            await Plans.AddGoalAsync(db, Setup, planned, version, new PlanGoalRequest(PreparingForAdulthoodOutcome.Employment, "Aim " + Payload, "Help " + Payload, "Who " + Payload, Today.AddMonths(6), PlanGoalStatus.NotStarted), at, ct);
        }
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        // A task through the real page, as a practitioner types it.
        var form = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/people/{assessed}/tasks/add"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var owner = form.QuerySelector("select[name=Owner] option[value]:not([value=''])")?.GetAttribute("value") ?? form.QuerySelector("input[name=Owner]")!.GetAttribute("value")!;
        var seen = form.QuerySelector("input[name=SeenVersion]")!.GetAttribute("value")!;
        var due = Today.AddDays(14);
        var added = await client.PostAsync($"/people/{assessed}/tasks/add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["SeenVersion"] = seen,
            ["Description"] = "Task " + Payload,
            ["Owner"] = owner,
            ["DueOn.Day"] = due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DueOn.Month"] = due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DueOn.Year"] = due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        AssertInert(await PageHtmlAsync(client, $"/people/{assessed}/case"), "the case page");
        AssertInert(await PageHtmlAsync(client, $"/people/{assessed}/assessment"), "the assessment page");
        AssertInert(await PageHtmlAsync(client, $"/people/{planned}/plan"), "the plan page");
    }

    // 3. SQL meta-characters in search and filters.

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\"; DROP TABLE People; --")]
    public async Task SqlMetaCharacters_InSearchAndFilters_MatchNothingAndHarmNothing(string text)
    {
        int people;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath)) people = await db.People.CountAsync();
        var client = await web.SignedInAsync(Roles.Manager);

        var searched = await client.PostAsJsonAsync("/api/people/search", new { search = text });
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        var found = (await searched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people").EnumerateArray().ToList();
        Assert.All(found, p => Assert.Contains(text, p.GetProperty("displayName").GetString()!, StringComparison.OrdinalIgnoreCase));

        var filtered = await client.PostAsJsonAsync("/api/people/search", new { cohort = text, age = text, careLeaver = text, flag = text, overdue = text, sort = text });
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Equal(0, (await filtered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        var query = Uri.EscapeDataString(text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/people?cohort={query}&flag={query}&sort={query}")).StatusCode);

        // The tracker page: the search is posted (kept out of the URL), the filters are in the query string.
        var token = await TokenAsync(client, "/");
        var posted = await client.PostAsync("/?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["search"] = text }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await client.GetAsync($"/?cohort={query}&age={query}&stage={query}&care-leaver={query}&flag={query}&overdue={query}&likely={query}&sort={query}&dir={query}&p={query}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty((await WaypointWebFactory.HtmlAsync(page)).QuerySelectorAll("main table tbody tr"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/?cohort={query}&handler=Download")).StatusCode);

        // Nobody was deleted. (Other tests import into the same store meanwhile, so there may be more people, never fewer.)
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath)) Assert.True(await db.People.CountAsync() >= people);
    }

    // 4. Security headers on every kind of response.

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.Single()
            : response.Content.Headers.TryGetValues(name, out var content) ? content.Single()
            : throw new Xunit.Sdk.XunitException($"{what} ({(int)response.StatusCode}) has no {name} header");
        var csp = Header("Content-Security-Policy");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
    }

    [Fact]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders()
    {
        var reference = await PersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            await PathwayCases.ToDecidedAsync(db, Setup, reference, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var anonymous = web.Anonymous();
        var client = await web.SignedInAsync(Roles.Manager);

        var samples = new (string What, HttpClient Client, HttpMethod Method, string Url, HttpStatusCode Status)[]
        {
            ("a page", client, HttpMethod.Get, "/", HttpStatusCode.OK),
            ("the sign-in page", anonymous, HttpMethod.Get, "/sign-in", HttpStatusCode.OK),
            ("API JSON", client, HttpMethod.Get, "/api/people?pageSize=1", HttpStatusCode.OK),
            ("an API 404", client, HttpMethod.Get, "/api/people/NO-SUCH-PERSON", HttpStatusCode.NotFound),
            ("an API 401", anonymous, HttpMethod.Get, "/api/people", HttpStatusCode.Unauthorized),
            ("a static stylesheet", anonymous, HttpMethod.Get, "/css/waypoint.css", HttpStatusCode.OK),
            ("a static GOV.UK stylesheet", anonymous, HttpMethod.Get, "/govuk/govuk-frontend.min.css", HttpStatusCode.OK),
            ("a page 404", client, HttpMethod.Get, "/no-such-page", HttpStatusCode.NotFound),
            ("a person 404", client, HttpMethod.Get, "/people/NO-SUCH-PERSON", HttpStatusCode.NotFound),
            ("a redirect to sign in", anonymous, HttpMethod.Get, "/my-work", HttpStatusCode.Redirect),
            ("a forbidden page", await web.SignedInAsync(Roles.Commissioner), HttpMethod.Get, "/my-work", HttpStatusCode.Redirect),
            ("a refused form post", client, HttpMethod.Post, $"/people/{reference}/plan/views", HttpStatusCode.BadRequest),
            ("the health check", anonymous, HttpMethod.Get, "/health", HttpStatusCode.OK),
            ("a Word letter", client, HttpMethod.Get, $"/people/{reference}/letters/decision", HttpStatusCode.OK),
            ("the OpenAPI description", client, HttpMethod.Get, "/api/openapi.json", HttpStatusCode.OK),
        };
        foreach (var (what, sender, method, url, status) in samples)
        {
            using var request = new HttpRequestMessage(method, url);
            if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["YoungPersonView"] = "x" });
            var response = await sender.SendAsync(request);
            Assert.True(status == response.StatusCode, $"{what}: {url} answered {(int)response.StatusCode}, not {(int)status}");
            AssertSecurityHeaders(response, what);
        }
        var js = Directory.EnumerateFiles(Path.Combine(FindWebRoot(), "js"), "*.mjs").Select(Path.GetFileName).FirstOrDefault();
        if (js is not null)
        {
            var script = await anonymous.GetAsync($"/js/{js}");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            AssertSecurityHeaders(script, "a static script");
        }
    }

    private static string FindWebRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var root = Path.Combine(folder.FullName, "src", "Waypoint.Web", "wwwroot");
            if (Directory.Exists(root)) return root;
        }
        throw new DirectoryNotFoundException("wwwroot");
    }

    [Fact]
    public async Task Cookies_AreHttpOnlyAndSameSite_AndSecureOverHttps()
    {
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var jar = new Dictionary<string, string>();
        var seen = new List<string>();
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                seen.Add(cookie);
                var pair = cookie.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }
            return response;
        }

        var signIn = await SendAsync(HttpMethod.Get, "/sign-in");
        var signedIn = await SendAsync(HttpMethod.Post, "/sign-in", new() { ["role"] = Roles.Manager, ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(signIn) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // A search is kept in the TempData cookie.
        var tracker = await SendAsync(HttpMethod.Get, "/");
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(HttpMethod.Post, "/?handler=Search", new() { ["search"] = "Cookie", ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(tracker) })).StatusCode);

        Assert.Contains(seen, c => c.StartsWith("waypoint=", StringComparison.Ordinal));
        Assert.Contains(seen, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(seen, c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=", StringComparison.Ordinal));
        Assert.All(seen, c =>
        {
            var attributes = c.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
            Assert.Contains("secure", attributes);
        });
    }

    [Fact]
    public async Task Hsts_OverHttpsOutsideDevelopment_IsForAYearWithSubdomains_AndNotSentOverPlainHttpToLocalhost()
    {
        // The shared host runs as Development, where HSTS is off; this one runs as production does.
        await using var production = new CouncilHost(web.DatabasePath, "993", b => b.UseEnvironment("Production"));
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://waypoint.council.example") });
        var secure = await https.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        var directives = Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")).Split(';').Select(d => d.Trim()).ToList();
        var maxAge = long.Parse(directives.Single(d => d.StartsWith("max-age=", StringComparison.Ordinal))["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxAge >= 365L * 24 * 60 * 60, $"max-age={maxAge} is less than a year");
        Assert.Contains("includeSubDomains", directives);

        var plain = await production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    // 5. Exports neutralise formulas.

    [Fact]
    public async Task TrackerCsv_NeutralisesANameThatIsAFormula()
    {
        var reference = await PersonAsync();
        const string Formula = "=HYPERLINK(\"http://x\")";
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var person = await db.People.SingleAsync(p => p.Reference == reference);
            person.Forename = Formula;
            person.Surname = "Formulason";
            await db.SaveChangesAsync();
            // A change to a case is what tells the tracker's cache to read the people again.
            await Referrals.ReferAsync(db, Setup, reference, 0, PathwayCases.Referral with { ReceivedOn = Today }, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        }
        var client = await web.SignedInAsync(Roles.Manager);
        var token = await TokenAsync(client, "/");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["search"] = "Formulason" }))).StatusCode);

        var csv = await client.GetAsync("/?handler=Download");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith($"{reference},\"'=HYPERLINK(\"\"http://x\"\") Formulason\",", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", row, StringComparison.Ordinal);
    }

    // 6. XML bombs and oversized uploads.

    private static string BillionLaughs(string before)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").Append(before).Append("<!DOCTYPE Message [\n  <!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++) text.Append($"  <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">\n");
        text.Append("]>\n<Message><Header><CollectionDetails><Collection>SEN2</Collection></CollectionDetails></Header>");
        return text.Append("<Persons><Person><Surname>&lol9;</Surname></Person></Persons></Message>\n").ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the DTD past the first few kilobytes, where only the XML reader sees it
    public async Task XmlBomb_IsRefusedQuickly_WithNothingExpandedOrImported(bool deep)
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        var bomb = BillionLaughs(deep ? $"<!-- {new string('x', 8000)} -->\n" : "");
        int batches;
        await using (var db = host.Open()) batches = await db.ImportBatches.CountAsync();
        var waited = Stopwatch.StartNew();

        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/imports"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(bomb));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "files", "sen2-laughs.xml");
        form.Add(new StringContent(""), "mapping");
        var uploaded = await client.PostAsync("/imports", form);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var location = uploaded.Headers.Location!.OriginalString;
        while ((await client.GetFromJsonAsync<JsonElement>(location + "?handler=Progress")).GetProperty("finished").GetBoolean() == false)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the import did not end");
            await Task.Delay(50);
        }
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync(location));

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"refusing the bomb took {waited.Elapsed}");
        Assert.Equal("Nothing was imported", page.QuerySelector("h1")!.TextContent);
        var stopped = page.QuerySelector("#stopped tbody")!.TextContent;
        Assert.Contains("sen2-laughs.xml", stopped, StringComparison.Ordinal);
        Assert.Contains(deep ? "DTD" : "the file has a DTD", stopped, StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", page.Body!.InnerHtml, StringComparison.Ordinal);
        await using (var db = host.Open())
        {
            Assert.Equal(batches, await db.ImportBatches.CountAsync());
            Assert.False(await db.People.AnyAsync(p => p.Surname != null && p.Surname.StartsWith("lol")));
        }
        Assert.Empty(host.LeftInUploads());
    }

    [Fact]
    public async Task UploadOverTheLimit_IsRefusedBeforeItIsRead()
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/imports"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var big = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(big, "files", "big.csv");
        var waited = Stopwatch.StartNew();

        var response = await client.PostAsync("/imports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10));
        AssertSecurityHeaders(response, "the upload refused as too large");
        Assert.Contains("The files must be smaller than 1 MB in total", (await WaypointWebFactory.HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(host.LeftInUploads());
    }
}
