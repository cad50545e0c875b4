using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Waypoint.Web.Tests;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) in the test process, on a loopback port over plain HTTP, standing in
/// for a council's identity provider such as Entra ID. Its directory is the made-up staff the test gives it; who signs
/// in is chosen by the standard login_hint parameter, as a person would type their name on the provider's page. Waypoint
/// is registered as a confidential client that must use PKCE.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "waypoint";
    public const string ClientSecret = "local-test-secret";

    /// <summary>A member of the council's staff as the provider knows them: roles and team are the provider's own values.</summary>
    public sealed record StaffAccount(string UserName, string Name, IReadOnlyList<string> Roles, string? Team, IReadOnlyDictionary<string, string>? OtherClaims = null);

    private readonly WebApplication _app;
    private readonly SqliteConnection _keepStoreAlive;

    /// <summary>The paths of the provider's own endpoints that were called, in order: what the browser or Waypoint asked of it.</summary>
    public List<string> Calls { get; } = [];

    public Uri Authority { get; }

    private LocalIdentityProvider(WebApplication app, SqliteConnection store, Uri authority) => (_app, _keepStoreAlive, Authority) = (app, store, authority);

    /// <summary>Starts the provider with Waypoint (at <paramref name="waypoint"/>) registered as its client.</summary>
    public static async Task<LocalIdentityProvider> StartAsync(Uri waypoint, IReadOnlyList<StaffAccount> directory)
    {
        // An in-memory store shared by the provider's connections, alive while this connection is open.
        var connection = $"Data Source=identity-provider-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var store = new SqliteConnection(connection);
        await store.OpenAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderStore>(o => o.UseSqlite(connection).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/end-session");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Plain HTTP on loopback, for this test only; a council's real provider is always HTTPS.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        LocalIdentityProvider? provider = null;
        app.Use((context, next) =>
        {
            provider?.Calls.Add(context.Request.Path);
            return next(context);
        });
        app.UseAuthentication();
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) => Authorize(context, directory));
        // Signing out here ends the provider's session and sends the browser back to Waypoint's registered address.
        app.MapMethods("connect/end-session", [HttpMethods.Get, HttpMethods.Post], () =>
            Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "Waypoint",
                RedirectUris = { new Uri(waypoint, "signin-oidc") },
                PostLogoutRedirectUris = { new Uri(waypoint, "signout-callback-oidc") },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider = new LocalIdentityProvider(app, store, new Uri(address + "/"));
        return provider;
    }

    /// <summary>Signs in the account the login hint names, with its roles and team in the identity token; an unknown name is refused.</summary>
    private static IResult Authorize(HttpContext context, IReadOnlyList<StaffAccount> directory)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (directory.FirstOrDefault(a => a.UserName == request.LoginHint) is not { } account)
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        // The subject is opaque, as Entra ID's is; Waypoint names the user by the preferred user name.
        identity.SetClaim(Claims.Subject, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.UserName)))[..16])
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Name, account.Name)
            .SetClaim(Claims.Email, account.UserName)
            .SetClaims("roles", [.. account.Roles]);
        if (account.Team is not null) identity.SetClaim("waypoint_team", account.Team);
        foreach (var (type, value) in account.OtherClaims ?? ImmutableDictionary<string, string>.Empty) identity.SetClaim(type, value);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _keepStoreAlive.DisposeAsync();
    }

    /// <summary>The provider's own store of clients, authorisations and tokens.</summary>
    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
