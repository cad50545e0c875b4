using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Streams the person elements of an XML return one at a time (Message/Children/Child for CIN,
/// Message/Persons/Person for SEN2, EXPSSDA903/CHILD for the 903), so a file of any size is never loaded whole.
/// Element names are matched on their local name, and elements Waypoint does not know are ignored: new ones
/// arrive most years.
/// </summary>
internal static class XmlRecords
{
    /// <summary>One person element with its line, 1-based position among its siblings and path.</summary>
    public sealed record Item(XElement Element, int Line, int Position, string Path);

    /// <summary>
    /// The elements at <paramref name="itemPath"/> (e.g. "Message/Children/Child"), in file order. A message's
    /// Header, if <paramref name="header"/> is given, is handed to it as it is met.
    /// </summary>
    public static IEnumerable<Item> Read(string path, string itemPath, FileReport report, Action<XElement>? header = null)
    {
        var depth = itemPath.Count(c => c == '/');
        var itemName = itemPath[(itemPath.LastIndexOf('/') + 1)..];
        using var stream = XmlSources.OpenRead(path);
        using var reader = XmlReader.Create(stream, XmlSources.Settings);
        var position = 0;
        while (true)
        {
            (XElement Element, int Line)? next;
            try
            {
                next = Next(reader, depth, itemName, header);
            }
            catch (XmlException e)
            {
                throw NotWellFormed(e, reader, report);
            }
            catch (DecoderFallbackException)
            {
                throw CsvRows.NotUtf8(path, report);
            }
            if (next is not { } found) yield break;
            position++;
            var item = new Item(found.Element, found.Line, position, $"{itemPath}[{position}]");
            if (TooLong(item) is { } problem) throw report.Fatal(DataQualityRules.ValueTooLong, problem.Line, problem.Path, $"a value of {problem.Length:N0} characters, longer than any return holds: the file is damaged");
            yield return item;
        }
    }

    /// <summary>
    /// A value longer than <see cref="CsvRows.MaxRowLength"/>, the bound on a CSV row: no return holds one, and none is
    /// kept (a name of a million characters is damage, not data).
    /// </summary>
    private static (int Line, string Path, int Length)? TooLong(Item item)
    {
        foreach (var node in item.Element.DescendantNodes())
        {
            if (node is XText text && text.Value.Length > CsvRows.MaxRowLength && text.Parent is { } parent)
            {
                var path = string.Concat(parent.AncestorsAndSelf().TakeWhile(e => e != item.Element).Reverse().Select(e => "/" + e.Name.LocalName));
                return (parent.LineOf(item.Line), item.Path + path, text.Value.Length);
            }
        }
        return null;
    }

    /// <summary>A fatal problem for XML that cannot be read, at its line (the reader's, for problems such as a DTD that have none).</summary>
    public static ImportFatalException NotWellFormed(XmlException e, XmlReader reader, FileReport report) =>
        report.Fatal(DataQualityRules.MalformedXml, e.LineNumber > 0 ? e.LineNumber : Math.Max(1, FormatDetector.LineOf(reader)), "(xml)", "the XML is not well formed: " + FieldChecks.Shown(e.Message, 300));

    private static (XElement Element, int Line)? Next(XmlReader reader, int depth, string itemName, Action<XElement>? header)
    {
        while (!reader.EOF)
        {
            if (header is not null && reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Header")
            {
                header(Load(reader));
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth && reader.LocalName == itemName)
            {
                var line = FormatDetector.LineOf(reader);
                return (Load(reader), line);
            }
            reader.Read();
        }
        return null;
    }

    /// <summary>Loads the element under the reader with line numbers, leaving the reader after it.</summary>
    private static XElement Load(XmlReader reader)
    {
        XElement element;
        using (var subtree = reader.ReadSubtree())
        {
            element = XElement.Load(subtree, LoadOptions.SetLineInfo);
        }
        reader.Read();
        return element;
    }

    public static XElement? Child(this XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement? parent, string name) =>
        parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    /// <summary>The trimmed text of a child element, or null when absent or empty.</summary>
    public static string? Text(this XElement? parent, string name)
    {
        var value = parent?.Child(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static string? Code(this XElement? parent, string name) => parent.Text(name)?.ToUpperInvariant();

    public static int LineOf(this XElement element, int fallback) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : fallback;

    /// <summary>The line of a named child element, or of the parent when the child is absent.</summary>
    public static int LineOf(this XElement parent, string name, int fallback) =>
        parent.Child(name) is { } child ? child.LineOf(fallback) : parent.LineOf(fallback);

    /// <summary>XML booleans as the census writes them: true/false/1/0.</summary>
    public static bool? Boolean(string? value) => value?.ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };
}

/// <summary>
/// An XML element read as a row (<see cref="ISourceRow"/>): each column is the child element of the same name, or of
/// the name <paramref name="names"/> gives it (the 903 XML calls CHILD CHILDID and PLACE PL).
/// </summary>
internal sealed class XmlRow(XElement element, string path, int fallbackLine, IReadOnlyDictionary<string, string>? names = null) : ISourceRow
{
    public XElement Element => element;

    /// <summary>The element's path, e.g. EXPSSDA903/CHILD[3]/EPISODE[2].</summary>
    public string Path => path;

    /// <summary>The element's own line.</summary>
    public int Line { get; } = element.LineOf(fallbackLine);

    private string Name(string column) => names?.GetValueOrDefault(column) ?? column;

    public string? Get(string column) => element.Text(Name(column));

    public int LineOf(string column) => element.LineOf(Name(column), Line);

    public string FieldOf(string column) => path + "/" + Name(column);
}
