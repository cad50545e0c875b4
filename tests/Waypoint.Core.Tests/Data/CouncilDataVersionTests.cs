using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Data;

/// <summary>
/// The version that says when the tracker's rows and the fitted forecast must be worked out again: read in one query,
/// it moves with the council's own changes, the cases' part only when a stage moves, and never with another council's.
/// </summary>
public class CouncilDataVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MovesWithTheCouncilsCasesAndChanges_NotWithAnotherCouncils(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            db.People.Add(new Person { Id = 1, Reference = "B0000000001", CouncilCode = "999", DateOfBirth = new DateOnly(2009, 3, 10) });
            db.People.Add(new Person { Id = 2, Reference = "B0000000002", CouncilCode = "998", DateOfBirth = new DateOnly(2009, 3, 10) });
            await db.SaveChangesAsync(Ct);
        }
        async Task<CouncilDataVersion> VersionAsync(string council)
        {
            await using var db = database.Open();
            return await CouncilDataVersion.ReadAsync(db, council, Ct);
        }
        var empty = await VersionAsync("999");
        Assert.Equal(new CouncilDataVersion(new(0, 0), 0, new(0, 0), 0), empty);

        int version;
        await using (var db = database.Open())
            version = await PathwayCases.ToDecidedAsync(db, new Practitioner("999", "a.worker", "transitions-worker"), "B0000000001", Now, Ct);
        var decided = await VersionAsync("999");
        Assert.Equal(1, decided.Cases.Cases);
        Assert.True(decided.Cases.LastMove > 0 && decided.LastCaseChange > 0, $"{decided}");
        Assert.Equal(empty, await VersionAsync("998"));

        // A change that moves no stage (a goal in the plan) moves the change, not the stages.
        await using (var db = database.Open())
            await Plans.AddGoalAsync(db, new Practitioner("999", "a.worker", "transitions-worker"), "B0000000001", version,
                new PlanGoalRequest(PreparingForAdulthoodOutcome.Employment, "Go to college", "Travel training", "Transitions worker", new DateOnly(2027, 9, 1), PlanGoalStatus.InProgress), Now, Ct);
        var planned = await VersionAsync("999");
        Assert.Equal(decided.Cases, planned.Cases);
        Assert.True(planned.LastCaseChange > decided.LastCaseChange);

        // Another council's case moves only its own version.
        await using (var db = database.Open())
            await PathwayCases.ToDecidedAsync(db, new Practitioner("998", "b.worker", "transitions-worker"), "B0000000002", Now, Ct);
        Assert.Equal(planned, await VersionAsync("999"));
        Assert.Equal(1, (await VersionAsync("998")).Cases.Cases);
    }
}
