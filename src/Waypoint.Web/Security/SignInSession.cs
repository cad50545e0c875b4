using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Waypoint.Web.Security;

/// <summary>
/// The absolute limit on a sign-in (<see cref="SecuritySettings.SessionLimit"/>). The idle timeout is the cookie's
/// sliding expiry, but each renewal moves that on, so an active session would otherwise last for ever. The time of
/// signing in is kept in the cookie's properties (encrypted and signed with it) and checked on every request.
/// </summary>
public static class SignInSession
{
    private const string SignedInAt = "waypoint:signed-in-at";

    /// <summary>At sign-in: the time it happened, as the cookie handler stamps it.</summary>
    public static void Stamp(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var at = context.Properties.IssuedUtc ?? (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        context.Properties.Items[SignedInAt] = at.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>On each request: signed out once the limit has passed, or when the cookie carries no time of signing in.</summary>
    public static async Task EndPastTheLimitAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.HttpContext.RequestServices.GetRequiredService<WaypointSettings>().Security.SessionLimit;
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.Items.TryGetValue(SignedInAt, out var stamp)
            && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            && now - at < limit)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
