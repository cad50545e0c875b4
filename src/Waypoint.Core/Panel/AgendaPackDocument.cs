using Waypoint.Core.Documents;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Panel;

/// <summary>
/// The agenda pack as a Word document (.docx), for panels that still circulate papers: a cover with the meeting and
/// who is expected, then each case, then the actions to follow up. Headings are Word's own heading styles and table
/// heading rows are marked as such, so the navigation pane and screen readers find their way round it.
/// </summary>
public static class AgendaPackDocument
{
    public const string ContentType = WordDocument.ContentType;

    /// <summary>The file name a download offers: the meeting's date, never a young person's name.</summary>
    public static string FileName(AgendaPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return $"panel-agenda-pack-{pack.Meeting.MeetsOn:yyyy-MM-dd}.docx";
    }

    public static byte[] Write(AgendaPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var meeting = pack.Meeting;
        var document = new WordDocument();
        document.Title("Transitions panel agenda pack");
        document.Paragraph($"{meeting.When}. {PanelMeetings.Label(meeting.Format)}: {meeting.Place}.");
        document.Paragraph($"Chair: {meeting.Chair}. Prepared on {Dates.Format(pack.AsOf)}.");
        document.Paragraph("This pack holds personal data about young people. Share it only with panel members, keep it secure, and destroy paper copies after the meeting.");

        document.Heading(1, "Attendance expected");
        if (meeting.Attendees.Count == 0) document.Paragraph("No one has been added to the attendance list yet.");
        else document.Table(["Agency", "Name", "Role", "Attendance"], meeting.Attendees.Select(a => new[] { PanelMeetings.Label(a.Agency), a.Name, a.Role ?? "", PanelMeetings.Label(a.Attendance) }));

        document.Heading(1, "Cases");
        if (pack.Cases.Count == 0) document.Paragraph("No cases have been added to this meeting.");
        else document.Bullets(pack.Cases.Select((c, i) => $"{i + 1}. {c.DisplayName} ({c.Reference}): {c.Question}"));

        var number = 0;
        foreach (var c in pack.Cases)
        {
            document.Heading(1, $"Case {++number}: {c.DisplayName}");
            document.Heading(2, "Who the young person is");
            document.Table(["", ""],
            [
                ["Name", c.DisplayName],
                ["Reference", c.Reference],
                ["Date of birth", c.DateOfBirth is { } born ? Dates.Format(born) : "Not recorded"],
                ["Age", c.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Not known"],
                ["Cohorts", c.Cohorts.Count == 0 ? "None from the data" : string.Join(", ", c.Cohorts)],
                ["Stage", TransitionsStages.Label(c.Stage)],
                ["Likely to need adult care and support", c.LikelyNeeds ?? "Not from the council's rules"],
                ["The panel is asked", c.Question],
            ], firstColumnIsHeading: true);

            document.Heading(2, "Statutory milestones and flags");
            if (c.Flags.Count == 0) document.Paragraph("No flags.");
            else document.Bullets(c.Flags.Select(f => $"Flag: {f.Name} ({f.RuleId}). {f.Explanation}"));
            if (c.Milestones.Count == 0) document.Paragraph("No statutory milestones apply.");
            else document.Table(["Status", "Milestone", "Due", "Why"], c.Milestones.Select(m => new[] { StatutoryClock.StatusLabel(m.Status), $"{m.Name} ({m.RuleId})", m.Due is { } due ? Dates.Format(due) : "", m.Explanation }));

            document.Heading(2, "Costs");
            if (c.Costs.Count == 0) document.Paragraph("No placement or service costs in the council's data.");
            else
            {
                document.Table(["Service", "What", "Weekly cost", "From", "To"], c.Costs.Select(k => new[]
                {
                    k.Service, k.Description, PanelMeetings.Weekly(k.WeeklyCost), Dates.Format(k.From), k.To is { } to ? Dates.Format(to) : k.Current ? "Continuing" : "",
                }));
            }

            document.Heading(2, "Referral");
            if (c.Referral is not { } r) document.Paragraph("No referral recorded.");
            else
            {
                document.Table(["", ""],
                [
                    ["Received", Dates.Format(r.ReceivedOn)],
                    ["From", Referrals.Label(r.Source) + (r.Referrer is null ? "" : ": " + r.Referrer)],
                    ["Urgency", Referrals.Label(r.Urgency)],
                    ["Reason", r.Reason],
                ], firstColumnIsHeading: true);
            }

            document.Heading(2, "Assessment summary");
            foreach (var line in c.AssessmentSummary) document.Paragraph(line);

            if (c.Decision is { } decision)
            {
                document.Heading(2, "Panel decision");
                document.Paragraph(decision.Summary);
                if (decision.Reason is not null) document.Paragraph("Reason: " + decision.Reason);
                if (decision.Notes is not null) document.Paragraph("Notes: " + decision.Notes);
            }
        }

        document.Heading(1, "Actions to follow up");
        if (meeting.FollowUps.Count == 0) document.Paragraph("No open actions from earlier meetings.");
        else document.Table(["Action", "About", "Owner", "Due", "Set on"], meeting.FollowUps.Select(ActionRow));
        if (meeting.Actions.Count > 0)
        {
            document.Heading(1, "Actions set at this meeting");
            document.Table(["Action", "About", "Owner", "Due", "Set on"], meeting.Actions.Select(ActionRow));
        }

        return document.Save($"Transitions panel agenda pack, {Dates.Format(meeting.MeetsOn)}", "OFFICIAL-SENSITIVE");
    }

    private static string[] ActionRow(ActionView a) =>
        [a.Description, a.DisplayName is null ? "The panel's own business" : $"{a.DisplayName} ({a.Reference})", a.Owner, Dates.Format(a.DueOn), Dates.Format(a.SetOn)];
}
