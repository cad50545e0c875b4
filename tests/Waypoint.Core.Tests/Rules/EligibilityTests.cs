using CsCheck;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Tests.Rules;

public class EligibilityTests
{
    private static readonly AdultOutcome[] AdultOutcomes = Enum.GetValues<AdultOutcome>();
    private static readonly CarerOutcome[] CarerOutcomes = Enum.GetValues<CarerOutcome>();

    private static AdultOutcomeAssessment Adult(AdultOutcome outcome, params UnableBecause[] unable) => new(outcome, unable.ToHashSet());

    private static CarerOutcomeAssessment Carer(CarerOutcome outcome, params UnableBecause[] unable) => new(outcome, unable.ToHashSet());

    /// <summary>The first <paramref name="count"/> adult outcomes, each unable without assistance.</summary>
    private static List<AdultOutcomeAssessment> UnableWithoutAssistance(int count) =>
        [.. AdultOutcomes.Take(count).Select(o => Adult(o, UnableBecause.NeedsAssistance))];

    [Theory]
    [InlineData(true, 2, true, EligibilityOutcome.Eligible, "Eligible: all three conditions in reg 2(1) are met.")]
    [InlineData(false, 2, true, EligibilityOutcome.NotEligible, "Not eligible: reg 2(1)(a) is not met.")]
    [InlineData(true, 1, true, EligibilityOutcome.NotEligible, "Not eligible: reg 2(1)(b) is not met.")]
    [InlineData(true, 2, false, EligibilityOutcome.NotEligible, "Not eligible: reg 2(1)(c) is not met.")]
    [InlineData(true, 0, true, EligibilityOutcome.NotEligible, "Not eligible: reg 2(1)(b) is not met.")]
    [InlineData(false, 0, false, EligibilityOutcome.NotEligible, "Not eligible: reg 2(1)(a), 2(1)(b) and 2(1)(c) are not met.")]
    [InlineData(true, 10, true, EligibilityOutcome.Eligible, "Eligible: all three conditions in reg 2(1) are met.")]
    public void Adult_EachCriterionFailingInTurn(bool impairment, int unable, bool impact, EligibilityOutcome expected, string conclusion)
    {
        var result = Eligibility.Adult(new AdultNeeds(impairment, UnableWithoutAssistance(unable), impact));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(AdultOutcomes.Take(unable), result.Unable);
        Assert.Equal(conclusion, result.Reasons[^1]);
    }

    [Theory]
    [InlineData(0, "Unable to achieve 0 of the specified outcomes (reg 2(1)(b) needs two or more).")]
    [InlineData(1, "Unable to achieve 1 of the specified outcomes (reg 2(1)(b) needs two or more): managing and maintaining nutrition.")]
    [InlineData(3, "Unable to achieve 3 of the specified outcomes (reg 2(1)(b) needs two or more): managing and maintaining nutrition; maintaining personal hygiene; managing toilet needs.")]
    public void Adult_ReasonsCountTheOutcomesUnable(int unable, string reason) =>
        Assert.Contains(reason, Eligibility.Adult(new AdultNeeds(true, UnableWithoutAssistance(unable), true)).Reasons);

