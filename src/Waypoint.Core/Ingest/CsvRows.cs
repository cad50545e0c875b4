using System.Text;
using Sylvan.Data.Csv;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Streams the rows of a CSV file by column name. Strict UTF-8 (a byte order mark is allowed):
/// a file in another encoding is a fatal problem, not a source of garbled names.
/// </summary>
internal sealed class CsvRows : IDisposable
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StreamReader _text;
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;
    private readonly FileReport _report;

    public CsvRows(string path, FileReport report)
    {
        _report = report;
        _text = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        try
        {
            _reader = CsvDataReader.Create(_text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
        }
        catch (DecoderFallbackException)
        {
            _text.Dispose();
            throw report.Fatal(1, "(file)", "the file is not UTF-8 text");
        }
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _reader.FieldCount; i++) _ordinals.TryAdd(_reader.GetName(i).Trim(), i);
    }

    public IReadOnlyCollection<string> Columns => _ordinals.Keys;

    /// <summary>The current row's line (heading row = 1).</summary>
    public int Line { get; private set; } = 1;

    public bool Read()
    {
        try
        {
            if (!_reader.Read()) return false;
        }
        catch (DecoderFallbackException)
        {
            throw _report.Fatal(Line + 1, "(file)", "the file is not UTF-8 text");
        }
        // Sylvan numbers data rows from 1; the heading row is line 1 of the file.
        Line = _reader.RowNumber + 1;
        return true;
    }

    public bool Has(string column) => _ordinals.ContainsKey(column);

    /// <summary>The trimmed cell, or null when blank or the column is absent.</summary>
    public string? Get(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal) || ordinal >= _reader.RowFieldCount) return null;
        var value = _reader.GetString(ordinal).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The trimmed, upper-cased cell: code values are compared in upper case (formats.md).</summary>
    public string? Code(string column) => Get(column)?.ToUpperInvariant();

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }
}
