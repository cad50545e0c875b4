using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tracker;

/// <summary>
/// The signed-in user's council's data version (<see cref="CouncilDataVersion"/>), read once for a page view: the access
/// check, the tracker's cache, the fitted forecast and the person's record all key on it, and a GET changes none of what
/// they show. A form's post may change it before it shows anything, so a post reads it each time it is asked.
/// </summary>
public static class RequestDataVersion
{
    private const string Kept = "waypoint:data-version";

    public static async Task<CouncilDataVersion> DataVersionAsync(this HttpContext context, WaypointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var council = context.User.Council();
        var viewOnly = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (viewOnly && context.Items.TryGetValue(Kept, out var kept) && kept is (string keptFor, CouncilDataVersion version) && keptFor == council)
            return version;
        var read = await CouncilDataVersion.ReadAsync(db, council, cancellationToken);
        if (viewOnly) context.Items[Kept] = (council, read);
        return read;
    }
}
