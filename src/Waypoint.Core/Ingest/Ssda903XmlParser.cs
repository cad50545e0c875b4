namespace Waypoint.Core.Ingest;

/// <summary>
/// The SSDA903 XML variant (formats.md section 1): root EXPSSDA903, one CHILD element per child holding one HEADER
/// and its EPISODEs. Every field is checked by the same code as the CSV tables (<see cref="Ssda903Parser"/>) and fills
/// the same tables. A CHILD is one source record keyed by CHILDID; a rejected HEADER rejects the whole CHILD, and a
/// rejected part of it (an EPISODE, a review...) only that part.
/// </summary>
internal static class Ssda903XmlParser
{
    /// <summary>The XML's names for the CSV columns it renames.</summary>
    private static readonly Dictionary<string, string> XmlNames = new(StringComparer.Ordinal) { ["CHILD"] = "CHILDID", ["PLACE"] = "PL" };

    /// <summary>HEADER fields that, when any is present, make one row of the CSV table they belong to.</summary>
    private static readonly (SourceFileKind Table, string[] Fields)[] InlineTables =
    [
        (SourceFileKind.Ssda903Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"]),
        // formats.md does not list them, but 903 XML writers put the AD1 fields inline in the HEADER too.
        (SourceFileKind.Ssda903Ad1, ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]),
    ];

    /// <summary>Child elements of the HEADER, each one row of a CSV table.</summary>
    private static readonly (string Element, SourceFileKind Table)[] HeaderChildren =
    [
        ("AMISSING", SourceFileKind.Ssda903Missing),
        ("AREVIEW", SourceFileKind.Ssda903Reviews),
        ("PERMANENCE", SourceFileKind.Ssda903PrevPerm),
        ("OC2", SourceFileKind.Ssda903Oc2),
        ("AD_PLACED", SourceFileKind.Ssda903PlacedAdoption),
    ];

    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context)
    {
        var report = context.Report;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in XmlRecords.Read(path, "EXPSSDA903/CHILD", report))
        {
            report.RecordsRead++;
            var parsed = Child(item, seen, context);
            if (parsed is null) report.Rejected++;
            else yield return parsed;
        }
    }

    private static ParsedRecord? Child(XmlRecords.Item item, HashSet<string> seen, ParseContext context)
    {
        var report = context.Report;
        if (item.Element.Child("HEADER") is not { } headerElement)
        {
            report.Error(DataQualityRules.PersonKeyMissing, item.Line, item.Path + "/HEADER", "is missing: the CHILD has no HEADER; the child is rejected");
            return null;
        }
        var header = new XmlRow(headerElement, item.Path + "/HEADER", item.Line, XmlNames);
        if (Ssda903Parser.Header(header, item.Line, seen, "the file", context) is not { } parsed) return null;

        void Add(SourceFileKind table, XmlRow row, EpisodeChecks.Rejection? episodeRejected = null)
        {
            if (Ssda903Parser.TableRow(table, row, row.Line, context, episodeRejected) is { } detail) parsed.Details.Add(detail);
            else report.Rejected++;
        }

        // The CSV lists an unaccompanied child in its UASC table; the XML flags them in the HEADER, with DUC.
        var uasc = header.Get("UASC");
        var isUasc = XmlRecords.Boolean(uasc);
        if (uasc is not null && isUasc is null)
            report.Warn(DataQualityRules.CodeNotInList, header.LineOf("UASC"), header.FieldOf("UASC"), $"'{FieldChecks.Shown(uasc)}' is not 1 or 0; the child is recorded as unaccompanied only when DUC is given");
        if (isUasc == true || header.Get("DUC") is not null) Add(SourceFileKind.Ssda903Uasc, header);

        foreach (var (table, fields) in InlineTables)
        {
            if (Array.Exists(fields, f => header.Get(f) is not null)) Add(table, header);
        }
        foreach (var (name, table) in HeaderChildren)
        {
            var index = 0;
            foreach (var element in headerElement.Children(name))
                Add(table, new XmlRow(element, $"{header.Path}/{name}[{++index}]", header.Line, XmlNames));
        }
        // A child's episodes are all in its CHILD element: checked across each other as the CSV table's are.
        var episodes = item.Element.Children("EPISODE").Select((element, i) => new XmlRow(element, $"{item.Path}/EPISODE[{i + 1}]", item.Line, XmlNames)).ToArray();
        var rejected = EpisodeChecks.Check(episodes.Select((row, i) => Ssda903Parser.EpisodeDates(row, i, row.Line)).OfType<EpisodeChecks.Dates>());
        for (var i = 0; i < episodes.Length; i++) Add(SourceFileKind.Ssda903Episodes, episodes[i], rejected.GetValueOrDefault(i));
        return parsed;
    }
}
