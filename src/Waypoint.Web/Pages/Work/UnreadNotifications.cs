using System.Data.Common;
using System.Security.Claims;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Work;

/// <summary>The count of unread notifications beside "Notifications" in the navigation, on every page.</summary>
public sealed class UnreadNotifications(WaypointDbContext db)
{
    /// <summary>How many; 0 for users who get none, or when the store cannot answer (the error page must still show).</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Roles.SeePeople.Contains(user.Role())) return 0;
        try
        {
            return await Reminders.UnreadAsync(db, user.Council(), user.Name(), cancellationToken);
        }
        catch (DbException)
        {
            return 0;
        }
    }
}
