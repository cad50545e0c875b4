using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>
/// The transition assessment and the eligibility decision through the Core service the pages use: the worked examples
/// of domain.md, a decision that departs from the facts, the s.13(5) advice, signposting, and a refused request (s.58(5)).
/// </summary>
public class AssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Manager = new("999", "m.manager", "manager");
    private const string Reference = "B0000000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AssessmentStartRequest Start(AssessmentKind kind = AssessmentKind.ChildsNeeds) =>
        new(kind, AssessmentFooting.Consent, "Consented at a home visit", kind == AssessmentKind.ChildsCarers ? "Mum" : null, Today);

    /// <summary>A referred young person with an assessment of <paramref name="kind"/> started; returns the case version.</summary>
    private static async Task<(TestDatabase Database, int Version)> AssessingAsync(DatabaseProvider provider, AssessmentKind kind = AssessmentKind.ChildsNeeds)
    {
        var database = await SupportPlanTests.WithPersonAsync(provider);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
        await Assessments.StartAsync(db, Worker, Reference, 1, Start(kind), Now, Ct);
        return (database, 2);
    }

    /// <summary>Records every outcome of the kind, those in <paramref name="unable"/> as needing assistance, then the conditions; returns the version.</summary>
    private static async Task<int> RecordAsync(WaypointDbContext db, AssessmentKind kind, int version, string[] unable, bool arise = true, bool wellbeing = true, bool? health = false)
    {
        foreach (var outcome in Assessments.OutcomesFor(kind))
        {
            IReadOnlyCollection<UnableBecause> ways = unable.Contains(outcome.Key) ? [UnableBecause.NeedsAssistance] : [];
            await Assessments.RecordOutcomeAsync(db, Worker, Reference, version++, new AssessedOutcomeRequest(outcome.Key, ways, false, true, false, "Seen at home"), Now, Ct);
        }
        await Assessments.RecordConditionsAsync(db, Worker, Reference, version++, new AssessmentConditionsRequest(arise, kind == AssessmentKind.ChildsNeeds ? null : health, wellbeing, "From the EHC plan"), Now, Ct);
        return version;
    }

    private static AssessmentDecisionRequest Decision(bool eligible, string? departure = null, string? advice = "Cooking course at the college") =>
        new(eligible, Today, "As recorded outcome by outcome", departure, eligible ? null : advice);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, AssessmentKind.ChildsNeeds, new[] { "Nutrition", "CommunityFacilitiesAndServices" }, EligibilityOutcome.Eligible)]
    [InlineData(DatabaseProvider.Postgres, AssessmentKind.ChildsNeeds, new[] { "Nutrition", "CommunityFacilitiesAndServices" }, EligibilityOutcome.Eligible)]
    [InlineData(DatabaseProvider.Sqlite, AssessmentKind.ChildsNeeds, new[] { "Nutrition" }, EligibilityOutcome.NotEligible)]
    [InlineData(DatabaseProvider.Sqlite, AssessmentKind.ChildsCarers, new[] { "RecreationalActivities" }, EligibilityOutcome.Eligible)]
    [InlineData(DatabaseProvider.Postgres, AssessmentKind.YoungCarers, new[] { "RecreationalActivities" }, EligibilityOutcome.Eligible)]
    public async Task Weigh_DomainWorkedExamples_GiveTheRegulationsAnswer(DatabaseProvider provider, AssessmentKind kind, string[] unable, EligibilityOutcome expected)
    {
        var (database, version) = await AssessingAsync(provider, kind);
        await using var _ = database;
        await using var db = database.Open();
        await RecordAsync(db, kind, version, unable);

        var view = (await Assessments.GetAsync(db, "999", Reference, Ct))!;

        Assert.True(view.Result!.Complete);
        Assert.Equal(expected, view.Result.Outcome);
        Assert.Equal(unable.Length, view.Result.Unable.Count);
        Assert.Equal(kind == AssessmentKind.ChildsNeeds ? 10 : 8, view.Assessment!.Outcomes.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecideAsync_EligibleAsTheFactsSay_MovesToDecidedUnflaggedWithHistoryAuditAndTheMilestone(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        version = await RecordAsync(db, AssessmentKind.ChildsNeeds, version, ["Nutrition", "PersonalHygiene"]);

        await Assessments.DecideAsync(db, Worker, Reference, version, Decision(eligible: true), Now, Ct);

        var assessment = await db.TransitionAssessments.SingleAsync(Ct);
        var transitionsCase = await db.TransitionsCases.Include(c => c.Moves).SingleAsync(Ct);
        Assert.Equal((TransitionsStage.Decided, version + 1), (transitionsCase.Stage, transitionsCase.Version));
        Assert.Equal((true, EligibilityOutcome.Eligible, (string?)null), (assessment.Eligible, assessment.RulesOutcome, assessment.Contradiction));
        Assert.Equal(transitionsCase.Moves.Single(m => m.To == TransitionsStage.Decided).Id, assessment.DecisionMoveId);
        Assert.True(await Assessments.DecidedEligibleAsync(db, assessment.DecisionMoveId!.Value, Ct));
        Assert.Single(await db.MilestoneEvidence.Where(e => e.RuleId == "TA-DUE" && e.Outcome == "met" && e.OccurredOn == Today).ToListAsync(Ct));
        // One audit row for every change: the referral, the start, ten outcomes, the conditions and the decision.
        var actions = await db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["case-refer", "case-assess-start", .. Enumerable.Repeat("case-assess-outcome", 10), "case-assess-conditions", "case-decide"], actions);
        Assert.Equal(actions.Count, await db.CaseEvents.CountAsync(Ct));
        Assert.Empty(await Assessments.FlaggedAsync(db, "999", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecideAsync_BeforeEveryOutcomeIsRecorded_IsRefusedNamingWhatIsMissing(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        await Assessments.RecordOutcomeAsync(db, Worker, Reference, version, new AssessedOutcomeRequest("Nutrition", [UnableBecause.NeedsAssistance], false, true, false, "Seen"), Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.DecideAsync(db, Worker, Reference, version + 1, Decision(eligible: true), Now, Ct));

        Assert.StartsWith("Record every outcome and the conditions before deciding. Still to record: maintaining personal hygiene; managing toilet needs;", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the conditions (how the needs arise, and the impact on well-being).", e.Message, StringComparison.Ordinal);
        Assert.Equal($"/people/{Reference}/assessment", e.SeeAlso);
        Assert.Equal(TransitionsStage.AssessmentInProgress, (await db.TransitionsCases.AsNoTracking().SingleAsync(Ct)).Stage);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecideAsync_ContradictingTheFacts_NeedsAReasonIsFlaggedAndAnotherManagerReviewsIt(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        version = await RecordAsync(db, AssessmentKind.ChildsNeeds, version, ["Nutrition"]);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.DecideAsync(db, Worker, Reference, version, Decision(eligible: true), Now, Ct));
        Assert.StartsWith("Enter why the decision departs from what the recorded facts come to", e.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();

        await Assessments.DecideAsync(db, Worker, Reference, version, Decision(eligible: true, departure: "Needs with hygiene are masked by a parent's prompting"), Now, Ct);

        var flagged = Assert.Single(await Assessments.FlaggedAsync(db, "999", Ct));
        Assert.Equal((Reference, true, "a.worker", "Needs with hygiene are masked by a parent's prompting"), (flagged.Reference, flagged.Eligible, flagged.DecidedBy, flagged.DepartureReason));
        Assert.StartsWith("Recorded as eligible, but the recorded facts do not meet the eligibility criteria.", flagged.Contradiction, StringComparison.Ordinal);
        Assert.Contains("flagged for a manager", (await db.CaseEvents.OrderByDescending(c => c.Id).FirstAsync(Ct)).What, StringComparison.Ordinal);

        var own = new Practitioner("999", "a.worker", "manager");
        await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.ReviewAsync(db, own, Reference, version + 1, "Fine", Now, Ct));
        db.ChangeTracker.Clear();
        await Assessments.ReviewAsync(db, Manager, Reference, version + 1, "Agreed after reading the college's report", Now, Ct);
        Assert.Empty(await Assessments.FlaggedAsync(db, "999", Ct));
        Assert.Equal("case-decision-review", (await db.AuditEvents.OrderByDescending(a => a.Id).FirstAsync(Ct)).Action);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecideAsync_NotEligible_NeedsTheWrittenAdviceThenSignpostsAndRefusesAPlan(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        version = await RecordAsync(db, AssessmentKind.ChildsNeeds, version, ["Nutrition"]);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.DecideAsync(db, Worker, Reference, version, Decision(eligible: false, advice: " "), Now, Ct));
        Assert.Contains("s.13(5)", e.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        await Assessments.DecideAsync(db, Worker, Reference, version, Decision(eligible: false), Now, Ct);

        var plan = await Assert.ThrowsAsync<PathwayRefusedException>(() => Plans.AddGoalAsync(db, Worker, Reference, version + 1,
            new PlanGoalRequest(PreparingForAdulthoodOutcome.Employment, "College", "Travel training", "College", Today.AddMonths(6), PlanGoalStatus.NotStarted), Now, Ct));
        Assert.Contains("decided not eligible", plan.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();

        await Assessments.SignpostAsync(db, Worker, Reference, version + 1, "Community learning disability nurse; the college's independent living course", Now, Ct);
        var assessment = await db.TransitionAssessments.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("Cooking course at the college", "Community learning disability nurse; the college's independent living course"), (assessment.Advice, assessment.SignpostedTo));
        Assert.Equal(TransitionsStage.Signposted, (await db.TransitionsCases.AsNoTracking().SingleAsync(Ct)).Stage);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SignpostAsync_DecidedEligible_IsRefused(DatabaseProvider provider)
    {
        var database = await SupportPlanTests.WithPersonAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var version = await PathwayCases.ToDecidedAsync(db, Worker, Reference, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.SignpostAsync(db, Worker, Reference, version, "Elsewhere", Now, Ct));

        Assert.Equal(($"/people/{Reference}/plan", TransitionsStage.Decided), (e.SeeAlso, (await db.TransitionsCases.AsNoTracking().SingleAsync(Ct)).Stage));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordOutcomeAsync_CarerTakingSignificantlyLonger_IsRefusedAsNotACarersLimb(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider, AssessmentKind.ChildsCarers);
        await using var _ = database;
        await using var db = database.Open();

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.RecordOutcomeAsync(db, Worker, Reference, version,
            new AssessedOutcomeRequest("Nutrition", [UnableBecause.TakesSignificantlyLonger], false, true, false, "Slow"), Now, Ct));
        Assert.Contains("reg 3(3)", e.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        var adultOnly = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.RecordOutcomeAsync(db, Worker, Reference, version,
            new AssessedOutcomeRequest("PersonalHygiene", [UnableBecause.NeedsAssistance], false, true, false, "Seen"), Now, Ct));
        Assert.Equal("That is not one of the specified outcomes of a child's carer's assessment (care act 2014 s.60).", adultOnly.Message);
        Assert.Equal("Mum", (await db.TransitionAssessments.AsNoTracking().SingleAsync(Ct)).CarerName);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordOutcomeAsync_SecondTimeForAnOutcome_CorrectsItAndKeepsBothInTheHistory(DatabaseProvider provider)
    {
        var (database, version) = await AssessingAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        await Assessments.RecordOutcomeAsync(db, Worker, Reference, version, new AssessedOutcomeRequest("Nutrition", [], false, true, true, "Cooks simple meals"), Now, Ct);
        // Achievable: a carer meeting the need is not recorded, as there is no unmet need for a carer to meet.
        Assert.False((await db.AssessedOutcomes.AsNoTracking().SingleAsync(Ct)).MetByCarer);
        await Assessments.RecordOutcomeAsync(db, Worker, Reference, version + 1,
            new AssessedOutcomeRequest("Nutrition", [UnableBecause.EndangersHealthOrSafety, UnableBecause.NeedsAssistance], true, true, true, "Leaves the hob on"), Now, Ct);

        var outcome = await db.AssessedOutcomes.AsNoTracking().SingleAsync(Ct);
        Assert.Equal([UnableBecause.NeedsAssistance, UnableBecause.EndangersHealthOrSafety], outcome.Unable.Order());
        Assert.Equal(("Leaves the hob on", true, true), (outcome.Evidence, outcome.Fluctuates, outcome.MetByCarer));
        var history = await db.CaseEvents.OrderBy(e => e.Version).Select(e => e.What).ToListAsync(Ct);
        Assert.Equal(["Assessment: managing and maintaining nutrition recorded as achievable", "Assessment: managing and maintaining nutrition changed to unable (2 ways)"], history[^2..]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StartAsync_CaseNotReferred_IsRefusedAndAStaleVersionIsRefusedAsChanged(DatabaseProvider provider)
    {
        await using var database = await SupportPlanTests.WithPersonAsync(provider);
        await using var db = database.Open();

        var none = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.StartAsync(db, Worker, Reference, 0, Start(), Now, Ct));
        Assert.Equal("A transition assessment starts once a referral is received. This case is not open.", none.Message);

        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
        await Assessments.StartAsync(db, Worker, Reference, 1, Start(), Now, Ct);
        db.ChangeTracker.Clear();
        var stale = await Assert.ThrowsAsync<CaseChangedException>(() => Assessments.StartAsync(db, Worker, Reference, 1, Start(), Now, Ct));
        Assert.Equal(["Child's needs assessment (Care Act 2014 s.58) started on 23 November 2026: consent given"], stale.Since.Select(s => s.What));
        Assert.Single(await db.TransitionAssessments.ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeclineAsync_Referred_NeedsReasonsAndAdviceAndRecordsTheRefusalForTheClock(DatabaseProvider provider)
    {
        await using var database = await SupportPlanTests.WithPersonAsync(provider);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);

        var e = await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.DeclineAsync(db, Worker, Reference, 1, new AssessmentRefusalRequest(Today, "No likely needs", ""), Now, Ct));
        Assert.Equal("Enter the information and advice on preventing or delaying needs.", e.Message);
        db.ChangeTracker.Clear();

        await Assessments.DeclineAsync(db, Worker, Reference, 1, new AssessmentRefusalRequest(Today, "No likely needs for care and support after 18", "The council's information service; the college's transition officer"), Now, Ct);

        Assert.Equal(TransitionsStage.Declined, (await db.TransitionsCases.AsNoTracking().SingleAsync(Ct)).Stage);
        Assert.Equal(["met", "refused"], await db.MilestoneEvidence.Where(m => m.RuleId == "TA-REFUSED").Select(m => m.Outcome).OrderBy(o => o).ToListAsync(Ct));
        Assert.Equal("case-decline", (await db.AuditEvents.OrderByDescending(a => a.Id).FirstAsync(Ct)).Action);
        var view = (await Assessments.GetAsync(db, "999", Reference, Ct))!;
        Assert.Equal(("No likely needs for care and support after 18", (TransitionAssessment?)null), (view.Refusal!.Reasons, view.Assessment));

        // An assessment cannot start on a declined request: the case must be closed and referred again.
        await Assert.ThrowsAsync<PathwayRefusedException>(() => Assessments.StartAsync(db, Worker, Reference, 2, Start(), Now, Ct));
    }
}
