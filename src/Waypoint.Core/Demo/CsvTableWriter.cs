using System.Globalization;
using System.Text;

namespace Waypoint.Core.Demo;

/// <summary>
/// A plain CSV writer: UTF-8 without a byte order mark, \n line ends, a field quoted only when it
/// holds a comma, quote or line break.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private bool _rowStarted;

    public CsvTableWriter(string directory, string fileName, IReadOnlyList<string> header)
    {
        FileName = fileName;
        _writer = new StreamWriter(Path.Combine(directory, fileName), append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" };
        foreach (var column in header) Field(column);
        _writer.Write('\n');
        _rowStarted = false;
    }

    public string FileName { get; }

    /// <summary>Data rows written (the heading row not counted).</summary>
    public int Rows { get; private set; }

    public CsvTableWriter Field(string? value)
    {
        if (_rowStarted) _writer.Write(',');
        _rowStarted = true;
        if (string.IsNullOrEmpty(value)) return this;
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            _writer.Write(value);
            return this;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
        return this;
    }

    /// <summary>A date as dd/mm/yyyy, or an empty field.</summary>
    public CsvTableWriter Field(DateOnly? date)
    {
        if (date is not { } d) return Field((string?)null);
        if (_rowStarted) _writer.Write(',');
        _rowStarted = true;
        Span<char> buffer = stackalloc char[10];
        d.TryFormat(buffer, out _, "dd/MM/yyyy", CultureInfo.InvariantCulture);
        _writer.Write(buffer);
        return this;
    }

    public void EndRow()
    {
        _writer.Write('\n');
        _rowStarted = false;
        Rows++;
    }

    public void Dispose() => _writer.Dispose();
}
