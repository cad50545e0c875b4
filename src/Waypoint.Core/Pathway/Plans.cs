using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

/// <summary>What a practitioner enters for a goal of the support plan.</summary>
public sealed record PlanGoalRequest(PreparingForAdulthoodOutcome Outcome, string Aim, string Help, string Who, DateOnly DueOn, PlanGoalStatus Status);

/// <summary>The young person's view in their own words (required), and the family's view (optional).</summary>
public sealed record PlanViewsRequest(string YoungPersonView, string? FamilyView);

/// <summary>A young person's support plan as the plan page and its API show it; <see cref="Plan"/> is null until the first goal or view is recorded.</summary>
public sealed record PlanView(string Reference, TransitionsStage Stage, int Version, SupportPlan? Plan);

public static class Plans
{
    public const int AimLength = 1000;
    public const int HelpLength = 2000;
    public const int WhoLength = 200;
    public const int ViewLength = 4000;

    public static string Label(PlanGoalStatus status) => status switch
    {
        PlanGoalStatus.NotStarted => "Not started",
        PlanGoalStatus.InProgress => "In progress",
        PlanGoalStatus.Achieved => "Achieved",
        PlanGoalStatus.NoLongerNeeded => "No longer needed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// The stages at which the plan is made and changed: once the case is decided, and after it is agreed (plans are
    /// living). After the handover the adult team keeps the plan.
    /// </summary>
    public static bool IsPlanning(TransitionsStage stage) => stage is TransitionsStage.Decided or TransitionsStage.PlanAgreed;

    /// <summary>The case's current plan, read-only with its goals: the one that follows the case's latest decision.</summary>
    public static async Task<SupportPlan?> CurrentAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decision = await LatestDecisionAsync(db, db.TransitionsCases.Where(c => c.PersonId == personId).Select(c => c.Id), cancellationToken);
        if (decision is null) return null;
        return await db.SupportPlans.AsNoTracking().Include(p => p.Goals).SingleOrDefaultAsync(p => p.DecisionMoveId == decision, cancellationToken);
    }

