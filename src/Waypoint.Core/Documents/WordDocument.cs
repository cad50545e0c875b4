using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Waypoint.Core.Documents;

/// <summary>A written document ready to download: the name it is offered under (never a person's name) and its bytes.</summary>
public sealed record WordFile(string FileName, byte[] Content)
{
    public static string ContentType => WordDocument.ContentType;
}

/// <summary>
/// A Word document (.docx) written top to bottom: a title, headings, paragraphs, bulleted lines and tables. Headings are
/// Word's own heading styles and table heading rows are marked as such and repeat on each page, so the navigation pane
/// and screen readers find their way round it (Public Sector Bodies Accessibility Regulations 2018). Arial throughout,
/// as GOV.UK's printed documents, in British English. Every document Waypoint writes goes through here.
/// </summary>
public sealed class WordDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private readonly Body _body = new();
    private bool _saved;

    public void Title(string text) => Append(Styled("Title", text));

    /// <summary>A heading at level 1 or 2: deeper levels make a letter harder to follow, not easier.</summary>
    public void Heading(int level, string text)
    {
        if (level is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(level), level, "Headings are at level 1 or 2.");
        Append(Styled($"Heading{level.ToString(CultureInfo.InvariantCulture)}", text));
    }

    public void Paragraph(string text) => Append(Styled(null, text));

    public void Bullets(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            var paragraph = new Paragraph(new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" }, new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })));
            paragraph.Append(Runs(item));
            Append(paragraph);
        }
    }

    /// <summary>A table across the page; its first row repeats on each page and is the heading row (blank headings make a key-value table).</summary>
    public void Table(IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows, bool firstColumnIsHeading = false)
    {
        ArgumentNullException.ThrowIfNull(headings);
        ArgumentNullException.ThrowIfNull(rows);
        var border = new Func<BorderType, BorderType>(b =>
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Color = "B1B4B6";
            return b;
        });
        var headed = headings.Any(h => h.Length > 0);
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(border(new TopBorder()), border(new BottomBorder()), border(new LeftBorder()), border(new RightBorder()), border(new InsideHorizontalBorder()), border(new InsideVerticalBorder())),
            new TableLook { FirstRow = headed, FirstColumn = firstColumnIsHeading }));
        if (headed)
        {
            var heading = new TableRow(new TableRowProperties(new TableHeader()));
            heading.Append(headings.Select(h => Cell(h, bold: true)));
            table.Append(heading);
        }
        foreach (var row in rows) table.Append(new TableRow(row.Select((value, i) => Cell(value, bold: firstColumnIsHeading && i == 0))));
        Append(table);
        Append(new Paragraph());
    }

    /// <summary>
    /// The finished document. <paramref name="title"/> is its title in the file's properties; <paramref name="marking"/>,
    /// if any, is printed at the top of every page (a protective marking, or "Private and confidential" on a letter).
    /// </summary>
    public byte[] Save(string title, string? marking)
    {
        if (_saved) throw new InvalidOperationException("A document is saved once.");
        _saved = true;
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            Styles(main);
            Numbering(main);
            var section = new SectionProperties();
            if (marking is not null)
            {
                var header = main.AddNewPart<HeaderPart>();
                header.Header = new Header(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new RunProperties(new Bold()), new Text(marking))));
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
            }
            // A4 with 2 cm margins.
            section.Append(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 });
            _body.Append(section);
            main.Document = new Document(_body);
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "Waypoint";
            document.PackageProperties.Language = "en-GB";
        }
        return stream.ToArray();
    }

    private void Append(OpenXmlElement element)
    {
        if (_saved) throw new InvalidOperationException("The document is already saved.");
        _body.Append(element);
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
        ArgumentNullException.ThrowIfNull(text);
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
            paragraph.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture), After = spaceAfter.ToString(CultureInfo.InvariantCulture) });
            if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
            style.Append(paragraph);
            var run = new StyleRunProperties();
            if (bold) run.Append(new Bold());
            run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
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
