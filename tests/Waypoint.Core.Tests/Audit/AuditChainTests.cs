using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Audit;

/// <summary>The tamper-evident audit trail: sealing in the order written, and verification naming the first row edited, deleted or reordered.</summary>
public class AuditChainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task AddRowsAsync(WaypointDbContext db, int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                At = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).AddSeconds(i).AddTicks(1234567),
                CouncilCode = "999",
                UserName = $"user{i % 3}",
                Role = "transitions-worker",
                Action = "view-case",
                PersonId = i % 2 == 0 ? i : null,
                Detail = i % 4 == 0 ? null : $"detail {i}",
            });
        }
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SealAsync_InBatchesAndAfterNewRows_GivesOneUnbrokenChainInTheOrderWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await AddRowsAsync(db, 25);

        Assert.Equal(10, await AuditChain.SealAsync(db, 10, Ct));
        var tenth = await db.AuditEvents.Where(a => a.Sequence == 10).Select(a => a.Hash).SingleAsync(Ct);
        Assert.Equal(new AuditVerification(10, 15, null, null, tenth!), await AuditChain.VerifyAsync(db, Ct));
        Assert.Equal(15, await AuditChain.SealAsync(db, 100, Ct));
        await AddRowsAsync(db, 5, from: 25);
        Assert.Equal(5, await AuditChain.SealAsync(db, 100, Ct));
        Assert.Equal(0, await AuditChain.SealAsync(db, 100, Ct));

        var verified = await AuditChain.VerifyAsync(db, Ct);
        Assert.True(verified.Intact);
        Assert.Equal((30L, 0L), (verified.Sealed, verified.Unsealed));
        var rows = await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long?)i), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash!));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "detail")]
    [InlineData(DatabaseProvider.Postgres, "detail")]
    [InlineData(DatabaseProvider.Sqlite, "person")]
    [InlineData(DatabaseProvider.Postgres, "user")]
    [InlineData(DatabaseProvider.Sqlite, "time")]
    public async Task VerifyAsync_OneRowEdited_NamesThatRow(DatabaseProvider provider, string field)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await AddRowsAsync(db, 20);
        await AuditChain.SealAsync(db, 100, Ct);
        var target = await db.AuditEvents.OrderBy(a => a.Sequence).Skip(11).FirstAsync(Ct);

        switch (field)
        {
            case "detail": target.Detail = "nothing to see"; break;
            case "person": target.PersonId = 999_999; break;
            case "user": target.UserName = "someone.else"; break;
            default: target.At = target.At.AddMinutes(-5); break;
        }
        await db.SaveChangesAsync(Ct);

        var verified = await AuditChain.VerifyAsync(db, Ct);
        Assert.False(verified.Intact);
        Assert.Equal((target.Id, 11L), (verified.FirstBrokenId!.Value, verified.Sealed));
        Assert.Contains("does not match its hash", verified.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task VerifyAsync_ARowDeleted_NamesTheRowAfterTheGap(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await AddRowsAsync(db, 10);
        await AuditChain.SealAsync(db, 100, Ct);
        var rows = await db.AuditEvents.OrderBy(a => a.Sequence).ToListAsync(Ct);
        db.AuditEvents.Remove(rows[4]);
        await db.SaveChangesAsync(Ct);

        var verified = await AuditChain.VerifyAsync(db, Ct);

        Assert.Equal((rows[5].Id, 4L), (verified.FirstBrokenId!.Value, verified.Sealed));
        Assert.Contains("a row was deleted", verified.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SealAsync_TwoSealersRacing_OneWinsAndTheChainStaysWhole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var setup = database.Open()) await AddRowsAsync(setup, 50);
        await using var first = database.Open();
        await using var second = database.Open();

        var counts = await Task.WhenAll(
            Task.Run(() => AuditChain.SealAsync(first, 1000, Ct), Ct),
            Task.Run(() => AuditChain.SealAsync(second, 1000, Ct), Ct));
        await using var db = database.Open();
        while (await AuditChain.SealAsync(db, 1000, Ct) > 0) { }

        Assert.Contains(50, counts);
        Assert.True((await AuditChain.VerifyAsync(db, Ct)).Intact);
        Assert.Equal(50, await db.AuditEvents.CountAsync(a => a.Sequence != null, Ct));
    }
}
