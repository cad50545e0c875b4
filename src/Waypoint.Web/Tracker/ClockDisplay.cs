using Waypoint.Core.Rules;

namespace Waypoint.Web.Tracker;

/// <summary>How the statutory clock looks on screen: GOV.UK tag colours, always with the words.</summary>
public static class ClockDisplay
{
    public static string TagClass(MilestoneStatus status) => status switch
    {
        MilestoneStatus.Overdue => "govuk-tag govuk-tag--red",
        MilestoneStatus.Due => "govuk-tag govuk-tag--orange",
        MilestoneStatus.Upcoming => "govuk-tag govuk-tag--blue",
        MilestoneStatus.Met => "govuk-tag govuk-tag--green",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string SourceKindLabel(SourceKind kind) => kind switch
    {
        SourceKind.Guidance => "guidance",
        SourceKind.Local => "local policy",
        _ => "law",
    };

    /// <summary>The care-leaver statuses a tracker can be filtered by.</summary>
    public static readonly IReadOnlyList<CareLeaverStatus> CareLeaverStatuses =
        [CareLeaverStatus.Eligible, CareLeaverStatus.Relevant, CareLeaverStatus.FormerRelevant, CareLeaverStatus.Qualifying];
}
