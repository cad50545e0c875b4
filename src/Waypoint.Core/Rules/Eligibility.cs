namespace Waypoint.Core.Rules;

/// <summary>The outcomes an adult may be unable to achieve, in regulation order (Eligibility Criteria Regulations 2015 reg 2(2)).</summary>
public enum AdultOutcome
{
    Nutrition, // reg 2(2)(a)
    PersonalHygiene, // (b)
    ToiletNeeds, // (c)
    AppropriatelyClothed, // (d)
    UsingHomeSafely, // (e)
    HabitableHome, // (f)
    Relationships, // (g)
    WorkTrainingEducationOrVolunteering, // (h)
    CommunityFacilitiesAndServices, // (i)
    CaringForAChild, // (j)
}

/// <summary>The outcomes a carer may be unable to achieve, in regulation order (reg 3(2)(b)(i)-(viii)).</summary>
public enum CarerOutcome
{
    CaringForAChild, // reg 3(2)(b)(i)
    CaringForOthers, // (ii)
    HabitableHome, // (iii)
    Nutrition, // (iv)
    Relationships, // (v)
    WorkTrainingEducationOrVolunteering, // (vi)
    CommunityFacilitiesAndServices, // (vii)
    RecreationalActivities, // (viii)
}

/// <summary>The ways of being "unable" to achieve an outcome: reg 2(3)(a)-(d) for adults, reg 3(3)(a)-(c) for carers.</summary>
public enum UnableBecause
{
    NeedsAssistance, // (a)
    PainDistressOrAnxiety, // (b)
    EndangersHealthOrSafety, // (c)
    TakesSignificantlyLonger, // reg 2(3)(d) only: carers have no such limb
}

public enum EligibilityOutcome
{
    Eligible,
    NotEligible,
    NeedsMoreEvidence,
}

/// <summary>The practitioner's evidence on one adult outcome. <see cref="PeriodLongEnough"/> matters only when needs fluctuate.</summary>
public sealed record AdultOutcomeAssessment(
    AdultOutcome Outcome,
    IReadOnlySet<UnableBecause> Unable,
    bool Fluctuates = false,
    bool PeriodLongEnough = true,
    bool MetByCarer = false,
    string? Note = null);

/// <summary>The practitioner's evidence on one carer outcome. <see cref="PeriodLongEnough"/> matters only when needs fluctuate.</summary>
public sealed record CarerOutcomeAssessment(
    CarerOutcome Outcome,
    IReadOnlySet<UnableBecause> Unable,
    bool Fluctuates = false,
    bool PeriodLongEnough = true,
    string? Note = null);

/// <summary>The recorded facts of an adult's needs assessment, as reg 2(1) weighs them.</summary>
public sealed record AdultNeeds(bool ImpairmentOrIllness, IReadOnlyList<AdultOutcomeAssessment> Outcomes, bool SignificantImpactOnWellbeing);

/// <summary>The recorded facts of a carer's assessment, as reg 3(1) weighs them.</summary>
public sealed record CarerNeeds(
    bool ArisesFromProvidingNecessaryCare,
    bool HealthDeterioratingOrAtRisk,
    IReadOnlyList<CarerOutcomeAssessment> Outcomes,
    bool SignificantImpactOnWellbeing);

/// <summary>What the recorded facts come to, the outcomes counted as unable, and the reasons in order.</summary>
public sealed record EligibilityResult<TOutcome>(EligibilityOutcome Outcome, IReadOnlyList<TOutcome> Unable, IReadOnlyList<string> Reasons)
    where TOutcome : struct, Enum;

