using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Issue 7's limits on signing in and on sessions: attempts past the limit from one address are refused, an idle
/// session ends, and an active one ends at the absolute limit. Each test has a host and a council of its own, so the
/// shared demo host keeps its own limit and clock.
/// </summary>
public class SignInTests(WaypointWebFactory web)
{
    /// <summary>The system clock, moved on by <see cref="Ahead"/>: the test's way of letting time pass.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Ahead;
    }

    /// <summary>
    /// The in-memory server gives every request the same client address; this one takes it from a test header, so a
    /// test can be two machines.
    /// </summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return then(context);
            });
            next(app);
        };
    }

    private static HttpClient Client(CouncilHost host, string address)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return client;
    }

    /// <summary>The demo sign-in (or with a handler, another post of the sign-in page) as a browser makes it: the form, then the post.</summary>
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string handler = "")
    {
        var form = await client.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        return await client.PostAsync("/sign-in" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Manager,
            ["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(form),
        }));
    }

    [Fact]
    public async Task SignInAttempts_PastTheLimitFromOneAddress_AreRefusedWith429AndAGovukPage_OtherAddressesAreNot()
    {
        await using var host = new CouncilHost(web.DatabasePath, "994", b =>
        {
            b.UseSetting("Waypoint:Security:SignInAttemptsPerMinute", "3");
            b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, ClientAddressFromHeader>());
        });
        var guesser = Client(host, "192.0.2.10");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(guesser)).StatusCode);

        // Showing the sign-in page is not an attempt, so the form still comes; posting it does not.
        var refused = await PostSignInAsync(guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await WaypointWebFactory.HtmlAsync(refused);
        Assert.Equal("Too many attempts to sign in", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Wait a minute and try again.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // Starting to sign in with the council's identity provider is a post of the same page: refused too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(guesser, "?handler=SingleSignOn")).StatusCode);

        // The limit is per address: someone else signs in as usual.
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(Client(host, "192.0.2.20"))).StatusCode);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:10:00", 10)]
    public async Task IdleLongerThanTheTimeout_SignsOut_WhileRequestsWithinItKeepTheSessionGoing(string? configured, int idleMinutes)
    {
        var clock = new ShiftedClock();
        await using var host = new CouncilHost(web.DatabasePath, "995", b =>
        {
            if (configured is not null) b.UseSetting("Waypoint:Security:IdleTimeout", configured);
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);

        // A request at two thirds of the idle time renews the cookie (it is renewed once past half its time).
        var step = TimeSpan.FromMinutes(idleMinutes * 2 / 3.0);
        for (var i = 1; i <= 6; i++)
        {
            clock.Ahead = step * i;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        clock.Ahead += TimeSpan.FromMinutes(idleMinutes + 1);
        var idle = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/sign-in", idle.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActiveSession_EndsTenHoursAfterSigningIn_ThenSigningInAgainWorks()
    {
        var clock = new ShiftedClock();
        await using var host = new CouncilHost(web.DatabasePath, "995", b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);

        // A request every 20 minutes: never idle for the 30 minutes of the idle timeout.
        for (var at = TimeSpan.FromMinutes(20); at < TimeSpan.FromHours(10); at += TimeSpan.FromMinutes(20))
        {
            clock.Ahead = at;
            Assert.True((await client.GetAsync("/")).StatusCode == HttpStatusCode.OK, $"signed out {at} after signing in");
        }
        clock.Ahead = TimeSpan.FromHours(10) + TimeSpan.FromMinutes(1);
        var ended = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/sign-in", ended.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // Ended for good: the cookie is gone, not just refused once.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var again = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
    }
}
