using System.Globalization;
using Notify.Client;
using Waypoint.Core.Pathway;

namespace Waypoint.Web.Pages.Work;

/// <summary>
/// Task reminders by email through GOV.UK Notify, when the council has set it up (<see cref="NotifySettings"/>). The
/// email carries the task's description, its due date and a link into Waypoint; never the young person's name or
/// details (it says "a young person's case" and links to it by the opaque reference).
/// </summary>
public sealed partial class TaskReminderEmails(WaypointSettings settings, TimeProvider time, ILogger<TaskReminderEmails> logger)
{
    private readonly NotifySettings _notify = settings.Notify;
    private NotificationClient? _client;

    public bool Configured => _notify.Configured;

    /// <summary>What the template is given: nothing a young person could be known by.</summary>
    public Dictionary<string, dynamic> Personalisation(DueReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var site = _notify.ServiceUrl!.TrimEnd('/');
        return new Dictionary<string, dynamic>
        {
            ["name"] = reminder.OwnerName ?? reminder.Owner,
            ["task"] = reminder.Description,
            ["status"] = reminder.Overdue ? "overdue" : "due today",
            ["due_date"] = reminder.DueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            ["about"] = reminder.PersonReference is null ? "the transitions panel's business" : "a young person's case",
            ["link"] = reminder.PersonReference is { } reference ? $"{site}/people/{reference}/case" : $"{site}/my-work/tasks",
        };
    }

    /// <summary>Sends one reminder; a failure is logged (without the address or the task) and left for the next run.</summary>
    public async Task<ReminderDelivery> SendAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (!Configured) return ReminderDelivery.NotSent;
        if (string.IsNullOrWhiteSpace(reminder.OwnerEmail))
        {
            LogNoAddress(logger, reminder.TaskId);
            return ReminderDelivery.NotSent;
        }
        try
        {
            // One client for the life of the app: Notify's client keeps one HTTP connection pool.
            _client ??= new NotificationClient(_notify.BaseUrl, _notify.ApiKey!.Trim());
            // This version of Notify's client takes no cancellation token; a send is short, and the run stops after it.
            await _client.SendEmailAsync(reminder.OwnerEmail, _notify.TaskReminderTemplateId!.Trim(), Personalisation(reminder),
                clientReference: $"task-{reminder.TaskId}-{time.GetUtcNow():yyyyMMdd}");
            cancellationToken.ThrowIfCancellationRequested();
            return ReminderDelivery.Sent;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // whatever Notify answers, the reminder run carries on and tries this email again next time
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Notify's error text can quote what was sent (the address); the type says enough to look further.
            LogFailed(logger, reminder.TaskId, e.GetType().FullName ?? "exception");
            return ReminderDelivery.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: no email reminder, because its owner has no email address in the staff list")]
    private static partial void LogNoAddress(ILogger logger, long taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: the email reminder failed ({Error}); it will be tried again on the next run")]
    private static partial void LogFailed(ILogger logger, long taskId, string error);
}
