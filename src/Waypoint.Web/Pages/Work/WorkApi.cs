using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Pages.Cases;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.Work;

/// <summary>Allocating a case, as the API takes it: the case version the caller saw, and the worker's user name (none for "allocate to me").</summary>
public sealed record AllocationBody(int SeenVersion, string? Worker);

/// <summary>A task to add to a case, as the API takes it.</summary>
public sealed record TaskBody(int SeenVersion, string Description, string Owner, DateOnly DueOn);

/// <summary>Marking a task done: the version of its case the caller saw (0 for a task with no case), and what was done.</summary>
public sealed record TaskDoneBody(int SeenVersion, string? Note);

/// <summary>A member of staff a case or task can be given to (no email address: that is for reminders only).</summary>
public sealed record StaffEntry(string UserName, string DisplayName, string? Team, string Role);

/// <summary>
/// The JSON twins of the work pages and of allocation and tasks on the case page, under /api with the same policies
/// and the same audit; changes are refused as <see cref="CaseApi.ChangeAsync"/> refuses them (409, 422).
/// </summary>
public static class WorkApi
{
    public static void MapWorkApi(this IEndpointRouteBuilder app)
    {
        var work = app.MapGroup("/api/work").WithTags("Work trays").RequireAuthorization(Policies.SeePeople);
        work.MapGet("/my-cases", MyCasesAsync);
        work.MapGet("/waiting-list", WaitingListAsync);
        work.MapGet("/tasks", TasksAsync);
        work.MapPost("/tasks/{id:long}/done", CompleteAsync);

        var person = app.MapGroup("/api/people/{reference}").WithTags("Transitions case");
        person.MapGet("/tasks", CaseTasksAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/tasks", AddTaskAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/allocation", AllocateAsync).RequireAuthorization(Policies.RunPathway);

        app.MapGet("/api/staff", StaffAsync).WithTags("Work trays").RequireAuthorization(Policies.SeePeople);
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.SeePeople);
        notifications.MapGet("", NotificationsAsync);
        notifications.MapPost("/read", ReadAsync);
    }

    private static async Task<Ok<IReadOnlyList<MyCase>>> MyCasesAsync(ClaimsPrincipal user, WaypointDbContext db, TrackerCache cache, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var cases = await WorkTrays.MyCasesAsync(db, cache, user, WorkTrays.Today(time), cancellationToken);
        await audit.RecordAsync(user, "view-my-cases", null, $"api: {cases.Count} cases", cancellationToken);
        return TypedResults.Ok(cases);
    }

    /// <summary>The waiting list: <c>?sort=waited</c> for the longest wait first, otherwise priority (urgency, then the oldest young person).</summary>
    private static async Task<Ok<WaitingListView>> WaitingListAsync(string? sort, HttpContext context, WaypointDbContext db, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = context.User;
        var list = await WorkTrays.WaitingListAsync(context, db, WorkTrays.Today(time), WaitingListModel.SortOf(sort));
        await audit.RecordAsync(user, "view-waiting-list", null, $"api: {list.Entries.Count} waiting, sorted by {list.Sort}", cancellationToken);
        return TypedResults.Ok(list);
    }

    /// <summary>Overdue tasks: the caller's own, or <c>?who=everyone</c> for everyone's (managers only).</summary>
    private static async Task<Results<Ok<IReadOnlyList<TaskLine>>, ForbidHttpResult>> TasksAsync(
        string? who, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var everyone = who == "everyone";
        if (everyone && !Roles.SeeEveryonesWork.Contains(user.Role())) return TypedResults.Forbid();
        var tasks = await WorkTasks.OverdueAsync(db, user.Council(), everyone ? null : user.Name(), WorkTrays.Today(time), cancellationToken);
        await audit.RecordAsync(user, "view-overdue-tasks", null, $"api: {tasks.Count} {(everyone ? "everyone's" : "mine")}", cancellationToken);
        return TypedResults.Ok(tasks);
    }

    private static async Task<IResult> CompleteAsync(long id, TaskDoneBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await WorkTasks.GetAsync(db, user.Council(), id, WorkTrays.Today(time), cancellationToken) is not { } task) return TypedResults.NotFound();
        if (task.Owner != user.Name() && !Roles.SeeEveryonesWork.Contains(user.Role())) return TypedResults.Forbid();
        return await CaseApi.ChangeAsync(async () =>
        {
            await WorkTasks.CompleteAsync(db, user.Practitioner(), id, body.SeenVersion, body.Note, time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await WorkTasks.GetAsync(db, user.Council(), id, WorkTrays.Today(time), cancellationToken));
        });
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskLine>>, NotFound>> CaseTasksAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, user.Council(), reference, cancellationToken) is not { } view) return TypedResults.NotFound();
        var tasks = await WorkTasks.OfCaseAsync(db, user.Council(), view.PersonId, WorkTrays.Today(time), cancellationToken);
        await audit.RecordAsync(user, "view-case", view.PersonId, "api: tasks", cancellationToken);
        return TypedResults.Ok(tasks);
    }

    private static async Task<IResult> AddTaskAsync(string reference, TaskBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await CaseApi.ChangeAsync(async () =>
        {
            var task = await WorkTasks.AddAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new CaseTaskRequest(body.Description ?? "", body.Owner ?? "", body.DueOn), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/tasks", await WorkTasks.GetAsync(db, user.Council(), task.Id, WorkTrays.Today(time), cancellationToken));
        });

    private static async Task<IResult> AllocateAsync(string reference, AllocationBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await CaseApi.ChangeAsync(async () =>
        {
            await Allocations.AllocateAsync(db, user.Practitioner(), reference, body.SeenVersion, body.Worker ?? user.Name(), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await CaseRecord.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    /// <summary>Staff who may own a task, or <c>?role=pathway</c> for those who can be a named worker (transitions workers and managers).</summary>
    private static async Task<Ok<List<StaffEntry>>> StaffAsync(string? role, ClaimsPrincipal user, WaypointDbContext db, CancellationToken cancellationToken)
    {
        var staff = await StaffDirectory.OfCouncilAsync(db, user.Council(), role == "pathway" ? Roles.RunPathway : Roles.SeePeople, cancellationToken);
        return TypedResults.Ok(staff.Select(s => new StaffEntry(s.UserName, s.DisplayName, s.Team, s.Role)).ToList());
    }

    private static async Task<Ok<NotificationList>> NotificationsAsync(ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var list = await Reminders.ListAsync(db, user.Council(), user.Name(), cancellationToken);
        await audit.RecordAsync(user, "view-notifications", null, $"api: {list.Items.Count} listed, {list.Unread} unread", cancellationToken);
        return TypedResults.Ok(list);
    }

    private static async Task<NoContent> ReadAsync(ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await Reminders.MarkAllReadAsync(db, user.Council(), user.Name(), time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
