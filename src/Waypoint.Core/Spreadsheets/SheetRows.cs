using System.Globalization;
using ClosedXML.Excel;
using Waypoint.Core.Ingest;

namespace Waypoint.Core.Spreadsheets;

/// <summary>
/// The rows of a council spreadsheet by heading, from a CSV file or an XLSX workbook (told apart by their first bytes,
/// not the file name). Every cell comes back as trimmed text, so one set of checks reads both: an XLSX date cell as
/// yyyy-mm-dd, a number as written without grouping.
/// </summary>
internal abstract class SheetRows : IDisposable
{
    /// <summary>The headings as the sheet spells them, in order.</summary>
    public abstract IReadOnlyList<string> Headings { get; }

    /// <summary>The current row's line: the CSV line, or the worksheet's row number (the heading row is usually 1).</summary>
    public abstract int Line { get; }

    public abstract bool Read();

    /// <summary>The trimmed cell under a heading (matched ignoring case), or null when blank or there is no such heading.</summary>
    public abstract string? Get(string heading);

    public abstract void Dispose();

    public bool Has(string heading) => Headings.Contains(heading.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens a sheet. In a workbook the heading row is the first row holding <paramref name="keyHeading"/>.</summary>
    public static SheetRows Open(string path, FileReport report, string? worksheet, string keyHeading)
    {
        if (!File.Exists(path)) throw report.Fatal(DataQualityRules.FileNotFound, 0, "(file)", "no such file");
        Span<byte> head = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (read == 4 && head.SequenceEqual("PK\u0003\u0004"u8)) return new XlsxRows(path, report, worksheet, keyHeading);
        if (read == 4 && head.SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            throw report.Fatal(DataQualityRules.WorkbookUnreadable, 0, "(file)", "an Excel 97-2003 workbook (.xls) cannot be read: save it as an Excel workbook (.xlsx) or CSV and import it again");
        return new CsvSheetRows(path, report, keyHeading);
    }

    /// <summary>How many rows a council puts above its headings (a title, notes) that are looked through for them.</summary>
    private const int RowsSearchedForHeadings = 20;

    /// <summary>
    /// A CSV sheet. As in a workbook, the heading row is the first of the first lines that holds the person key's
    /// heading, so a title or notes above the table are passed over; otherwise the first line.
    /// </summary>
    private sealed class CsvSheetRows(string path, FileReport report, string keyHeading) : SheetRows
    {
        private readonly CsvRows _rows = new(path, report, TitleLines(path, keyHeading));

        private static int TitleLines(string path, string keyHeading)
        {
            try
            {
                using var text = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
                for (var line = 0; line < RowsSearchedForHeadings && text.ReadLine() is { } row; line++)
                {
                    if (row.Split(',').Any(cell => string.Equals(cell.Trim().Trim('"').Trim(), keyHeading.Trim(), StringComparison.OrdinalIgnoreCase))) return line;
                }
            }
            catch (IOException)
            {
                // CsvRows opens the file next and says what is wrong with it.
            }
            return 0;
        }

        public override IReadOnlyList<string> Headings => [.. _rows.Columns];

        public override int Line => _rows.Line;

        public override bool Read() => _rows.Read();

        public override string? Get(string heading) => _rows.Get(heading.Trim());

        public override void Dispose() => _rows.Dispose();
    }

    /// <summary>
    /// An XLSX worksheet through ClosedXML. The heading row is the first of the first rows that holds the person key's
    /// heading (councils often leave a title and notes above), or else the first row with anything in it; empty rows are
    /// skipped. A formula cell gives the value Excel last worked out for it.
    /// </summary>
    private sealed class XlsxRows : SheetRows
    {
        private readonly XLWorkbook _workbook;
        private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
        private readonly IEnumerator<IXLRow> _rows;
        private IXLRow? _row;

        public XlsxRows(string path, FileReport report, string? worksheet, string keyHeading)
        {
            try
            {
                _workbook = new XLWorkbook(path);
            }
            catch (Exception e) when (e is InvalidDataException or FileFormatException or InvalidOperationException or ArgumentException
                                          or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException)
            {
                throw report.Fatal(DataQualityRules.WorkbookUnreadable, 0, "(file)", "the file is not a workbook Excel can open (it starts like one, but is damaged or not .xlsx): " + e.GetBaseException().Message);
            }
            IXLWorksheet? sheet = null;
            if (string.IsNullOrWhiteSpace(worksheet)) sheet = _workbook.Worksheets.FirstOrDefault();
            else _workbook.Worksheets.TryGetWorksheet(worksheet.Trim(), out sheet);
            if (sheet is null)
            {
                var names = string.Join(", ", _workbook.Worksheets.Select(w => w.Name));
                _workbook.Dispose();
                throw report.Fatal(DataQualityRules.WorksheetMissing, 0, "(worksheet)", $"the workbook has no worksheet named '{worksheet}' (it has: {names})");
            }
            var headingRow = sheet.RowsUsed().Take(RowsSearchedForHeadings)
                .FirstOrDefault(r => r.CellsUsed().Any(c => string.Equals(Text(c), keyHeading.Trim(), StringComparison.OrdinalIgnoreCase)))
                ?? sheet.FirstRowUsed();
            var headings = new List<string>();
            if (headingRow is not null)
            {
                foreach (var cell in headingRow.CellsUsed())
                {
                    var heading = Text(cell);
                    if (heading is null) continue;
                    headings.Add(heading);
                    _columns.TryAdd(heading, cell.Address.ColumnNumber);
                }
                HeadingLine = headingRow.RowNumber();
            }
            Headings = headings;
            _rows = (headingRow is null ? Enumerable.Empty<IXLRow>() : sheet.RowsUsed().Where(r => r.RowNumber() > HeadingLine)).GetEnumerator();
        }

        public int HeadingLine { get; }

        public override IReadOnlyList<string> Headings { get; }

        public override int Line => _row?.RowNumber() ?? HeadingLine;

        public override bool Read()
        {
            if (!_rows.MoveNext()) return false;
            _row = _rows.Current;
            return true;
        }

        public override string? Get(string heading) =>
            _row is not null && _columns.TryGetValue(heading.Trim(), out var column) ? Text(_row.Cell(column)) : null;

        public override void Dispose()
        {
            _rows.Dispose();
            _workbook.Dispose();
        }

        /// <summary>A formula saved without its value (some tools write none): ClosedXML works it out, if it can.</summary>
        private static object? Evaluated(IXLCell cell)
        {
            try
            {
                return cell.Value;
            }
            catch (Exception)
            {
                // ClosedXML's formula engine throws many kinds of exception: a formula it cannot work out reads as blank.
                return null;
            }
        }

        private static string? Text(IXLCell cell)
        {
            if (cell.IsEmpty()) return null;
            var value = cell.HasFormula ? cell.CachedValue : cell.Value;
            if (cell.HasFormula && value is null or "") value = Evaluated(cell);
            var text = value switch
            {
                null => null,
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                double number => number.ToString("R", CultureInfo.InvariantCulture),
                bool flag => flag ? "TRUE" : "FALSE",
                IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };
            text = text?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
    }
}
