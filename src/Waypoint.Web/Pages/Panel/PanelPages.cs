using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Waypoint.Core.Panel;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>What the panel's pages and API share: the choices their questions offer, times as people type them, and auditing who saw whom.</summary>
public static partial class PanelPages
{
    public static IReadOnlyList<GovukOption> Formats { get; } = Enum.GetValues<MeetingFormat>().Select(f => new GovukOption(f.ToString(), PanelMeetings.Label(f))).ToList();
    public static IReadOnlyList<GovukOption> Agencies { get; } = Enum.GetValues<PanelAgency>().Select(a => new GovukOption(a.ToString(), PanelMeetings.Label(a))).ToList();
    public static IReadOnlyList<GovukOption> Attendances { get; } = Enum.GetValues<Attendance>().Select(a => new GovukOption(a.ToString(), PanelMeetings.Label(a))).ToList();

    public static IReadOnlyList<GovukOption> Decisions { get; } =
    [
        new(nameof(PanelDecision.AgreePackage), PanelMeetings.Label(PanelDecision.AgreePackage), "The panel agrees the package of care and support, and its weekly cost if it set one"),
        new(nameof(PanelDecision.Defer), PanelMeetings.Label(PanelDecision.Defer), "The case comes back to a later meeting: say why and which meeting"),
        new(nameof(PanelDecision.EscalateToBoard), PanelMeetings.Label(PanelDecision.EscalateToBoard), "The decision is beyond the panel: say why"),
    ];

    /// <summary>A time as people type it: "10:00", "9.30", "14:30", "2pm", "2:30pm". Null when it is none of those.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        var match = TimePattern().Match(text?.Trim() ?? "");
        if (!match.Success) return null;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = match.Groups["half"].Value.ToLowerInvariant();
        if (half.Length > 0)
        {
            if (hour is < 1 or > 12) return null;
            hour = (hour % 12) + (half == "pm" ? 12 : 0);
        }
        else if (!match.Groups["m"].Success)
        {
            return null;
        }
        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;
    }

    [GeneratedRegex("^(?<h>[0-9]{1,2})(?:[:.](?<m>[0-9]{2}))?\\s*(?<half>am|pm)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    /// <summary>The words of the link a refusal offers, by where it goes.</summary>
    public static string SeeAlsoText(string? link) => link switch
    {
        "/panel" => "See the panel's meetings",
        "/panel/new" => "Set up a meeting",
        _ when link?.StartsWith("/panel/", StringComparison.Ordinal) == true => "Go to the meeting",
        _ => "Go to the case",
    };

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>One audit row per young person a page or API answer showed (no personal data in the detail).</summary>
    public static async Task AuditViewsAsync(AuditLog audit, ClaimsPrincipal user, string action, IEnumerable<long> personIds, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        foreach (var personId in personIds.Distinct()) await audit.RecordAsync(user, action, personId, detail, cancellationToken);
    }

    /// <summary>Everyone a meeting's page shows: the young people on its agenda and those its actions are about.</summary>
    public static IEnumerable<long> PeopleShown(MeetingView meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Cases.Select(c => c.PersonId).Concat(meeting.Actions.Concat(meeting.FollowUps).Where(a => a.PersonId is not null).Select(a => a.PersonId!.Value));
    }
}
