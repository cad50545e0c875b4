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
}
