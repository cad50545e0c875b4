using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using Waypoint.Web.Pages.Work;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Tests;

/// <summary>Task reminders by email through GOV.UK Notify, against a local stand-in for the Notify API.</summary>
public sealed class TaskReminderEmailTests : IAsyncLifetime
{
    private const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Manager = new("999", "m.manager", "manager");
    private NotifyStandIn _notify = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _notify = await NotifyStandIn.StartAsync();

    public async ValueTask DisposeAsync() => await _notify.DisposeAsync();

    /// <summary>A young person referred, a worker with an email address, and a task of theirs due today.</summary>
    private static async Task<TestDatabase> WithTaskDueTodayAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        db.People.Add(new Person { Id = 1, Reference = "B0000000001", CouncilCode = "999", Forename = "Casey", Surname = "Example", DateOfBirth = new DateOnly(2010, 5, 1) });
        await db.SaveChangesAsync(Cancel);
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("a.worker", "Alex Worker", "alex.worker@example.gov.uk", "Transitions team", "transitions-worker"), Now, Cancel);
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("m.manager", "Morgan Manager", null, "Transitions team", "manager"), Now, Cancel);
        await Referrals.ReferAsync(db, Manager, "B0000000001", 0,
            new ReferralRequest(ReferralSource.SenTeam, null, new DateOnly(2026, 11, 20), "EHC plan; needs support with daily living", ReferralUrgency.Soon), Now, Cancel);
        await WorkTasks.AddAsync(db, Manager, "B0000000001", 1, new CaseTaskRequest("Ask the school for the annual review", "a.worker", new DateOnly(2026, 11, 23)), Now, Cancel);
        return database;
    }

    private ServiceProvider Services(TestDatabase database, TimeProvider time, string? apiKey = NotifyStandIn.ApiKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<WaypointDbContext>(o => WaypointDatabase.Configure(o, database.Provider, database.Database));
        services.AddSingleton(time);
        services.AddSingleton(new WaypointSettings
        {
            Notify = new NotifySettings { ApiKey = apiKey, BaseUrl = _notify.BaseUrl, TaskReminderTemplateId = TemplateId, ServiceUrl = "https://waypoint.example.gov.uk/" },
        });
        services.AddSingleton<TaskReminderEmails>();
        services.AddSingleton<JobNode>();
        services.AddSingleton<ReminderService>();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnceAsync_TaskDueToday_EmailsItsOwnerThroughNotifyWithoutTheYoungPersonsName(DatabaseProvider provider)
    {
        await using var database = await WithTaskDueTodayAsync(provider);
        var time = new FakeTimeProvider(Now.AddHours(1));
        await using var services = Services(database, time);
        var reminders = services.GetRequiredService<ReminderService>();

        Assert.Equal(new ReminderRun(1, 1, 0), await reminders.RunOnceAsync(Cancel));
        Assert.Equal(new ReminderRun(0, 0, 0), await reminders.RunOnceAsync(Cancel));

        Assert.Empty(_notify.Refused);
        var email = Assert.Single(_notify.Emails);
        Assert.Equal(("alex.worker@example.gov.uk", TemplateId), (email.EmailAddress, email.TemplateId));
        Assert.Equal(new Dictionary<string, string>
        {
            ["name"] = "Alex Worker",
            ["task"] = "Ask the school for the annual review",
            ["status"] = "due today",
            ["due_date"] = "23 November 2026",
            ["about"] = "a young person's case",
            ["link"] = "https://waypoint.example.gov.uk/people/B0000000001/case",
        }, email.Personalisation);
        Assert.StartsWith("task-", email.Reference, StringComparison.Ordinal);
        Assert.DoesNotContain(email.Personalisation.Values, v => v.Contains("Casey", StringComparison.Ordinal) || v.Contains("Example", StringComparison.Ordinal));
        await using var db = database.Open();
        Assert.Equal(time.GetUtcNow(), (await db.CaseTasks.SingleAsync(Cancel)).RemindedAt);
        Assert.Equal(NotificationKind.TaskDue, (await db.Notifications.SingleAsync(Cancel)).Kind);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnceAsync_NotifyFails_KeepsTheInAppReminderAndSendsOnTheNextRun(DatabaseProvider provider)
    {
        await using var database = await WithTaskDueTodayAsync(provider);
        var time = new FakeTimeProvider(Now.AddHours(1));
        await using var services = Services(database, time);
        var reminders = services.GetRequiredService<ReminderService>();

        _notify.FailWith = 500;
        Assert.Equal(new ReminderRun(1, 0, 1), await reminders.RunOnceAsync(Cancel));
        await using (var db = database.Open())
        {
            Assert.Null((await db.CaseTasks.SingleAsync(Cancel)).RemindedAt);
            Assert.Equal(1, await Reminders.UnreadAsync(db, "999", "a.worker", Cancel));
        }

        _notify.FailWith = 0;
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new ReminderRun(0, 1, 0), await reminders.RunOnceAsync(Cancel));

        Assert.Equal("alex.worker@example.gov.uk", Assert.Single(_notify.Emails).EmailAddress);
        await using var check = database.Open();
        Assert.Equal(1, await check.Notifications.CountAsync(Cancel));
        Assert.Equal(time.GetUtcNow(), (await check.CaseTasks.SingleAsync(Cancel)).RemindedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TickAsync_TwoNodesOnOneDatabase_OneRunsTheRemindersAndTheTaskIsEmailedOnce(DatabaseProvider provider)
    {
        await using var database = await WithTaskDueTodayAsync(provider);
        var time = new FakeTimeProvider(Now.AddHours(1));
        await using var first = Services(database, time);
        await using var second = Services(database, time);
        var nodes = new[] { first.GetRequiredService<ReminderService>(), second.GetRequiredService<ReminderService>() };

        var runs = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.TickAsync(Cancel), Cancel)));

        Assert.Equal(new ReminderRun(1, 1, 0), Assert.Single(runs, r => r is not null));
        Assert.Single(_notify.Emails);
        // The holder renews at its next tick and the other is still refused; once the holder stops, the other takes over.
        var holder = runs[0] is null ? 1 : 0;
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await nodes[1 - holder].TickAsync(Cancel));
        Assert.Equal(new ReminderRun(0, 0, 0), await nodes[holder].TickAsync(Cancel));
        await nodes[holder].StopAsync(Cancel);
        Assert.Equal(new ReminderRun(0, 0, 0), await nodes[1 - holder].TickAsync(Cancel));
        Assert.Single(_notify.Emails);
    }

    [Fact]
    public async Task RunOnceAsync_WrongSecretInTheApiKey_IsRefusedByNotifyAndTriedAgain()
    {
        await using var database = await WithTaskDueTodayAsync(DatabaseProvider.Sqlite);
        var time = new FakeTimeProvider(Now.AddHours(1));
        await using var services = Services(database, time, apiKey: $"waypoint_test-{NotifyStandIn.ServiceId}-{Guid.Empty}");

        Assert.Equal(new ReminderRun(1, 0, 1), await services.GetRequiredService<ReminderService>().RunOnceAsync(Cancel));

        Assert.Equal("Signature does not match the API key's secret", Assert.Single(_notify.Refused));
        Assert.Empty(_notify.Emails);
    }

    [Fact]
    public async Task RunOnceAsync_NotifyNotConfigured_RemindsInTheAppOnly()
    {
        await using var database = await WithTaskDueTodayAsync(DatabaseProvider.Sqlite);
        var time = new FakeTimeProvider(Now.AddHours(1));
        await using var services = Services(database, time, apiKey: null);

        Assert.Equal(new ReminderRun(1, 0, 0), await services.GetRequiredService<ReminderService>().RunOnceAsync(Cancel));

        Assert.Empty(_notify.Emails);
        await using var db = database.Open();
        Assert.NotNull((await db.CaseTasks.SingleAsync(Cancel)).RemindedAt);
    }
}
