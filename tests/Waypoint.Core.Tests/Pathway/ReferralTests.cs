using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>Referring a young person, the case history and audit each change leaves, and two people saving one case at once.</summary>
public class ReferralTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Other = new("999", "b.worker", "transitions-worker");
    private static readonly ReferralRequest FromSenTeam = new(ReferralSource.SenTeam, "Oakfield School SENCO", new DateOnly(2026, 11, 20), "EHC plan; needs support with daily living", ReferralUrgency.Soon);

    private static async Task<TestDatabase> WithPersonAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = "B0000000001", CouncilCode = "999", DateOfBirth = new DateOnly(2010, 5, 1) });
        await db.SaveChangesAsync();
        return database;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReferAsync_NewPerson_OpensACaseAtReferredWithItsHistoryAndAudit(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using (var db = database.Open()) await Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam, Now, TestContext.Current.CancellationToken);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).Include(c => c.Referrals).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((TransitionsStage.Referred, 1), (stored.Stage, stored.Version));
        var referral = Assert.Single(stored.Referrals);
        Assert.Equal((ReferralSource.SenTeam, "Oakfield School SENCO", new DateOnly(2026, 11, 20), ReferralUrgency.Soon, "a.worker"),
            (referral.Source, referral.Referrer, referral.ReceivedOn, referral.Urgency, referral.RecordedBy));
        Assert.Equal((TransitionsStage.NotIdentified, TransitionsStage.Referred, "a.worker"), (stored.Moves[0].From, stored.Moves[0].To, stored.Moves[0].By));
        var history = Assert.Single(await check.CaseEvents.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((1, "a.worker", "Referral recorded: from SEN team, soon: needs planning within 3 months"), (history.Version, history.By, history.What));
        var audit = Assert.Single(await check.AuditEvents.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("case-refer", "a.worker", "transitions-worker", stored.PersonId, "source SenTeam, urgency Soon"), (audit.Action, audit.UserName, audit.Role, audit.PersonId, audit.Detail));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReferAsync_OpenReferral_IsRefusedWithALinkToTheCase(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using (var db = database.Open()) await Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam, Now, TestContext.Current.CancellationToken);

        await using var again = database.Open();
        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            Referrals.ReferAsync(again, Other, "B0000000001", 1, FromSenTeam with { Source = ReferralSource.Health }, Now.AddDays(1), TestContext.Current.CancellationToken));
        Assert.Equal("/people/B0000000001/case", e.SeeAlso);
        Assert.StartsWith("This young person already has an open referral (the case is at referred).", e.Message, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(1, await check.Referrals.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await check.AuditEvents.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReferAsync_DeclinedCase_ClosesItAndReferresAgain(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using (var db = database.Open())
        {
            await Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam, Now, TestContext.Current.CancellationToken);
            var (_, transitionsCase) = await CaseWork.LoadAsync(db, Worker, "B0000000001", 1, TestContext.Current.CancellationToken);
            transitionsCase!.MoveTo(TransitionsStage.Declined, Worker.UserName, Now.AddDays(1), "not likely to have needs after 18");
            await CaseWork.SaveAsync(db, Worker, transitionsCase, "Declined", "case-decline", null, Now.AddDays(1), TestContext.Current.CancellationToken);
        }
        await using (var db = database.Open())
            await Referrals.ReferAsync(db, Other, "B0000000001", 2, FromSenTeam with { ReceivedOn = new DateOnly(2026, 11, 25) }, Now.AddDays(5), TestContext.Current.CancellationToken);

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).Include(c => c.Referrals).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal([TransitionsStage.Referred, TransitionsStage.Declined, TransitionsStage.Closed, TransitionsStage.Referred], stored.Moves.OrderBy(m => m.Id).Select(m => m.To));
        Assert.Equal(2, stored.Referrals.Count);
        Assert.Equal(3, stored.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaveAsync_SecondOfTwoEditorsOfOneVersion_IsRefusedAndToldWhatChanged(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using (var db = database.Open()) await Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam, Now, TestContext.Current.CancellationToken);

        // Both load version 1; the first saves, then the second's save must fail rather than overwrite.
        await using var first = database.Open();
        await using var second = database.Open();
        var (_, mine) = await CaseWork.LoadAsync(first, Worker, "B0000000001", 1, TestContext.Current.CancellationToken);
        var (_, theirs) = await CaseWork.LoadAsync(second, Other, "B0000000001", 1, TestContext.Current.CancellationToken);
        mine!.MoveTo(TransitionsStage.AssessmentInProgress, Worker.UserName, Now.AddDays(1), "assessment started");
        await CaseWork.SaveAsync(first, Worker, mine, "Assessment started", "case-assess", null, Now.AddDays(1), TestContext.Current.CancellationToken);
        theirs!.MoveTo(TransitionsStage.Declined, Other.UserName, Now.AddDays(1), "no likely needs");
        var e = await Assert.ThrowsAsync<CaseChangedException>(() =>
            CaseWork.SaveAsync(second, Other, theirs, "Declined", "case-decline", null, Now.AddDays(1), TestContext.Current.CancellationToken));

        Assert.Equal("Assessment started", Assert.Single(e.Since).What);
        Assert.StartsWith("a.worker changed this case since you opened it (1 change, listed below). Your change has not been saved.", e.Message, StringComparison.Ordinal);
        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((TransitionsStage.AssessmentInProgress, 2, 2), (stored.Stage, stored.Version, stored.Moves.Count));
        Assert.Equal(["case-refer", "case-assess"], await check.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LoadAsync_PageShowedAnOlderVersion_IsRefusedBeforeAnythingChanges(DatabaseProvider provider)
    {
        await using var database = await WithPersonAsync(provider);
        await using (var db = database.Open()) await Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam, Now, TestContext.Current.CancellationToken);

        // A second user's referral page was opened before the first referral was saved: it showed no case.
        await using var late = database.Open();
        var e = await Assert.ThrowsAsync<CaseChangedException>(() =>
            Referrals.ReferAsync(late, Other, "B0000000001", 0, FromSenTeam with { Source = ReferralSource.Health }, Now, TestContext.Current.CancellationToken));
        Assert.Equal("Referral recorded: from SEN team, soon: needs planning within 3 months", Assert.Single(e.Since).What);
    }

    [Theory]
    [InlineData("", "2026-11-20", "Enter the reason for the referral.")]
    [InlineData("reason", "2026-11-24", "The date the referral was received must be today or in the past.")]
    [InlineData("reason", "2009-01-01", "The date the referral was received must be after the young person's date of birth.")]
    public async Task ReferAsync_BadRequest_IsRefusedWithTheReason(string reason, string receivedOn, string message)
    {
        await using var database = await WithPersonAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            Referrals.ReferAsync(db, Worker, "B0000000001", 0, FromSenTeam with { Reason = reason, ReceivedOn = DateOnly.Parse(receivedOn, System.Globalization.CultureInfo.InvariantCulture) }, Now, TestContext.Current.CancellationToken));
        Assert.Equal(message, e.Message);
        Assert.False(await db.TransitionsCases.AnyAsync(TestContext.Current.CancellationToken));
    }
}
