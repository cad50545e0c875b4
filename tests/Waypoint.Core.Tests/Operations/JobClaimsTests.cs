using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Operations;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Operations;

/// <summary>Background jobs claimed through the database, so that of several web nodes exactly one runs each job.</summary>
public class JobClaimsTests
{
    private const string Job = "task-reminders";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryClaimAsync_TwoNodesAtOnce_ExactlyOneWinsEachRound(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var a = database.Open();
        await using var b = database.Open();
        var winners = new List<string>();
        // Round 0 races for the job's first row too; each later round starts after the last lease ran out.
        for (var round = 0; round < 20; round++)
        {
            var at = Now + ((Lease + TimeSpan.FromSeconds(1)) * round);
            var won = await Task.WhenAll(
                Task.Run(() => JobClaims.TryClaimAsync(a, Job, "node-a", at, Lease, Ct), Ct),
                Task.Run(() => JobClaims.TryClaimAsync(b, Job, "node-b", at, Lease, Ct), Ct));
            Assert.Single(won, w => w);
            winners.Add(won[0] ? "node-a" : "node-b");
        }

        await using var check = database.Open();
        var lease = await check.JobLeases.SingleAsync(Ct);
        Assert.Equal(winners[^1], lease.Holder);
        Assert.Equal((Now + ((Lease + TimeSpan.FromSeconds(1)) * 19) + Lease).UtcTicks, lease.HeldUntilTicks);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryClaimAsync_HolderRenews_OtherIsRefusedUntilTheLeaseRunsOut(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();

        Assert.True(await JobClaims.TryClaimAsync(db, Job, "node-a", Now, Lease, Ct));
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddMinutes(1), Lease, Ct));
        // Renewed a minute in, node-a holds it until 09:03, past its first lease's end at 09:02.
        Assert.True(await JobClaims.TryClaimAsync(db, Job, "node-a", Now.AddMinutes(1), Lease, Ct));
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddMinutes(2.5), Lease, Ct));
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddMinutes(3), Lease, Ct));
        // Another job is a lease of its own.
        Assert.True(await JobClaims.TryClaimAsync(db, "audit-chain", "node-b", Now.AddMinutes(2.5), Lease, Ct));

        // node-a stopped renewing (it died): once its lease has run out node-b takes the job over, and node-a is refused.
        Assert.True(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddMinutes(3).AddSeconds(1), Lease, Ct));
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-a", Now.AddMinutes(4), Lease, Ct));
        Assert.Equal("node-b", await db.JobLeases.Where(l => l.Job == Job).Select(l => l.Holder).SingleAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReleaseAsync_FreesTheJobAtOnce_OnlyForItsHolder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        Assert.True(await JobClaims.TryClaimAsync(db, Job, "node-a", Now, Lease, Ct));

        // A node that does not hold the job cannot free it.
        await JobClaims.ReleaseAsync(db, Job, "node-b", Ct);
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddSeconds(10), Lease, Ct));

        await JobClaims.ReleaseAsync(db, Job, "node-a", Ct);
        Assert.True(await JobClaims.TryClaimAsync(db, Job, "node-b", Now.AddSeconds(10), Lease, Ct));
        Assert.False(await JobClaims.TryClaimAsync(db, Job, "node-a", Now.AddSeconds(20), Lease, Ct));
    }

    [Fact]
    public void NewNodeId_IsNewEachTime()
    {
        Assert.NotEqual(JobClaims.NewNodeId(), JobClaims.NewNodeId());
        Assert.InRange(JobClaims.NewNodeId().Length, 1, JobClaims.HolderLength);
    }
}
