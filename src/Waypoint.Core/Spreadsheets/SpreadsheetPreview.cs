using Waypoint.Core.Ingest;

namespace Waypoint.Core.Spreadsheets;

/// <summary>A column of a preview: the field, what it means, and the sheet's heading it is read from.</summary>
public sealed record PreviewColumn(string Field, string Label, string Heading);

/// <summary>
/// The first rows of a sheet as its mapping reads them, each with its problems, and anything that would stop the
/// import (a mapping that cannot be used, a heading the sheet lacks, a file that cannot be read).
/// </summary>
public sealed record SheetPreview(string File, string MappingName, IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<MappedRow> Rows, IReadOnlyList<ImportProblem> Fatal)
{
    public bool CanImport => Fatal.Count == 0;
}

/// <summary>
/// Reads the start of a council spreadsheet through a mapping, saved or not, exactly as an import would, and writes
/// nothing: the same checks and messages, so what the preview shows is what the import will do with those rows.
/// </summary>
public static class SpreadsheetPreview
{
    public static SheetPreview Read(string path, SpreadsheetMapping mapping, DateOnly today, int rows = 20)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var report = new FileReport(path, SourceFileKind.Spreadsheet);
        var columns = mapping.MappedFields().Select(f => new PreviewColumn(f.Field.Id, f.Field.Label, f.Heading)).ToList();
        var problems = mapping.Check();
        if (problems.Count > 0)
            return new SheetPreview(report.File, mapping.Name, columns, [], [.. problems.Select(p => new ImportProblem(report.File, 0, "(mapping)", DataQualityRules.MappingInvalid, p))]);

        var read = new List<MappedRow>();
        var context = new ParseContext(report, mapping.CouncilCode, today, new IdAllocator()) { Mapping = mapping };
        try
        {
            // Rejected rows yield nothing, so the count is checked as each accepted row arrives.
            foreach (var _ in SpreadsheetParser.Parse(path, context, mapping, read.Add))
            {
                if (read.Count >= rows) break;
            }
        }
        catch (ImportFatalException e)
        {
            return new SheetPreview(report.File, mapping.Name, columns, read, [e.Problem]);
        }
        return new SheetPreview(report.File, mapping.Name, columns, [.. read.Take(rows)], []);
    }
}
