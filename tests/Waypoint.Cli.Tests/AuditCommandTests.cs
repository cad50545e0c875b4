using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary><c>waypoint audit verify</c> as an operator runs it: exit 0 on an intact chain, non-zero naming the first edited row.</summary>
public class AuditCommandTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Verify_IntactThenOneRowEdited_ExitsZeroThenNamesTheRow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long edited;
        await using (var db = database.Open())
        {
            for (var i = 0; i < 12; i++)
                db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UnixEpoch.AddDays(i), CouncilCode = "999", UserName = "a.worker", Role = "manager", Action = "view-case", PersonId = i });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await AuditChain.SealAsync(db, 100, TestContext.Current.CancellationToken);
        }

        var intact = await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database)]);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("The audit chain is intact: 12 rows verified.", intact.Stdout, StringComparison.Ordinal);

        await using (var db = database.Open())
        {
            var row = await db.AuditEvents.OrderBy(a => a.Sequence).Skip(6).FirstAsync(TestContext.Current.CancellationToken);
            row.Action = "nothing";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            edited = row.Id;
        }
        var broken = await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database)]);
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains($"The audit chain is broken at row {edited}:", broken.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Verify_WithTheHeadKeptFromBefore_CatchesRowsCutOffTheEnd(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            for (var i = 0; i < 8; i++)
                db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UnixEpoch.AddDays(i), CouncilCode = "999", UserName = "a.worker", Role = "manager", Action = "view-case", PersonId = i });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await AuditChain.SealAsync(db, 100, TestContext.Current.CancellationToken);
        }
        var first = await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database)]);
        var head = first.Stdout.Split('\n').Single(l => l.StartsWith("Head: ", StringComparison.Ordinal))["Head: ".Length..].Split(' ')[0];
        Assert.StartsWith("8:", head, StringComparison.Ordinal);
        Assert.Equal(0, (await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database), "--head", head])).ExitCode);

        // The last two rows are deleted: the shorter chain still fits, but not the head kept from before.
        await using (var db = database.Open())
            await db.AuditEvents.Where(a => a.Sequence > 6).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database)])).ExitCode);
        var cut = await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database), "--head", head]);
        Assert.Equal(3, cut.ExitCode);
        Assert.Contains("the chain ends at place 6, but place 8 was recorded", cut.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, (await WaypointProcess.RunAsync(["audit", "verify", .. ImportCommandTests.Database(database), "--head", "eight"])).ExitCode);
    }
}
