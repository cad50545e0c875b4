using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Work;

/// <summary>Overdue tasks: the user's own, and for a manager everyone's, most overdue first, each with a way to mark it done.</summary>
public sealed class TasksModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<TaskLine> Tasks { get; private set; } = [];

    /// <summary>"everyone" for everyone's overdue tasks: managers only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    public bool Everyone => Who == "everyone";

    public bool MaySeeEveryone => Roles.SeeEveryonesWork.Contains(User.Role());

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Everyone && !MaySeeEveryone) return Forbid();
        AsOf = WorkTrays.Today(time);
        Tasks = await WorkTasks.OverdueAsync(db, User.Council(), Everyone ? null : User.Name(), AsOf, cancellationToken);
        await audit.RecordAsync(User, "view-overdue-tasks", null, $"{Tasks.Count} {(Everyone ? "everyone's" : "mine")}", cancellationToken);
        return Page();
    }

    /// <summary>The owner may mark their task done; a manager may mark anyone's.</summary>
    public bool MayComplete(TaskLine task) => task.Owner == User.Name() || MaySeeEveryone;
}