/// <summary>
/// The Care Act 2014 eligibility tests (Care and Support (Eligibility Criteria) Regulations 2015). The decision is the
/// practitioner's: these functions say whether the recorded facts meet the test, and why, so a decision that does not
/// follow from them can be flagged.
/// </summary>
public static class Eligibility
{
    public static EligibilityResult<AdultOutcome> Adult(AdultNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        List<string> reasons =
        [
            needs.ImpairmentOrIllness
                ? "The needs arise from or are related to a physical or mental impairment or illness (reg 2(1)(a))."
                : "The needs are not recorded as arising from or related to a physical or mental impairment or illness (reg 2(1)(a)).",
        ];
        List<AdultOutcome> unable = [], pending = [];
        foreach (var a in needs.Outcomes.OrderBy(a => a.Outcome))
        {
            var what = Named(Label(a.Outcome), Reference(a.Outcome));
            var (standing, reason) = Weigh(what, a.Fluctuates, a.PeriodLongEnough, [.. a.Unable.Order()], reg: 2);
            if (standing == Standing.Unable) unable.Add(a.Outcome);
            else if (standing == Standing.Pending) pending.Add(a.Outcome);
            reasons.Add(reason);
            // Eligibility is carer-blind: a carer meeting the need matters only to the duty to meet it (Care Act 2014 s.18(7)).
            if (a.MetByCarer)
                reasons.Add($"{what} is currently met by a carer; that was disregarded, because eligibility is decided as if the need were unmet (Care Act 2014 s.18(7) concerns only the duty to meet it).");
        }

        var counted = unable.Distinct().ToList();
        var waiting = pending.Distinct().Except(counted).Count();
        reasons.Add(UnableSummary(counted.Select(Label), "reg 2(1)(b) needs two or more"));
        reasons.Add(needs.SignificantImpactOnWellbeing
            ? "There is, or is likely to be, a significant impact on the adult's well-being (reg 2(1)(c))."
            : "No significant impact on the adult's well-being is recorded (reg 2(1)(c)).");

        var met = needs.ImpairmentOrIllness && needs.SignificantImpactOnWellbeing;
        var outcome = (met, counted.Count) switch
        {
            (true, >= 2) => EligibilityOutcome.Eligible,
            // reg 2(4): only fluctuating needs not yet seen over a long enough period could still change the answer.
            (true, var n) when n + waiting >= 2 => EligibilityOutcome.NeedsMoreEvidence,
            _ => EligibilityOutcome.NotEligible,
        };
        reasons.Add(outcome switch
        {
            EligibilityOutcome.Eligible => "Eligible: all three conditions in reg 2(1) are met.",
            EligibilityOutcome.NeedsMoreEvidence =>
                $"More evidence needed: {HowMany(waiting)} with fluctuating needs could still make two or more (reg 2(1)(b)); decide once the needs have been seen over a long enough period (reg 2(4)).",
            _ => NotMet([(needs.ImpairmentOrIllness, "2(1)(a)"), (counted.Count >= 2, "2(1)(b)"), (needs.SignificantImpactOnWellbeing, "2(1)(c)")]),
        });
        return new(outcome, counted, reasons);
    }

