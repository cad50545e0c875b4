namespace Waypoint.Core.Pathway;

/// <summary>Where a goal of the support plan has got to.</summary>
public enum PlanGoalStatus
{
    NotStarted,
    InProgress,
    Achieved,
    NoLongerNeeded,
}

/// <summary>
/// A young person's support plan for the move to adulthood: goals under the four preparing-for-adulthood outcomes, and
/// the young person's own view in their own words (Children and Families Act 2014 s.19(a): their views, wishes and
/// feelings; Care Act 2014 s.25(3): the person is involved in their plan). A plan is agreed once, then stays living: it
/// can change after, and every change is kept in the case history. A case that is closed and reopened starts a new plan.
/// </summary>
public sealed class SupportPlan
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>The case's move to decided that this plan follows: a case closed, reopened and decided again gets a new plan.</summary>
    public long DecisionMoveId { get; set; }

    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>What the young person says about their life and the plan, in their own words, not a worker's summary.</summary>
    public string? YoungPersonView { get; private set; }

    public string? YoungPersonViewRecordedBy { get; private set; }
    public DateTimeOffset? YoungPersonViewRecordedAt { get; private set; }

    /// <summary>The family's or carer's view, if they gave one.</summary>
    public string? FamilyView { get; private set; }

    /// <summary>The day the plan was agreed with the young person; null until then.</summary>
    public DateOnly? AgreedOn { get; private set; }

    public string? AgreedBy { get; private set; }
    public DateTimeOffset? AgreedAt { get; private set; }

    /// <summary>The last change to the plan, its goals or its views.</summary>
    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public List<PlanGoal> Goals { get; private set; } = [];

    public bool ChangedSinceAgreed => AgreedAt is { } agreed && ChangedAt > agreed;

    public PlanGoal AddGoal(PreparingForAdulthoodOutcome outcome, string aim, string help, string who, DateOnly dueOn, PlanGoalStatus status, string by, DateTimeOffset at)
    {
        var goal = new PlanGoal { Outcome = outcome, Aim = aim, Help = help, Who = who, DueOn = dueOn, Status = status, AddedBy = by, AddedAt = at, ChangedBy = by, ChangedAt = at };
        Goals.Add(goal);
        Touch(by, at);
        return goal;
    }

    public void ChangeGoal(PlanGoal goal, PreparingForAdulthoodOutcome outcome, string aim, string help, string who, DateOnly dueOn, PlanGoalStatus status, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(goal);
        if (!Goals.Contains(goal)) throw new PathwayRefusedException("That goal is not part of this plan.");
        (goal.Outcome, goal.Aim, goal.Help, goal.Who, goal.DueOn, goal.Status, goal.ChangedBy, goal.ChangedAt) = (outcome, aim, help, who, dueOn, status, by, at);
        Touch(by, at);
    }

    public void RecordViews(string youngPersonView, string? familyView, string by, DateTimeOffset at)
    {
        if (youngPersonView != YoungPersonView) (YoungPersonView, YoungPersonViewRecordedBy, YoungPersonViewRecordedAt) = (youngPersonView, by, at);
        FamilyView = familyView;
        Touch(by, at);
    }

    /// <summary>
    /// Agrees the plan. A plan without the young person's own view is not theirs, and one without goals says nothing:
    /// both are refused (Care Act 2014 s.25(5): the council takes all reasonable steps to agree the plan with the person).
    /// </summary>
    public void Agree(DateOnly agreedOn, string by, DateTimeOffset at)
    {
        if (AgreedOn is not null) throw new PathwayRefusedException("This plan has already been agreed. Change it as things change: every change is kept in the case history.");
        if (string.IsNullOrWhiteSpace(YoungPersonView))
            throw new PathwayRefusedException("Record the young person's view in their own words before the plan is agreed.");
        if (Goals.Count == 0) throw new PathwayRefusedException("Add at least one goal before the plan is agreed.");
        (AgreedOn, AgreedBy, AgreedAt) = (agreedOn, by, at);
        Touch(by, at);
    }

    private void Touch(string by, DateTimeOffset at) => (ChangedBy, ChangedAt) = (by, at);
}

/// <summary>One goal of a support plan: what the young person wants to achieve, what will help, who will help, by when.</summary>
public sealed class PlanGoal
{
    public long Id { get; set; }
    public long SupportPlanId { get; set; }
    public PreparingForAdulthoodOutcome Outcome { get; set; }

    /// <summary>What the young person wants to achieve, ideally as they put it.</summary>
    public required string Aim { get; set; }

    public required string Help { get; set; }

    /// <summary>Who will do or arrange the help: a person, team or service.</summary>
    public required string Who { get; set; }

    public DateOnly DueOn { get; set; }
    public PlanGoalStatus Status { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
