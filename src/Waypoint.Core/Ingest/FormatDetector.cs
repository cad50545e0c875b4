using System.Text;
using System.Xml;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Tells which source format a file holds from its content, never its name (formats.md: "identify a table by
/// its set of column names"). Reads only the heading row or the first XML elements.
/// </summary>
public static class FormatDetector
{
    /// <summary>The columns each CSV table must have. Extra columns are ignored.</summary>
    internal static readonly IReadOnlyDictionary<SourceFileKind, string[]> RequiredColumns = new Dictionary<SourceFileKind, string[]>
    {
        [SourceFileKind.Ssda903Header] = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        [SourceFileKind.Ssda903Episodes] = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
        [SourceFileKind.Ssda903Uasc] = ["CHILD", "SEX", "DOB", "DUC"],
        [SourceFileKind.Ssda903Oc2] = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
        [SourceFileKind.Ssda903Oc3] = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
        [SourceFileKind.Ssda903Ad1] = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
        [SourceFileKind.Ssda903PlacedAdoption] = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
        [SourceFileKind.Ssda903PrevPerm] = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
        [SourceFileKind.Ssda903Missing] = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
        [SourceFileKind.Ssda903Reviews] = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
        [SourceFileKind.Ssda903SwEpisodes] = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
        [SourceFileKind.Ssda903DoLo] = ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
        // A CLD file carries many more columns; these are the ones Waypoint cannot do without.
        [SourceFileKind.Cld] = ["LA Person Unique Identifier", "Date of Birth", "Event Type", "Event Start Date"],
    };

    /// <summary>Detects the format, or throws <see cref="ImportFatalException"/> naming what is wrong.</summary>
    public static SourceFileKind Detect(string path)
    {
        var report = new FileReport(path, SourceFileKind.Unrecognised);
        if (!File.Exists(path)) throw report.Fatal(DataQualityRules.FileNotFound, 0, "(file)", "no such file");
        using var stream = File.OpenRead(path);
        var first = FirstSignificantByte(stream);
        stream.Position = 0;
        return first == '<' ? DetectXml(stream, report) : DetectCsv(path, report);
    }

    /// <summary>
    /// The first character that is not white space, after any byte order mark: enough to tell XML from CSV in UTF-8 and in
    /// UTF-16 (whose ASCII characters have a zero byte beside them, with or without a byte order mark).
    /// </summary>
    private static int FirstSignificantByte(Stream stream)
    {
        Span<byte> head = stackalloc byte[64];
        var read = stream.Read(head);
        var span = head[..read];
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) span = span[2..];
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0)) return b;
        }
        return -1;
    }

    private static SourceFileKind DetectXml(Stream stream, FileReport report)
    {
        RefuseDtd(stream, report);
        using var reader = XmlReader.Create(stream, XmlSources.Settings);
        try
        {
            reader.MoveToContent();
            // The 903 XML variant is told by its root element (formats.md section 1).
            if (reader.LocalName == "EXPSSDA903") return SourceFileKind.Ssda903Xml;
            if (reader.LocalName != "Message")
                throw report.Fatal(DataQualityRules.UnknownFormat, LineOf(reader), FieldChecks.Shown(reader.LocalName), $"an XML file whose root is <{FieldChecks.Shown(reader.LocalName)}> is not a format Waypoint reads (CIN census, SEN2 or SSDA903 expected)");
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "Collection":
                        var collection = reader.ReadElementContentAsString().Trim().ToUpperInvariant();
                        if (collection == "CIN") return SourceFileKind.Cin;
                        if (collection == "SEN2") return SourceFileKind.Sen2;
                        throw report.Fatal(DataQualityRules.UnknownFormat, LineOf(reader), "Message/Header/CollectionDetails/Collection", $"collection '{FieldChecks.Shown(collection)}' is not one Waypoint reads (CIN or SEN2)");
                    case "Children":
                        return SourceFileKind.Cin;
                    case "Persons":
                        return SourceFileKind.Sen2;
                }
            }
        }
        catch (XmlException e)
        {
            throw XmlRecords.NotWellFormed(e, reader, report);
        }
        catch (DecoderFallbackException)
        {
            throw CsvRows.NotUtf8(report.Path, report);
        }
        throw report.Fatal(DataQualityRules.UnknownFormat, 1, "Message", "an XML message with neither a CIN nor a SEN2 collection is not a format Waypoint reads");
    }

    /// <summary>
    /// A DTD is refused, so that no entity in it is expanded or fetched. The XML reader refuses one too (DTDs prohibited,
    /// no resolver), but names no line and gives advice meant for programmers; this names the line for the person fixing it.
    /// </summary>
    private static void RefuseDtd(Stream stream, FileReport report)
    {
        var head = new byte[1 << 12];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var at = head.AsSpan(0, read).IndexOf("<!DOCTYPE"u8);
        if (at < 0) return;
        var afterCr = false;
        throw report.Fatal(DataQualityRules.DtdRefused, 1 + CsvRows.LineBreaks(head.AsSpan(0, at), ref afterCr), "(xml)",
            "the file has a DTD (<!DOCTYPE ...>), which Waypoint does not read so that nothing in it is expanded or fetched; remove it and import the file again");
    }

    private static SourceFileKind DetectCsv(string path, FileReport report)
    {
        using var rows = new CsvRows(path, report);
        var columns = rows.Columns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The table whose required columns are all present (the largest, if several); otherwise the closest
        // near-miss, which is reported as missing columns rather than an unknown format.
        var best = RequiredColumns
            .Select(t => (Kind: t.Key, Required: t.Value, Present: t.Value.Count(columns.Contains)))
            .OrderByDescending(t => (double)t.Present / t.Required.Length)
            .ThenByDescending(t => t.Required.Length)
            .First();
        if (best.Present == best.Required.Length) return best.Kind;
        if (best.Present * 2 >= best.Required.Length && columns.Contains(best.Required[0]))
        {
            var missing = string.Join(", ", best.Required.Where(c => !columns.Contains(c)));
            throw report.Fatal(DataQualityRules.MissingColumns, 1, missing, $"looks like a {best.Kind.Title()} file but is missing required columns: {missing}");
        }
        var heading = string.Join(",", rows.Columns.Take(6)) + (rows.Columns.Count > 6 ? ",..." : "");
        throw report.Fatal(DataQualityRules.UnknownFormat, 1, "(heading row)", $"not a format Waypoint reads (heading row: {FieldChecks.Shown(heading, 200)})");
    }

    internal static int LineOf(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;
}

/// <summary>Shared XML reader settings: no DTDs, no external resolution, so no entity expansion attacks.</summary>
internal static class XmlSources
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>XML is decoded as its declaration says; bytes that do not fit it are a fatal, well-formedness problem.</summary>
    public static Stream OpenRead(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
}
