using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Documents;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

/// <summary>What every letter opens with: who it is about, as the council's records show them, the council, and the date it is written.</summary>
public sealed record LetterDetails(string Reference, string DisplayName, DateOnly? DateOfBirth, string? CouncilName, DateOnly WrittenOn);

/// <summary>What a young person's letters are written from: their latest assessment and refused request, and the name of who decided.</summary>
public sealed record LetterSources(long PersonId, string Reference, string DisplayName, DateOnly? DateOfBirth, TransitionAssessment? Assessment, AssessmentRefusal? Refusal, string? DecidedByName)
{
    public LetterDetails Details(string? councilName, DateOnly writtenOn) => new(Reference, DisplayName, DateOfBirth, councilName, writtenOn);
}

/// <summary>
/// The written records the Care Act 2014 says a young person and their family are given, as Word documents in plain
/// English: the record of the eligibility decision and its reasons (s.13(2)), the advice where no need is eligible
/// (s.13(5)), and the reasons and advice when a request for a transition assessment is refused (s.58(5), s.60(5),
/// s.63(5)). File names carry the person's opaque reference, never their name.
/// </summary>
public static class PathwayLetters
{
    /// <summary>Printed at the top of every page: these go to a family, so a plain handling instruction rather than a protective marking.</summary>
    public const string Marking = "Private and confidential";

