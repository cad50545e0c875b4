using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Sign-in in production, end to end: Waypoint (not in demo mode) against a real OpenID Connect provider running on a
/// loopback port, driven through every redirect as a browser would - the sign-in page, the provider's authorisation
/// endpoint, the form posted back to Waypoint's callback, the signed-in page. Roles and teams come from the provider's
/// claims through the configured role map; the council never does.
/// </summary>
public sealed class IdentityProviderSignInTests(IdentityProviderSignInTests.Hosts hosts, WaypointWebFactory demo) : IClassFixture<IdentityProviderSignInTests.Hosts>
{
    private const string Council = "998";

    private static readonly LocalIdentityProvider.StaffAccount Amara = new("amara.okafor@example.gov.uk", "Amara Okafor", ["Waypoint.TransitionsWorker"], "Transitions team",
        // The provider claiming another council is ignored: Waypoint's council is its own setting.
        new Dictionary<string, string> { [WaypointClaims.CouncilCode] = "123" });
    private static readonly LocalIdentityProvider.StaffAccount Bilal = new("bilal.hussain@example.gov.uk", "Bilal Hussain", ["manager", "All staff"], "Adult social care");
    private static readonly LocalIdentityProvider.StaffAccount NoRole = new("cara.jones@example.gov.uk", "Cara Jones", [], "Finance");
    private static readonly LocalIdentityProvider.StaffAccount UnknownRole = new("dev.patel@example.gov.uk", "Dev Patel", ["Waypoint.Cleaner"], null);
    private static readonly LocalIdentityProvider.StaffAccount TwoRoles = new("erin.smith@example.gov.uk", "Erin Smith", ["Waypoint.TransitionsWorker", "manager"], "Transitions team");

    /// <summary>The provider's directory: made-up staff, some with a Waypoint role and some without one.</summary>
    private static readonly LocalIdentityProvider.StaffAccount[] Staff = [Amara, Bilal, NoRole, UnknownRole, TwoRoles];

    /// <summary>The provider on its loopback port, and Waypoint configured against it on its own database.</summary>
    public sealed class Hosts : IAsyncLifetime
    {
        public static readonly Uri WaypointAddress = new("https://localhost/");
        private readonly string _folder = Directory.CreateTempSubdirectory("waypoint-oidc-").FullName;

        public LocalIdentityProvider Provider { get; private set; } = null!;
        public WaypointAgainstProvider Waypoint { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Provider = await LocalIdentityProvider.StartAsync(WaypointAddress, Staff);
            Waypoint = new WaypointAgainstProvider(Provider.Authority, Path.Combine(_folder, "waypoint.db"));
            _ = Waypoint.Server;
        }

        public async ValueTask DisposeAsync()
        {
            await Waypoint.DisposeAsync();
            await Provider.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Waypoint as a council runs it: no demo, its own council code, sign-in only through the provider.</summary>
    public sealed class WaypointAgainstProvider(Uri authority, string database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Waypoint:Demo", "false");
            builder.UseSetting("Waypoint:CouncilCode", Council);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:Connection", database);
            builder.UseSetting("Authentication:OpenIdConnect:Authority", authority.ToString());
            builder.UseSetting("Authentication:OpenIdConnect:ClientId", LocalIdentityProvider.ClientId);
            builder.UseSetting("Authentication:OpenIdConnect:ClientSecret", LocalIdentityProvider.ClientSecret);
            // Only because the test's provider is on loopback over plain HTTP; Waypoint refuses this for any other address.
            builder.UseSetting("Authentication:OpenIdConnect:RequireHttpsMetadata", "false");
            builder.UseSetting("Authentication:OpenIdConnect:RoleMap:Waypoint.TransitionsWorker", Roles.TransitionsWorker);
        }
    }

    /// <summary>
    /// One person's browser: its own cookies for Waypoint, following redirects by hand between Waypoint and the provider,
    /// and submitting the provider's self-posting form back to Waypoint as a browser's script would.
    /// </summary>
    private sealed class Browser(Hosts hosts) : IDisposable
    {
        public CookieContainer WaypointCookies { get; } = new();
        private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        private HttpClient? _waypoint;
        private HttpClient Waypoint => _waypoint ??= hosts.Waypoint.CreateDefaultClient(Hosts.WaypointAddress, new CookieContainerHandler(WaypointCookies));

