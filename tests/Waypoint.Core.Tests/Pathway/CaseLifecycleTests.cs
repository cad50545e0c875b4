using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

public class CaseLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IdentifyThenClose_OpensAndClosesTheCaseWithHistoryAndAudit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            db.People.Add(new Person { Reference = "B0000000001", CouncilCode = "999" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await CaseLifecycle.IdentifyAsync(db, Worker, "B0000000001", 0, "EHC plan for a severe learning disability", Now, TestContext.Current.CancellationToken);
        }
        await using (var db = database.Open())
            await CaseLifecycle.CloseAsync(db, Worker, "B0000000001", 1, "Moved to another council's area", Now.AddDays(3), TestContext.Current.CancellationToken);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((TransitionsStage.Closed, 2), (stored.Stage, stored.Version));
        Assert.Equal(["Case closed: Moved to another council's area", "Identified as likely to need transition support: EHC plan for a severe learning disability"],
            (await CaseWork.HistoryAsync(check, stored.Id, TestContext.Current.CancellationToken)).Select(e => e.What));
        Assert.Equal(["case-identify", "case-close"], await check.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CloseAsync_NoCase_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = "B0000000001", CouncilCode = "999" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => CaseLifecycle.CloseAsync(db, Worker, "B0000000001", 0, "moved away", Now, TestContext.Current.CancellationToken));
        Assert.Equal("This young person has no transitions case to close.", e.Message);
    }

    [Fact]
    public async Task IdentifyAsync_WithoutAReason_IsRefusedAndNothingIsSaved()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = "B0000000001", CouncilCode = "999" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IllegalMoveException>(() => CaseLifecycle.IdentifyAsync(db, Worker, "B0000000001", 0, " ", Now, TestContext.Current.CancellationToken));
        Assert.False(await db.TransitionsCases.AnyAsync(TestContext.Current.CancellationToken));
    }
}
