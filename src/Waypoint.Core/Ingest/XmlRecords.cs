using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Streams the person elements of a CIN or SEN2 message one at a time (Message/Children/Child or
/// Message/Persons/Person), so a file of any size is never loaded whole. Element names are matched on their
/// local name, and elements Waypoint does not know are ignored: new ones arrive most years.
/// </summary>
internal static class XmlRecords
{
    /// <summary>One person element with its line and 1-based position among its siblings.</summary>
    public sealed record Item(XElement Element, int Line, int Position, string Path);

    public static IEnumerable<Item> Read(string path, string container, string itemName, FileReport report, Action<XElement>? header = null)
    {
        using var stream = XmlSources.OpenRead(path);
        using var reader = XmlReader.Create(stream, XmlSources.Settings);
        var position = 0;
        while (true)
        {
            Item? item;
            try
            {
                item = Next(reader, container, itemName, ref position, header);
            }
            catch (XmlException e)
            {
                throw report.Fatal(DataQualityRules.MalformedXml, e.LineNumber, "(xml)", "the XML is not well formed: " + e.Message);
            }
            catch (DecoderFallbackException)
            {
                throw CsvRows.NotUtf8(path, report);
            }
            if (item is null) yield break;
            yield return item;
        }
    }

    private static Item? Next(XmlReader reader, string container, string itemName, ref int position, Action<XElement>? header)
    {
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Header")
            {
                var element = Load(reader);
                header?.Invoke(element);
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == itemName)
            {
                var line = FormatDetector.LineOf(reader);
                position++;
                return new Item(Load(reader), line, position, $"Message/{container}/{itemName}[{position}]");
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