    [Theory]
    [InlineData(UnableBecause.NeedsAssistance, "reg 2(3)(a)")]
    [InlineData(UnableBecause.PainDistressOrAnxiety, "reg 2(3)(b)")]
    [InlineData(UnableBecause.EndangersHealthOrSafety, "reg 2(3)(c)")]
    [InlineData(UnableBecause.TakesSignificantlyLonger, "reg 2(3)(d)")]
    public void Adult_EachWayOfBeingUnableCounts(UnableBecause limb, string reference)
    {
        var result = Eligibility.Adult(new AdultNeeds(true, [Adult(AdultOutcome.Nutrition, limb), Adult(AdultOutcome.HabitableHome, limb)], true));

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Equal([AdultOutcome.Nutrition, AdultOutcome.HabitableHome], result.Unable);
        Assert.Contains(result.Reasons, r => r.StartsWith("Maintaining a habitable home environment (reg 2(2)(f)) counts as unable", StringComparison.Ordinal) && r.Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public void Adult_OutcomeWithNoWayOfBeingUnableIsNotCounted()
    {
        var result = Eligibility.Adult(new AdultNeeds(true, [Adult(AdultOutcome.Nutrition, UnableBecause.NeedsAssistance), Adult(AdultOutcome.ToiletNeeds)], true));

        Assert.Equal(EligibilityOutcome.NotEligible, result.Outcome);
        Assert.Contains("Managing toilet needs (reg 2(2)(c)) is not counted: none of the ways of being unable in reg 2(3) is recorded.", result.Reasons);
    }

    [Theory]
    [InlineData(true, 1, EligibilityOutcome.Eligible)]
    [InlineData(false, 1, EligibilityOutcome.NeedsMoreEvidence)]
    [InlineData(false, 2, EligibilityOutcome.Eligible)] // two already count, so the wait changes nothing
    [InlineData(false, 0, EligibilityOutcome.NotEligible)] // even counted it would make only one
    public void Adult_FluctuatingNeedsCountOnlyOverALongEnoughPeriod(bool periodLongEnough, int otherUnable, EligibilityOutcome expected)
    {
        var fluctuating = new AdultOutcomeAssessment(AdultOutcome.CaringForAChild, new HashSet<UnableBecause> { UnableBecause.NeedsAssistance }, Fluctuates: true, PeriodLongEnough: periodLongEnough);

        var result = Eligibility.Adult(new AdultNeeds(true, [.. UnableWithoutAssistance(otherUnable), fluctuating], true));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(periodLongEnough, result.Unable.Contains(AdultOutcome.CaringForAChild));
        Assert.Equal(!periodLongEnough, result.Reasons.Contains(
            "Carrying out any caring responsibilities the adult has for a child (reg 2(2)(j)) cannot be counted yet: the needs fluctuate and the period considered was not long enough to establish their extent (reg 2(4))."));
    }

    [Fact]
    public void Adult_FluctuatingNeedsDoNotDelayAFailedCondition()
    {
        var pending = Adult(AdultOutcome.Nutrition, UnableBecause.NeedsAssistance) with { Fluctuates = true, PeriodLongEnough = false };

        var result = Eligibility.Adult(new AdultNeeds(false, [Adult(AdultOutcome.ToiletNeeds, UnableBecause.NeedsAssistance), pending], true));

        Assert.Equal(EligibilityOutcome.NotEligible, result.Outcome);
        Assert.Contains(result.Reasons, r => r.StartsWith("Managing and maintaining nutrition (reg 2(2)(a)) cannot be counted yet", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adult_NeedMetByACarerIsDisregarded(bool metByCarer)
    {
        List<AdultOutcomeAssessment> outcomes = [Adult(AdultOutcome.Nutrition, UnableBecause.NeedsAssistance), Adult(AdultOutcome.PersonalHygiene, UnableBecause.PainDistressOrAnxiety) with { MetByCarer = metByCarer }];

        var result = Eligibility.Adult(new AdultNeeds(true, outcomes, true));

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Equal([AdultOutcome.Nutrition, AdultOutcome.PersonalHygiene], result.Unable);
        Assert.Equal(metByCarer, result.Reasons.Any(r => r.StartsWith("Maintaining personal hygiene (reg 2(2)(b)) is currently met by a carer; that was disregarded", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true, true, false, true, EligibilityOutcome.Eligible, "Eligible: all three conditions in reg 3(1) are met.")] // health route, no outcomes
    [InlineData(true, false, true, true, EligibilityOutcome.Eligible, "Eligible: all three conditions in reg 3(1) are met.")]
    [InlineData(true, true, true, true, EligibilityOutcome.Eligible, "Eligible: all three conditions in reg 3(1) are met.")]
    [InlineData(false, true, true, true, EligibilityOutcome.NotEligible, "Not eligible: reg 3(1)(a) is not met.")]
    [InlineData(true, false, false, true, EligibilityOutcome.NotEligible, "Not eligible: reg 3(1)(b) is not met.")]
    [InlineData(true, true, true, false, EligibilityOutcome.NotEligible, "Not eligible: reg 3(1)(c) is not met.")]
    [InlineData(false, false, false, false, EligibilityOutcome.NotEligible, "Not eligible: reg 3(1)(a), 3(1)(b) and 3(1)(c) are not met.")]
    public void Carer_EachCriterionFailingInTurn(bool arises, bool health, bool unableOne, bool impact, EligibilityOutcome expected, string conclusion)
    {
        List<CarerOutcomeAssessment> outcomes = unableOne ? [Carer(CarerOutcome.RecreationalActivities, UnableBecause.NeedsAssistance)] : [];

        var result = Eligibility.Carer(new CarerNeeds(arises, health, outcomes, impact));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(unableOne ? [CarerOutcome.RecreationalActivities] : [], result.Unable);
        Assert.Equal(conclusion, result.Reasons[^1]);
    }

    [Fact]
    public void Carer_HealthDeterioratingIsEnoughWithoutAnyOutcome()
    {
        var result = Eligibility.Carer(new CarerNeeds(true, true, [], true));

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.Empty(result.Unable);
        Assert.Contains("The carer's circumstances meet reg 3(1)(b): the carer's health is, or is at risk of, deteriorating (reg 3(2)(a)), which is enough without any outcome.", result.Reasons);
    }

    [Theory]
    [InlineData(UnableBecause.NeedsAssistance, EligibilityOutcome.Eligible, "(reg 3(3)(a))")]
    [InlineData(UnableBecause.PainDistressOrAnxiety, EligibilityOutcome.Eligible, "(reg 3(3)(b))")]
    [InlineData(UnableBecause.EndangersHealthOrSafety, EligibilityOutcome.Eligible, "(reg 3(3)(c))")]
    [InlineData(UnableBecause.TakesSignificantlyLonger, EligibilityOutcome.NotEligible, "is not one of the ways a carer is unable (reg 3(3))")]
    public void Carer_SignificantlyLongerIsNotAWayOfBeingUnable(UnableBecause limb, EligibilityOutcome expected, string reason)
    {
        var result = Eligibility.Carer(new CarerNeeds(true, false, [Carer(CarerOutcome.Nutrition, limb)], true));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == EligibilityOutcome.Eligible, result.Unable.Contains(CarerOutcome.Nutrition));
        Assert.Contains(result.Reasons, r => r.StartsWith("Managing and maintaining nutrition (reg 3(2)(b)(iv))", StringComparison.Ordinal) && r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Carer_SignificantlyLongerAlongsideAnotherWayStillCounts()
    {
        var result = Eligibility.Carer(new CarerNeeds(true, false, [Carer(CarerOutcome.Nutrition, UnableBecause.TakesSignificantlyLonger, UnableBecause.PainDistressOrAnxiety)], true));

        Assert.Equal(EligibilityOutcome.Eligible, result.Outcome);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("reg 3(3)(d)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false, EligibilityOutcome.Eligible)]
    [InlineData(false, false, EligibilityOutcome.NeedsMoreEvidence)]
    [InlineData(false, true, EligibilityOutcome.Eligible)] // health already meets reg 3(1)(b)
    public void Carer_FluctuatingNeedsCountOnlyOverALongEnoughPeriod(bool periodLongEnough, bool health, EligibilityOutcome expected)
    {
        var fluctuating = Carer(CarerOutcome.WorkTrainingEducationOrVolunteering, UnableBecause.EndangersHealthOrSafety) with { Fluctuates = true, PeriodLongEnough = periodLongEnough };

        var result = Eligibility.Carer(new CarerNeeds(true, health, [fluctuating], true));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(!periodLongEnough, result.Reasons.Any(r => r.Contains("cannot be counted yet", StringComparison.Ordinal) && r.Contains("(reg 3(4))", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(EligibilityOutcome.Eligible, true, null)]
    [InlineData(EligibilityOutcome.NotEligible, false, null)]
    [InlineData(EligibilityOutcome.Eligible, false, "Recorded as not eligible, but the recorded facts meet the eligibility criteria. Eligible: all three conditions in reg 2(1) are met. Check the decision or correct the evidence.")]
    [InlineData(EligibilityOutcome.NotEligible, true, "Recorded as eligible, but the recorded facts do not meet the eligibility criteria. Not eligible: reg 2(1)(a) is not met. Check the decision or correct the evidence.")]
    [InlineData(EligibilityOutcome.NeedsMoreEvidence, true, "Recorded as eligible, but the recorded facts need more evidence before they can support or contradict that: fluctuating needs have not yet been seen over a long enough period.")]
    [InlineData(EligibilityOutcome.NeedsMoreEvidence, false, "Recorded as not eligible, but the recorded facts need more evidence before they can support or contradict that: fluctuating needs have not yet been seen over a long enough period.")]
    public void Contradiction_FlagsARecordedDecisionTheFactsDoNotSupport(EligibilityOutcome computed, bool recordedEligible, string? message)
    {
        List<AdultOutcomeAssessment> outcomes = computed == EligibilityOutcome.NeedsMoreEvidence
            ? [Adult(AdultOutcome.Nutrition, UnableBecause.NeedsAssistance), Adult(AdultOutcome.ToiletNeeds) with { Fluctuates = true, PeriodLongEnough = false }]
            : UnableWithoutAssistance(2);
        var result = Eligibility.Adult(new AdultNeeds(computed != EligibilityOutcome.NotEligible, outcomes, true));

        Assert.Equal(computed, result.Outcome);
        Assert.Equal(message, Eligibility.Contradiction(result, recordedEligible));
    }

    [Fact]
    public void Contradiction_WorksForCarers() =>
        Assert.StartsWith("Recorded as not eligible, but the recorded facts meet", Eligibility.Contradiction(Eligibility.Carer(new CarerNeeds(true, true, [], true)), false), StringComparison.Ordinal);

    [Theory]
    [InlineData(AdultOutcome.Nutrition, "reg 2(2)(a)", "managing and maintaining nutrition")]
    [InlineData(AdultOutcome.UsingHomeSafely, "reg 2(2)(e)", "being able to make use of the adult's home safely")]
    [InlineData(AdultOutcome.CaringForAChild, "reg 2(2)(j)", "carrying out any caring responsibilities the adult has for a child")]
    public void Adult_OutcomesCarryTheirLabelAndRegulation(AdultOutcome outcome, string reference, string label)
    {
        Assert.Equal(reference, Eligibility.Reference(outcome));
        Assert.Equal(label, Eligibility.Label(outcome));
    }

    [Theory]
    [InlineData(CarerOutcome.CaringForAChild, "reg 3(2)(b)(i)", "carrying out any caring responsibilities the carer has for a child")]
    [InlineData(CarerOutcome.Nutrition, "reg 3(2)(b)(iv)", "managing and maintaining nutrition")]
    [InlineData(CarerOutcome.RecreationalActivities, "reg 3(2)(b)(viii)", "engaging in recreational activities")]
    public void Carer_OutcomesCarryTheirLabelAndRegulation(CarerOutcome outcome, string reference, string label)
    {
        Assert.Equal(reference, Eligibility.Reference(outcome));
        Assert.Equal(label, Eligibility.Label(outcome));
    }

    [Fact]
    public void Outcomes_AreTenForAdultsAndEightForCarersEachWithItsOwnLabelAndRegulation()
    {
        Assert.Equal(10, AdultOutcomes.Select(Eligibility.Label).Distinct().Count());
        Assert.Equal(10, AdultOutcomes.Select(Eligibility.Reference).Distinct().Count());
        Assert.Equal(8, CarerOutcomes.Select(Eligibility.Label).Distinct().Count());
        Assert.Equal(8, CarerOutcomes.Select(Eligibility.Reference).Distinct().Count());
    }

    [Fact]
    public void Adult_OutcomeFollowsTheRecordedFacts()
    {
        // Each outcome: a bit mask of reg 2(3) limbs, then fluctuates / long enough period / met by carer.
        var assessment = Gen.Select(Gen.Int[0, 15], Gen.Bool, Gen.Bool, Gen.Bool);
        Gen.Select(Gen.Bool, Gen.Bool, assessment.Array[0, 10]).Sample((impairment, impact, recorded) =>
        {
            var outcomes = recorded.Select((r, i) => new AdultOutcomeAssessment(
                AdultOutcomes[i], Enum.GetValues<UnableBecause>().Where(u => (r.Item1 & (1 << (int)u)) != 0).ToHashSet(), r.Item2, r.Item3, r.Item4)).ToList();
            var pending = outcomes.Count(o => o.Fluctuates && !o.PeriodLongEnough);
            var counted = outcomes.Count(o => !(o.Fluctuates && !o.PeriodLongEnough) && o.Unable.Count > 0);

            var result = Eligibility.Adult(new AdultNeeds(impairment, outcomes, impact));

            var expected = (impairment && impact, counted) switch
            {
                (true, >= 2) => EligibilityOutcome.Eligible,
                (true, _) when counted + pending >= 2 => EligibilityOutcome.NeedsMoreEvidence,
                _ => EligibilityOutcome.NotEligible,
            };
            Assert.Equal(expected, result.Outcome);
            Assert.Equal(counted, result.Unable.Count);
            // Whether a carer meets a need never changes the answer.
            var carerBlind = Eligibility.Adult(new AdultNeeds(impairment, [.. outcomes.Select(o => o with { MetByCarer = !o.MetByCarer })], impact));
            Assert.Equal(result.Outcome, carerBlind.Outcome);
            Assert.Equal(result.Unable, carerBlind.Unable);
        });
    }
}
