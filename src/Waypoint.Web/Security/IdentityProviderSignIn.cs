using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Waypoint.Web.Pages.Account;

namespace Waypoint.Web.Security;

/// <summary>
/// Production sign-in: the council's own identity provider, through OpenID Connect (docs/security.md, "Connecting your
/// council's identity provider"). The provider says who the member of staff is, their one Waypoint role and their team;
/// the sign-in cookie keeps only those, never the provider's tokens, and the council is always this deployment's own.
/// </summary>
public static partial class IdentityProviderSignIn
{
    /// <summary>Section <c>Authentication:OpenIdConnect</c>. Nothing else of the provider's protocol is configurable.</summary>
    public sealed class Settings
    {
        /// <summary>The provider's issuer; unset, there is no sign-in through a provider.</summary>
        public string? Authority { get; set; }

        public string? ClientId { get; set; }

        /// <summary>From a secret store or an environment variable, never a file in the repository.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>Turned off only for a provider on this machine's loopback address, as the end-to-end test runs one.</summary>
        public bool RequireHttpsMetadata { get; set; } = true;

        /// <summary>Scopes asked for beyond openid, profile and email, separated by spaces as the protocol writes them.</summary>
        public string? ExtraScopes { get; set; }

        /// <summary>The claim that carries the user's roles: Entra ID's app roles arrive as "roles".</summary>
        public string RoleClaim { get; set; } = "roles";

        /// <summary>The provider's role values, each to a Waypoint role id. Waypoint's own ids are accepted without a map.</summary>
        public Dictionary<string, string> RoleMap { get; set; } = [];

        /// <summary>The claim that carries the user's team, as the staff list shows it.</summary>
        public string TeamClaim { get; set; } = "waypoint_team";
    }

    /// <summary>Who the user is, their name and email address: every provider that follows OpenID Connect gives these.</summary>
    private static readonly string[] StandardScopes = ["openid", "profile", "email"];

    /// <summary>The user name that cases and tasks record, in order of preference: the sign-in name, the email address, the provider's id.</summary>
    private static readonly string[] UserNameClaims = ["preferred_username", "email", "sub"];

    /// <summary>Adds sign-in through the provider when <c>Authority</c> is set; otherwise nothing.</summary>
    public static AuthenticationBuilder AddIdentityProviderSignIn(this AuthenticationBuilder authentication, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var settings = section.Get<Settings>() ?? new Settings();
        if (string.IsNullOrEmpty(settings.Authority)) return authentication;
        if (!settings.RequireHttpsMetadata && !new Uri(settings.Authority).IsLoopback)
            throw new InvalidOperationException("Authentication:OpenIdConnect:RequireHttpsMetadata may be false only for a provider on the loopback address.");
        var roleMap = RoleMapFrom(settings.RoleMap);
        return authentication.AddOpenIdConnect(o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            // The authorization code flow with PKCE: no token passes through the browser, and a stolen code is useless.
            o.ResponseType = "code";
            o.UsePkce = true;
            // The provider's tokens are not needed after sign-in, so the cookie never carries them.
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            // The provider's claim names as it sends them, so RoleClaim and TeamClaim name what the provider documents.
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in StandardScopes.Concat((settings.ExtraScopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal))
                o.Scope.Add(scope);
            o.Events.OnTokenValidated = context => WaypointUserAsync(context, settings, roleMap);
            o.Events.OnRemoteFailure = NotCompletedAsync;
        });
    }

    /// <summary>The role map with Waypoint's own ids added, each checked: a map to a role Waypoint does not have stops start-up.</summary>
    private static Dictionary<string, string> RoleMapFrom(Dictionary<string, string> configured)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, _) in Roles.All) map[id] = id;
        foreach (var (value, id) in configured)
        {
            if (!Roles.All.Any(r => r.Id == id))
                throw new InvalidOperationException($"Authentication:OpenIdConnect:RoleMap:{value} names \"{id}\", which is not a Waypoint role id ({string.Join(", ", Roles.All.Select(r => r.Id))}).");
            map[value] = id;
        }
        return map;
    }

    /// <summary>
    /// The Waypoint roles that the provider's role values give, ignoring values that map to none (a groups claim carries
    /// many). Sign-in needs exactly one: each user of Waypoint has one role.
    /// </summary>
    private static List<string> WaypointRoles(IEnumerable<string> values, IReadOnlyDictionary<string, string> roleMap) =>
        [.. values.Select(v => roleMap.GetValueOrDefault(v.Trim())).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Replaces the provider's principal with Waypoint's, or refuses the sign-in when the provider gives no single Waypoint role.</summary>
    private static async Task WaypointUserAsync(TokenValidatedContext context, Settings settings, IReadOnlyDictionary<string, string> roleMap)
    {
        var provided = context.Principal;
        var services = context.HttpContext.RequestServices;
        var roleValues = provided?.FindAll(settings.RoleClaim).Select(c => c.Value).ToList() ?? [];
        var userName = UserNameClaims.Select(t => provided?.FindFirstValue(t)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var roles = WaypointRoles(roleValues, roleMap);
        if (roles is not [var role] || userName is null)
        {
            // Nobody is named here: the log says why, and the user is told to ask their administrator.
            LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger("Waypoint.IdentityProviderSignIn"), settings.RoleClaim, roleValues.Count, roles.Count, userName is not null);
            // An earlier session in this browser ends too: whoever is at it now may not use Waypoint.
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            context.Response.Redirect(SignInProblemModel.Path(SignInProblemModel.NoRole));
            context.HandleResponse();
            return;
        }
        string? Claim(string type) => provided?.FindFirstValue(type) is { Length: > 0 } value ? value.Trim() : null;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, userName.Trim()),
            new(ClaimTypes.Role, role),
            // The council is this deployment's, never the provider's word.
            new(WaypointClaims.CouncilCode, services.GetRequiredService<WaypointSettings>().CouncilCode),
        };
        if (Claim("name") is { } name) claims.Add(new("name", name));
        if (Claim("email") is { } email) claims.Add(new(ClaimTypes.Email, email));
        if (Claim(settings.TeamClaim) is { } team) claims.Add(new(WaypointClaims.TeamClaim, team));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, OpenIdConnectDefaults.AuthenticationScheme));
    }

    /// <summary>A sign-in that could not finish - a forged or stale response, a cancelled sign-in at the provider - gets a GOV.UK page, not a crash.</summary>
    private static Task NotCompletedAsync(RemoteFailureContext context)
    {
        LogNotCompleted(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Waypoint.IdentityProviderSignIn"),
            context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect(SignInProblemModel.Path(SignInProblemModel.NotCompleted));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in through the identity provider was refused: its {RoleClaim} claim had {Values} values giving {Roles} Waypoint roles, where one is needed (user name given: {HasUserName})")]
    private static partial void LogRefused(ILogger logger, string roleClaim, int values, int roles, bool hasUserName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in through the identity provider did not complete ({Failure})")]
    private static partial void LogNotCompleted(ILogger logger, string failure);
}
