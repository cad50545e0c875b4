using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;

namespace Waypoint.Web.Pages.Cases;

/// <summary>The words the assessment pages share: the kinds and footings as choices, and how an outcome stands.</summary>
public static class AssessmentWords
{
    public static IReadOnlyList<GovukOption> Kinds { get; } =
    [
        new(nameof(AssessmentKind.ChildsNeeds), Assessments.Label(AssessmentKind.ChildsNeeds), "The young person's own likely needs for care and support after 18, weighed against the ten adult outcomes"),
        new(nameof(AssessmentKind.ChildsCarers), Assessments.Label(AssessmentKind.ChildsCarers), "A parent's or carer's likely needs as a carer once the young person turns 18, weighed against the eight carer outcomes"),
        new(nameof(AssessmentKind.YoungCarers), Assessments.Label(AssessmentKind.YoungCarers), "The young person's likely needs as a carer after 18, weighed against the eight carer outcomes"),
    ];

    public static IReadOnlyList<GovukOption> Footings { get; } =
    [
        new(nameof(AssessmentFooting.Consent), Assessments.Label(AssessmentFooting.Consent), "The person has capacity, or is competent, and agrees to the assessment"),
        new(nameof(AssessmentFooting.BestInterests), Assessments.Label(AssessmentFooting.BestInterests), "The person lacks capacity, or is not competent, and the assessment is in their best interests"),
        new(nameof(AssessmentFooting.AbuseOrNeglect), Assessments.Label(AssessmentFooting.AbuseOrNeglect), "The child is experiencing, or at risk of, abuse or neglect (Care Act 2014 s.58(4))"),
    ];

    public static IReadOnlyList<GovukOption> YesNo { get; } = [new("True", "Yes"), new("False", "No")];

    /// <summary>"Achievable", "Unable: ..." with the ways, or "Not recorded".</summary>
    public static string Standing(AssessedOutcome? outcome) => outcome switch
    {
        null => "Not recorded",
        { Achievable: true } => "Achievable",
        _ => "Unable: " + string.Join("; ", outcome.Unable.Order().Select(Eligibility.Label)),
    };

    public static string Outcome(EligibilityOutcome outcome) => outcome switch
    {
        EligibilityOutcome.Eligible => "Eligible",
        EligibilityOutcome.NotEligible => "Not eligible",
        _ => "Needs more evidence",
    };

    public static string Decision(bool eligible) => eligible ? "Eligible for care and support" : "Not eligible for care and support";
}
