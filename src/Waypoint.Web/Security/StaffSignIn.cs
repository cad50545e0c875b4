using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;

namespace Waypoint.Web.Security;

/// <summary>
/// Keeps Waypoint's staff list from sign-ins: each time someone signs in (with the identity provider, or as a demo
/// user), their name, email address, team and role are recorded, so that cases and tasks can be given to them and
/// their reminders can reach them. Nothing about staff is typed into Waypoint by hand.
/// </summary>
public static partial class StaffSignIn
{
    public static async Task RecordAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } user || user.Council() is not { Length: > 0 } council || user.Name() is not { Length: > 0 } userName) return;
        var services = context.HttpContext.RequestServices;
        var details = new StaffDetails(
            userName,
            user.FindFirstValue("name") ?? userName,
            user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue("email"),
            user.FindFirstValue(WaypointClaims.Team),
            user.Role());
        try
        {
            await StaffDirectory.RecordSignInAsync(services.GetRequiredService<WaypointDbContext>(), council, details,
                services.GetRequiredService<TimeProvider>().GetUtcNow(), context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Signing in matters more than the staff list being current: the next sign-in updates it.
            LogNotRecorded(services.GetRequiredService<ILoggerFactory>().CreateLogger("Waypoint.StaffSignIn"), e.GetType().FullName ?? "exception");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in was not recorded in the staff list ({Error}); the next sign-in records it")]
    private static partial void LogNotRecorded(ILogger logger, string error);

    /// <summary>The demo's made-up staff, so that a case can be allocated to any of them before they first sign in.</summary>
    public static async Task RecordDemoUsersAsync(WaypointDbContext db, string council, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var user in DemoUsers.All)
        {
            if (await StaffDirectory.FindAsync(db, council, user.Name, cancellationToken) is not null) continue;
            await StaffDirectory.RecordSignInAsync(db, council, new StaffDetails(user.Name, user.Name, user.Email, user.Team, user.Role), at, cancellationToken);
        }
    }
}
