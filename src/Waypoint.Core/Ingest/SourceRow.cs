namespace Waypoint.Core.Ingest;

/// <summary>
/// A row's fields by their CSV column names, read from a CSV file or from an element of an XML variant, so that
/// one piece of code checks a field whichever form it arrives in. Problems are reported at the field's line
/// under the field's name: the column for CSV, the element path for XML (formats.md section 7).
/// </summary>
internal interface ISourceRow
{
    /// <summary>The trimmed value, or null when blank or absent.</summary>
    string? Get(string column);

    /// <summary>The line to report a problem with this field on.</summary>
    int LineOf(string column);

    /// <summary>The name to report a problem with this field under.</summary>
    string FieldOf(string column);
}

internal static class SourceRows
{
    /// <summary>The trimmed, upper-cased value: code values are compared in upper case (formats.md).</summary>
    public static string? Code(this ISourceRow row, string column) => row.Get(column)?.ToUpperInvariant();
}
