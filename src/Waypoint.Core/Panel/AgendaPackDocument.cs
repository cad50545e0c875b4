using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
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
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
        var body = new Body();
        Title(body, "Transitions panel agenda pack");
        Paragraph(body, $"{meeting.When}. {PanelMeetings.Label(meeting.Format)}: {meeting.Place}.");
        Paragraph(body, $"Chair: {meeting.Chair}. Prepared on {Dates.Format(pack.AsOf)}.");
        Paragraph(body, "This pack holds personal data about young people. Share it only with panel members, keep it secure, and destroy paper copies after the meeting.");

        Heading(body, 1, "Attendance expected");
        if (meeting.Attendees.Count == 0) Paragraph(body, "No one has been added to the attendance list yet.");
        else Table(body, ["Agency", "Name", "Role", "Attendance"], meeting.Attendees.Select(a => new[] { PanelMeetings.Label(a.Agency), a.Name, a.Role ?? "", PanelMeetings.Label(a.Attendance) }));

        Heading(body, 1, "Cases");
        if (pack.Cases.Count == 0) Paragraph(body, "No cases have been added to this meeting.");
        else Bullets(body, pack.Cases.Select((c, i) => $"{i + 1}. {c.DisplayName} ({c.Reference}): {c.Question}"));

        var number = 0;
        foreach (var c in pack.Cases)
        {
            Heading(body, 1, $"Case {++number}: {c.DisplayName}");
            Heading(body, 2, "Who the young person is");
            Table(body, ["", ""],
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

            Heading(body, 2, "Statutory milestones and flags");
            if (c.Flags.Count == 0) Paragraph(body, "No flags.");
            else Bullets(body, c.Flags.Select(f => $"Flag: {f.Name} ({f.RuleId}). {f.Explanation}"));
            if (c.Milestones.Count == 0) Paragraph(body, "No statutory milestones apply.");
            else Table(body, ["Status", "Milestone", "Due", "Why"], c.Milestones.Select(m => new[] { StatutoryClock.StatusLabel(m.Status), $"{m.Name} ({m.RuleId})", m.Due is { } due ? Dates.Format(due) : "", m.Explanation }));

            Heading(body, 2, "Costs");
            if (c.Costs.Count == 0) Paragraph(body, "No placement or service costs in the council's data.");
            else
            {
                Table(body, ["Service", "What", "Weekly cost", "From", "To"], c.Costs.Select(k => new[]
                {
                    k.Service, k.Description, PanelMeetings.Weekly(k.WeeklyCost), Dates.Format(k.From), k.To is { } to ? Dates.Format(to) : k.Current ? "Continuing" : "",
                }));
            }

            Heading(body, 2, "Referral");
            if (c.Referral is not { } r) Paragraph(body, "No referral recorded.");
            else
            {
                Table(body, ["", ""],
                [
                    ["Received", Dates.Format(r.ReceivedOn)],
                    ["From", Referrals.Label(r.Source) + (r.Referrer is null ? "" : ": " + r.Referrer)],
                    ["Urgency", Referrals.Label(r.Urgency)],
                    ["Reason", r.Reason],
                ], firstColumnIsHeading: true);
            }

            Heading(body, 2, "Assessment summary");
            foreach (var line in c.AssessmentSummary) Paragraph(body, line);

            if (c.Decision is { } decision)
            {
                Heading(body, 2, "Panel decision");
                Paragraph(body, decision.Summary);
                if (decision.Reason is not null) Paragraph(body, "Reason: " + decision.Reason);
                if (decision.Notes is not null) Paragraph(body, "Notes: " + decision.Notes);
            }
        }

        Heading(body, 1, "Actions to follow up");
        if (meeting.FollowUps.Count == 0) Paragraph(body, "No open actions from earlier meetings.");
        else Table(body, ["Action", "About", "Owner", "Due", "Set on"], meeting.FollowUps.Select(ActionRow));
        if (meeting.Actions.Count > 0)
        {
            Heading(body, 1, "Actions set at this meeting");
            Table(body, ["Action", "About", "Owner", "Due", "Set on"], meeting.Actions.Select(ActionRow));
        }

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            Styles(main);
            Numbering(main);
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new RunProperties(new Bold()), new Text("OFFICIAL-SENSITIVE"))));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            document.PackageProperties.Title = $"Transitions panel agenda pack, {Dates.Format(meeting.MeetsOn)}";
            document.PackageProperties.Creator = "Waypoint";
            document.PackageProperties.Language = "en-GB";
        }
        return stream.ToArray();
    }

    private static string[] ActionRow(ActionView a) =>
        [a.Description, a.DisplayName is null ? "The panel's own business" : $"{a.DisplayName} ({a.Reference})", a.Owner, Dates.Format(a.DueOn), Dates.Format(a.SetOn)];

    // The general Word building blocks, kept private so the lead can merge them with the documents the pathway writes.

    private static void Title(Body body, string text) => body.Append(Styled("Title", text));

    private static void Heading(Body body, int level, string text) => body.Append(Styled($"Heading{level}", text));

    private static void Paragraph(Body body, string text) => body.Append(Styled(null, text));

    private static void Bullets(Body body, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            var paragraph = new Paragraph(new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" }, new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })));
            paragraph.Append(Runs(item));
            body.Append(paragraph);
        }
    }

    /// <summary>A table across the page; its first row repeats on each page and is the heading row (blank headings make a key-value table).</summary>
    private static void Table(Body body, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows, bool firstColumnIsHeading = false)
    {
        var border = new Func<BorderType, BorderType>(b =>
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Color = "B1B4B6";
            return b;
        });
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(border(new TopBorder()), border(new BottomBorder()), border(new LeftBorder()), border(new RightBorder()), border(new InsideHorizontalBorder()), border(new InsideVerticalBorder())),
            new TableLook { FirstRow = headings.Any(h => h.Length > 0), FirstColumn = firstColumnIsHeading }));
        if (headings.Any(h => h.Length > 0))
        {
            var heading = new TableRow(new TableRowProperties(new TableHeader()));
            heading.Append(headings.Select(h => Cell(h, bold: true)));
            table.Append(heading);
        }
        foreach (var row in rows) table.Append(new TableRow(row.Select((value, i) => Cell(value, bold: firstColumnIsHeading && i == 0))));
        body.Append(table);
        body.Append(new Paragraph());
    }

    private static TableCell Cell(string text, bool bold) => new(new Paragraph(Runs(text, bold)));

    private static Paragraph Styled(string? style, string text)
    {
        var paragraph = style is null ? new Paragraph() : new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(Runs(text));
        return paragraph;
    }

    /// <summary>Text as runs, its line breaks kept (practitioners' free text has them).</summary>
    private static IEnumerable<OpenXmlElement> Runs(string text, bool bold = false)
    {
        // Control characters have no place in XML 1.0: a pasted one would make the document unreadable.
        var clean = new string([.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Where(ch => ch is '\n' or '\t' || !char.IsControl(ch))]);
        var lines = clean.Split('\n');
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        yield return run;
    }

    /// <summary>Arial throughout (as GOV.UK's printed documents), British English, and headings Word knows as headings.</summary>
    private static void Styles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        static Style Paragraph(string id, string name, int halfPoints, bool bold, int? outline, int spaceBefore, int spaceAfter)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
            if (id == "Normal") style.Default = true;
            style.Append(new StyleName { Val = name });
            if (id != "Normal") style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
            style.Append(new PrimaryStyle());
            var paragraph = new StyleParagraphProperties();
            if (outline is not null) paragraph.Append(new KeepNext());
            paragraph.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = spaceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
            style.Append(paragraph);
            var run = new StyleRunProperties();
            if (bold) run.Append(new Bold());
            run.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            style.Append(run);
            return style;
        }
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                    new FontSize { Val = "22" },
                    new Languages { Val = "en-GB" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            Paragraph("Normal", "Normal", 22, false, null, 0, 120),
            Paragraph("Title", "Title", 40, true, null, 0, 240),
            Paragraph("Heading1", "heading 1", 32, true, 0, 360, 120),
            Paragraph("Heading2", "heading 2", 26, true, 1, 240, 120),
            Paragraph("ListParagraph", "List Paragraph", 22, false, null, 0, 60));
    }

    /// <summary>One bullet list definition, used by every bulleted paragraph.</summary>
    private static void Numbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(
            new AbstractNum(
                new Level(
                    new NumberingFormat { Val = NumberFormatValues.Bullet },
                    new LevelText { Val = "•" },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
                { LevelIndex = 0 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
    }
}
