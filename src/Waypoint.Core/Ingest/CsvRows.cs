using System.Text;
using Sylvan.Data.Csv;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Streams the rows of a CSV file by column name. Strict UTF-8 (a byte order mark is allowed, and a UTF-16 byte order
/// mark is honoured): a file in another encoding is a fatal problem, not a source of garbled names. So is a file Sylvan
/// cannot split into rows, or a row longer than any real return has (a quote never closed, a line with no end).
/// </summary>
internal sealed class CsvRows : ISourceRow, IDisposable
{
    /// <summary>The longest row read, in characters: far beyond any statutory return's, and a bound on memory.</summary>
    internal const int MaxRowLength = 1 << 20;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StreamReader _text;
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;
    private readonly FileReport _report;
    private readonly string _path;
    private readonly int _titleLines;

    /// <summary>Opens a file whose heading row is line <paramref name="titleLines"/> + 1: the lines above it are passed over.</summary>
    public CsvRows(string path, FileReport report, int titleLines = 0)
    {
        _report = report;
        _path = path;
        _titleLines = titleLines;
        _text = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        try
        {
            for (var i = 0; i < titleLines; i++) _text.ReadLine();
            _reader = CsvDataReader.Create(_text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16, MaxBufferSize = MaxRowLength });
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvMissingHeadersException || IsSylvanFormat(e))
        {
            _text.Dispose();
            throw e switch
            {
                DecoderFallbackException => NotUtf8(path, report),
                CsvMissingHeadersException => report.Fatal(DataQualityRules.UnknownFormat, 1, "(file)", "the file is empty: a heading row is expected"),
                _ => Unreadable(e),
            };
        }
        Line = titleLines + 1;
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            var name = _reader.GetName(i);
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                Dispose();
                throw NotUtf8(path, report);
            }
            _ordinals.TryAdd(name.Trim(), i);
        }
    }

    public IReadOnlyCollection<string> Columns => _ordinals.Keys;

    /// <summary>The current row's line in the file (the heading row's while none is read).</summary>
    public int Line { get; private set; }

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
        catch (Exception e) when (IsSylvanFormat(e))
        {
            throw Unreadable(e);
        }
        // Sylvan numbers data rows from 1, after the heading row.
        Line = _titleLines + _reader.RowNumber + 1;
        return true;
    }

    private static bool IsSylvanFormat(Exception e) => e is CsvFormatException or CsvInvalidCharacterException;

    /// <summary>A file Sylvan cannot split into rows, at the row it stopped on (Sylvan numbers data rows from 1).</summary>
    private ImportFatalException Unreadable(Exception e)
    {
        var line = e is CsvFormatException format ? _titleLines + format.RowNumber + 1 : Line + 1;
        return e is CsvRecordTooLargeException
            ? _report.Fatal(DataQualityRules.ValueTooLong, line, "(row)", $"a row longer than {MaxRowLength:N0} characters: a quote that is never closed, or a damaged file")
            : _report.Fatal(DataQualityRules.MalformedCsv, line, "(row)", "the file cannot be read as CSV rows: " + FieldChecks.Shown(e.Message, 300));
    }

    public bool Has(string column) => _ordinals.ContainsKey(column);

    /// <summary>The trimmed cell, or null when blank or the column is absent.</summary>
    public string? Get(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal) || ordinal >= _reader.RowFieldCount) return null;
        var value = _reader.GetString(ordinal).Trim();
        // NUL is valid UTF-8 but never text: it is how UTF-16 without a byte order mark looks.
        if (value.Contains('\0', StringComparison.Ordinal)) throw NotUtf8(_path, _report);
        return value.Length == 0 ? null : value;
    }

    /// <summary>The trimmed cell without making a string (empty when blank or absent), for a pass that only looks.</summary>
    public ReadOnlySpan<char> Span(string column) =>
        _ordinals.TryGetValue(column, out var ordinal) && ordinal < _reader.RowFieldCount ? _reader.GetFieldSpan(ordinal).Trim() : default;

    /// <summary>The trimmed, upper-cased cell: code values are compared in upper case (formats.md).</summary>
    public string? Code(string column) => Get(column)?.ToUpperInvariant();

    public int LineOf(string column) => Line;

    public string FieldOf(string column) => column;

    /// <summary>
    /// Names the line of the first byte that is not UTF-8 text (a byte that is not UTF-8, or a NUL, as in UTF-16 text
    /// without a byte order mark), so the person fixing the file can find it. Lines end with LF, CRLF or CR.
    /// </summary>
    internal static ImportFatalException NotUtf8(string path, FileReport report)
    {
        const string Fix = "save it as UTF-8 and import it again";
        using var stream = File.OpenRead(path);
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        var line = 1;
        var afterCr = false;
        var carry = 0;
        var start = true;
        int read;
        while ((read = stream.Read(bytes, carry, bytes.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var from = start && bytes.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
            start = false;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(from, length - from), chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
            var text = bytes.AsSpan(from, used);
            var nul = text.IndexOf((byte)0);
            line += LineBreaks(nul < 0 ? text : text[..nul], ref afterCr);
            if (nul >= 0) return report.Fatal(DataQualityRules.NotUtf8, line, "(file)", $"the file is not UTF-8 text (byte 0x00, as in UTF-16 text); {Fix}");
            if (status == System.Buffers.OperationStatus.InvalidData)
                return report.Fatal(DataQualityRules.NotUtf8, line, "(file)", $"the file is not UTF-8 text (byte 0x{bytes[from + used]:X2}); {Fix}");
            carry = length - from - used;
            Array.Copy(bytes, from + used, bytes, 0, carry);
            if (read == 0) break;
        }
        return report.Fatal(DataQualityRules.NotUtf8, line, "(file)", $"the file is not UTF-8 text; {Fix}");
    }

    /// <summary>Line breaks in <paramref name="text"/>: CR, LF, or CR LF counted once, even across buffers.</summary>
    internal static int LineBreaks(ReadOnlySpan<byte> text, ref bool afterCr)
    {
        var breaks = 0;
        foreach (var b in text)
        {
            if (b == (byte)'\r' || (b == (byte)'\n' && !afterCr)) breaks++;
            afterCr = b == (byte)'\r';
        }
        return breaks;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }
}
