using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Work;

/// <summary>The signed-in user's notifications: their tasks due today or overdue, and cases newly allocated to them. Always in the app, email or not.</summary>
public sealed class NotificationsModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public NotificationList List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = await Reminders.ListAsync(db, User.Council(), User.Name(), cancellationToken);
        await audit.RecordAsync(User, "view-notifications", null, $"{List.Items.Count} listed, {List.Unread} unread", cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken)
    {
        var read = await Reminders.MarkAllReadAsync(db, User.Council(), User.Name(), time.GetUtcNow(), cancellationToken);
        TempData["Changed"] = read == 1 ? "1 notification marked as read." : $"{read:N0} notifications marked as read.";
        return Redirect("/notifications");
    }

    public static string Heading(NotificationLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Kind switch
        {
            NotificationKind.TaskDue => "Task due today",
            NotificationKind.TaskOverdue => "Task overdue",
            _ => "Case allocated to you",
        };
    }
}
