using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>
/// The handover to an adult team, and the no-gap-at-18 guard on children's services (Children Act 1989 s.17ZH-17ZI;
/// CSDPA 1970 s.2A). The young person is born 10 March 2009, so turns 18 on 10 March 2027.
/// </summary>
public class HandoverTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Other = new("999", "b.worker", "transitions-worker");
    private static readonly RulesPolicy Policy = new();
    private const string Reference = "B0000000001";

    private static readonly ChildrensServiceRequest ShortBreaks = new("Short breaks, two nights a month", ChildrensServiceBasis.ChildrenAct1989Section17, new DateOnly(2024, 1, 8), null);

    private static readonly HandoverRequest ToLearningDisability = new(AdultTeam.LearningDisability, null, "C. Adult", new DateOnly(2027, 3, 10),
        "Enjoys cooking; travels to college with a travel trainer; short breaks continue until the adult service starts.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A referred case (the adult conclusion outstanding) with a s.17 service; returns the case version.</summary>
    private static async Task<(TestDatabase Database, int Version)> ReferredWithServiceAsync(DatabaseProvider provider, DateOnly? dateOfBirth = null)
    {
        var database = await SupportPlanTests.WithPersonAsync(provider, dateOfBirth);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
        await ChildrensServices.AddAsync(db, Worker, Reference, 1, ShortBreaks, Policy, Now, Ct);
        return (database, 2);
    }

    /// <summary>A case with its plan agreed; returns the case version.</summary>
    private static async Task<int> AgreePlanAsync(WaypointDbContext db, int version)
    {
        await Plans.RecordViewsAsync(db, Worker, Reference, version, new PlanViewsRequest("I want to go to college with my friends.", null), Now, Ct);
        await Plans.AddGoalAsync(db, Worker, Reference, version + 1, new PlanGoalRequest(PreparingForAdulthoodOutcome.Employment, "College", "Travel training", "College", new DateOnly(2027, 9, 1), PlanGoalStatus.InProgress), Now, Ct);
        await Plans.AgreeAsync(db, Worker, Reference, version + 2, DateOnly.FromDateTime(Now.Date), Now, Ct);
        return version + 3;
    }

    private static async Task<long> ServiceIdAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.ChildrensServices.Select(s => s.Id).SingleAsync(Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "2027-03-10")]
    [InlineData(DatabaseProvider.Postgres, "2027-03-10")]
    [InlineData(DatabaseProvider.Sqlite, "2027-03-09")]
    [InlineData(DatabaseProvider.Sqlite, "2027-09-30")]
    public async Task EndAsync_Section17ServiceEndingAt18WhileTheAdultConclusionIsOutstanding_IsRefused(DatabaseProvider provider, string endsOn)
    {
        var (database, version) = await ReferredWithServiceAsync(provider);
        await using var _ = database;
        var id = await ServiceIdAsync(database);

        await using var db = database.Open();
        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            ChildrensServices.EndAsync(db, Worker, Reference, version, id, DateOnly.Parse(endsOn, System.Globalization.CultureInfo.InvariantCulture), Policy, Now, Ct));
        Assert.StartsWith("This service cannot end at or after the young person's 18th birthday while adult social care has not reached a conclusion on their needs: services under Children Act 1989 s.17 must continue until it does (Children Act 1989 s.17ZH to s.17ZI).", e.Message, StringComparison.Ordinal);

        await using var check = database.Open();
        Assert.Null((await check.ChildrensServices.SingleAsync(Ct)).EndsOn);
        Assert.Equal(version, (await check.TransitionsCases.SingleAsync(Ct)).Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EndAsync_Section17ServiceEndingAt18OnceDecided_IsRecordedWithHistoryAndAudit(DatabaseProvider provider)
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open())
        {
            await ChildrensServices.AddAsync(db, Worker, Reference, version, ShortBreaks, Policy, Now, Ct);
            await ChildrensServices.EndAsync(db, Worker, Reference, version + 1, await db.ChildrensServices.Select(s => s.Id).SingleAsync(Ct), new DateOnly(2027, 3, 10), Policy, Now, Ct);
        }

        await using var check = database.Open();
        var service = await check.ChildrensServices.SingleAsync(Ct);
        Assert.Equal((new DateOnly(2027, 3, 10), "a.worker"), (service.EndsOn!.Value, service.EndRecordedBy));
        var history = await CaseWork.HistoryAsync(check, service.TransitionsCaseId, Ct);
        Assert.Equal(["Children's service under Children Act 1989 section 17 (child in need) ends on 10 March 2027", "Children's service recorded under Children Act 1989 section 17 (child in need), from 8 January 2024"],
            history.Take(2).Select(h => h.What));
        Assert.Equal(["added, basis ChildrenAct1989Section17", "ended, basis ChildrenAct1989Section17"],
            await check.AuditEvents.Where(a => a.Action == "case-childrens-service").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EndAsync_SomeoneElseChangedTheCase_IsRefusedAndTheServiceRunsOn(DatabaseProvider provider)
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open()) await ChildrensServices.AddAsync(db, Worker, Reference, version, ShortBreaks, Policy, Now, Ct);
        var id = await ServiceIdAsync(database);
        await using (var db = database.Open())
            await IndependenceChecklist.SetStatusAsync(db, Other, Reference, version + 1, new IndependenceStatusRequest("health-gp", IndependenceStatus.WorkingOnIt, null), Now, Ct);

        await using var late = database.Open();
        var e = await Assert.ThrowsAsync<CaseChangedException>(() => ChildrensServices.EndAsync(late, Worker, Reference, version + 1, id, new DateOnly(2027, 6, 30), Policy, Now, Ct));
        Assert.StartsWith("Independence checklist:", Assert.Single(e.Since).What, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Null((await check.ChildrensServices.SingleAsync(Ct)).EndsOn);
    }

    [Fact]
    public async Task EndAsync_ServiceEndingWellBefore18_IsRecordedWhileTheAdultConclusionIsOutstanding()
    {
        var (database, version) = await ReferredWithServiceAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        var id = await ServiceIdAsync(database);
        await using var db = database.Open();

        await ChildrensServices.EndAsync(db, Worker, Reference, version, id, new DateOnly(2026, 12, 31), Policy, Now, Ct);
        Assert.Equal(new DateOnly(2026, 12, 31), (await db.ChildrensServices.AsNoTracking().SingleAsync(Ct)).EndsOn);
    }

    [Fact]
    public async Task AddAsync_CsdpaServiceEndingAfter18WhileOutstanding_IsRefusedButAServiceUnderOtherLawIsNot()
    {
        await using var database = await SupportPlanTests.WithPersonAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => ChildrensServices.AddAsync(db, Worker, Reference, 1,
            ShortBreaks with { LegalBasis = ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2, EndsOn = new DateOnly(2027, 4, 1) }, Policy, Now, Ct));
        Assert.Contains("services under Chronically Sick and Disabled Persons Act 1970 s.2 must continue until it does (Chronically Sick and Disabled Persons Act 1970 s.2A)", e.Message, StringComparison.Ordinal);
        Assert.False(await db.ChildrensServices.AnyAsync(Ct));

        await ChildrensServices.AddAsync(db, Worker, Reference, 1, ShortBreaks with { LegalBasis = ChildrensServiceBasis.Other, EndsOn = new DateOnly(2027, 4, 1) }, Policy, Now, Ct);
        Assert.Equal(1, await db.ChildrensServices.CountAsync(Ct));
    }

    [Theory]
    [InlineData(LeapDayBirthday.FirstMarch, true)]
    [InlineData(LeapDayBirthday.TwentyEighthFebruary, false)]
    public async Task EndAsync_BornOnALeapDay_DatesThe18thBirthdayByTheCouncilsPolicy(LeapDayBirthday leapDay, bool allowed)
    {
        // Born 29 February 2008: 18 on 1 March 2026 or on 28 February 2026, by local policy. A service whose last day is
        // 27 February 2026 stops before 18 under the first, and as the young person turns 18 under the second.
        var (database, version) = await ReferredWithServiceAsync(DatabaseProvider.Sqlite, new DateOnly(2008, 2, 29));
        await using var _ = database;
        var id = await ServiceIdAsync(database);
        await using var db = database.Open();

        var end = () => ChildrensServices.EndAsync(db, Worker, Reference, version, id, new DateOnly(2026, 2, 27), Policy with { LeapDayBirthdays = leapDay }, Now, Ct);
        if (allowed) await end();
        else await Assert.ThrowsAsync<PathwayRefusedException>(end);
        Assert.Equal(allowed, (await db.ChildrensServices.AsNoTracking().SingleAsync(Ct)).EndsOn is not null);
    }

    [Fact]
    public async Task EndAsync_NoDateOfBirthWhileOutstanding_IsRefusedAsItCannotBeChecked()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = Reference, CouncilCode = "999" });
        await db.SaveChangesAsync(Ct);
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
        var service = await ChildrensServices.AddAsync(db, Worker, Reference, 1, ShortBreaks, Policy, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => ChildrensServices.EndAsync(db, Worker, Reference, 2, service.Id, new DateOnly(2026, 12, 1), Policy, Now, Ct));
        Assert.StartsWith("The young person's date of birth is not recorded", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HandOverAsync_PlanAgreed_MovesTheCaseToHandedOverWithHistoryAndAudit(DatabaseProvider provider)
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(provider);
        await using var _ = database;
        await using (var db = database.Open())
        {
            version = await AgreePlanAsync(db, version);
            await Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability, Policy, Now.AddHours(1), Ct);
        }

        await using var check = database.Open();
        var stored = await check.TransitionsCases.Include(c => c.Moves).SingleAsync(Ct);
        Assert.Equal((TransitionsStage.HandedOver, version + 1), (stored.Stage, stored.Version));
        var move = stored.Moves.MaxBy(m => m.Id)!;
        Assert.Equal((TransitionsStage.PlanAgreed, TransitionsStage.HandedOver, "a.worker", "Handed over to the adult team: Learning disability team"), (move.From, move.To, move.By, move.Why));
        var handover = (await Handovers.LatestAsync(check, stored.PersonId, Ct))!;
        Assert.Equal((AdultTeam.LearningDisability, (string?)null, "C. Adult", new DateOnly(2027, 3, 10), "a.worker"), (handover.Team, handover.OtherTeam, handover.AdultWorker, handover.HandedOverOn, handover.RecordedBy));
        Assert.StartsWith("Enjoys cooking", handover.Summary, StringComparison.Ordinal);
        Assert.Equal("Handed over to Learning disability team (adult worker: C. Adult), taking over on 10 March 2027", (await CaseWork.HistoryAsync(check, stored.Id, Ct))[0].What);
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == "case-handover", Ct);
        Assert.Equal(("a.worker", stored.PersonId, "team LearningDisability"), (audit.UserName, audit.PersonId, audit.Detail));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HandOverAsync_Section17ServiceEndsBeforeTheAdultTeamTakesOver_IsRefusedUntilTheDatesMeet(DatabaseProvider provider)
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        await ChildrensServices.AddAsync(db, Worker, Reference, version, ShortBreaks with { EndsOn = new DateOnly(2027, 3, 31) }, Policy, Now, Ct);
        version = await AgreePlanAsync(db, version + 1);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability with { HandedOverOn = new DateOnly(2027, 5, 1) }, Policy, Now, Ct));
        Assert.StartsWith("A children's service under Children Act 1989 s.17 ends before the adult team takes over, which would leave a gap after 18", e.Message, StringComparison.Ordinal);
        Assert.Equal($"/people/{Reference}/childrens-services", e.SeeAlso);
        Assert.False(await db.Handovers.AnyAsync(Ct));

        // Ending the day before the adult team takes over leaves no gap.
        db.ChangeTracker.Clear();
        await Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability with { HandedOverOn = new DateOnly(2027, 4, 1) }, Policy, Now, Ct);
        Assert.Equal(TransitionsStage.HandedOver, (await db.TransitionsCases.AsNoTracking().SingleAsync(Ct)).Stage);
    }

    [Fact]
    public async Task EndAsync_AfterTheHandover_EndingBeforeTheAdultTeamTakesOver_IsRefused()
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();
        var service = await ChildrensServices.AddAsync(db, Worker, Reference, version, ShortBreaks, Policy, Now, Ct);
        version = await AgreePlanAsync(db, version + 1);
        await Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability with { HandedOverOn = new DateOnly(2027, 5, 1) }, Policy, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => ChildrensServices.EndAsync(db, Worker, Reference, version + 1, service.Id, new DateOnly(2027, 4, 1), Policy, Now, Ct));
        Assert.StartsWith("This service would end before the adult team takes over, leaving a gap after 18.", e.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        await ChildrensServices.EndAsync(db, Worker, Reference, version + 1, service.Id, new DateOnly(2027, 4, 30), Policy, Now, Ct);
    }

    [Fact]
    public async Task HandOverAsync_PlanNotAgreed_IsRefusedWithALinkToTheCase()
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability, Policy, Now, Ct));
        Assert.Equal(("A young person is handed over to an adult team once their plan is agreed. This case is at decided.", $"/people/{Reference}/case"), (e.Message, e.SeeAlso));
        Assert.False(await db.Handovers.AnyAsync(Ct));
    }

    [Theory]
    [InlineData(AdultTeam.Other, " ", "summary", "Enter the name of the adult team taking over.")]
    [InlineData(AdultTeam.MentalHealth, null, "", "Enter the handover summary.")]
    public async Task HandOverAsync_SomethingMissing_IsRefusedWithTheReason(AdultTeam team, string? otherTeam, string summary, string message)
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();
        version = await AgreePlanAsync(db, version);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() =>
            Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability with { Team = team, OtherTeam = otherTeam, Summary = summary }, Policy, Now, Ct));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task HandOverAsync_AnotherTeam_IsNamedByItsOwnName()
    {
        var (database, version) = await SupportPlanTests.DecidedAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.Open();
        version = await AgreePlanAsync(db, version);

        var handover = await Handovers.HandOverAsync(db, Worker, Reference, version, ToLearningDisability with { Team = AdultTeam.Other, OtherTeam = " Autism team ", AdultWorker = null }, Policy, Now, Ct);
        Assert.Equal(("Autism team", "Autism team"), (handover.OtherTeam, Handovers.TeamName(handover)));
        Assert.Equal("Handed over to Autism team, taking over on 10 March 2027", (await CaseWork.HistoryAsync(db, handover.TransitionsCaseId, Ct))[0].What);
    }
}
