using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

/// <summary>The three transition assessments of the Care Act 2014.</summary>
public enum AssessmentKind
{
    /// <summary>Child's needs assessment (s.58): the young person's own likely needs as an adult, weighed against the ten adult outcomes.</summary>
    ChildsNeeds,

    /// <summary>Child's carer's assessment (s.60): a parent's or carer's likely needs as a carer once the young person is 18, weighed against the eight carer outcomes.</summary>
    ChildsCarers,

    /// <summary>Young carer's assessment (s.63): the young person's likely needs as a carer after 18, weighed against the eight carer outcomes.</summary>
    YoungCarers,
}

/// <summary>On what footing the assessment goes ahead (Care Act 2014 s.58(3)-(4), s.60(3)-(4), s.63(3)-(4)).</summary>
public enum AssessmentFooting
{
    /// <summary>The person has capacity (or is competent) and consents.</summary>
    Consent,

    /// <summary>The person lacks capacity (or is not competent) and the assessment is in their best interests.</summary>
    BestInterests,

    /// <summary>The child is experiencing, or at risk of, abuse or neglect: the assessment goes ahead even without consent.</summary>
    AbuseOrNeglect,
}

/// <summary>
/// A transition assessment: who is assessed and on what footing, each specified outcome with the evidence, the three
/// conditions, and the practitioner's decision with its reasons. The rules engine (<see cref="Eligibility"/>) weighs the
/// recorded facts; a decision that departs from them carries the practitioner's reason and is flagged for a manager.
/// One per time the case is assessed: a case closed and referred again is assessed afresh.
/// </summary>
public sealed class TransitionAssessment
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public AssessmentKind Kind { get; set; }

    /// <summary>For a child's carer's assessment, who the carer is in words the family uses ("Mum", "Grandfather").</summary>
    public string? CarerName { get; set; }

    public AssessmentFooting Footing { get; set; }

    /// <summary>How consent was given, or why the assessment is in the person's best interests, or the risk that means it goes ahead.</summary>
    public required string FootingNote { get; set; }

    public DateOnly StartedOn { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    public List<AssessedOutcome> Outcomes { get; private set; } = [];

    /// <summary>reg 2(1)(a): the needs arise from an impairment or illness; for carers reg 3(1)(a): from providing necessary care. Null until recorded.</summary>
    public bool? NeedsArise { get; set; }

    /// <summary>Carers only, reg 3(2)(a): the carer's physical or mental health is, or is at risk of, deteriorating.</summary>
    public bool? HealthAtRisk { get; set; }

    /// <summary>reg 2(1)(c) and 3(1)(c): there is, or is likely to be, a significant impact on well-being.</summary>
    public bool? WellbeingImpact { get; set; }

    public string? ConditionsEvidence { get; set; }
    public string? ConditionsRecordedBy { get; set; }

    /// <summary>The practitioner's decision: eligible or not. Null until decided.</summary>
    public bool? Eligible { get; set; }

    public DateOnly? DecidedOn { get; set; }

    /// <summary>The reasons, in the practitioner's words, for the written record the person is given (Care Act 2014 s.13(2)).</summary>
    public string? DecisionReasons { get; set; }

    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The case's move to decided that this decision made (the support plan hangs off it).</summary>
    public long? DecisionMoveId { get; set; }

    [System.Text.Json.Serialization.JsonIgnore] public TransitionsCaseMove? DecisionMove { get; set; }

    /// <summary>What the rules engine made of the recorded facts at the time of the decision.</summary>
    public EligibilityOutcome? RulesOutcome { get; set; }

    /// <summary>When the decision departed from the recorded facts: the engine's message, which flags it for a manager.</summary>
    public string? Contradiction { get; set; }

    /// <summary>Why the practitioner decided as they did despite the recorded facts; required when <see cref="Contradiction"/> is set.</summary>
    public string? DepartureReason { get; set; }

    /// <summary>Where no need is eligible: the written advice on what can be done to meet or reduce the needs, and to prevent or delay them (s.13(5)).</summary>
    public string? Advice { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>For a case not eligible: where the young person was signposted.</summary>
    public string? SignpostedTo { get; set; }

    public bool ForCarer => Kind != AssessmentKind.ChildsNeeds;

    public bool IsDecided => Eligible is not null;

    /// <summary>A decision that departs from the recorded facts and that no manager has looked at yet.</summary>
    public bool AwaitsReview => Contradiction is not null && ReviewedAt is null;
}

/// <summary>One specified outcome as assessed: achievable, or unable in which of the ways the regulations give, with the evidence.</summary>
public sealed class AssessedOutcome
{
    public long Id { get; set; }
    public long TransitionAssessmentId { get; set; }

    /// <summary>The name of an <see cref="AdultOutcome"/> (child's needs) or a <see cref="CarerOutcome"/> (carers).</summary>
    public required string Outcome { get; set; }

    public bool NeedsAssistance { get; set; }
    public bool PainDistressOrAnxiety { get; set; }
    public bool EndangersHealthOrSafety { get; set; }
    public bool TakesSignificantlyLonger { get; set; }
    public bool Fluctuates { get; set; }
    public bool PeriodLongEnough { get; set; } = true;
    public bool MetByCarer { get; set; }
    public required string Evidence { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public IReadOnlySet<UnableBecause> Unable => new HashSet<UnableBecause>(
        new[] { (NeedsAssistance, UnableBecause.NeedsAssistance), (PainDistressOrAnxiety, UnableBecause.PainDistressOrAnxiety), (EndangersHealthOrSafety, UnableBecause.EndangersHealthOrSafety), (TakesSignificantlyLonger, UnableBecause.TakesSignificantlyLonger) }
            .Where(u => u.Item1).Select(u => u.Item2));

    public bool Achievable => Unable.Count == 0;
}

/// <summary>
/// A request for a transition assessment that the council refused (Care Act 2014 s.58(5), s.60(5), s.63(5)): the written
/// reasons, and the information and advice on what can be done to prevent or delay the development of needs.
/// </summary>
public sealed class AssessmentRefusal
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public DateOnly RefusedOn { get; set; }
    public required string Reasons { get; set; }
    public required string PreventionAdvice { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
