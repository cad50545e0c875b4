using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Pages.Work;

/// <summary>
/// Reminds the owners of tasks due today or overdue: in the app always, and by email through GOV.UK Notify when it is
/// configured. Runs at start and then every <see cref="ReminderSettings.CheckEvery"/>; each task's owner hears at most
/// once a day, and an email that failed is tried again on the next run. With several web nodes, only the node holding
/// the job (<see cref="JobNode"/>) runs it, so an email is not sent twice by two nodes at once.
/// </summary>
public sealed partial class ReminderService(IServiceScopeFactory scopes, TaskReminderEmails emails, WaypointSettings settings, TimeProvider time, JobNode node,
    ILogger<ReminderService> logger)
    : BackgroundService
{
    public const string Job = "task-reminders";

    // One run at a time in this process, so a run asked for by hand never races the scheduled one.
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>One reminder run (the hosted service's, or a test's).</summary>
    public async Task<ReminderRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
            var run = await Reminders.RunAsync(db, time, emails.SendAsync, cancellationToken);
            if (run.InApp + run.Emailed + run.Failed > 0) LogRun(logger, run.InApp, run.Emailed, run.Failed);
            return run;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>A scheduled run: made when this node holds the job, null when another node does.</summary>
    public async Task<ReminderRun?> TickAsync(CancellationToken cancellationToken) =>
        await node.TryClaimAsync(Job, LeaseFor, cancellationToken) ? await Telemetry.JobAsync(Job, () => RunOnceAsync(cancellationToken)) : null;

    /// <summary>Held across a missed tick or two, so the job does not hop between nodes; a dead node's runs out within this.</summary>
    private TimeSpan LeaseFor => TimeSpan.FromTicks(Math.Max(2 * settings.Reminders.CheckEvery.Ticks, TimeSpan.FromMinutes(1).Ticks));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await node.ReleaseAsync(Job, cancellationToken);
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (emails.Configured) LogEmailOn(logger);
        else if (settings.Notify.PartlyConfigured) LogEmailPartlyConfigured(logger);
        else LogEmailOff(logger);
        using var timer = new PeriodicTimer(settings.Reminders.CheckEvery, time);
        try
        {
            do
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // a run that fails (the store busy or down) is tried again at the next tick; /health reports the store
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogRunFailed(logger, e.GetType().FullName ?? "exception");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task reminders: {InApp} made in the app, {Emailed} emailed, {Failed} emails failed")]
    private static partial void LogRun(ILogger logger, int inApp, int emailed, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task reminder run failed ({Error}); it runs again at the next check")]
    private static partial void LogRunFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task reminders: in the app and by email through GOV.UK Notify")]
    private static partial void LogEmailOn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task reminders: in the app only (GOV.UK Notify is not configured)")]
    private static partial void LogEmailOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task reminders: in the app only - email needs Waypoint:Notify:ApiKey, TaskReminderTemplateId and ServiceUrl all set")]
    private static partial void LogEmailPartlyConfigured(ILogger logger);
}
