using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>A task to add to a case: what is to be done, by whom (a user name) and by when.</summary>
public sealed record CaseTaskRequest(string Description, string Owner, DateOnly DueOn);

/// <summary>One task as the work trays and the case page list it.</summary>
public sealed record TaskLine(
    long Id, string Description, string Owner, string OwnerName, DateOnly DueOn, int DaysOverdue, DateOnly? DoneOn, string? DoneBy, string? DoneNote,
    string? PersonReference, string? PersonName, int? CaseVersion, long? PanelMeetingId);

/// <summary>Tasks on cases and panel actions: adding one, marking one done, and the lists the trays show.</summary>
public static class WorkTasks
{
    public const int DescriptionLimit = 2000;
    public const int NoteLimit = 4000;

    /// <summary>
    /// Adds a task to a young person's case, through <see cref="CaseWork"/> so that it is in the case's history. The
    /// owner must be in Waypoint's staff list, so that the task reaches their trays and reminders.
    /// </summary>
    public static async Task<CaseTask> AddAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, CaseTaskRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Description)) throw new PathwayRefusedException("Enter what the task is.");
        if (request.Description.Trim().Length > DescriptionLimit) throw new PathwayRefusedException($"The task must be {DescriptionLimit:N0} characters or fewer.");
        if (request.DueOn < DateOnly.FromDateTime(at.UtcDateTime)) throw new PathwayRefusedException("The date the task is due must be today or in the future.");
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null) throw new PathwayRefusedException("This young person has no transitions case to add a task to. Refer them first.", $"/people/{personReference}/case");
        var owner = await StaffDirectory.FindAsync(db, by.CouncilCode, request.Owner ?? "", cancellationToken)
            ?? throw new PathwayRefusedException("There is nobody of that name in Waypoint's staff list. A task can be given to someone once they have signed in to Waypoint.");

        var task = new CaseTask
        {
            CouncilCode = by.CouncilCode,
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            Description = request.Description.Trim(),
            Owner = owner.UserName,
            DueOn = request.DueOn,
            CreatedBy = by.UserName,
            CreatedAt = at,
        };
        db.CaseTasks.Add(task);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Task for {owner.DisplayName}, due {request.DueOn:d MMMM yyyy}: {task.Description}", "case-task-add",
            $"task due {request.DueOn:yyyy-MM-dd}", at, cancellationToken);
        return task;
    }

    /// <summary>
    /// Marks a task done, with what was done. A task on a case is done through <see cref="CaseWork"/>, so it shows in
    /// the case history and is refused if the case changed since <paramref name="seenVersion"/>; any other task (a
    /// panel's own business) is audited on its own.
    /// </summary>
    public static async Task<CaseTask> CompleteAsync(
        WaypointDbContext db, Practitioner by, long taskId, int seenVersion, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        if (note?.Trim().Length > NoteLimit) throw new PathwayRefusedException($"What was done must be {NoteLimit:N0} characters or fewer.");
        var task = await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CouncilCode == by.CouncilCode, cancellationToken)
            ?? throw new PathwayRefusedException("There is no such task in this council.");
        if (task.DoneOn is { } doneOn)
        {
            var doneBy = (await StaffDirectory.NamesAsync(db, by.CouncilCode, [task.DoneBy ?? ""], cancellationToken))[task.DoneBy ?? ""];
            throw new PathwayRefusedException($"This task was marked as done by {doneBy} on {doneOn:d MMMM yyyy}.");
        }

        // The case is loaded first, so a change refused because the case moved on leaves the task as it was.
        TransitionsCase? transitionsCase = null;
        if (task.PersonId is { } personId)
        {
            var reference = await db.People.Where(p => p.Id == personId).Select(p => p.Reference).SingleAsync(cancellationToken);
            (_, transitionsCase) = await CaseWork.LoadAsync(db, by, reference, seenVersion, cancellationToken);
        }
        task.DoneOn = DateOnly.FromDateTime(at.UtcDateTime);
        task.DoneBy = by.UserName;
        task.DoneNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (transitionsCase is not null)
        {
            await CaseWork.SaveAsync(db, by, transitionsCase, $"Task done: {task.Description}" + (task.DoneNote is null ? "" : $" ({task.DoneNote})"), "case-task-done",
                $"task {task.Id}", at, cancellationToken);
            return task;
        }
        db.AuditEvents.Add(new AuditEvent { At = at, CouncilCode = by.CouncilCode, UserName = by.UserName, Role = by.Role, Action = "task-done", PersonId = task.PersonId, Detail = $"task {task.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    /// <summary>Tasks not done and due before <paramref name="asOf"/>: one owner's, or everyone's when <paramref name="owner"/> is null. Most overdue first.</summary>
    public static async Task<IReadOnlyList<TaskLine>> OverdueAsync(WaypointDbContext db, string council, string? owner, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tasks = db.CaseTasks.AsNoTracking().Where(t => t.CouncilCode == council && t.DoneOn == null && t.DueOn < asOf);
        if (owner is not null) tasks = tasks.Where(t => t.Owner == owner);
        var lines = await LinesAsync(db, council, await tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Id).ToListAsync(cancellationToken), asOf, cancellationToken);
        return lines;
    }

    /// <summary>The tasks on one case: those still to do by due date, then those done, newest first.</summary>
    public static async Task<IReadOnlyList<TaskLine>> OfCaseAsync(WaypointDbContext db, string council, long personId, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.CouncilCode == council && t.PersonId == personId).ToListAsync(cancellationToken);
        var ordered = tasks.Where(t => t.DoneOn is null).OrderBy(t => t.DueOn).ThenBy(t => t.Id)
            .Concat(tasks.Where(t => t.DoneOn is not null).OrderByDescending(t => t.DoneOn).ThenByDescending(t => t.Id)).ToList();
        return await LinesAsync(db, council, ordered, asOf, cancellationToken);
    }

    /// <summary>One task, as the page to mark it done shows it; null when there is no such task in the council.</summary>
    public static async Task<TaskLine?> GetAsync(WaypointDbContext db, string council, long taskId, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var task = await db.CaseTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.CouncilCode == council, cancellationToken);
        return task is null ? null : (await LinesAsync(db, council, [task], asOf, cancellationToken))[0];
    }

    private static async Task<IReadOnlyList<TaskLine>> LinesAsync(WaypointDbContext db, string council, IReadOnlyList<CaseTask> tasks, DateOnly asOf, CancellationToken cancellationToken)
    {
        var people = await CasePeople.OfAsync(db, tasks.Where(t => t.PersonId is not null).Select(t => t.PersonId!.Value), cancellationToken);
        var caseIds = tasks.Where(t => t.TransitionsCaseId is not null).Select(t => t.TransitionsCaseId!.Value).Distinct().ToList();
        var versions = await db.TransitionsCases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Version, cancellationToken);
        var names = await StaffDirectory.NamesAsync(db, council, tasks.Select(t => t.Owner).Concat(tasks.Where(t => t.DoneBy is not null).Select(t => t.DoneBy!)), cancellationToken);
        return [.. tasks.Select(t =>
        {
            var person = t.PersonId is { } id ? people.GetValueOrDefault(id) : null;
            return new TaskLine(t.Id, t.Description, t.Owner, names[t.Owner], t.DueOn, t.DoneOn is null ? Math.Max(0, asOf.DayNumber - t.DueOn.DayNumber) : 0,
                t.DoneOn, t.DoneBy is null ? null : names[t.DoneBy], t.DoneNote, person?.Reference, person?.DisplayName,
                t.TransitionsCaseId is { } caseId ? versions.GetValueOrDefault(caseId) : null, t.PanelMeetingId);
        })];
    }
}
