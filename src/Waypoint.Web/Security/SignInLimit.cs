using System.Globalization;
using System.Threading.RateLimiting;

namespace Waypoint.Web.Security;

/// <summary>
/// Sign-in attempts are limited per client address: <see cref="SecuritySettings.SignInAttemptsPerMinute"/> in each
/// minute, counted from the first. This slows guessing, and a flood of sign-in starts sent on to the council's identity
/// provider. Only posts count (the demo sign-in and "Sign in with your council account"); showing the page is free.
/// A refused attempt gets 429 and the GOV.UK page at /error/429. Behind a reverse proxy the address is the proxy's
/// unless forwarded headers are switched on (docs/operations.md).
/// </summary>
public static class SignInLimit
{
    /// <summary>The rate limiting policy that the sign-in page, and any other start of signing in, names.</summary>
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInLimit(this IServiceCollection services, SecuritySettings settings) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
}
