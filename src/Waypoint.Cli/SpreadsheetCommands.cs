using System.CommandLine;
using System.Text;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Cli;

/// <summary>
/// `waypoint mappings` (save, list, show) and `waypoint preview`: how a council tells Waypoint to read its own
/// spreadsheets, and what a sheet will look like imported before anything is written (formats.md section 5).
/// </summary>
internal static class SpreadsheetCommands
{
    private const int CellWidth = 26;

    public static Command Mappings()
    {
        var mappings = new Command("mappings", "The council's saved spreadsheet mappings: which heading holds each field, and what its own values mean");
        mappings.Subcommands.Add(Save());
        mappings.Subcommands.Add(List());
        mappings.Subcommands.Add(Show());
        return mappings;
    }

    private static Command Save()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var user = new Option<string>("--user") { Description = "Who is saving it, for the audit trail", DefaultValueFactory = _ => Environment.UserName };
        var file = new Argument<FileInfo>("file") { Description = "The mapping as JSON (see docs/operations.md, 'Council spreadsheets')" };
        var command = new Command("save", "Save a mapping from a JSON file, replacing one of the same name") { database, provider, council, user, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(council)!;
            var mapping = await ReadAsync(parse.GetValue(file)!, code, cancellationToken);
            if (mapping is null) return 2;
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: true, cancellationToken);
            var problems = await SpreadsheetMappings.SaveAsync(db!, mapping, parse.GetValue(user)!, "administrator", TimeProvider.System, cancellationToken);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await Console.Error.WriteLineAsync("error: " + problem);
                await Console.Out.WriteLineAsync($"The mapping '{mapping.Name}' was not saved. Fix the file and save it again.");
                return 2;
            }
            await Console.Out.WriteLineAsync($"Saved the mapping '{mapping.Name}' ({SheetFields.Describe(mapping.Holds)}) for council {code}.");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var command = new Command("list", "List the council's saved mappings") { database, provider, council, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var mappings = await SpreadsheetMappings.ListAsync(db, parse.GetValue(council)!, cancellationToken);
            if (parse.GetValue(json))
            {
                await Json.WriteAsync(mappings.Select(m => new
                {
                    name = m.Name,
                    holds = m.Holds,
                    personKey = new { heading = m.PersonKeyHeading, identifier = m.PersonKeyIdentifier },
                    fields = m.Columns.Count,
                    values = m.Codes.Count,
                    savedBy = m.SavedBy,
                    savedAt = m.SavedAt,
                }), cancellationToken);
                return 0;
            }
            if (mappings.Count == 0) await Console.Out.WriteLineAsync($"Council {parse.GetValue(council)} has no saved mappings: save one with waypoint mappings save.");
            foreach (var m in mappings)
            {
                await Console.Out.WriteLineAsync(
                    $"{m.Name}\t{SheetFields.Describe(m.Holds)}\tperson key '{m.PersonKeyHeading}' ({m.PersonKeyIdentifier})\t{m.Columns.Count} fields, {m.Codes.Count} values\tsaved by {m.SavedBy} on {m.SavedAt:yyyy-MM-dd}");
            }
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var name = new Argument<string>("name") { Description = "The mapping's name" };
        var command = new Command("show", "Write a saved mapping as the JSON file that saves it (to copy and change)") { database, provider, council, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var mapping = await SpreadsheetMappings.FindAsync(db, parse.GetValue(council)!, parse.GetValue(name)!, cancellationToken);
            if (mapping is null) return await NoSuchMappingAsync(parse.GetValue(council)!, parse.GetValue(name)!);
            await Console.Out.WriteLineAsync(SpreadsheetMappings.ToJson(mapping));
            return 0;
        });
        return command;
    }

    /// <summary>`waypoint preview`: the first rows of a sheet as a mapping reads them, with every problem, writing nothing.</summary>
    public static Command Preview()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var mappingName = new Option<string?>("--mapping") { Description = "The saved mapping to read the sheet through" };
        var mappingFile = new Option<FileInfo?>("--mapping-file") { Description = "A mapping JSON file not saved yet, to try it first (then no --database is needed)" };
        var rows = new Option<int>("--rows") { Description = "How many rows to show", DefaultValueFactory = _ => 10 };
        var file = new Argument<string>("file") { Description = "The council spreadsheet: CSV or XLSX" };
        database.Required = false;
        var command = new Command("preview", "Show the first rows of a council spreadsheet as a mapping reads them, with every problem; nothing is written")
        {
            database, provider, council, mappingName, mappingFile, rows, json, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(council)!;
            SpreadsheetMapping? mapping;
            if (parse.GetValue(mappingFile) is { } mappingJson) mapping = await ReadAsync(mappingJson, code, cancellationToken);
            else if (parse.GetValue(mappingName) is { } name && parse.GetValue(database) is { } store)
            {
                await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), store, create: false, cancellationToken);
                if (db is null) return 1;
                mapping = await SpreadsheetMappings.FindAsync(db, code, name, cancellationToken);
                if (mapping is null) return await NoSuchMappingAsync(code, name);
            }
            else
            {
                await Console.Error.WriteLineAsync("error: name a saved mapping (--mapping NAME --database ...) or a mapping file (--mapping-file FILE).");
                return 2;
            }
            if (mapping is null) return 2;

            var preview = SpreadsheetPreview.Read(parse.GetValue(file)!, mapping, DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date), Math.Max(1, parse.GetValue(rows)));
            if (parse.GetValue(json)) await Json.WriteAsync(preview, cancellationToken);
            else await PrintAsync(preview);
            return preview.CanImport ? 0 : 2;
        });
        return command;
    }

    private static async Task PrintAsync(SheetPreview preview)
    {
        if (!preview.CanImport)
        {
            foreach (var problem in preview.Fatal) await Console.Error.WriteLineAsync("fatal: " + problem);
            await Console.Out.WriteLineAsync($"{preview.File} cannot be imported through '{preview.MappingName}': nothing would be imported. Fix the problem reported and preview it again.");
            return;
        }
        await Console.Out.WriteLineAsync($"{preview.File} through '{preview.MappingName}': the first {preview.Rows.Count} rows as they will be imported.");
        await Console.Out.WriteLineAsync();
        List<string[]> table =
        [
            ["line", "status", .. preview.Columns.Select(c => c.Heading)],
            ["", "", .. preview.Columns.Select(c => $"({c.Label})")],
        ];
        foreach (var row in preview.Rows)
        {
            var state = row.Rejected ? "rejected" : row.Problems.Count > 0 ? "warning" : "ok";
            table.Add([row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), state, .. row.Values.Select(v => v.Value ?? "")]);
        }
        var widths = Enumerable.Range(0, table[0].Length).Select(c => Math.Min(CellWidth, table.Max(r => r[c].Length))).ToArray();
        foreach (var line in table)
        {
            var text = new StringBuilder();
            for (var c = 0; c < line.Length; c++)
            {
                var cell = line[c].Length > widths[c] ? line[c][..(widths[c] - 3)] + "..." : line[c];
                text.Append(cell.PadRight(widths[c] + 2));
            }
            await Console.Out.WriteLineAsync(text.ToString().TrimEnd());
        }
        var problems = preview.Rows.SelectMany(r => r.Problems).ToList();
        await Console.Out.WriteLineAsync();
        if (problems.Count == 0) await Console.Out.WriteLineAsync("No problems in these rows.");
        else
        {
            await Console.Out.WriteLineAsync("Problems in these rows:");
            foreach (var p in problems) await Console.Out.WriteLineAsync($"  {p.Severity.ToString().ToLowerInvariant()}: {p}");
        }
    }

    private static async Task<SpreadsheetMapping?> ReadAsync(FileInfo file, string council, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: no mapping file {file.Name}");
            return null;
        }
        try
        {
            return SpreadsheetMappings.FromJson(await File.ReadAllTextAsync(file.FullName, cancellationToken), council);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"error: {file.Name}: {e.Message}");
            return null;
        }
    }

    private static async Task<int> NoSuchMappingAsync(string council, string name)
    {
        await Console.Error.WriteLineAsync($"error: council {council} has no saved mapping named '{name}' (waypoint mappings list shows them).");
        return 2;
    }
}
