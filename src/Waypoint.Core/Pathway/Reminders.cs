using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

public enum NotificationKind
{
    /// <summary>A task of theirs is due today.</summary>
    TaskDue,

    /// <summary>A task of theirs is past its due date.</summary>
    TaskOverdue,

    /// <summary>Someone else allocated a case to them.</summary>
    CaseAllocated,
}

/// <summary>
/// Something a member of staff should know, shown in the app on their notifications list (always, whether or not
/// email reminders are configured). A task gets at most one a day.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>The user name it is for.</summary>
    public required string Recipient { get; set; }

    public NotificationKind Kind { get; set; }
    public long? CaseTaskId { get; set; }

    /// <summary>The young person it is about, if any: the list links to their case.</summary>
    public long? PersonId { get; set; }

    /// <summary>The task's description, or what happened; shown only in the app, never emailed.</summary>
    public required string What { get; set; }

    /// <summary>The day it is for: a task's reminder is made once per day.</summary>
    public DateOnly ForDay { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A task whose owner is to be reminded today, with what an email may carry: no young person's name or details.</summary>
public sealed record DueReminder(long TaskId, string CouncilCode, string Owner, string? OwnerName, string? OwnerEmail, string Description, DateOnly DueOn, bool Overdue, string? PersonReference);

/// <summary>What one reminder run did.</summary>
public sealed record ReminderRun(int InApp, int Emailed, int Failed);

/// <summary>How an email reminder went: sent, not to be sent (email is not configured, or the owner has no address), or failed and to be tried again.</summary>
public enum ReminderDelivery
{
    Sent,
    NotSent,
    Failed,
}

/// <summary>One line of a user's notifications list.</summary>
public sealed record NotificationLine(long Id, NotificationKind Kind, string What, DateOnly ForDay, DateTimeOffset CreatedAt, bool Read, long? TaskId, string? PersonReference, string? PersonName);

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationLine> Items);

/// <summary>
/// Reminders to the owners of tasks due today or overdue: in the app always, by email when the council has set it up.
/// A task's owner is reminded once a day at most (<see cref="CaseTask.RemindedAt"/>); an email that fails is tried
/// again on the next run, and the in-app reminder is not made twice.
/// </summary>
public static class Reminders
{
    /// <summary>The notifications kept on a user's list: older ones have done their job (the trays show what is still owed).</summary>
    public const int Listed = 100;

    /// <summary>
    /// Makes today's in-app reminders for every open task due today or before, then offers each task whose owner has not
    /// yet been reminded today to <paramref name="email"/>. A send that fails leaves the task to be tried on the next run.
    /// </summary>
    public static async Task<ReminderRun> RunAsync(
        WaypointDbContext db, TimeProvider time, Func<DueReminder, CancellationToken, Task<ReminderDelivery>> email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(email);
        var local = time.GetLocalNow();
        var today = DateOnly.FromDateTime(local.Date);
        var startOfToday = new DateTimeOffset(local.Date, local.Offset);

        var due = await db.CaseTasks.Where(t => t.DoneOn == null && t.DueOn <= today).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        if (due.Count == 0) return new ReminderRun(0, 0, 0);
        var dueIds = due.Select(t => t.Id).ToList();
        var madeToday = (await db.Notifications.Where(n => n.CaseTaskId != null && dueIds.Contains(n.CaseTaskId.Value) && n.ForDay == today)
            .Select(n => n.CaseTaskId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var inApp = 0;
        foreach (var task in due.Where(t => !madeToday.Contains(t.Id)))
        {
            db.Notifications.Add(new Notification
            {
                CouncilCode = task.CouncilCode,
                Recipient = task.Owner,
                Kind = task.DueOn < today ? NotificationKind.TaskOverdue : NotificationKind.TaskDue,
                CaseTaskId = task.Id,
                PersonId = task.PersonId,
                What = task.Description,
                ForDay = today,
                CreatedAt = time.GetUtcNow(),
            });
            inApp++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node's run made today's reminders first (one per task per day is a unique index): theirs stand.
            db.ChangeTracker.Clear();
            return new ReminderRun(0, 0, 0);
        }

        // By email: each owner once a day, and again on the next run if the send failed.
        var toEmail = due.Where(t => t.RemindedAt is not { } at || at < startOfToday).ToList();
        var owners = toEmail.Select(t => (t.CouncilCode, t.Owner)).Distinct().ToList();
        var councils = owners.Select(o => o.CouncilCode).Distinct().ToList();
        var ownerNames = owners.Select(o => o.Owner).Distinct().ToList();
        var staff = (await db.StaffMembers.AsNoTracking().Where(s => councils.Contains(s.CouncilCode) && ownerNames.Contains(s.UserName)).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.CouncilCode, s.UserName));
        var personIds = toEmail.Where(t => t.PersonId is not null).Select(t => t.PersonId!.Value).Distinct().ToList();
        var references = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Reference, cancellationToken);
        int emailed = 0, failed = 0;
        foreach (var task in toEmail)
        {
            var owner = staff.GetValueOrDefault((task.CouncilCode, task.Owner));
            var reminder = new DueReminder(task.Id, task.CouncilCode, task.Owner, owner?.DisplayName, owner?.Email, task.Description, task.DueOn, task.DueOn < today,
                task.PersonId is { } id ? references.GetValueOrDefault(id) : null);
            var delivery = await email(reminder, cancellationToken);
            if (delivery == ReminderDelivery.Failed)
            {
                failed++;
                continue;
            }
            if (delivery == ReminderDelivery.Sent) emailed++;
            task.RemindedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ReminderRun(inApp, emailed, failed);
    }

    /// <summary>The user's notifications, newest first, with how many they have not read.</summary>
    public static async Task<NotificationList> ListAsync(WaypointDbContext db, string council, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mine = db.Notifications.AsNoTracking().Where(n => n.CouncilCode == council && n.Recipient == userName);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await mine.OrderByDescending(n => n.Id).Take(Listed).ToListAsync(cancellationToken);
        var people = await CasePeople.OfAsync(db, items.Where(n => n.PersonId is not null).Select(n => n.PersonId!.Value), cancellationToken);
        return new NotificationList(unread, [.. items.Select(n =>
        {
            var person = n.PersonId is { } id ? people.GetValueOrDefault(id) : null;
            return new NotificationLine(n.Id, n.Kind, n.What, n.ForDay, n.CreatedAt, n.ReadAt is not null, n.CaseTaskId, person?.Reference, person?.DisplayName);
        })]);
    }

    /// <summary>How many notifications the user has not read, for the count in the navigation.</summary>
    public static Task<int> UnreadAsync(WaypointDbContext db, string council, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Notifications.CountAsync(n => n.CouncilCode == council && n.Recipient == userName && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks all the user's notifications read; returns how many were unread.</summary>
    public static Task<int> MarkAllReadAsync(WaypointDbContext db, string council, string userName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Notifications.Where(n => n.CouncilCode == council && n.Recipient == userName && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, at), cancellationToken);
    }
}
