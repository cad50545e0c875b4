using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

public sealed record AssessmentStartRequest(AssessmentKind Kind, AssessmentFooting Footing, string FootingNote, string? CarerName, DateOnly StartedOn);

/// <summary>One outcome as the practitioner records it: no ways of being unable means achievable.</summary>
public sealed record AssessedOutcomeRequest(string Outcome, IReadOnlyCollection<UnableBecause> Unable, bool Fluctuates, bool PeriodLongEnough, bool MetByCarer, string Evidence);

/// <summary>The three conditions; <see cref="HealthAtRisk"/> is asked only in a carer's assessment.</summary>
public sealed record AssessmentConditionsRequest(bool NeedsArise, bool? HealthAtRisk, bool WellbeingImpact, string Evidence);

public sealed record AssessmentDecisionRequest(bool Eligible, DateOnly DecidedOn, string Reasons, string? DepartureReason, string? Advice);

public sealed record AssessmentRefusalRequest(DateOnly RefusedOn, string Reasons, string PreventionAdvice);

/// <summary>A specified outcome of an assessment kind: its key (the enum name), its words and its regulation.</summary>
public sealed record OutcomeDefinition(string Key, string Label, string Reference);

/// <summary>What the rules engine makes of an assessment's recorded facts, and what is still to record before a decision.</summary>
public sealed record AssessmentResult(EligibilityOutcome Outcome, IReadOnlyList<string> Unable, IReadOnlyList<string> Reasons, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;
}

/// <summary>A young person's assessment as its page and API show it; null parts are not recorded yet.</summary>
public sealed record AssessmentView(string Reference, TransitionsStage Stage, int Version, TransitionAssessment? Assessment, AssessmentResult? Result, AssessmentRefusal? Refusal);

/// <summary>A decision that departs from its recorded facts, for a manager to review.</summary>
public sealed record FlaggedDecision(string Reference, string DisplayName, AssessmentKind Kind, bool Eligible, DateOnly DecidedOn, string DecidedBy, string Contradiction, string DepartureReason);

/// <summary>
/// The transition assessment and the eligibility decision (Care Act 2014 s.58-s.66; domain.md "The pathway" and "Adult
/// eligibility"), and the refusal of a request for one (s.58(5)). Every change goes through <see cref="CaseWork"/>.
/// </summary>
public static class Assessments
{
    public const int TextLength = 4000;
    public const int NameLength = 200;

