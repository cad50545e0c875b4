using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Core.DeliveryPlan;

/// <summary>A problem that makes a row of a delivery plan spreadsheet unusable: file, line (the worksheet's row), heading and what is wrong.</summary>
public sealed record PlanProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>What an import did: nothing at all when there was any problem (<see cref="Saved"/> false), otherwise the counts.</summary>
public sealed record PlanImportResult(string File, bool Saved, int Added, int Changed, int Unchanged, IReadOnlyList<PlanProblem> Problems);

/// <summary>
/// The delivery plan as a spreadsheet, both ways: the download (<see cref="Write"/>) has the headings the import reads,
/// so it is also the template. Headings are matched ignoring case, spaces and punctuation; the order does not matter,
/// and other columns are ignored. docs/delivery-plan.md lists the headings.
/// </summary>
public static class DeliveryPlanSheet
{
    /// <summary>One column: its heading as the download writes it, other headings councils use for it, and whether an import needs it.</summary>
    public sealed record Column(string Field, string Heading, bool Required, params string[] OtherHeadings);

    public static IReadOnlyList<Column> Columns { get; } =
    [
        new(nameof(ActionDetails.Reference), "Reference", true, "Ref"),
        new(nameof(ActionDetails.Action), "Action", true, "Strategy action"),
        new(nameof(ActionDetails.Aims), "Aims", true, "Aim"),
        new(nameof(ActionDetails.Owner), "Owner", false, "Lead"),
        new(nameof(ActionDetails.Timescale), "Timescale", false),
        new(nameof(ActionDetails.Resources), "Resources", false),
        new(nameof(ActionDetails.CriticalMessages), "Critical messages", false, "Risks"),
        new(nameof(ActionDetails.QualityMeasure), "Quality measure", false),
        new("Status", "Status", true),
    ];

    /// <summary>The worksheet the download writes (an import reads the first worksheet, whatever its name).</summary>
    public const string WorksheetName = "Delivery plan";

