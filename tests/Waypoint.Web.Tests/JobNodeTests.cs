using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.TestCommon;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Tests;

/// <summary>
/// A web node's hold on a background job (issue 10): a job that ticks every few seconds writes to the database only
/// when half its lease has gone, and another node never takes it while the lease runs.
/// </summary>
public class JobNodeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Node(TestDatabase database, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<WaypointDbContext>(o => WaypointDatabase.Configure(o, database.Provider, database.Database));
        services.AddSingleton(time);
        services.AddSingleton<JobNode>();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheHolderRenewsOnlyOnceHalfTheLeaseHasGone_AndTheOtherNodeWaitsUntilItIsFreed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Start);
        await using var first = Node(database, time);
        await using var second = Node(database, time);
        var (a, b) = (first.GetRequiredService<JobNode>(), second.GetRequiredService<JobNode>());
        async Task<DateTimeOffset> HeldUntilAsync()
        {
            await using var db = database.Open();
            return new DateTimeOffset(await db.JobLeases.Where(l => l.Job == "test-job").Select(l => l.HeldUntilTicks).SingleAsync(Ct), TimeSpan.Zero);
        }

        Assert.True(await a.TryClaimAsync("test-job", Lease, Ct));
        Assert.Equal(Start + Lease, await HeldUntilAsync());

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await a.TryClaimAsync("test-job", Lease, Ct));
        Assert.Equal(Start + Lease, await HeldUntilAsync()); // more than half left: not written
        Assert.False(await b.TryClaimAsync("test-job", Lease, Ct));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await a.TryClaimAsync("test-job", Lease, Ct));
        Assert.Equal(time.GetUtcNow() + Lease, await HeldUntilAsync()); // half gone: renewed
        Assert.False(await b.TryClaimAsync("test-job", Lease, Ct));

        await a.ReleaseAsync("test-job", Ct);
        Assert.True(await b.TryClaimAsync("test-job", Lease, Ct));
        Assert.False(await a.TryClaimAsync("test-job", Lease, Ct));
    }
}