    public static string Label(AssessmentKind kind) => kind switch
    {
        AssessmentKind.ChildsNeeds => "Child's needs assessment (Care Act 2014 s.58)",
        AssessmentKind.ChildsCarers => "Child's carer's assessment (Care Act 2014 s.60)",
        AssessmentKind.YoungCarers => "Young carer's assessment (Care Act 2014 s.63)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Label(AssessmentFooting footing) => footing switch
    {
        AssessmentFooting.Consent => "Consent given",
        AssessmentFooting.BestInterests => "Lacks capacity: in their best interests",
        AssessmentFooting.AbuseOrNeglect => "Experiencing or at risk of abuse or neglect: goes ahead without consent",
        _ => throw new ArgumentOutOfRangeException(nameof(footing), footing, null),
    };

    /// <summary>The specified outcomes an assessment of this kind weighs, in regulation order: ten for the young person, eight for a carer.</summary>
    public static IReadOnlyList<OutcomeDefinition> OutcomesFor(AssessmentKind kind) => kind == AssessmentKind.ChildsNeeds
        ? [.. Enum.GetValues<AdultOutcome>().Select(o => new OutcomeDefinition(o.ToString(), Sentences.Capital(Eligibility.Label(o)), Eligibility.Reference(o)))]
        : [.. Enum.GetValues<CarerOutcome>().Select(o => new OutcomeDefinition(o.ToString(), Sentences.Capital(Eligibility.Label(o)), Eligibility.Reference(o)))];

    /// <summary>The ways of being unable the regulations give for this kind: carers have no "significantly longer" (reg 3(3)).</summary>
    public static IReadOnlyList<UnableBecause> WaysUnable(AssessmentKind kind) => kind == AssessmentKind.ChildsNeeds
        ? Enum.GetValues<UnableBecause>()
        : [UnableBecause.NeedsAssistance, UnableBecause.PainDistressOrAnxiety, UnableBecause.EndangersHealthOrSafety];

    /// <summary>The case's assessments, the latest first, with their outcomes; read-only.</summary>
    public static async Task<TransitionAssessment?> LatestAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.TransitionAssessments.AsNoTracking().Include(a => a.Outcomes).Where(a => a.PersonId == personId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<AssessmentView?> GetAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        var assessment = await LatestAsync(db, view.PersonId, cancellationToken);
        var refusal = await LatestRefusalAsync(db, view.PersonId, cancellationToken);
        return new AssessmentView(view.Reference, view.Stage, view.Version, assessment, assessment is null ? null : Weigh(assessment), refusal);
    }

    /// <summary>The latest refused request for a transition assessment, if any; read-only.</summary>
    public static async Task<AssessmentRefusal?> LatestRefusalAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.AssessmentRefusals.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Starts the assessment: the case moves from referred to assessment in progress. A child's needs assessment needs
    /// the footing it goes ahead on: consent, best interests, or a risk of abuse or neglect (s.58(3)-(4)).
    /// </summary>
    public static async Task<TransitionAssessment> StartAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, AssessmentStartRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        if (!Enum.IsDefined(request.Kind)) throw new PathwayRefusedException("Select which transition assessment this is.");
        if (!Enum.IsDefined(request.Footing)) throw new PathwayRefusedException("Select the footing the assessment goes ahead on.");
        var note = Answers.Required(request.FootingNote, request.Footing switch
        {
            AssessmentFooting.Consent => "Enter how consent was given",
            AssessmentFooting.BestInterests => "Enter why the assessment is in their best interests",
            _ => "Enter the risk of abuse or neglect that means the assessment goes ahead",
        }, TextLength, "The note on consent");
        var carer = request.Kind == AssessmentKind.ChildsCarers ? Answers.Required(request.CarerName, "Enter who the carer is", NameLength, "Who the carer is") : null;
        if (request.StartedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date the assessment started must be today or in the past.");

        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.Referred })
            throw new PathwayRefusedException($"A transition assessment starts once a referral is received. This case is {StageWords(transitionsCase)}.", CaseLink(personReference));
        var referral = await db.Referrals.Where(r => r.TransitionsCaseId == transitionsCase.Id).OrderByDescending(r => r.Id).FirstAsync(cancellationToken);
        if (request.StartedOn < referral.ReceivedOn) throw new PathwayRefusedException($"The date the assessment started must be on or after the referral was received ({Dates.Format(referral.ReceivedOn)}).");