        public Cookie? SignInCookie => WaypointCookies.GetCookies(Hosts.WaypointAddress)["waypoint"];

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, HttpContent? content = null) =>
            (uri.Host == Hosts.WaypointAddress.Host ? Waypoint : _provider).SendAsync(new HttpRequestMessage(method, uri) { Content = content });

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, new Uri(Hosts.WaypointAddress, path));

        /// <summary>Posts a form on a page as its button would, hidden fields (the antiforgery token, the provider's code and state) and all.</summary>
        public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, Func<IHtmlFormElement, bool> which, Action<Dictionary<string, string>>? change = null)
        {
            var document = await WaypointWebFactory.HtmlAsync(page);
            var form = document.QuerySelectorAll<IHtmlFormElement>("form").First(which);
            var fields = form.QuerySelectorAll<IHtmlInputElement>("input[name]").ToDictionary(i => i.Name!, i => i.Value);
            change?.Invoke(fields);
            var action = new Uri(page.RequestMessage!.RequestUri!, form.GetAttribute("action") ?? "");
            return await SendAsync(HttpMethod.Post, action, new FormUrlEncodedContent(fields));
        }

        /// <summary>Follows redirects and the provider's self-posting form until a page is reached.</summary>
        public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, Func<HttpResponseMessage, Task<HttpResponseMessage>>? postBack = null)
        {
            for (var hops = 0; hops < 10; hops++)
            {
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
                {
                    response = await SendAsync(HttpMethod.Get, new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!));
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.Host != Hosts.WaypointAddress.Host)
                {
                    response = await (postBack ?? (formPost => SubmitAsync(formPost, _ => true)))(response);
                    continue;
                }
                return response;
            }
            throw new InvalidOperationException("Sign-in went round more than ten redirects.");
        }

        /// <summary>The sign-in page's button, then the provider's page as if the person typed their user name there.</summary>
        public async Task<HttpResponseMessage> StartSignInAsync(string userName)
        {
            var signIn = await GetAsync("/sign-in");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var toProvider = await SubmitAsync(signIn, f => f.TextContent.Contains("Sign in with your council account", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
            var authorize = toProvider.Headers.Location!;
            Assert.StartsWith(hosts.Provider.Authority + "connect/authorize?", authorize.ToString(), StringComparison.Ordinal);
            return await SendAsync(HttpMethod.Get, new Uri(authorize + "&login_hint=" + Uri.EscapeDataString(userName)));
        }

        public async Task<HttpResponseMessage> SignInAsync(string userName) => await FollowAsync(await StartSignInAsync(userName));

        public void Dispose()
        {
            _provider.Dispose();
            _waypoint?.Dispose();
        }
    }

    [Theory]
    [InlineData("amara.okafor@example.gov.uk", Roles.TransitionsWorker, "Transitions team")]
    [InlineData("bilal.hussain@example.gov.uk", Roles.Manager, "Adult social care")]
    public async Task SignIn_ThroughTheProvider_LandsSignedInWithTheMappedRoleAndTeam(string userName, string role, string team)
    {
        var account = Staff.Single(a => a.UserName == userName);
        using var browser = new Browser(hosts);
        var landed = await browser.SignInAsync(userName);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await WaypointWebFactory.HtmlAsync(landed);
        Assert.Equal($"Signed in as {userName} ({Roles.Label(role)})", page.QuerySelector(".waypoint-signed-in")?.TextContent.Trim());

        // The staff list has them, with their team, under this deployment's council whatever the provider claimed.
        await using var scope = hosts.Waypoint.Services.CreateAsyncScope();
        var staff = await scope.ServiceProvider.GetRequiredService<WaypointDbContext>().StaffMembers.AsNoTracking().SingleAsync(s => s.UserName == userName, TestContext.Current.CancellationToken);
        Assert.Equal((Council, role, team, account.Name, userName), (staff.CouncilCode, staff.Role, staff.Team, staff.DisplayName, staff.Email));

        // The cookie holds only what Waypoint uses: no provider claims, no tokens.
        var cookie = browser.SignInCookie;
        Assert.NotNull(cookie);
        var ticket = hosts.Waypoint.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat.Unprotect(cookie.Value);
        Assert.NotNull(ticket);
        Assert.Equal(
            new[] { ClaimTypes.Email, ClaimTypes.Name, ClaimTypes.Role, "name", WaypointClaims.CouncilCode, WaypointClaims.TeamClaim }.Order(StringComparer.Ordinal),
            ticket.Principal.Claims.Select(c => c.Type).Order(StringComparer.Ordinal));
        Assert.Equal(Council, ticket.Principal.Council());
        Assert.DoesNotContain(ticket.Properties.Items.Keys, k => k.StartsWith(".Token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cara.jones@example.gov.uk")]
    [InlineData("dev.patel@example.gov.uk")]
    [InlineData("erin.smith@example.gov.uk")]
    public async Task SignIn_WithoutExactlyOneWaypointRole_IsRefusedWithAdviceToAskTheAdministrator(string userName)
    {
        using var browser = new Browser(hosts);
        var refused = await browser.SignInAsync(userName);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("/sign-in/problem/no-role", refused.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await WaypointWebFactory.HtmlAsync(refused);
        Assert.Equal("You cannot use Waypoint yet", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Ask your administrator", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(userName, await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(browser.SignInCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        await using var scope = hosts.Waypoint.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<WaypointDbContext>().StaffMembers.AnyAsync(s => s.UserName == userName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignIn_WithATamperedState_IsRefusedAndTheCodeIsNeverRedeemed()
    {
        using var browser = new Browser(hosts);
        var atProvider = await browser.StartSignInAsync(Amara.UserName);
        var tokenCalls = hosts.Provider.Calls.Count(c => c == "/connect/token");

        var refused = await browser.FollowAsync(atProvider, formPost => browser.SubmitAsync(formPost, _ => true,
            fields => fields["state"] = string.Concat(fields["state"].Reverse())));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("/sign-in/problem/not-completed", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Sign in did not complete", (await WaypointWebFactory.HtmlAsync(refused)).QuerySelector("h1")?.TextContent.Trim());
        Assert.Null(browser.SignInCookie);
        Assert.Equal(tokenCalls, hosts.Provider.Calls.Count(c => c == "/connect/token"));
    }

    [Fact]
    public async Task SignIn_CompletedInAnotherBrowser_IsRefused()
    {
        // The provider's answer, replayed by a browser that did not start the sign-in (a forged login): no correlation cookie.
        using var victim = new Browser(hosts);
        using var started = new Browser(hosts);
        var atProvider = await started.StartSignInAsync(Amara.UserName);

        var refused = await victim.FollowAsync(await victim.SubmitAsync(atProvider, _ => true));

        Assert.Equal("/sign-in/problem/not-completed", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Null(victim.SignInCookie);
    }

    [Fact]
    public async Task SignIn_RefusedAtTheProvider_EndsOnTheNotCompletedPage()
    {
        using var browser = new Browser(hosts);
        var refused = await browser.SignInAsync("nobody@example.gov.uk");

        Assert.Equal("/sign-in/problem/not-completed", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Null(browser.SignInCookie);
    }

    [Fact]
    public async Task SignOut_SignsOutOfTheProviderToo()
    {
        using var browser = new Browser(hosts);
        var signedIn = await browser.SignInAsync(Amara.UserName);
        Assert.NotNull(browser.SignInCookie);

        var calls = hosts.Provider.Calls.Count;
        var signedOut = await browser.FollowAsync(await browser.SubmitAsync(signedIn, f => f.GetAttribute("action") == "/sign-out"));

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("/sign-in", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("/connect/end-session", hosts.Provider.Calls.Skip(calls));
        Assert.Null(browser.SignInCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignInPage_OffersTheCouncilAccountAndNoDemoUsers()
    {
        using var browser = new Browser(hosts);
        var page = await WaypointWebFactory.HtmlAsync(await browser.GetAsync("/sign-in"));

        Assert.Contains("Sign in with your council account", page.QuerySelector("main button")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("input[name=role]"));
    }

    [Fact]
    public async Task DemoSignOut_EndsTheSessionInWaypointOnly()
    {
        var client = await demo.SignedInAsync(Roles.Manager);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var signOut = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await WaypointWebFactory.HtmlAsync(home)).QuerySelector("form[action='/sign-out'] input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/sign-in", signOut.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }
}