    /// <summary>
    /// Writes the actions as an Excel workbook. Every cell is text; one that starts like a formula is kept as text with
    /// Excel's quote prefix, so it is shown, never worked out (OWASP "CSV injection"), and imports back unchanged.
    /// </summary>
    public static void Write(IEnumerable<StrategyAction> actions, Stream target)
    {
        ArgumentNullException.ThrowIfNull(actions);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(WorksheetName);
        for (var c = 0; c < Columns.Count; c++) SheetCells.Text(sheet.Cell(1, c + 1), Columns[c].Heading).Style.Font.Bold = true;
        var row = 2;
        foreach (var action in actions)
        {
            string?[] values = [action.Reference, action.Action, DeliveryPlans.Label(action.Aims), action.Owner, action.Timescale, action.Resources,
                action.CriticalMessages, action.QualityMeasure, DeliveryPlans.Label(action.Status)];
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is { } value) SheetCells.Text(sheet.Cell(row, c + 1), value);
            }
            row++;
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Columns(1, Columns.Count).Width = 24;
        sheet.Column(2).Width = 60;
        sheet.Columns(1, Columns.Count).Style.Alignment.WrapText = true;
        sheet.Columns(1, Columns.Count).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        workbook.SaveAs(target);
    }

    /// <summary>
    /// Imports a delivery plan spreadsheet (.xlsx, or .csv) into the council's plan, all or nothing: every row is checked
    /// first, and any problem - a missing heading, an unknown status or aim, a reference twice - is reported by file,
    /// line and heading, and nothing is saved. Otherwise each row adds the action with its reference or updates it in
    /// place, so the same file imported again changes nothing. A change is written to the action's history with the note
    /// "Imported from (file name)". Actions not in the file are left as they are. A column the file lacks leaves that
    /// detail as it was.
    /// </summary>
    public static async Task<PlanImportResult> ImportAsync(
        WaypointDbContext db, Practitioner by, string path, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        var file = Path.GetFileName(path);
        var problems = new List<PlanProblem>();
        var rows = Read(path, file, problems);
        if (problems.Count > 0) return new PlanImportResult(file, false, 0, 0, 0, problems);

        var actions = await db.StrategyActions.Where(a => a.CouncilCode == by.CouncilCode).ToListAsync(cancellationToken);
        var byReference = actions.ToDictionary(a => a.Reference, StringComparer.OrdinalIgnoreCase);
        var note = "Imported from " + file;
        var (added, changed, unchanged) = (0, 0, 0);
        foreach (var row in rows)
        {
            if (!byReference.TryGetValue(row.Value(nameof(ActionDetails.Reference))!, out var action))
            {
                action = new StrategyAction { CouncilCode = by.CouncilCode, Reference = "", Action = "", ChangedBy = by.UserName };
                DeliveryPlans.Apply(action, row.Details(null));
                action.Status = row.Status;
                DeliveryPlans.Record(action, by, null, row.Status, note, at);
                db.StrategyActions.Add(action);
                added++;
                continue;
            }
            var fields = DeliveryPlans.Apply(action, row.Details(action));
            var from = action.Status;
            if (fields.Count == 0 && from == row.Status)
            {
                unchanged++;
                continue;
            }
            action.Status = row.Status;
            DeliveryPlans.Record(action, by, from, row.Status, fields.Count == 0 ? note
                : $"{note}: changed {string.Join(", ", fields.Select(f => DeliveryPlans.FieldLabel(f).ToLowerInvariant()))}", at);
            changed++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone changed or added an action while the file was read: the whole import is refused, as promised.
            db.ChangeTracker.Clear();
            return new PlanImportResult(file, false, 0, 0, 0,
                [new PlanProblem(file, 0, "(file)", "the plan was changed by someone else while this file was imported; nothing was saved: import the file again")]);
        }
        return new PlanImportResult(file, true, added, changed, unchanged, []);
    }

    /// <summary>One usable row: its line, its cells by field (a field the sheet has no column for is absent), and its status.</summary>
    private sealed record SheetRow(int Line, Dictionary<string, string?> Values, ActionStatus Status, StrategyAims Aims)
    {
        public string? Value(string field) => Values.GetValueOrDefault(field);

        /// <summary>The row's details; a column the sheet lacks keeps what <paramref name="existing"/> has.</summary>
        public ActionDetails Details(StrategyAction? existing)
        {
            string? Get(string field, string? now) => Values.TryGetValue(field, out var value) ? value : now;
            return new ActionDetails(Value(nameof(ActionDetails.Reference))!, Value(nameof(ActionDetails.Action))!, Aims,
                Get(nameof(ActionDetails.Owner), existing?.Owner), Get(nameof(ActionDetails.Timescale), existing?.Timescale),
                Get(nameof(ActionDetails.Resources), existing?.Resources), Get(nameof(ActionDetails.CriticalMessages), existing?.CriticalMessages),
                Get(nameof(ActionDetails.QualityMeasure), existing?.QualityMeasure));
        }
    }

    private static List<SheetRow> Read(string path, string file, List<PlanProblem> problems)
    {
        var result = new List<SheetRow>();
        // The council spreadsheets' reader: CSV or XLSX told apart by their first bytes, the heading row found under a title.
        var report = new FileReport(path, SourceFileKind.Spreadsheet);
        if (string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase) && !StartsLikeAWorkbook(path))
        {
            problems.Add(new PlanProblem(file, 0, "(file)", "the file is called .xlsx but is not an Excel workbook: save it from Excel as an Excel workbook (.xlsx) and import it again"));
            return result;
        }
        try
        {
            using var rows = SheetRows.Open(path, report, null, "Reference");
            var headings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                var keys = column.OtherHeadings.Prepend(column.Heading).Select(DeliveryPlans.Key).ToList();
                if (rows.Headings.FirstOrDefault(h => keys.Contains(DeliveryPlans.Key(h))) is { } heading) headings[column.Field] = heading;
            }
            var missing = Columns.Where(c => c.Required && !headings.ContainsKey(c.Field)).Select(c => c.Heading).ToList();
            if (missing.Count > 0)
            {
                var found = rows.Headings.Count == 0 ? "it has none" : "it has: " + string.Join(", ", rows.Headings.Take(20));
                problems.Add(new PlanProblem(file, rows.Line, string.Join(", ", missing), $"the sheet needs the {(missing.Count == 1 ? "heading" : "headings")} {string.Join(", ", missing)} ({found})"));
                return result;
            }
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (rows.Read())
            {
                var values = headings.ToDictionary(h => h.Key, h => rows.Get(h.Value));
                if (values.Values.All(v => v is null)) continue;
                var line = rows.Line;
                string Heading(string field) => headings.GetValueOrDefault(field) ?? Columns.First(c => c.Field == field).Heading;
                var status = DeliveryPlans.ParseStatus(values["Status"]);
                if (status is null)
                {
                    problems.Add(new PlanProblem(file, line, Heading("Status"), values["Status"] is null
                        ? "is blank: give the action's status (" + string.Join(", ", DeliveryPlans.Statuses.Select(DeliveryPlans.Label)) + ")"
                        : $"'{FieldChecks.Shown(values["Status"]!)}' is not a status: use one of " + string.Join(", ", DeliveryPlans.Statuses.Select(DeliveryPlans.Label))));
                }
                var aims = DeliveryPlans.ParseAims(values[nameof(ActionDetails.Aims)]);
                if (aims is null)
                {
                    problems.Add(new PlanProblem(file, line, Heading(nameof(ActionDetails.Aims)),
                        $"'{FieldChecks.Shown(values[nameof(ActionDetails.Aims)]!)}' names an aim the strategy does not have: use " + string.Join(", ", DeliveryPlans.EachAim.Select(DeliveryPlans.Label)) + ", separated by semicolons"));
                }
                var row = new SheetRow(line, values, status ?? ActionStatus.NotStarted, aims ?? StrategyAims.None);
                foreach (var (field, message) in DeliveryPlans.Check(row.Details(null)))
                {
                    if (field == nameof(ActionDetails.Aims) && aims is null) continue;
                    problems.Add(new PlanProblem(file, line, Heading(field), message));
                }
                if (row.Value(nameof(ActionDetails.Reference)) is { } reference)
                {
                    if (seen.TryGetValue(reference, out var first))
                        problems.Add(new PlanProblem(file, line, Heading(nameof(ActionDetails.Reference)), $"{reference} is in the sheet twice (first at line {first}): each action once"));
                    else seen[reference] = line;
                }
                result.Add(row);
            }
            if (result.Count == 0 && problems.Count == 0) problems.Add(new PlanProblem(file, rows.Line, "(file)", "the sheet has no actions under its headings"));
        }
        catch (ImportFatalException e)
        {
            problems.Add(new PlanProblem(file, e.Problem.Line, e.Problem.Field, e.Problem.Message));
        }
        // The reader's own problems with a row (a CSV line it could not read) make that row unusable too.
        problems.AddRange(report.Problems.Where(p => p.Severity != Severity.Warning && !problems.Any(q => q.Line == p.Line && q.Message == p.Message))
            .Select(p => new PlanProblem(p.File, p.Line, p.Field, p.Message)));
        return result;
    }

    private static bool StartsLikeAWorkbook(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
    }
}
