using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>The independence checklist: its catalogue, the age each item becomes relevant, and every status change kept.</summary>
public class IndependenceChecklistTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Other = new("999", "b.worker", "transitions-worker");
    private const string Reference = "B0000000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Items_TheCatalogue_HasUniqueCodesAgesFrom14To18AndItemsForEveryOutcome()
    {
        Assert.InRange(IndependenceChecklist.Items.Count, 20, 40);
        Assert.Equal(IndependenceChecklist.Items.Count, IndependenceChecklist.Items.Select(i => i.Code).Distinct().Count());
        Assert.All(IndependenceChecklist.Items, i => Assert.InRange(i.FromAge, 14, 18));
        Assert.Equal(PreparingForAdulthood.Outcomes, IndependenceChecklist.Items.Select(i => i.Area).Distinct().Order());
        Assert.Equal(14, IndependenceChecklist.Find("living-travels-to-school")!.FromAge);
        Assert.Equal(15, IndependenceChecklist.Find("health-medication")!.FromAge);
        Assert.Null(IndependenceChecklist.Find("no-such-item"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SetStatusAsync_TwoChanges_KeepsBothInTheItemsHistoryNewestFirstWithCaseHistoryAndAudit(DatabaseProvider provider)
    {
        await using var database = await SupportPlanTests.WithPersonAsync(provider);
        await using (var db = database.Open())
        {
            await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
            await IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 1, new IndependenceStatusRequest("living-simple-meal", IndependenceStatus.WorkingOnIt, "Practising toast and beans at home"), Now, Ct);
        }
        await using (var db = database.Open())
            await IndependenceChecklist.SetStatusAsync(db, Other, Reference, 2, new IndependenceStatusRequest("living-simple-meal", IndependenceStatus.WithSupport, null), Now.AddDays(14), Ct);

        await using var check = database.Open();
        var person = await check.People.SingleAsync(Ct);
        var lines = await IndependenceChecklist.LinesAsync(check, person.Id, person.DateOfBirth, new DateOnly(2026, 12, 7), LeapDayBirthday.FirstMarch, Ct);
        var meal = lines.Single(l => l.Skill.Code == "living-simple-meal");
        Assert.Equal(IndependenceStatus.WithSupport, meal.Status);
        Assert.Equal([(IndependenceStatus.WithSupport, "b.worker", null), (IndependenceStatus.WorkingOnIt, "a.worker", "Practising toast and beans at home")],
            meal.History.Select(h => (h.Status, h.By, h.Note)));
        Assert.All(lines.Where(l => l.Skill.Code != "living-simple-meal"), l => Assert.Equal((IndependenceStatus.NotStarted, 0), (l.Status, l.History.Count)));
        var history = await CaseWork.HistoryAsync(check, meal.History[0].TransitionsCaseId, Ct);
        Assert.Equal((3, "Independence checklist: \"Can make a simple meal\" changed from working on it to can do with support"), (history[0].Version, history[0].What));
        Assert.Equal(["item living-simple-meal, status WorkingOnIt", "item living-simple-meal, status WithSupport"],
            await check.AuditEvents.Where(a => a.Action == "case-checklist").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SetStatusAsync_SomeoneElseChangedTheCase_IsRefusedAndNothingIsKept(DatabaseProvider provider)
    {
        await using var database = await SupportPlanTests.WithPersonAsync(provider);
        await using (var db = database.Open())
        {
            await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
            await IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 1, new IndependenceStatusRequest("health-gp", IndependenceStatus.Independently, null), Now, Ct);
        }

        await using var late = database.Open();
        var e = await Assert.ThrowsAsync<CaseChangedException>(() =>
            IndependenceChecklist.SetStatusAsync(late, Other, Reference, 1, new IndependenceStatusRequest("health-gp", IndependenceStatus.WithSupport, null), Now, Ct));
        Assert.Contains("a.worker changed this case since you opened it", e.Message, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(IndependenceStatus.Independently, (await check.IndependenceStatusChanges.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task SetStatusAsync_SameStatusWithoutANote_IsRefused()
    {
        await using var database = await SupportPlanTests.WithPersonAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 1, new IndependenceStatusRequest("health-gp", IndependenceStatus.NotStarted, " "), Now, Ct));
        Assert.Equal("The status is already not started. Choose a different status, or add a note to say what has changed.", e.Message);
        var unknown = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 1, new IndependenceStatusRequest("flies-a-plane", IndependenceStatus.WorkingOnIt, null), Now, Ct));
        Assert.Equal("There is no such item on the independence checklist.", unknown.Message);
        Assert.False(await db.IndependenceStatusChanges.AnyAsync(Ct));
    }

    [Fact]
    public async Task SetStatusAsync_NoCaseYet_IsRefused()
    {
        await using var database = await SupportPlanTests.WithPersonAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 0, new IndependenceStatusRequest("health-gp", IndependenceStatus.WorkingOnIt, null), Now, Ct));
        Assert.Equal("Refer the young person first: the independence checklist is kept on their transitions case.", e.Message);
    }

    [Fact]
    public async Task SetStatusAsync_ItemNotYetAgeAppropriate_IsKeptAndShownAsNotYetDue()
    {
        // Born 10 March 2012: 14 on 23 November 2026, so items from 15 are not yet due - but may be recorded early.
        await using var database = await SupportPlanTests.WithPersonAsync(DatabaseProvider.Sqlite, new DateOnly(2012, 3, 10));
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
        await IndependenceChecklist.SetStatusAsync(db, Worker, Reference, 1, new IndependenceStatusRequest("living-bank-account", IndependenceStatus.Independently, "Already has a savings account"), Now, Ct);

        var view = await IndependenceChecklist.GetAsync(db, "999", Reference, new DateOnly(2026, 11, 23), LeapDayBirthday.FirstMarch, Ct);
        Assert.Equal(14, view!.Age);
        var bank = view.Items.Single(l => l.Skill.Code == "living-bank-account");
        Assert.Equal((false, IndependenceStatus.Independently), (bank.AgeAppropriate, bank.Status));
        Assert.All(view.Items, l => Assert.Equal(l.Skill.FromAge <= 14, l.AgeAppropriate));
    }

    [Theory]
    [InlineData(LeapDayBirthday.FirstMarch, false)]
    [InlineData(LeapDayBirthday.TwentyEighthFebruary, true)]
    public async Task LinesAsync_BornOnALeapDay_FollowsTheCouncilsLeapDayPolicy(LeapDayBirthday policy, bool seventeenItemsDue)
    {
        // Born 29 February 2012: on 28 February 2029 (not a leap year) the young person is 17 only where the council
        // dates such birthdays to 28 February; otherwise they turn 17 on 1 March.
        await using var database = await SupportPlanTests.WithPersonAsync(DatabaseProvider.Sqlite, new DateOnly(2012, 2, 29));
        await using var db = database.Open();
        var person = await db.People.SingleAsync(Ct);

        var lines = await IndependenceChecklist.LinesAsync(db, person.Id, person.DateOfBirth, new DateOnly(2029, 2, 28), policy, Ct);
        Assert.Equal(seventeenItemsDue, lines.Single(l => l.Skill.Code == "living-budget").AgeAppropriate);
        Assert.True(lines.Single(l => l.Skill.Code == "living-bank-account").AgeAppropriate);
    }
}