    /// <summary>The person and what their letters are written from; null when there is no such person in the council.</summary>
    public static async Task<LetterSources?> GatherAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        var assessment = await Assessments.LatestAsync(db, view.PersonId, cancellationToken);
        var refusal = await Assessments.LatestRefusalAsync(db, view.PersonId, cancellationToken);
        var decidedByName = assessment?.DecidedBy is { } decidedBy ? (await StaffDirectory.NamesAsync(db, council, [decidedBy], cancellationToken))[decidedBy] : null;
        return new LetterSources(view.PersonId, view.Reference, view.DisplayName, view.DateOfBirth, assessment, refusal, decidedByName);
    }

    /// <summary>
    /// The written record of the eligibility decision and its reasons (Care Act 2014 s.13(2)): the assessment, the
    /// decision and the practitioner's reasons, each specified outcome with the evidence, the conditions, how the
    /// recorded facts measure up to the regulations, who decided, and what happens next.
    /// </summary>
    public static WordFile DecisionRecord(LetterDetails details, TransitionAssessment assessment, string? decidedByName = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment is not { Eligible: { } eligible, DecidedOn: { } decidedOn })
            throw new PathwayRefusedException("The assessment has not been decided yet: the written record of the decision is made once the decision is.");
        var (who, needs) = Whose(details, assessment);
        var carer = assessment.ForCarer;
        var reg = carer ? 3 : 2;
        var document = new WordDocument();
        document.Title("Eligibility decision: written record");
        document.Paragraph($"{Council(details, capital: true)} has decided whether {who} has needs for {needs} that meet the national eligibility criteria. "
            + "This is the written record of the decision and our reasons, which we must give you (Care Act 2014, section 13(2)).");
        document.Table(["", ""],
        [
            .. Opening(details),
            ["Assessment", Assessments.Label(assessment.Kind)],
            .. assessment.CarerName is { } carerName ? new[] { new[] { "Carer assessed", carerName } } : [],
            ["How the assessment went ahead", Assessments.Label(assessment.Footing)],
            ["Assessment started", Dates.Format(assessment.StartedOn)],
            ["Decision made", Dates.Format(decidedOn)],
            ["Decided by", decidedByName ?? assessment.DecidedBy ?? "Not recorded"],
        ], firstColumnIsHeading: true);

        document.Heading(1, "The decision");
        document.Paragraph(eligible
            ? $"Eligible. {Sentences.Capital(who)} has needs for {needs} that meet the national eligibility criteria."
            : $"Not eligible. {Sentences.Capital(who)} does not have needs for {needs} that meet the national eligibility criteria.");
        document.Heading(2, "Our reasons");
        document.Paragraph(assessment.DecisionReasons ?? "Not recorded.");
        if (assessment.DepartureReason is { } departure)
        {
            document.Heading(2, "Why the decision differs from the checklist");
            document.Paragraph("On their own, the facts recorded below point to a different decision. We decided as we did for this reason:");
            document.Paragraph(departure);
            document.Paragraph("A manager checks every decision like this.");
        }

        var outcomes = Assessments.OutcomesFor(assessment.Kind);
        document.Heading(1, "Outcome by outcome");
        document.Paragraph($"The regulations list {outcomes.Count} outcomes (the Care and Support (Eligibility Criteria) Regulations 2015, regulation {reg}(2)). "
            + $"For each one, we recorded whether {who} can achieve it, and the evidence we used.");
        var ways = Assessments.WaysUnable(assessment.Kind);
        foreach (var definition in outcomes)
        {
            document.Heading(2, $"{definition.Label} ({definition.Reference})");
            if (assessment.Outcomes.FirstOrDefault(o => o.Outcome == definition.Key) is not { } outcome)
            {
                document.Paragraph("Not recorded.");
                continue;
            }
            var unable = ways.Where(outcome.Unable.Contains).ToList();
            if (unable.Count == 0) document.Paragraph("Can achieve this.");
            else
            {
                document.Paragraph("Unable to achieve this, because:");
                document.Bullets(unable.Select(u => $"{Sentences.Capital(Eligibility.Label(u))} ({Eligibility.Reference(u, carer)})."));
            }
            if (outcome.Fluctuates)
            {
                document.Paragraph(outcome.PeriodLongEnough
                    ? $"The needs go up and down. We looked at them over a period long enough to see this (reg {reg}(4))."
                    : $"The needs go up and down, and we have not yet seen them over a period long enough to judge them (reg {reg}(4)).");
            }
            // Eligibility is decided as if the need were unmet: a carer's help matters only to how it is met.
            if (outcome.MetByCarer) document.Paragraph("Someone currently helps with this. That does not change whether the need is eligible.");
            document.Paragraph("Evidence: " + outcome.Evidence);
        }

        document.Heading(1, "The conditions");
        document.Paragraph("As well as the outcomes, the regulations set conditions that must all be met.");
        document.Bullets(carer
            ?
            [
                $"The needs arise because of providing necessary care for an adult (reg 3(1)(a)): {YesNo(assessment.NeedsArise)}.",
                $"The carer's physical or mental health is getting worse, or is at risk of getting worse (reg 3(2)(a)): {YesNo(assessment.HealthAtRisk)}.",
                $"There is, or is likely to be, a significant impact on the carer's well-being (reg 3(1)(c)): {YesNo(assessment.WellbeingImpact)}.",
            ]
            :
            [
                $"The needs arise from, or are related to, a physical or mental impairment or illness (reg 2(1)(a)): {YesNo(assessment.NeedsArise)}.",
                $"There is, or is likely to be, a significant impact on well-being (reg 2(1)(c)): {YesNo(assessment.WellbeingImpact)}.",
            ]);
        if (assessment.ConditionsEvidence is { } evidence) document.Paragraph("Evidence: " + evidence);

        document.Heading(1, "How the recorded facts measure up to the regulations");
        document.Paragraph("We checked what we recorded against the regulations. This is what the check found:");
        document.Bullets(Assessments.Weigh(assessment).Reasons);

        document.Heading(1, "What happens next");
        if (eligible)
        {
            document.Paragraph("We will work with you to agree a support plan. It will say how the eligible needs will be met, and what you want to achieve as you become an adult.");
            document.Paragraph("Your worker will contact you to arrange this.");
        }
        else
        {
            document.Paragraph("None of the needs meets the national eligibility criteria, so we will not arrange care and support to meet them.");
            document.Paragraph("We have enclosed written advice and information about what can be done to meet or reduce the needs, and to prevent or delay needs developing (Care Act 2014, section 13(5)).");
            document.Paragraph("If things change, contact us and we will look at the needs again.");
        }
        IfYouDisagree(document, "decision");
        return new WordFile($"decision-record-{details.Reference}.docx", document.Save($"Eligibility decision: written record, {details.Reference}", Marking));
    }

    /// <summary>
    /// Where no need is eligible: the written advice and information about what can be done to meet or reduce the
    /// needs, and to prevent or delay the development of needs (Care Act 2014 s.13(5)), and where the young person was signposted.
    /// </summary>
    public static WordFile AdviceLetter(LetterDetails details, TransitionAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment is not { Eligible: { } eligible, DecidedOn: { } decidedOn })
            throw new PathwayRefusedException("The assessment has not been decided yet: the advice letter follows a decision of not eligible.");
        if (eligible)
            throw new PathwayRefusedException("The decision was eligible: the advice letter is for needs that are not eligible (Care Act 2014 s.13(5)). Give the written record of the decision and agree a support plan.");
        if (assessment.Advice is not { } advice)
            throw new PathwayRefusedException("No written advice was recorded with this decision, so there is no advice letter to write.");
        var (who, needs) = Whose(details, assessment);
        var document = new WordDocument();
        document.Title("Advice and information about meeting and preventing needs");
        document.Paragraph($"On {Dates.Format(decidedOn)}, {Council(details, capital: false)} decided that {who} does not have needs for {needs} that meet the national eligibility criteria. "
            + "The decision and our reasons are in the written record of the decision.");
        document.Paragraph("We must also give you written advice and information about what can be done to meet or reduce the needs, and what can be done to prevent or delay needs developing (Care Act 2014, section 13(5)). This letter gives that advice.");
        document.Table(["", ""],
        [
            .. Opening(details),
            ["Assessment", Assessments.Label(assessment.Kind)],
            ["Decision made", Dates.Format(decidedOn)],
        ], firstColumnIsHeading: true);

        document.Heading(1, "Our advice");
        document.Paragraph(advice);
        if (assessment.SignpostedTo is { } signposted)
        {
            document.Heading(1, "Other help we have put you in touch with");
            document.Paragraph(signposted);
        }
        document.Heading(1, "If things change");
        document.Paragraph("If the needs change or get worse, contact us. We can look at them again.");
        IfYouDisagree(document, "decision");
        return new WordFile($"advice-letter-{details.Reference}.docx", document.Save($"Advice and information, {details.Reference}", Marking));
    }

    /// <summary>
    /// A refused request for a transition assessment: the written reasons, and the information and advice about what
    /// can be done to prevent or delay the development of needs (Care Act 2014 s.58(5), s.60(5), s.63(5)).
    /// </summary>
    public static WordFile RefusalLetter(LetterDetails details, AssessmentRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(refusal);
        var document = new WordDocument();
        document.Title("Your request for a transition assessment");
        document.Paragraph($"On {Dates.Format(refusal.RefusedOn)}, {Council(details, capital: false)} decided not to carry out a transition assessment for {details.DisplayName}. "
            + "A transition assessment looks at the care and support a young person, or their carer, is likely to need after the young person turns 18.");
        document.Paragraph("We must give you our reasons in writing, with information and advice about what can be done to prevent or delay needs developing (Care Act 2014, sections 58(5), 60(5) and 63(5)).");
        document.Table(["", ""],
        [
            .. Opening(details),
            ["Request refused on", Dates.Format(refusal.RefusedOn)],
        ], firstColumnIsHeading: true);

        document.Heading(1, "Why we refused the request");
        document.Paragraph(refusal.Reasons);
        document.Heading(1, "Preventing or delaying needs");
        document.Paragraph(refusal.PreventionAdvice);
        document.Heading(1, "If things change");
        document.Paragraph("You can ask for a transition assessment again at any time, for example if needs change.");
        document.Paragraph("We must carry one out when a young person is likely to need care and support after turning 18 and the assessment would be of significant benefit to them (Care Act 2014, section 58).");
        IfYouDisagree(document, "refusal");
        return new WordFile($"refusal-letter-{details.Reference}.docx", document.Save($"Request for a transition assessment refused, {details.Reference}", Marking));
    }

    /// <summary>Whose needs the assessment weighed, and what needs: the young person's own, or a carer's (s.60, s.63).</summary>
    private static (string Who, string Needs) Whose(LetterDetails details, TransitionAssessment assessment) => assessment.Kind switch
    {
        AssessmentKind.ChildsCarers => ($"{assessment.CarerName ?? "the carer"}, as {details.DisplayName}'s carer,", "support as a carer"),
        AssessmentKind.YoungCarers => ($"{details.DisplayName}, as a young carer,", "support as a carer"),
        _ => (details.DisplayName, "care and support"),
    };

    private static IEnumerable<string[]> Opening(LetterDetails details)
    {
        if (details.CouncilName is { } council) yield return ["From", council];
        yield return ["Date", Dates.Format(details.WrittenOn)];
        yield return ["Name", details.DisplayName];
        yield return ["Date of birth", details.DateOfBirth is { } born ? Dates.Format(born) : "Not recorded"];
        yield return ["Our reference", details.Reference];
    }

    /// <summary>How to challenge it, kept general: the council's own contact details and complaints route go with the letter.</summary>
    private static void IfYouDisagree(WordDocument document, string what)
    {
        document.Heading(1, "If you disagree");
        document.Paragraph($"If you think this {what} is wrong, or something in this letter is not right, tell your worker or contact the council's adult social care team. You can ask us to look at the {what} again.");
        document.Paragraph("You can also complain through the council's complaints procedure. If you are still unhappy after that, you can ask the Local Government and Social Care Ombudsman to look at your complaint.");
        document.Heading(1, "Help with this letter");
        document.Paragraph("If you would like this letter in another format, such as large print or easy read, or in another language, please ask us.");
        document.Paragraph("If you find it hard to take part in decisions about your care and support and have no one suitable to help you, you may be able to have an independent advocate (Care Act 2014, section 67).");
    }

    private static string Council(LetterDetails details, bool capital) => details.CouncilName ?? (capital ? "The council" : "the council");

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "not recorded",
    };

}