        var assessment = new TransitionAssessment
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            Kind = request.Kind,
            CarerName = carer,
            Footing = request.Footing,
            FootingNote = note,
            StartedOn = request.StartedOn,
            StartedBy = by.UserName,
            StartedAt = at,
        };
        db.TransitionAssessments.Add(assessment);
        transitionsCase.MoveTo(TransitionsStage.AssessmentInProgress, by.UserName, at, $"{Label(request.Kind)} started ({Label(request.Footing).ToLowerInvariant()})");
        await CaseWork.SaveAsync(db, by, transitionsCase, $"{Label(request.Kind)} started on {Dates.Format(request.StartedOn)}: {Label(request.Footing).ToLowerInvariant()}",
            "case-assess-start", $"kind {request.Kind}, footing {request.Footing}", at, cancellationToken);
        return assessment;
    }

    /// <summary>Records (or corrects) one specified outcome, with the evidence. Only while the assessment is in progress.</summary>
    public static async Task RecordOutcomeAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, AssessedOutcomeRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var evidence = Answers.Required(request.Evidence, "Enter the evidence for this outcome", TextLength, "The evidence");
        var (transitionsCase, assessment) = await InProgressAsync(db, by, personReference, seenVersion, cancellationToken);
        var definition = OutcomesFor(assessment.Kind).SingleOrDefault(o => o.Key == request.Outcome)
            ?? throw new PathwayRefusedException($"That is not one of the specified outcomes of a {Label(assessment.Kind).ToLowerInvariant()}.");
        var unable = request.Unable.Distinct().ToList();
        if (unable.Except(WaysUnable(assessment.Kind)).Any())
            throw new PathwayRefusedException("Taking significantly longer is not one of the ways a carer is unable to achieve an outcome (reg 3(3)).");
        if (request.Fluctuates && !request.PeriodLongEnough && unable.Count == 0)
            throw new PathwayRefusedException("Say which ways the needs make the outcome unable when they are at their height, or record it as not fluctuating.");

        var outcome = assessment.Outcomes.SingleOrDefault(o => o.Outcome == definition.Key);
        var corrected = outcome is not null;
        if (outcome is null)
        {
            outcome = new AssessedOutcome { Outcome = definition.Key, Evidence = evidence, RecordedBy = by.UserName };
            assessment.Outcomes.Add(outcome);
        }
        outcome.NeedsAssistance = unable.Contains(UnableBecause.NeedsAssistance);
        outcome.PainDistressOrAnxiety = unable.Contains(UnableBecause.PainDistressOrAnxiety);
        outcome.EndangersHealthOrSafety = unable.Contains(UnableBecause.EndangersHealthOrSafety);
        outcome.TakesSignificantlyLonger = unable.Contains(UnableBecause.TakesSignificantlyLonger);
        outcome.Fluctuates = request.Fluctuates;
        outcome.PeriodLongEnough = !request.Fluctuates || request.PeriodLongEnough;
        // A carer meeting the need is recorded only for an outcome the young person cannot achieve on their own: it is
        // disregarded for eligibility (Care Act 2014 s.18(7)) but matters to how the need is met.
        outcome.MetByCarer = !assessment.ForCarer && unable.Count > 0 && request.MetByCarer;
        outcome.Evidence = evidence;
        outcome.RecordedBy = by.UserName;
        outcome.RecordedAt = at;
        var standing = unable.Count == 0 ? "achievable" : $"unable ({unable.Count} {(unable.Count == 1 ? "way" : "ways")})";
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Assessment: {definition.Label.ToLowerInvariant()} {(corrected ? "changed to" : "recorded as")} {standing}",
            "case-assess-outcome", $"{definition.Key}: {(unable.Count == 0 ? "achievable" : string.Join(",", unable))}", at, cancellationToken);
    }

    /// <summary>Records the conditions of reg 2(1)(a) and (c) (carers: reg 3(1)(a), 3(2)(a) and 3(1)(c)), with the evidence.</summary>
    public static async Task RecordConditionsAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, AssessmentConditionsRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var evidence = Answers.Required(request.Evidence, "Enter the evidence for the conditions", TextLength, "The evidence");
        var (transitionsCase, assessment) = await InProgressAsync(db, by, personReference, seenVersion, cancellationToken);
        if (assessment.ForCarer && request.HealthAtRisk is null) throw new PathwayRefusedException("Select whether the carer's physical or mental health is, or is at risk of, deteriorating.");
        var corrected = assessment.NeedsArise is not null;
        assessment.NeedsArise = request.NeedsArise;
        assessment.HealthAtRisk = assessment.ForCarer ? request.HealthAtRisk : null;
        assessment.WellbeingImpact = request.WellbeingImpact;
        assessment.ConditionsEvidence = evidence;
        assessment.ConditionsRecordedBy = by.UserName;
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Assessment: conditions {(corrected ? "changed" : "recorded")} ({(request.NeedsArise ? "needs arise" : "needs do not arise")} {(assessment.ForCarer ? "from caring" : "from an impairment or illness")}; {(request.WellbeingImpact ? "significant" : "no significant")} impact on well-being)",
            "case-assess-conditions", $"arise {request.NeedsArise}, health {request.HealthAtRisk}, wellbeing {request.WellbeingImpact}", at, cancellationToken);
    }

    /// <summary>
    /// What the recorded facts come to under the regulations (<see cref="Eligibility"/>), and what is still to record.
    /// Outcomes not yet recorded count as achievable in the engine's answer, which is final only when nothing is missing.
    /// </summary>
    public static AssessmentResult Weigh(TransitionAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var recorded = assessment.Outcomes.Select(o => o.Outcome).ToHashSet();
        var missing = OutcomesFor(assessment.Kind).Where(o => !recorded.Contains(o.Key)).Select(o => o.Label).ToList();
        if (assessment.NeedsArise is null || assessment.WellbeingImpact is null) missing.Add("The conditions (how the needs arise, and the impact on well-being)");
        if (!assessment.ForCarer)
        {
            var needs = new AdultNeeds(assessment.NeedsArise ?? false,
                [.. assessment.Outcomes.Select(o => new AdultOutcomeAssessment(Enum.Parse<AdultOutcome>(o.Outcome), o.Unable, o.Fluctuates, o.PeriodLongEnough, o.MetByCarer))],
                assessment.WellbeingImpact ?? false);
            var result = Eligibility.Adult(needs);
            return new AssessmentResult(result.Outcome, [.. result.Unable.Select(u => Sentences.Capital(Eligibility.Label(u)))], result.Reasons, missing);
        }
        var carer = new CarerNeeds(assessment.NeedsArise ?? false, assessment.HealthAtRisk ?? false,
            [.. assessment.Outcomes.Select(o => new CarerOutcomeAssessment(Enum.Parse<CarerOutcome>(o.Outcome), o.Unable, o.Fluctuates, o.PeriodLongEnough))],
            assessment.WellbeingImpact ?? false);
        var carerResult = Eligibility.Carer(carer);
        return new AssessmentResult(carerResult.Outcome, [.. carerResult.Unable.Select(u => Sentences.Capital(Eligibility.Label(u)))], carerResult.Reasons, missing);
    }

    /// <summary>The rules engine's message when a decision of <paramref name="eligible"/> departs from the recorded facts; null when it follows from them.</summary>
    public static string? Contradiction(AssessmentResult result, bool eligible)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Eligibility.Contradiction(result.Outcome, result.Reasons, eligible);
    }

    /// <summary>
    /// Records the decision: the case moves to decided. Every outcome and the conditions must be recorded. A decision
    /// that departs from what the recorded facts come to needs the practitioner's reason and is flagged for a manager.
    /// Where no need is eligible the written advice on meeting or reducing needs, and on prevention, is required
    /// (Care Act 2014 s.13(5)). The transition assessment milestone (TA-DUE) is recorded as met on the day decided.
    /// </summary>
    public static async Task DecideAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, AssessmentDecisionRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var reasons = Answers.Required(request.Reasons, "Enter the reasons for the decision", TextLength, "The reasons");
        var advice = request.Eligible ? null : Answers.Required(request.Advice, "Enter the advice on what can be done to meet or reduce the needs, and to prevent or delay them (Care Act 2014 s.13(5))", TextLength, "The advice");
        if (request.DecidedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date of the decision must be today or in the past.");
        var (transitionsCase, assessment) = await InProgressAsync(db, by, personReference, seenVersion, cancellationToken);
        if (request.DecidedOn < assessment.StartedOn) throw new PathwayRefusedException($"The date of the decision must be on or after the assessment started ({Dates.Format(assessment.StartedOn)}).");
        var result = Weigh(assessment);
        if (!result.Complete)
            throw new PathwayRefusedException($"Record every outcome and the conditions before deciding. Still to record: {string.Join("; ", result.Missing.Select(m => m.ToLowerInvariant()))}.", $"/people/{personReference}/assessment");
        var contradiction = Contradiction(result, request.Eligible);
        var departure = contradiction is null ? null
            : Answers.Required(request.DepartureReason, "Enter why the decision departs from what the recorded facts come to: it will be flagged for a manager", TextLength, "The reason for departing from the recorded facts");

        assessment.Eligible = request.Eligible;
        assessment.DecidedOn = request.DecidedOn;
        assessment.DecisionReasons = reasons;
        assessment.DecidedBy = by.UserName;
        assessment.DecidedAt = at;
        assessment.RulesOutcome = result.Outcome;
        assessment.Contradiction = contradiction;
        assessment.DepartureReason = departure;
        assessment.Advice = advice;
        var decision = request.Eligible ? "eligible for care and support" : "not eligible for care and support";
        assessment.DecisionMove = transitionsCase.MoveTo(TransitionsStage.Decided, by.UserName, at, $"Decided {decision}");
        db.MilestoneEvidence.Add(new MilestoneEvidence
        {
            PersonId = assessment.PersonId,
            CouncilCode = by.CouncilCode,
            RuleId = StatutoryClock.TransitionAssessment.Id,
            Outcome = StatutoryClock.Met,
            OccurredOn = request.DecidedOn,
            Note = $"{Label(assessment.Kind)} decided: {decision}",
            RecordedBy = by.UserName,
            RecordedAt = at,
        });
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Decided on {Dates.Format(request.DecidedOn)}: {decision}{(contradiction is null ? "" : "; departs from the recorded facts, flagged for a manager")}",
            "case-decide", $"eligible {request.Eligible}, rules {result.Outcome}, flagged {contradiction is not null}", at, cancellationToken);
    }

    /// <summary>A manager's review of a decision that departed from the recorded facts: it leaves the flagged list.</summary>
    public static async Task ReviewAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, string note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var text = Answers.Required(note, "Enter what you found when you reviewed the decision", TextLength, "The review note");
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        var assessment = transitionsCase is null ? null
            : await db.TransitionAssessments.Where(a => a.TransitionsCaseId == transitionsCase.Id).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (assessment is not { AwaitsReview: true })
            throw new PathwayRefusedException("This young person has no decision waiting for a manager's review.", "/cases/flagged-decisions");
        if (assessment.DecidedBy == by.UserName) throw new PathwayRefusedException("A decision is reviewed by a manager other than the person who made it.");
        assessment.ReviewedBy = by.UserName;
        assessment.ReviewedAt = at;
        assessment.ReviewNote = text;
        await CaseWork.SaveAsync(db, by, transitionsCase!, "Decision reviewed by a manager", "case-decision-review", null, at, cancellationToken);
    }

    /// <summary>Decisions that depart from the recorded facts and wait for a manager, the oldest first.</summary>
    public static async Task<IReadOnlyList<FlaggedDecision>> FlaggedAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TransitionAssessments.AsNoTracking()
            .Where(a => a.CouncilCode == council && a.Contradiction != null && a.ReviewedAt == null)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p.Reference, p.Forename, p.Surname })
            .OrderBy(x => x.a.DecidedOn).ThenBy(x => x.a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new FlaggedDecision(x.Reference, DisplayName.Of(x.Forename, x.Surname, null, x.Reference), x.a.Kind, x.a.Eligible!.Value, x.a.DecidedOn!.Value,
            x.a.DecidedBy!, x.a.Contradiction!, x.a.DepartureReason!))];
    }

    /// <summary>Not eligible: after the written advice, the young person is signposted to other help and the case moves to signposted.</summary>
    public static async Task SignpostAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, string signpostedTo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var where = Answers.Required(signpostedTo, "Enter where the young person was signposted", TextLength, "Where they were signposted");
        var (transitionsCase, assessment) = await DecidedAsync(db, by, personReference, seenVersion, cancellationToken);
        if (assessment.Eligible == true)
            throw new PathwayRefusedException("This young person was decided eligible: agree a support plan with them instead of signposting.", $"/people/{personReference}/plan");
        assessment.SignpostedTo = where;
        transitionsCase.MoveTo(TransitionsStage.Signposted, by.UserName, at, "Signposted to other help after a decision of not eligible");
        await CaseWork.SaveAsync(db, by, transitionsCase, "Signposted to other help", "case-signpost", null, at, cancellationToken);
    }

    /// <summary>
    /// Refuses the request for a transition assessment: the case moves from referred to declined. The written reasons and
    /// the advice on preventing or delaying needs are required (Care Act 2014 s.58(5)); both are recorded for the
    /// statutory clock (TA-REFUSED), so the refusal never stands without them.
    /// </summary>
    public static async Task<AssessmentRefusal> DeclineAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, AssessmentRefusalRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var reasons = Answers.Required(request.Reasons, "Enter the reasons the request is refused", TextLength, "The reasons");
        var advice = Answers.Required(request.PreventionAdvice, "Enter the information and advice on preventing or delaying needs", TextLength, "The advice");
        if (request.RefusedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date the request was refused must be today or in the past.");
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.Referred })
            throw new PathwayRefusedException($"Only a referred request for a transition assessment can be refused. This case is {StageWords(transitionsCase)}.", CaseLink(personReference));
        var referral = await db.Referrals.Where(r => r.TransitionsCaseId == transitionsCase.Id).OrderByDescending(r => r.Id).FirstAsync(cancellationToken);
        if (request.RefusedOn < referral.ReceivedOn) throw new PathwayRefusedException($"The date the request was refused must be on or after the referral was received ({Dates.Format(referral.ReceivedOn)}).");

        var refusal = new AssessmentRefusal
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            RefusedOn = request.RefusedOn,
            Reasons = reasons,
            PreventionAdvice = advice,
            RecordedBy = by.UserName,
            RecordedAt = at,
        };
        db.AssessmentRefusals.Add(refusal);
        foreach (var outcome in new[] { StatutoryClock.Refused, StatutoryClock.Met })
        {
            db.MilestoneEvidence.Add(new MilestoneEvidence
            {
                PersonId = person.Id,
                CouncilCode = by.CouncilCode,
                RuleId = StatutoryClock.AssessmentRefused.Id,
                Outcome = outcome,
                OccurredOn = request.RefusedOn,
                Note = outcome == StatutoryClock.Met ? "Written reasons and prevention advice recorded with the refusal" : "Request for a transition assessment refused",
                RecordedBy = by.UserName,
                RecordedAt = at,
            });
        }
        transitionsCase.MoveTo(TransitionsStage.Declined, by.UserName, at, "Request for a transition assessment refused, with written reasons (Care Act 2014 s.58(5))");
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Request for a transition assessment refused on {Dates.Format(request.RefusedOn)}, with written reasons and prevention advice",
            "case-decline", null, at, cancellationToken);
        return refusal;
    }

    /// <summary>Whether the case's latest decision is eligible: only then is a support plan made and agreed.</summary>
    public static Task<bool> DecidedEligibleAsync(WaypointDbContext db, long decisionMoveId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TransitionAssessments.AnyAsync(a => a.DecisionMoveId == decisionMoveId && a.Eligible == true, cancellationToken);
    }

    private static async Task<(TransitionsCase Case, TransitionAssessment Assessment)> InProgressAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, CancellationToken cancellationToken)
    {
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.AssessmentInProgress })
            throw new PathwayRefusedException($"The assessment is recorded while it is in progress. This case is {StageWords(transitionsCase)}.", CaseLink(personReference));
        return (transitionsCase, await CurrentAsync(db, transitionsCase, cancellationToken));
    }

    private static async Task<(TransitionsCase Case, TransitionAssessment Assessment)> DecidedAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, CancellationToken cancellationToken)
    {
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.Decided })
            throw new PathwayRefusedException($"This follows the eligibility decision. This case is {StageWords(transitionsCase)}.", CaseLink(personReference));
        return (transitionsCase, await CurrentAsync(db, transitionsCase, cancellationToken));
    }

    private static async Task<TransitionAssessment> CurrentAsync(WaypointDbContext db, TransitionsCase transitionsCase, CancellationToken cancellationToken) =>
        await db.TransitionAssessments.Include(a => a.Outcomes).Where(a => a.TransitionsCaseId == transitionsCase.Id).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken)
        ?? throw new PathwayRefusedException("This case has no transition assessment recorded: it was moved on before assessments were kept in Waypoint.");

    private static string StageWords(TransitionsCase? transitionsCase) =>
        transitionsCase is null ? "not open" : "at " + TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant();

    private static string CaseLink(string reference) => $"/people/{reference}/case";

}
