using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Every page and API endpoint, read from the app's own endpoint metadata, checked against who may use it: a new
/// endpoint without a policy fails here, and no page or endpoint that shows a young person is open to a role that sees
/// no people. Deny by default is the rule; these tests keep it true as pages are added.
/// </summary>
public partial class EndpointAuthorizationTests(WaypointWebFactory web)
{
    /// <summary>
    /// What anyone may reach, signed in or not: signing in, the page a refused sign-in through the identity provider ends
    /// on (it names nobody), the error pages, the health and readiness checks (for the proxy; they say only what state
    /// the node and its database are in).
    /// </summary>
    private static readonly string[] Anonymous = ["/sign-in", "/sign-in/problem/{reason}", "/error/{code:int}", "/health", "/health/ready"];

    /// <summary>
    /// What every signed-in user may reach whatever their role: signing out, and the OpenAPI description (which holds no
    /// personal data). Anything else must name a policy.
    /// </summary>
    private static readonly string[] AnySignedInUser = ["/sign-out", "/api/{documentName}.json"];

    private sealed record Guarded(string Route, string Methods, bool AllowsAnonymous, IReadOnlyList<IAuthorizeData> Authorize);

    private IReadOnlyList<Guarded> Endpoints()
    {
        _ = web.Server;
        var sources = web.Services.GetServices<EndpointDataSource>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => new Guarded(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["any"]),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>()))
            // The framework's own fallbacks for static files and the like have no route of the app's.
            .Where(e => e.Route != "/")
            .DistinctBy(e => (e.Route, e.Methods))];
    }

    [Fact]
    public void EveryEndpoint_IsAnonymousByNameOrNamesAPolicy()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 100, $"Only {endpoints.Count} endpoints were found: the enumeration itself is broken.");

        var unguarded = endpoints
            .Where(e => !(e.AllowsAnonymous && Anonymous.Contains(e.Route)))
            .Where(e => !AnySignedInUser.Contains(e.Route))
            .Where(e => e.AllowsAnonymous || !e.Authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            .Select(e => $"{e.Methods} {e.Route}{(e.AllowsAnonymous ? " (anonymous)" : "")}")
            .ToList();

        Assert.True(unguarded.Count == 0, "These endpoints name no policy (add one, or add them to this test's lists with the reason):\n" + string.Join("\n", unguarded));
    }

    [Fact]
    public async Task EveryEndpointAboutAYoungPerson_IsRefusedToRolesThatSeeNoPeople()
    {
        var authorization = web.Services.GetRequiredService<IAuthorizationService>();
        var policies = web.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var about = Endpoints().Where(e => e.Route.Contains("{reference}", StringComparison.Ordinal) || e.Route.StartsWith("/people", StringComparison.Ordinal)
            || e.Route.StartsWith("/api/people", StringComparison.Ordinal) || e.Route.StartsWith("/panel", StringComparison.Ordinal)).ToList();
        Assert.True(about.Count > 40, $"Only {about.Count} person-level endpoints were found.");

        var outsiders = Roles.All.Select(r => r.Id).Except(Roles.SeePeople).ToList();
        Assert.Equal([Roles.Commissioner, Roles.Analyst, Roles.DataProtectionOfficer, Roles.Administrator], outsiders);
        var opened = new List<string>();
        foreach (var endpoint in about)
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Authorize);
            Assert.NotNull(policy);
            foreach (var role in outsiders)
            {
                var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test"), new Claim(ClaimTypes.Role, role), new Claim(WaypointClaims.CouncilCode, "999")], "test"));
                if ((await authorization.AuthorizeAsync(user, policy)).Succeeded) opened.Add($"{endpoint.Methods} {endpoint.Route}: {role}");
            }
        }
        Assert.True(opened.Count == 0, "Roles that see no young people can reach:\n" + string.Join("\n", opened));
    }

    [Fact]
    public async Task GuessingAnotherTeamsYoungPerson_IsRefusedOnEveryEndpointThatNamesThem_AndEachRefusalIsAudited()
    {
        var authorization = web.Services.GetRequiredService<IAuthorizationService>();
        var policies = web.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        // A care leaver with no EHC plan: nothing to do with the SEND team, whose reference the SEND officer has guessed.
        var reference = (await web.PeopleAsync(Roles.SendOfficer, seen: false, c => c.Contains(Cohort.CareLeaver) && !c.Contains(Cohort.EhcPlan)))[0];
        var officer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test"), new Claim(ClaimTypes.Role, Roles.SendOfficer), new Claim(WaypointClaims.CouncilCode, "999")], "test"));
        var client = await web.SignedInAsync(Roles.SendOfficer);
        var before = await RefusalsAsync(reference);

        var tried = new List<string>();
        var opened = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Route.Contains("{reference}", StringComparison.Ordinal) && e.Route != "/people/{reference}/access"))
        {
            // Where the role's own policy refuses first, the access rules are not reached: that refusal is tested above.
            if (!(await authorization.AuthorizeAsync(officer, (await AuthorizationPolicy.CombineAsync(policies, endpoint.Authorize))!)).Succeeded) continue;
            var url = Url(endpoint.Route, reference);
            foreach (var method in endpoint.Methods == "any" ? ["GET", "POST"] : endpoint.Methods.Split(','))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                tried.Add($"{method} {url}");
                var refused = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == $"/people/{reference}/access");
                if (!refused) opened.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(tried.Count > 30, $"Only {tried.Count} requests were tried: " + string.Join(", ", tried));
        Assert.True(opened.Count == 0, "The SEND officer reached another team's young person at:\n" + string.Join("\n", opened));
        Assert.Equal(tried.Count, await RefusalsAsync(reference) - before);

        // A reference that is nobody's is simply not found, and tells nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/people/ZZZZZZZZZZ", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<int> RefusalsAsync(string reference)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var id = await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        return await db.AuditEvents.CountAsync(a => a.Action == "access-refused" && a.PersonId == id && a.UserName == "Demo SEND officer", TestContext.Current.CancellationToken);
    }

    /// <summary>A route template filled in: the person's reference, 1 for a number, x for any other value, optional parts left out.</summary>
    private static string Url(string route, string reference) =>
        OtherValue().Replace(NumberValue().Replace(OptionalValue().Replace(route.Replace("{reference}", reference, StringComparison.Ordinal), ""), "1"), "x");

    [GeneratedRegex(@"/\{[^}]+\?\}")]
    private static partial Regex OptionalValue();

    [GeneratedRegex(@"\{[^}]+:long\}")]
    private static partial Regex NumberValue();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex OtherValue();
}
