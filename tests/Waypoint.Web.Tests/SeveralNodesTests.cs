using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Several web nodes behind one proxy (issue 10): a user signed in on one node carries on at any other, because the
/// data protection keys that seal the sign-in cookie and the forms' anti-forgery tokens are kept in the shared
/// database, not in a node's memory or disk. A node on another database cannot read the cookie, which shows the keys
/// come from the database (in one test process every host would otherwise share the user profile's key folder).
/// </summary>
public class SeveralNodesTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedInOnOneNode_TheNextRequestAndFormWorkOnAnother_ButNotOnANodeOfAnotherDatabase()
    {
        var first = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        var signIn = await SendAsync(first, HttpMethod.Get, "/sign-in", cookies);
        var signedIn = await SendAsync(first, HttpMethod.Post, "/sign-in", cookies, new()
        {
            ["role"] = Roles.TransitionsWorker,
            ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(signIn),
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(cookies.ContainsKey("waypoint"), "signed in: the sign-in cookie is set");
        var work = await SendAsync(first, HttpMethod.Get, "/my-work", cookies);
        Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        var token = await WaypointWebFactory.TokenAsync(work);

        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            Assert.True(await db.DataProtectionKeys.AnyAsync(Ct), "the keys are in the database");

        // A second node on the same database: the cookie is read and the form's token accepted.
        await using var second = new CouncilHost(web.DatabasePath, "999");
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(other, HttpMethod.Get, "/my-work", cookies)).StatusCode);
        var signedOut = await SendAsync(other, HttpMethod.Post, "/sign-out", cookies, new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // A node of another database has other keys: the same cookie is a stranger's, sent to sign in.
        var folder = Directory.CreateTempSubdirectory("waypoint-node-");
        try
        {
            var elsewhere = Path.Combine(folder.FullName, "other.db");
            await using var third = new CouncilHost(elsewhere, "999", b => b.UseSetting("Waypoint:Demo", "false"));
            var stranger = third.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var refused = await SendAsync(stranger, HttpMethod.Get, "/my-work", new(cookies));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/sign-in", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BehindAProxyOnThisMachine_HttpsItForwardsMakesSecureCookies()
    {
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        Assert.DoesNotContain((await client.SendAsync(plain, Ct)).Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        Assert.All((await client.SendAsync(proxied, Ct)).Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task APersonPageKeptOnOneNode_ShowsAChangeMadeOnAnother()
    {
        // A young person with no case whom the transitions worker sees (from the end of the list: CasePageTests take from the start).
        var seen = await web.SeenByAllAsync(Roles.TransitionsWorker);
        string reference;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            var taken = db.TransitionsCases.Select(c => c.PersonId);
            var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth != null)
                .OrderByDescending(p => p.Id).Select(p => p.Reference).ToListAsync(Ct);
            reference = candidates.First(seen.Contains);
        }
        var first = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        var signIn = await SendAsync(first, HttpMethod.Get, "/sign-in", cookies);
        await SendAsync(first, HttpMethod.Post, "/sign-in", cookies, new() { ["role"] = Roles.TransitionsWorker, ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(signIn) });
        await using var second = new CouncilHost(web.DatabasePath, "999");
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<string> StageAsync(HttpClient node) =>
            (await WaypointWebFactory.HtmlAsync(await SendAsync(node, HttpMethod.Get, $"/people/{reference}", cookies))).QuerySelector(".govuk-caption-l")!.TextContent;
        Assert.Equal("Not identified", await StageAsync(first));
        Assert.Equal("Not identified", await StageAsync(other));

        // Referred through the first node: the second node, which has the record kept, shows the case's new stage.
        var form = await SendAsync(first, HttpMethod.Get, $"/people/{reference}/refer", cookies);
        var referred = await SendAsync(first, HttpMethod.Post, $"/people/{reference}/refer/save", cookies, CasePageTests.Answers(await WaypointWebFactory.TokenAsync(form)));
        Assert.Equal($"/people/{reference}/case", referred.Headers.Location?.OriginalString);
        Assert.Equal("Referred", await StageAsync(other));
        Assert.Equal("Referred", await StageAsync(first));
    }

    /// <summary>One request with the cookies so far, keeping any the response sets (as a browser moving between nodes would).</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, Dictionary<string, string> cookies, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        var response = await client.SendAsync(request, Ct);
        foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = set.Split(';', 2)[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }
        return response;
    }
}