    public static EligibilityResult<CarerOutcome> Carer(CarerNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        List<string> reasons =
        [
            needs.ArisesFromProvidingNecessaryCare
                ? "The needs arise as a consequence of providing necessary care for an adult (reg 3(1)(a))."
                : "The needs are not recorded as arising as a consequence of providing necessary care for an adult (reg 3(1)(a)).",
            needs.HealthDeterioratingOrAtRisk
                ? "The carer's physical or mental health is, or is at risk of, deteriorating (reg 3(2)(a))."
                : "The carer's physical or mental health is not recorded as deteriorating or at risk of deteriorating (reg 3(2)(a)).",
        ];
        List<CarerOutcome> unable = [], pending = [];
        foreach (var a in needs.Outcomes.OrderBy(a => a.Outcome))
        {
            var what = Named(Label(a.Outcome), Reference(a.Outcome));
            // reg 3(3) has no counterpart to the adults' "significantly longer" limb (reg 2(3)(d)).
            var (standing, reason) = Weigh(what, a.Fluctuates, a.PeriodLongEnough, [.. a.Unable.Where(u => u != UnableBecause.TakesSignificantlyLonger).Order()], reg: 3);
            if (standing == Standing.Achievable && a.Unable.Contains(UnableBecause.TakesSignificantlyLonger))
                reason = $"{what} is not counted: it is recorded only as taking significantly longer, which makes an adult unable (reg 2(3)(d)) but is not one of the ways a carer is unable (reg 3(3)).";
            if (standing == Standing.Unable) unable.Add(a.Outcome);
            else if (standing == Standing.Pending) pending.Add(a.Outcome);
            reasons.Add(reason);
        }

        var counted = unable.Distinct().ToList();
        var waiting = pending.Distinct().Except(counted).Count();
        reasons.Add(UnableSummary(counted.Select(Label), "reg 3(2)(b) needs any one"));
        // reg 3(1)(b): either circumstance in reg 3(2) is enough on its own.
        var circumstance = needs.HealthDeterioratingOrAtRisk || counted.Count > 0;
        reasons.Add((needs.HealthDeterioratingOrAtRisk, counted.Count > 0) switch
        {
            (true, true) => "The carer's circumstances meet reg 3(1)(b): the carer's health is, or is at risk of, deteriorating (reg 3(2)(a)) and the carer is unable to achieve a specified outcome (reg 3(2)(b)).",
            (true, false) => "The carer's circumstances meet reg 3(1)(b): the carer's health is, or is at risk of, deteriorating (reg 3(2)(a)), which is enough without any outcome.",
            (false, true) => "The carer's circumstances meet reg 3(1)(b): the carer is unable to achieve a specified outcome (reg 3(2)(b)).",
            _ => "The carer's circumstances do not meet reg 3(1)(b): neither circumstance in reg 3(2) is recorded.",
        });
        reasons.Add(needs.SignificantImpactOnWellbeing
            ? "There is, or is likely to be, a significant impact on the carer's well-being (reg 3(1)(c))."
            : "No significant impact on the carer's well-being is recorded (reg 3(1)(c)).");

        var outcome = (needs.ArisesFromProvidingNecessaryCare && needs.SignificantImpactOnWellbeing, circumstance, waiting) switch
        {
            (true, true, _) => EligibilityOutcome.Eligible,
            // reg 3(4): one fluctuating outcome not yet seen over a long enough period could still meet reg 3(1)(b).
            (true, false, > 0) => EligibilityOutcome.NeedsMoreEvidence,
            _ => EligibilityOutcome.NotEligible,
        };
        reasons.Add(outcome switch
        {
            EligibilityOutcome.Eligible => "Eligible: all three conditions in reg 3(1) are met.",
            EligibilityOutcome.NeedsMoreEvidence =>
                $"More evidence needed: {HowMany(waiting)} with fluctuating needs could still meet reg 3(1)(b); decide once the needs have been seen over a long enough period (reg 3(4)).",
            _ => NotMet([(needs.ArisesFromProvidingNecessaryCare, "3(1)(a)"), (circumstance, "3(1)(b)"), (needs.SignificantImpactOnWellbeing, "3(1)(c)")]),
        });
        return new(outcome, counted, reasons);
    }

