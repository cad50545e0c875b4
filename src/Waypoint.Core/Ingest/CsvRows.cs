using System.Text;
using Sylvan.Data.Csv;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Streams the rows of a CSV file by column name. Strict UTF-8 (a byte order mark is allowed):
/// a file in another encoding is a fatal problem, not a source of garbled names.
/// </summary>
internal sealed class CsvRows : ISourceRow, IDisposable
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StreamReader _text;
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;
    private readonly FileReport _report;
    private readonly string _path;

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
            throw NotUtf8(path, report);
        }
        _path = path;
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
            throw NotUtf8(_path, _report);
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

    public int LineOf(string column) => Line;

    public string FieldOf(string column) => column;

    /// <summary>Names the line of the first byte that is not UTF-8, so the person fixing the file can find it.</summary>
    internal static ImportFatalException NotUtf8(string path, FileReport report)
    {
        using var stream = File.OpenRead(path);
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        var line = 1;
        int read;
        var carry = 0;
        while ((read = stream.Read(bytes, carry, bytes.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
            line += bytes.AsSpan(0, used).Count((byte)'\n');
            if (status == System.Buffers.OperationStatus.InvalidData)
                return report.Fatal(line, "(file)", $"the file is not UTF-8 text (byte 0x{bytes[used]:X2}); save it as UTF-8 and import it again");
            carry = length - used;
            Array.Copy(bytes, used, bytes, 0, carry);
            if (read == 0) break;
        }
        return report.Fatal(line, "(file)", "the file is not UTF-8 text; save it as UTF-8 and import it again");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }
}
