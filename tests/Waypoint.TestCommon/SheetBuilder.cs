using System.Text;
using ClosedXML.Excel;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.TestCommon;

/// <summary>Council spreadsheets for tests, as CSV or XLSX, and mappings that read them.</summary>
public static class SheetBuilder
{
    /// <summary>A CSV sheet: the first row is the headings. Cells are written as given (quoted when they need it).</summary>
    public static string Csv(TempFolder folder, string name, params string?[][] rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(",", row.Select(c => c is not null && c.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c))).Append('\n');
        return folder.Write(name, text.ToString());
    }

    /// <summary>
    /// An XLSX workbook with one worksheet: an optional title row (then a blank row), the headings, then the rows. A
    /// <see cref="DateTime"/> is written as a date cell, a number as a number, a string starting "=" as a formula.
    /// </summary>
    public static string Xlsx(TempFolder folder, string name, string? title, params object?[][] rows) => Xlsx(folder, name, title, "Sheet1", rows);

    public static string Xlsx(TempFolder folder, string name, string? title, string worksheet, params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(worksheet);
        var line = 1;
        if (title is not null)
        {
            sheet.Cell(1, 1).Value = title;
            line = 3;
        }
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(line, c + 1);
                if (row[c] is string formula && formula.StartsWith('=')) cell.FormulaA1 = formula[1..];
                else if (row[c] is not null) cell.Value = row[c];
            }
            line++;
        }
        var path = folder.File(name);
        workbook.SaveAs(path);
        return path;
    }

    /// <summary>Placement costs keyed by "Client ID" (the council child id), with the funding streams mapped.</summary>
    public static SpreadsheetMapping PlacementCosts(string council = "999", string name = "placement costs") => new()
    {
        CouncilCode = council,
        Name = name,
        Holds = SheetContent.PlacementCosts,
        PersonKeyHeading = "Client ID",
        PersonKeyIdentifier = IdentifierKind.CouncilChildId,
        Columns =
        [
            new() { Field = "start", Heading = "Placement Start" },
            new() { Field = "end", Heading = "Placement End" },
            new() { Field = "weeklyCost", Heading = "Weekly Cost (GBP)" },
            new() { Field = "fundingStream", Heading = "Funding Stream" },
            new() { Field = "provider", Heading = "Provider" },
        ],
        Codes =
        [
            new() { Field = "fundingStream", Value = "CSC Placements", Code = "social care" },
            new() { Field = "fundingStream", Value = "High Needs Block", Code = "education" },
        ],
    };

    /// <summary>Health involvement keyed by "NHS No", with the council child id as "Client ID" where known.</summary>
    public static SpreadsheetMapping HealthInvolvement(string council = "999", string name = "health involvement") => new()
    {
        CouncilCode = council,
        Name = name,
        Holds = SheetContent.HealthInvolvement,
        PersonKeyHeading = "NHS No",
        PersonKeyIdentifier = IdentifierKind.NhsNumber,
        Columns =
        [
            new() { Field = IdentifierKind.CouncilChildId, Heading = "Client ID" },
            new() { Field = "dateOfBirth", Heading = "Date of Birth" },
            new() { Field = "service", Heading = "Service" },
            new() { Field = "checklistDate", Heading = "Checklist Date" },
            new() { Field = "checklistOutcome", Heading = "Checklist Outcome" },
            new() { Field = "decision", Heading = "Decision" },
            new() { Field = "decisionDate", Heading = "Decision Date" },
        ],
        Codes =
        [
            new() { Field = "service", Value = "Continuing Healthcare", Code = "CHC" },
            new() { Field = "checklistOutcome", Value = "Full assessment", Code = "positive" },
            new() { Field = "checklistOutcome", Value = "Screened out", Code = "negative" },
            new() { Field = "decision", Value = "Eligible", Code = "eligible" },
            new() { Field = "decision", Value = "Not eligible", Code = "not eligible" },
        ],
    };

    public static readonly string[] HealthHeadings = ["NHS No", "Client ID", "Date of Birth", "Service", "Checklist Date", "Checklist Outcome", "Decision", "Decision Date"];

    public static readonly string[] CostHeadings = ["Client ID", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream", "Provider"];
}