    /// <summary>The plan as its API returns it; null when there is no such young person in the council.</summary>
    public static async Task<PlanView?> GetAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        return new PlanView(view.Reference, view.Stage, view.Version, await CurrentAsync(db, view.PersonId, cancellationToken));
    }

    /// <summary>Adds a goal under one of the four outcomes; the first goal (or view) starts the plan.</summary>
    public static async Task<PlanGoal> AddGoalAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, PlanGoalRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var goal = Checked(request);
        var (transitionsCase, plan, started) = await LoadAsync(db, by, personReference, seenVersion, at, cancellationToken);
        var added = plan.AddGoal(goal.Outcome, goal.Aim, goal.Help, goal.Who, goal.DueOn, goal.Status, by.UserName, at);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"{Started(started)}Support plan: goal added under {PreparingForAdulthood.Label(goal.Outcome).ToLowerInvariant()} ({Label(goal.Status).ToLowerInvariant()}, by {Dates.Format(goal.DueOn)}){AfterAgreement(plan)}",
            "case-plan-goal", $"added, outcome {goal.Outcome}, status {goal.Status}", at, cancellationToken);
        return added;
    }

    /// <summary>Changes a goal: its wording, who helps, by when, or how it is going.</summary>
    public static async Task ChangeGoalAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, long goalId, PlanGoalRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var goal = Checked(request);
        var (transitionsCase, plan, _) = await LoadAsync(db, by, personReference, seenVersion, at, cancellationToken);
        var existing = plan.Goals.SingleOrDefault(g => g.Id == goalId) ?? throw new PathwayRefusedException("That goal is not part of this young person's plan.", $"/people/{personReference}/plan");
        plan.ChangeGoal(existing, goal.Outcome, goal.Aim, goal.Help, goal.Who, goal.DueOn, goal.Status, by.UserName, at);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Support plan: {PreparingForAdulthood.Label(goal.Outcome).ToLowerInvariant()} goal changed ({Label(goal.Status).ToLowerInvariant()}, by {Dates.Format(goal.DueOn)}){AfterAgreement(plan)}",
            "case-plan-goal", $"changed, outcome {goal.Outcome}, status {goal.Status}", at, cancellationToken);
    }

    /// <summary>Records the young person's view in their own words, and the family's view if they gave one.</summary>
    public static async Task RecordViewsAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, PlanViewsRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.YoungPersonView)) throw new PathwayRefusedException("Enter the young person's view in their own words.");
        if (request.YoungPersonView.Trim().Length > ViewLength || request.FamilyView?.Trim().Length > ViewLength)
            throw new PathwayRefusedException("Each view must be 4,000 characters or fewer.");
        var (transitionsCase, plan, started) = await LoadAsync(db, by, personReference, seenVersion, at, cancellationToken);
        var family = string.IsNullOrWhiteSpace(request.FamilyView) ? null : request.FamilyView.Trim();
        plan.RecordViews(request.YoungPersonView.Trim(), family, by.UserName, at);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"{Started(started)}Support plan: the young person's view recorded{(family is null ? "" : ", with the family's view")}{AfterAgreement(plan)}",
            "case-plan-views", family is null ? "young person" : "young person, family", at, cancellationToken);
    }

    /// <summary>
    /// Agrees the plan with the young person: the case moves from decided to plan agreed. Refused without the young
    /// person's own view or without a goal, and for a case not at decided.
    /// </summary>
    public static async Task AgreeAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, DateOnly agreedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        if (agreedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date the plan was agreed must be today or in the past.");
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.Decided })
        {
            var stage = transitionsCase is null ? "not open" : "at " + TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant();
            throw new PathwayRefusedException($"A plan is agreed once the transition assessment is decided. This case is {stage}.", $"/people/{personReference}/case");
        }
        var decision = await EligibleDecisionAsync(db, transitionsCase, personReference, cancellationToken);
        if (agreedOn < DateOnly.FromDateTime(decision.At.Date)) throw new PathwayRefusedException("The date the plan was agreed must be on or after the date of the eligibility decision.");
        var plan = await db.SupportPlans.Include(p => p.Goals).SingleOrDefaultAsync(p => p.DecisionMoveId == decision.Id, cancellationToken)
            ?? throw new PathwayRefusedException("Add at least one goal and record the young person's view in their own words before the plan is agreed.", $"/people/{personReference}/plan");
        plan.Agree(agreedOn, by.UserName, at);
        transitionsCase.MoveTo(TransitionsStage.PlanAgreed, by.UserName, at, "Support plan agreed with the young person");
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Support plan agreed on {Dates.Format(agreedOn)}, with {plan.Goals.Count} {(plan.Goals.Count == 1 ? "goal" : "goals")}",
            "case-plan-agree", $"goals {plan.Goals.Count}", at, cancellationToken);
    }

    private static PlanGoalRequest Checked(PlanGoalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Outcome)) throw new PathwayRefusedException("Select the preparing-for-adulthood outcome the goal is for.");
        if (!Enum.IsDefined(request.Status)) throw new PathwayRefusedException("Select how the goal is going.");
        if (string.IsNullOrWhiteSpace(request.Aim)) throw new PathwayRefusedException("Enter what the young person wants to achieve.");
        if (string.IsNullOrWhiteSpace(request.Help)) throw new PathwayRefusedException("Enter what will help.");
        if (string.IsNullOrWhiteSpace(request.Who)) throw new PathwayRefusedException("Enter who will help.");
        var goal = request with { Aim = request.Aim.Trim(), Help = request.Help.Trim(), Who = request.Who.Trim() };
        if (goal.Aim.Length > AimLength) throw new PathwayRefusedException("What the young person wants to achieve must be 1,000 characters or fewer.");
        if (goal.Help.Length > HelpLength) throw new PathwayRefusedException("What will help must be 2,000 characters or fewer.");
        if (goal.Who.Length > WhoLength) throw new PathwayRefusedException("Who will help must be 200 characters or fewer.");
        return goal;
    }

    /// <summary>The case and its current plan, tracked for change; a plan is started if the case has none yet.</summary>
    private static async Task<(TransitionsCase Case, SupportPlan Plan, bool Started)> LoadAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null || !IsPlanning(transitionsCase.Stage))
        {
            var stage = transitionsCase is null ? "not open" : "at " + TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant();
            throw new PathwayRefusedException($"A support plan is made once the transition assessment is decided, and kept until the handover. This case is {stage}.", $"/people/{person.Reference}/case");
        }
        var decision = await EligibleDecisionAsync(db, transitionsCase, person.Reference, cancellationToken);
        var plan = await db.SupportPlans.Include(p => p.Goals).SingleOrDefaultAsync(p => p.DecisionMoveId == decision.Id, cancellationToken);
        if (plan is not null) return (transitionsCase, plan, false);
        plan = new SupportPlan
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            DecisionMoveId = decision.Id,
            StartedBy = by.UserName,
            StartedAt = at,
            ChangedAt = at,
            ChangedBy = by.UserName,
        };
        db.SupportPlans.Add(plan);
        return (transitionsCase, plan, true);
    }

    /// <summary>
    /// The case's latest move to decided, which must be a decision of eligible: a plan is made only for a young person
    /// with eligible needs (domain.md "The pathway"); one not eligible gets advice and signposting instead (Care Act 2014
    /// s.13(5)). Each decision (a reopened case is decided again) has its own plan.
    /// </summary>
    private static async Task<TransitionsCaseMove> EligibleDecisionAsync(WaypointDbContext db, TransitionsCase transitionsCase, string reference, CancellationToken cancellationToken)
    {
        var decision = transitionsCase.Moves.Where(m => m.To == TransitionsStage.Decided).MaxBy(m => m.Id)!;
        if (!await Assessments.DecidedEligibleAsync(db, decision.Id, cancellationToken))
            throw new PathwayRefusedException("A support plan is made for a young person decided eligible for care and support. This young person was decided not eligible: give the written advice and signpost them instead.", $"/people/{reference}/assessment");
        return decision;
    }

    private static Task<long?> LatestDecisionAsync(WaypointDbContext db, IQueryable<long> caseIds, CancellationToken cancellationToken) =>
        db.TransitionsCaseMoves.Where(m => caseIds.Contains(m.TransitionsCaseId) && m.To == TransitionsStage.Decided).MaxAsync(m => (long?)m.Id, cancellationToken);

    private static string Started(bool started) => started ? "Support plan started. " : "";

    private static string AfterAgreement(SupportPlan plan) => plan.AgreedOn is null ? "" : ", after the plan was agreed";
}
