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
        if (!File.Exists(path)) throw report.Fatal(0, "(file)", "no such file");
        using var stream = File.OpenRead(path);
        var first = FirstSignificantByte(stream);
        stream.Position = 0;
        return first == '<' ? DetectXml(stream, report) : DetectCsv(path, report);
    }

    private static int FirstSignificantByte(Stream stream)
    {
        Span<byte> head = stackalloc byte[64];
        var read = stream.Read(head);
        var span = head[..read];
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        }
        return -1;
    }

    private static SourceFileKind DetectXml(Stream stream, FileReport report)
    {
        using var reader = XmlReader.Create(stream, XmlSources.Settings);
        try
        {
            reader.MoveToContent();
            // The 903 XML variant is told by its root element (formats.md section 1).
            if (reader.LocalName == "EXPSSDA903") return SourceFileKind.Ssda903Xml;
            if (reader.LocalName != "Message")
                throw report.Fatal(LineOf(reader), reader.LocalName, $"an XML file whose root is <{reader.LocalName}> is not a format Waypoint reads (CIN census, SEN2 or SSDA903 expected)");
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "Collection":
                        var collection = reader.ReadElementContentAsString().Trim().ToUpperInvariant();
                        if (collection == "CIN") return SourceFileKind.Cin;
                        if (collection == "SEN2") return SourceFileKind.Sen2;
                        throw report.Fatal(LineOf(reader), "Message/Header/CollectionDetails/Collection", $"collection '{collection}' is not one Waypoint reads (CIN or SEN2)");
                    case "Children":
                        return SourceFileKind.Cin;
                    case "Persons":
                        return SourceFileKind.Sen2;
                }
            }
        }
        catch (XmlException e)
        {
            throw report.Fatal(e.LineNumber, "(xml)", "the XML is not well formed: " + e.Message);
        }
        catch (DecoderFallbackException)
        {
            throw CsvRows.NotUtf8(report.Path, report);
        }
        throw report.Fatal(1, "Message", "an XML message with neither a CIN nor a SEN2 collection is not a format Waypoint reads");
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
            throw report.Fatal(1, missing, $"looks like a {best.Kind.Title()} file but is missing required columns: {missing}");
        }
        var heading = string.Join(",", rows.Columns.Take(6)) + (rows.Columns.Count > 6 ? ",..." : "");
        throw report.Fatal(1, "(heading row)", $"not a format Waypoint reads (heading row: {heading})");
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
