using System.Text;

namespace Waypoint.Web.Tracker;

/// <summary>CSV for spreadsheets, with every cell made safe against formula injection (OWASP "CSV injection").</summary>
public static class CsvExport
{
    public static string Write(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(Row(row));
        return text.ToString();
    }

    /// <summary>One line of CSV with its CRLF, for downloads written row by row.</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    /// <summary>A cell a spreadsheet would read as a formula gets a leading apostrophe; then RFC 4180 quoting.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