    /// <summary>Null when the recorded decision follows from the recorded facts; otherwise a message for the practitioner.</summary>
    public static string? Contradiction<TOutcome>(EligibilityResult<TOutcome> computed, bool recordedEligible)
        where TOutcome : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(computed);
        return Contradiction(computed.Outcome, computed.Reasons, recordedEligible);
    }

    /// <summary>The same, for a result whose outcome and reasons are held apart from their outcome type (an assessment of either kind).</summary>
    public static string? Contradiction(EligibilityOutcome computed, IReadOnlyList<string> reasons, bool recordedEligible)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var recorded = recordedEligible ? "eligible" : "not eligible";
        var conclusion = reasons.Count > 0 ? reasons[^1] + " " : "";
        return (computed, recordedEligible) switch
        {
            // Not a contradiction: the facts cannot yet say either way.
            (EligibilityOutcome.NeedsMoreEvidence, _) =>
                $"Recorded as {recorded}, but the recorded facts need more evidence before they can support or contradict that: fluctuating needs have not yet been seen over a long enough period.",
            (EligibilityOutcome.Eligible, false) =>
                $"Recorded as not eligible, but the recorded facts meet the eligibility criteria. {conclusion}Check the decision or correct the evidence.",
            (EligibilityOutcome.NotEligible, true) =>
                $"Recorded as eligible, but the recorded facts do not meet the eligibility criteria. {conclusion}Check the decision or correct the evidence.",
            _ => null,
        };
    }

    public static string Label(AdultOutcome outcome) => outcome switch
    {
        AdultOutcome.Nutrition => "managing and maintaining nutrition",
        AdultOutcome.PersonalHygiene => "maintaining personal hygiene",
        AdultOutcome.ToiletNeeds => "managing toilet needs",
        AdultOutcome.AppropriatelyClothed => "being appropriately clothed",
        AdultOutcome.UsingHomeSafely => "being able to make use of the adult's home safely",
        AdultOutcome.HabitableHome => "maintaining a habitable home environment",
        AdultOutcome.Relationships => "developing and maintaining family or other personal relationships",
        AdultOutcome.WorkTrainingEducationOrVolunteering => "accessing and engaging in work, training, education or volunteering",
        AdultOutcome.CommunityFacilitiesAndServices =>
            "making use of necessary facilities or services in the local community including public transport, and recreational facilities or services",
        AdultOutcome.CaringForAChild => "carrying out any caring responsibilities the adult has for a child",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string Label(CarerOutcome outcome) => outcome switch
    {
        CarerOutcome.CaringForAChild => "carrying out any caring responsibilities the carer has for a child",
        CarerOutcome.CaringForOthers => "providing care to other persons for whom the carer provides care",
        CarerOutcome.HabitableHome => "maintaining a habitable home environment in the carer's home",
        CarerOutcome.Nutrition => "managing and maintaining nutrition",
        CarerOutcome.Relationships => "developing and maintaining family or other personal relationships",
        CarerOutcome.WorkTrainingEducationOrVolunteering => "engaging in work, training, education or volunteering",
        CarerOutcome.CommunityFacilitiesAndServices =>
            "making use of necessary facilities or services in the local community, including recreational facilities or services",
        CarerOutcome.RecreationalActivities => "engaging in recreational activities",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string Label(UnableBecause unable) => unable switch
    {
        UnableBecause.NeedsAssistance => "it cannot be achieved without assistance",
        UnableBecause.PainDistressOrAnxiety => "achieving it causes significant pain, distress or anxiety",
        UnableBecause.EndangersHealthOrSafety => "achieving it endangers, or is likely to endanger, the health or safety of the person or of others",
        UnableBecause.TakesSignificantlyLonger => "achieving it takes significantly longer than would normally be expected",
        _ => throw new ArgumentOutOfRangeException(nameof(unable), unable, null),
    };

    // The enums follow the regulations' order, so the position gives the paragraph letter or numeral.
    public static string Reference(AdultOutcome outcome) => $"reg 2(2)({Letter(outcome)})";

    public static string Reference(CarerOutcome outcome) => $"reg 3(2)(b)({Numerals[Defined(outcome)]})";

    /// <summary>Where a way of being unable is defined: reg 2(3) for adults, reg 3(3) for carers (which has no "significantly longer").</summary>
    public static string Reference(UnableBecause unable, bool carer) => $"reg {(carer ? 3 : 2)}(3)({Letter(unable)})";

    private static readonly string[] Numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"];

    private enum Standing
    {
        Achievable,
        Unable,
        Pending,
    }

    /// <summary>One outcome's standing and the sentence saying why; <paramref name="limbs"/> are those that count.</summary>
    private static (Standing, string) Weigh(string what, bool fluctuates, bool periodLongEnough, IReadOnlyList<UnableBecause> limbs, int reg)
    {
        // reg 2(4) and 3(4): fluctuating needs are judged over a period long enough to establish their level.
        if (fluctuates && !periodLongEnough)
            return (Standing.Pending, $"{what} cannot be counted yet: the needs fluctuate and the period considered was not long enough to establish their extent (reg {reg}(4)).");
        if (limbs.Count == 0)
            return (Standing.Achievable, $"{what} is not counted: none of the ways of being unable in reg {reg}(3) is recorded.");
        var over = fluctuates ? $", judged over a period long enough to see the fluctuating needs (reg {reg}(4))" : "";
        return (Standing.Unable, $"{what} counts as unable{over}: {string.Join("; ", limbs.Select(u => $"{Label(u)} ({Reference(u, carer: reg == 3)})"))}.");
    }

    private static string UnableSummary(IEnumerable<string> labels, string threshold)
    {
        var list = labels.ToList();
        return $"Unable to achieve {list.Count} of the specified outcomes ({threshold}){(list.Count > 0 ? ": " + string.Join("; ", list) : "")}.";
    }

    private static string NotMet(IEnumerable<(bool Met, string Condition)> conditions)
    {
        var failed = conditions.Where(c => !c.Met).Select(c => c.Condition).ToList();
        var list = failed.Count == 1 ? failed[0] : $"{string.Join(", ", failed[..^1])} and {failed[^1]}";
        return $"Not eligible: reg {list} {(failed.Count == 1 ? "is" : "are")} not met.";
    }

    private static string HowMany(int count) => count == 1 ? "1 outcome" : $"{count} outcomes";

    private static string Named(string label, string reference) => $"{char.ToUpperInvariant(label[0])}{label[1..]} ({reference})";

    private static char Letter<TEnum>(TEnum value) where TEnum : struct, Enum => (char)('a' + Defined(value));

    private static int Defined<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(value), value, null);
}
