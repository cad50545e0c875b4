using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>The support plan: goals under the four outcomes, the young person's view, agreeing it, and changing it after.</summary>
public class SupportPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Other = new("999", "b.worker", "transitions-worker");
    private const string Reference = "B0000000001";

    private static readonly PlanGoalRequest College = new(PreparingForAdulthoodOutcome.Employment, "Go to college to study catering", "A travel trainer for the bus route",
        "Transitions worker and college SENCO", new DateOnly(2027, 9, 1), PlanGoalStatus.InProgress);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<TestDatabase> WithPersonAsync(DatabaseProvider provider, DateOnly? dateOfBirth = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = Reference, CouncilCode = "999", DateOfBirth = dateOfBirth ?? new DateOnly(2009, 3, 10) });
        await db.SaveChangesAsync(Ct);
        return database;
    }

    /// <summary>A person whose case is decided; returns its version.</summary>
    internal static async Task<(TestDatabase Database, int Version)> DecidedAsync(DatabaseProvider provider, DateOnly? dateOfBirth = null)
    {
        var database = await WithPersonAsync(provider, dateOfBirth);
        await using var db = database.Open();
        return (database, await PathwayCases.ToDecidedAsync(db, Worker, Reference, Now.AddDays(-7), Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddGoalAsync_DecidedCase_StartsThePlanWithTheGoalItsHistoryAndAudit(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open()) await Plans.AddGoalAsync(db, Worker, Reference, version, College, Now, Ct);

        await using var check = database.Open();
        var person = await check.People.SingleAsync(Ct);
        var plan = await Plans.CurrentAsync(check, person.Id, Ct);
        var goal = Assert.Single(plan!.Goals);
        Assert.Equal((PreparingForAdulthoodOutcome.Employment, "Go to college to study catering", "A travel trainer for the bus route", "Transitions worker and college SENCO", new DateOnly(2027, 9, 1), PlanGoalStatus.InProgress, "a.worker"),
            (goal.Outcome, goal.Aim, goal.Help, goal.Who, goal.DueOn, goal.Status, goal.AddedBy));
        Assert.Equal(("a.worker", Now, (DateOnly?)null), (plan.StartedBy, plan.StartedAt, plan.AgreedOn));
        var history = (await CaseWork.HistoryAsync(check, plan.TransitionsCaseId, Ct))[0];
        Assert.Equal((version + 1, "Support plan started. Support plan: goal added under employment (in progress, by 1 September 2027)"), (history.Version, history.What));
        var audit = await check.AuditEvents.OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Equal(("case-plan-goal", "a.worker", person.Id, "added, outcome Employment, status InProgress"), (audit.Action, audit.UserName, audit.PersonId, audit.Detail));
        Assert.Equal(TransitionsStage.Decided, (await check.TransitionsCases.SingleAsync(Ct)).Stage);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AgreeAsync_WithoutTheYoungPersonsView_IsRefusedAndTheCaseStaysDecided(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open()) await Plans.AddGoalAsync(db, Worker, Reference, version, College, Now, Ct);

        await using var agree = database.Open();
        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AgreeAsync(agree, Worker, Reference, version + 1, new DateOnly(2026, 11, 23), Now, Ct));
        Assert.Equal("Record the young person's view in their own words before the plan is agreed.", e.Message);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.SingleAsync(Ct);
        Assert.Equal((TransitionsStage.Decided, version + 1), (stored.Stage, stored.Version));
        Assert.Null((await check.SupportPlans.SingleAsync(Ct)).AgreedOn);
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Action == "case-plan-agree", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AgreeAsync_NoPlanYet_IsRefusedWithALinkToThePlan(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AgreeAsync(db, Worker, Reference, version, new DateOnly(2026, 11, 23), Now, Ct));
        Assert.Equal(("Add at least one goal and record the young person's view in their own words before the plan is agreed.", $"/people/{Reference}/plan"), (e.Message, e.SeeAlso));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AgreeAsync_ViewAndGoalRecorded_MovesTheCaseToPlanAgreedWithHistoryAndAudit(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open())
        {
            await Plans.RecordViewsAsync(db, Worker, Reference, version, new PlanViewsRequest("  I want to cook for my friends and live with them one day.  ", ""), Now, Ct);
            await Plans.AddGoalAsync(db, Worker, Reference, version + 1, College, Now, Ct);
            await Plans.AgreeAsync(db, Worker, Reference, version + 2, new DateOnly(2026, 11, 20), Now.AddHours(1), Ct);
        }

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).SingleAsync(Ct);
        Assert.Equal((TransitionsStage.PlanAgreed, version + 3), (stored.Stage, stored.Version));
        var move = stored.Moves.MaxBy(m => m.Id)!;
        Assert.Equal((TransitionsStage.Decided, TransitionsStage.PlanAgreed, "a.worker", "Support plan agreed with the young person"), (move.From, move.To, move.By, move.Why));
        var plan = await check.SupportPlans.SingleAsync(Ct);
        Assert.Equal(("I want to cook for my friends and live with them one day.", (string?)null, new DateOnly(2026, 11, 20), "a.worker"),
            (plan.YoungPersonView, plan.FamilyView, plan.AgreedOn!.Value, plan.AgreedBy));
        var history = await CaseWork.HistoryAsync(check, stored.Id, Ct);
        Assert.Equal(["Support plan agreed on 20 November 2026, with 1 goal", "Support plan: goal added under employment (in progress, by 1 September 2027)", "Support plan started. Support plan: the young person's view recorded"],
            history.Take(3).Select(h => h.What));
        Assert.Equal(["case-plan-views", "case-plan-goal", "case-plan-agree"],
            await check.AuditEvents.Where(a => a.Action.StartsWith("case-plan")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeGoalAsync_AfterThePlanIsAgreed_IsKeptAsANewVersionOfTheCase(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        long goalId;
        await using (var db = database.Open())
        {
            await Plans.RecordViewsAsync(db, Worker, Reference, version, new PlanViewsRequest("College first.", "We worry about the bus."), Now, Ct);
            goalId = (await Plans.AddGoalAsync(db, Worker, Reference, version + 1, College, Now, Ct)).Id;
            await Plans.AgreeAsync(db, Worker, Reference, version + 2, new DateOnly(2026, 11, 23), Now, Ct);
        }
        await using (var db = database.Open())
            await Plans.ChangeGoalAsync(db, Other, Reference, version + 3, goalId, College with { Status = PlanGoalStatus.Achieved }, Now.AddDays(30), Ct);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.SingleAsync(Ct);
        Assert.Equal((TransitionsStage.PlanAgreed, version + 4), (stored.Stage, stored.Version));
        var plan = await Plans.CurrentAsync(check, stored.PersonId, Ct);
        Assert.Equal((PlanGoalStatus.Achieved, "b.worker"), (plan!.Goals[0].Status, plan.Goals[0].ChangedBy));
        Assert.True(plan.ChangedSinceAgreed);
        Assert.Equal("We worry about the bus.", plan.FamilyView);
        Assert.Equal("Support plan: employment goal changed (achieved, by 1 September 2027), after the plan was agreed", (await CaseWork.HistoryAsync(check, stored.Id, Ct))[0].What);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddGoalAsync_SomeoneElseChangedThePlan_IsRefusedAndToldWhatChanged(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open()) await Plans.AddGoalAsync(db, Other, Reference, version, College, Now, Ct);

        await using var late = database.Open();
        var e = await Assert.ThrowsAsync<CaseChangedException>(() =>
            Plans.AddGoalAsync(late, Worker, Reference, version, College with { Outcome = PreparingForAdulthoodOutcome.GoodHealth }, Now, Ct));
        Assert.Equal("Support plan started. Support plan: goal added under employment (in progress, by 1 September 2027)", Assert.Single(e.Since).What);
        await using var check = database.Open();
        Assert.Equal(1, await check.PlanGoals.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddGoalAsync_CaseStillBeingAssessed_IsRefusedWithALinkToTheCase(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using var db = database.Open();
        await PathwayCases.ToAssessingAsync(db, Worker, Reference, 0, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AddGoalAsync(db, Worker, Reference, 2, College, Now, Ct));
        Assert.Equal(("A support plan is made once the transition assessment is decided, and kept until the handover. This case is at assessment in progress.", $"/people/{Reference}/case"), (e.Message, e.SeeAlso));
        Assert.False(await db.SupportPlans.AnyAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CurrentAsync_CaseHandedOverClosedAndDecidedAgain_HasANewEmptyPlan(DatabaseProvider provider)
    {
        var (database, version) = await DecidedAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        await Plans.RecordViewsAsync(db, Worker, Reference, version, new PlanViewsRequest("College first.", null), Now, Ct);
        await Plans.AddGoalAsync(db, Worker, Reference, version + 1, College, Now, Ct);
        await Plans.AgreeAsync(db, Worker, Reference, version + 2, new DateOnly(2026, 11, 23), Now, Ct);
        version = await PathwayCases.MoveAsync(db, Worker, Reference, version + 3, TransitionsStage.HandedOver, "Handed over", "case-handover", Now, Ct);
        version = await PathwayCases.MoveAsync(db, Worker, Reference, version, TransitionsStage.Closed, "Closed", "case-close", Now, Ct);
        version = await PathwayCases.ToAssessingAsync(db, Worker, Reference, version, Now.AddDays(1), Ct);
        version = await PathwayCases.AssessAndDecideAsync(db, Worker, Reference, version, Now.AddDays(1), eligible: true, Ct);
        var personId = (await db.People.SingleAsync(Ct)).Id;
        Assert.Null(await Plans.CurrentAsync(db, personId, Ct));

        await Plans.AddGoalAsync(db, Worker, Reference, version, College with { Outcome = PreparingForAdulthoodOutcome.IndependentLiving }, Now.AddDays(2), Ct);
        var plan = await Plans.CurrentAsync(db, personId, Ct);
        Assert.Equal((PreparingForAdulthoodOutcome.IndependentLiving, (string?)null), (Assert.Single(plan!.Goals).Outcome, plan.YoungPersonView));
        Assert.Equal(2, await db.SupportPlans.CountAsync(Ct));
    }

    [Theory]
    [InlineData("", "help", "who", "Enter what the young person wants to achieve.")]
    [InlineData("aim", " ", "who", "Enter what will help.")]
    [InlineData("aim", "help", "", "Enter who will help.")]
    public async Task AddGoalAsync_SomethingMissing_IsRefusedWithTheReason(string aim, string help, string who, string message)
    {
        var (database, version) = await DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AddGoalAsync(db, Worker, Reference, version, College with { Aim = aim, Help = help, Who = who }, Now, Ct));
        Assert.Equal(message, e.Message);
        Assert.False(await db.SupportPlans.AnyAsync(Ct));
    }

    [Fact]
    public async Task AgreeAsync_DatedInTheFuture_IsRefused()
    {
        var (database, version) = await DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AgreeAsync(db, Worker, Reference, version, new DateOnly(2026, 11, 24), Now, Ct));
        Assert.Equal("The date the plan was agreed must be today or in the past.", e.Message);
    }
}
