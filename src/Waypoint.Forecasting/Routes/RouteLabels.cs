namespace Waypoint.Forecasting.Routes;

/// <summary>
/// How a route is named on the roadmap: a plain-English label for staff, easy-read words for the young person and their
/// family (short lines, one idea a line, as easy-read guidance asks), and an icon key the web page maps to a picture.
/// </summary>
public static class RouteLabels
{
    public static string Label(RouteState state) => state switch
    {
        RouteState.EducationWithEhcPlan => "Education with an EHC plan",
        RouteState.SupportedInternshipOrApprenticeship => "Supported internship or apprenticeship",
        RouteState.Employment => "Employment",
        RouteState.NotInEducationOrWork => "Not in education or work",
        RouteState.AdultCommunitySupport => "Adult social care support in the community",
        RouteState.SupportedLiving => "Supported living",
        RouteState.ResidentialOrNursingCare => "Residential or nursing care",
        RouteState.NoOngoingServices => "No ongoing services",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static IReadOnlyList<string> EasyRead(RouteState state) => state switch
    {
        RouteState.EducationWithEhcPlan => ["College or school with an EHC plan.", "The plan says what help you get."],
        RouteState.SupportedInternshipOrApprenticeship => ["Supported internship or apprenticeship.", "You learn a job at work.", "Someone helps you."],
        RouteState.Employment => ["A paid job."],
        RouteState.NotInEducationOrWork => ["Not at college.", "Not at work."],
        RouteState.AdultCommunitySupport => ["Help from adult social care.", "You live at home."],
        RouteState.SupportedLiving => ["Supported living.", "You have your own home.", "Staff help you."],
        RouteState.ResidentialOrNursingCare => ["A care home.", "Staff are there day and night."],
        RouteState.NoOngoingServices => ["No help from services now.", "You can ask again if you need help."],
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>A stable key for the route's picture (the web page maps it to an image).</summary>
    public static string Icon(RouteState state) => state switch
    {
        RouteState.EducationWithEhcPlan => "college",
        RouteState.SupportedInternshipOrApprenticeship => "internship",
        RouteState.Employment => "job",
        RouteState.NotInEducationOrWork => "at-home",
        RouteState.AdultCommunitySupport => "community-support",
        RouteState.SupportedLiving => "supported-living",
        RouteState.ResidentialOrNursingCare => "care-home",
        RouteState.NoOngoingServices => "no-services",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
