using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Access;

/// <summary>The access rules on cases, tasks, referrals, panels, teams and emergency access made through the services the pages use.</summary>
public class PersonAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Viewer Send(string user = "s.officer") => new("999", user, "send-officer", "SEND team", false, false, false);
    private static readonly Viewer Transitions = new("999", "a.worker", "transitions-worker", "Transitions team", true, false, false);
    private static readonly Viewer PanelChair = new("999", "p.chair", "panel-member", "Transitions panel", false, true, false);
    private static readonly IReadOnlyCollection<string> CareLeaverOnly = [Cohort.CareLeaver];
    private static readonly IReadOnlyCollection<string> EhcPlan = [Cohort.EhcPlan];

    private static string Reference(int i) => $"B{i:D10}";

    /// <summary>Young people 1 to <paramref name="count"/>, each referred (so each has a case), and staff in three teams.</summary>
    private static async Task<TestDatabase> WithCasesAsync(DatabaseProvider provider, int count)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        for (var i = 1; i <= count; i++) db.People.Add(new Person { Id = i, Reference = Reference(i), CouncilCode = "999", DateOfBirth = new DateOnly(2009, 3, 10) });
        await db.SaveChangesAsync(Cancel);
        foreach (var (user, team, role) in new[]
        {
            ("a.worker", "Transitions team", "transitions-worker"), ("s.officer", "SEND team", "send-officer"), ("s.colleague", "send TEAM ", "send-officer"),
            ("c.worker", "Children in care team", "social-worker"), ("p.chair", "Transitions panel", "panel-member"),
        })
            await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails(user, user, null, team, role), Now, Cancel);
        for (var i = 1; i <= count; i++) await Referrals.ReferAsync(db, Worker, Reference(i), 0, PathwayCases.Referral, Now, Cancel);
        return database;
    }

    private static async Task<AccessBasis?> BasisAsync(WaypointDbContext db, Viewer viewer, long person, IReadOnlyCollection<string>? cohorts, DateTimeOffset? at = null) =>
        (await PersonAccess.ScopeAsync(db, viewer, at ?? Now, Cancel, person)).Basis(person, cohorts);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NoRelationship_IsRefused_AndEachRelationshipGrantsItsOwnBasis(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 4);
        await using var db = database.Open();

        // A care leaver with no link to the SEND team: refused, whether or not they are in the transitions cohort.
        Assert.Null(await BasisAsync(db, Send(), 1, CareLeaverOnly));
        Assert.Null(await BasisAsync(db, Send(), 1, null));

        // The team works with EHC plans: anyone in the cohort with one is the team's, once an administrator says so.
        Assert.Null(await BasisAsync(db, Send(), 2, EhcPlan));
        await Teams.SetCohortsAsync(db, "999", "SEND team", [Cohort.EhcPlan], "admin", Now, Cancel);
        Assert.Equal(AccessBasis.TeamInvolved, await BasisAsync(db, Send(), 2, EhcPlan));
        Assert.Null(await BasisAsync(db, Send(), 2, null));

        // Allocated to a colleague in the same team (the identity provider spells the team differently): the team is involved.
        var version = db.TransitionsCases.Single(c => c.PersonId == 3).Version;
        await Allocations.AllocateAsync(db, Worker, Reference(3), version, "s.colleague", Now, Cancel);
        Assert.Equal(AccessBasis.TeamInvolved, await BasisAsync(db, Send(), 3, CareLeaverOnly));
        Assert.Equal(AccessBasis.Allocated, await BasisAsync(db, Send("s.colleague"), 3, CareLeaverOnly));
        Assert.Null(await BasisAsync(db, new Viewer("999", "c.worker", "social-worker", "Children in care team", false, false, false), 3, null));

        // A task about the young person given to the SEND officer.
        version = db.TransitionsCases.Single(c => c.PersonId == 4).Version;
        await WorkTasks.AddAsync(db, Worker, Reference(4), version, new CaseTaskRequest("Send the EHC plan", "s.officer", new DateOnly(2026, 12, 1)), Now, Cancel);
        Assert.Equal(AccessBasis.Allocated, await BasisAsync(db, Send(), 4, null));

        // The transitions team made every referral, so it is involved with all four; a transitions role alone sees the cohort, and only the cohort.
        Assert.Equal(AccessBasis.TeamInvolved, await BasisAsync(db, Transitions with { UserName = "t.other" }, 1, null));
        Assert.Equal(AccessBasis.TransitionsCohort, await BasisAsync(db, Transitions with { UserName = "t.other", Team = null }, 1, CareLeaverOnly));
        Assert.Null(await BasisAsync(db, Transitions with { UserName = "t.other", Team = null }, 1, null));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Panel_SeesTheCasesBroughtToItInTheLastYear(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 2);
        await using var db = database.Open();
        // The panel hears a case once its assessment is under way.
        await Assessments.StartAsync(db, Worker, Reference(1), 1,
            new AssessmentStartRequest(AssessmentKind.ChildsNeeds, AssessmentFooting.Consent, "Consented at a home visit", null, new DateOnly(2026, 11, 23)), Now, Cancel);
        var meeting = await PanelMeetings.CreateMeetingAsync(db, Worker, new MeetingRequest(new DateOnly(2026, 12, 3), new TimeOnly(10, 0), MeetingFormat.Online, "Teams", "Pat Chair"), Now, Cancel);
        await PanelMeetings.AddCaseAsync(db, Worker, meeting.Id, Reference(1), null, "Is the young person eligible?", Now, Cancel);

        Assert.Equal(AccessBasis.Panel, await BasisAsync(db, PanelChair, 1, null));
        Assert.Null(await BasisAsync(db, PanelChair, 2, CareLeaverOnly));
        // Fourteen months on, the panel's work on the case is done.
        Assert.Null(await BasisAsync(db, PanelChair, 1, null, Now.AddDays(430)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BreakGlass_NeedsAReason_LastsItsTime_AndIsReviewedBySomeoneElse(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 2);
        await using var db = database.Open();

        var refused = await Assert.ThrowsAsync<PathwayRefusedException>(() => BreakGlass.OpenAsync(db, Send(), 1, "  ", Now, BreakGlass.DefaultLasts, Cancel));
        Assert.Equal("Enter why you need to see this young person's record now.", refused.Message);
        await Assert.ThrowsAsync<PathwayRefusedException>(() => BreakGlass.OpenAsync(db, Send(), 1, new string('x', BreakGlass.ReasonLength + 1), Now, BreakGlass.DefaultLasts, Cancel));

        var access = await BreakGlass.OpenAsync(db, Send(), 1, "Police called about a missing young person", Now, TimeSpan.FromHours(2), Cancel);
        Assert.Equal(AccessBasis.BreakGlass, await BasisAsync(db, Send(), 1, CareLeaverOnly));
        Assert.Equal(Now.AddHours(2), (await PersonAccess.ScopeAsync(db, Send(), Now, Cancel)).BreakGlassUntil(1));
        // Only that person, only that user, only for that time.
        Assert.Null(await BasisAsync(db, Send(), 2, CareLeaverOnly));
        Assert.Null(await BasisAsync(db, Send("s.colleague"), 1, CareLeaverOnly));
        Assert.Null(await BasisAsync(db, Send(), 1, CareLeaverOnly, Now.AddHours(2).AddSeconds(1)));

        var uses = await BreakGlass.UsesAsync(db, "999", toReviewOnly: true, Cancel);
        var use = Assert.Single(uses);
        Assert.Equal((Reference(1), "s.officer", "send-officer", "SEND team", "Police called about a missing young person"), (use.PersonReference, use.UserName, use.Role, use.Team, use.Reason));

        var own = await Assert.ThrowsAsync<PathwayRefusedException>(() => BreakGlass.ReviewAsync(db, "999", access.Id, "s.officer", "Fine", Now, Cancel));
        Assert.StartsWith("You cannot review your own use of emergency access", own.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PathwayRefusedException>(() => BreakGlass.ReviewAsync(db, "999", access.Id, "m.manager", " ", Now, Cancel));
        await BreakGlass.ReviewAsync(db, "999", access.Id, "m.manager", "Reason checked with the police; only the contact details were opened", Now.AddDays(1), Cancel);
        Assert.Empty(await BreakGlass.UsesAsync(db, "999", toReviewOnly: true, Cancel));
        var reviewed = Assert.Single(await BreakGlass.UsesAsync(db, "999", toReviewOnly: false, Cancel));
        Assert.Equal("m.manager", reviewed.ReviewedBy);
        await Assert.ThrowsAsync<PathwayRefusedException>(() => BreakGlass.ReviewAsync(db, "999", access.Id, "d.dpo", "Again", Now, Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HealthDetail_ForAHealthPermissionOrAConsentThatStands(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 1);
        await using var db = database.Open();
        var nurse = new Viewer("999", "h.nurse", "health-practitioner", "Designated clinical officer", false, false, SeesHealth: true);

        Assert.False(HealthConsent.MaySee(Send(), await HealthConsent.LatestAsync(db, "999", 1, Cancel)));
        Assert.True(HealthConsent.MaySee(nurse, null));
        Assert.False(HealthConsent.MaySee(null, null));

        await HealthConsent.RecordAsync(db, "999", 1, new DateOnly(2026, 11, 20), "a.worker", Now, Cancel);
        Assert.True(HealthConsent.MaySee(Send(), await HealthConsent.LatestAsync(db, "999", 1, Cancel)));
        await Assert.ThrowsAsync<PathwayRefusedException>(() => HealthConsent.RecordAsync(db, "999", 1, new DateOnly(2026, 11, 21), "a.worker", Now, Cancel));

        await Assert.ThrowsAsync<PathwayRefusedException>(() => HealthConsent.WithdrawAsync(db, "999", 1, new DateOnly(2026, 11, 1), "a.worker", Cancel));
        await HealthConsent.WithdrawAsync(db, "999", 1, new DateOnly(2026, 11, 22), "a.worker", Cancel);
        Assert.False(HealthConsent.MaySee(Send(), await HealthConsent.LatestAsync(db, "999", 1, Cancel)));
        Assert.True(HealthConsent.MaySee(nurse, await HealthConsent.LatestAsync(db, "999", 1, Cancel)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Teams_AppearFromSignIns_AndRefuseAnUnknownCohort(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 0);
        await using var db = database.Open();

        var teams = await Teams.ListAsync(db, "999", Cancel);
        // "SEND team" and "send TEAM " are one team with two members.
        Assert.Equal(["Children in care team", "SEND team", "Transitions panel", "Transitions team"], teams.Select(t => t.Name));
        Assert.Equal(2, teams.Single(t => t.Name == "SEND team").Staff);
        Assert.All(teams, t => Assert.Empty(t.Cohorts));

        await Teams.SetCohortsAsync(db, "999", "Children in care team", [Cohort.CareLeaver, Cohort.LookedAfter], "admin", Now, Cancel);
        Assert.Equal([Cohort.LookedAfter, Cohort.CareLeaver], await Teams.CohortsOfAsync(db, "999", "children in care team", Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Teams.SetCohortsAsync(db, "999", "SEND team", ["everyone"], "admin", Now, Cancel));
        Assert.Empty(await Teams.CohortsOfAsync(db, "999", null, Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TeamNames_ForTheDashboardsFilter_WriteNothing_AndPagesOpenedTogetherAddANewTeamOnce(DatabaseProvider provider)
    {
        await using var database = await WithCasesAsync(provider, 0);
        await using (var db = database.Open())
        {
            await Teams.SetCohortsAsync(db, "999", "Leaving care team", [Cohort.CareLeaver], "admin", Now, Cancel);
            // The dashboard's list: teams set up and teams seen at sign-in, one name each, and no team row written.
            Assert.Equal(["Children in care team", "Leaving care team", "SEND team", "Transitions panel", "Transitions team"], await Teams.NamesAsync(db, "999", Cancel));
            Assert.Equal(1, await db.Teams.CountAsync(Cancel));
        }

        // Administrators' pages opened at the same moment each add the teams first seen at sign-in: one row each, no error.
        var lists = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var db = database.Open();
            return await Teams.ListAsync(db, "999", Cancel);
        }));
        Assert.All(lists, list => Assert.Equal(["Children in care team", "Leaving care team", "SEND team", "Transitions panel", "Transitions team"], list.Select(t => t.Name)));
        await using var check = database.Open();
        Assert.Equal(5, await check.Teams.CountAsync(Cancel));
    }

    [Fact]
    public void Visible_KeepsOnlyTheRowsThePageWouldShow()
    {
        var scope = new AccessScope(Send(), [1], [], [Cohort.EhcPlan], [], []);
        var rows = new (long Id, IReadOnlyCollection<string>? Cohorts)[] { (1, null), (2, EhcPlan), (3, CareLeaverOnly), (4, null) };
        Assert.Equal([1L, 2L], scope.Visible(rows, r => r.Id, r => r.Cohorts).Select(r => r.Id));
    }
}
