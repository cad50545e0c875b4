using System.CommandLine;
using Waypoint.Core.Ingest;

namespace Waypoint.Cli;

/// <summary>`waypoint import`: load source files into the store as one batch. Exit 0 when it commits, 2 when it rolls back.</summary>
internal static class ImportCommand
{
    private const int WarningsShownPerFile = 20;

    public static Command Create()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var shared = new Option<bool?>("--shared-person-ids")
        {
            Description = "Adults' LA Person Unique Identifier is the same id as the children's CHILD/LAchildID (Linking:SharedPersonIds; default false, true for the demo council)",
        };
        var autoLink = new Option<double?>("--auto-link-above")
        {
            Description = "Match probability at or above which people are linked without review (Linking:AutoLinkAbove; default 0.99)",
        };
        var review = new Option<double?>("--review-above")
        {
            Description = "Match probability at or above which a pair goes to the review queue (Linking:ReviewAbove; default 0.2)",
        };
        var user = new Option<string>("--user") { Description = "Who is importing, for the audit trail", DefaultValueFactory = _ => Environment.UserName };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "Read the files as council spreadsheets (CSV or XLSX) through this saved mapping (waypoint mappings list); import other files in a separate call",
        };
        var files = new Argument<string[]>("files") { Description = "SSDA903 CSV or XML, CIN census XML, SEN2 XML, adult CLD CSV; or council spreadsheets with --mapping", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import source files: formats are detected by content; records are linked on exact keys, then on their details")
        {
            database, provider, council, shared, autoLink, review, user, mapping, json, files,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var councilCode = parse.GetValue(council)!;
            var options = new ImportOptions(councilCode)
            {
                SharedPersonIds = parse.GetValue(shared) ?? CouncilSettings.SharedPersonIds(councilCode),
                UserName = parse.GetValue(user)!,
                Linkage = new Core.Linkage.LinkageSettings
                {
                    AutoLinkAbove = parse.GetValue(autoLink) ?? new Core.Linkage.LinkageSettings().AutoLinkAbove,
                    ReviewAbove = parse.GetValue(review) ?? new Core.Linkage.LinkageSettings().ReviewAbove,
                },
                Spreadsheets = parse.GetValue(mapping) is { } name ? parse.GetValue(files)!.Distinct().ToDictionary(f => f, _ => name) : new Dictionary<string, string>(),
            };
            var asJson = parse.GetValue(json);
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: true, cancellationToken);
            var importer = new Importer(db!, TimeProvider.System);
            var result = await ImportProgressDisplay.RunAsync(progress => importer.ImportAsync(parse.GetValue(files)!, options, progress, cancellationToken));
            if (asJson) await Json.WriteAsync(Report(result), cancellationToken);
            else await PrintAsync(result);
            return result.Committed ? 0 : 2;
        });
        return command;
    }

    private static object Report(ImportResult result) => new
    {
        committed = result.Committed,
        batchId = result.BatchId,
        files = result.Files.Select(f => new
        {
            file = f.File,
            format = f.Format,
            table = f.Kind.Title(),
            skipped = f.Skipped,
            recordsRead = f.RecordsRead,
            imported = f.Imported,
            rejected = f.Rejected,
            warnings = f.Warnings,
        }),
        links = result.Links,
        messages = result.Problems.Select(p => new { file = p.File, line = p.Line, field = p.Field, severity = p.Severity, rule = p.Rule.Id, message = p.Message, text = p.ToString() }),
    };

    private static async Task PrintAsync(ImportResult result)
    {
        foreach (var file in result.Files)
        {
            var shown = 0;
            foreach (var problem in file.Problems)
            {
                if (problem.Severity == Severity.Warning && ++shown > WarningsShownPerFile) continue;
                await Console.Error.WriteLineAsync($"{problem.Severity.ToString().ToLowerInvariant()}: {problem}");
            }
            if (shown > WarningsShownPerFile)
                await Console.Error.WriteLineAsync($"... and {shown - WarningsShownPerFile} more warnings in {file.File} (all are kept with the import; --json lists them)");
        }
        if (!result.Committed)
        {
            await Console.Out.WriteLineAsync("Import rolled back: nothing was changed. Fix the fatal problem above and run the same command again.");
            return;
        }
        await Console.Out.WriteLineAsync($"Import batch {result.BatchId} committed.");
        foreach (var f in result.Files)
        {
            await Console.Out.WriteLineAsync(f.Skipped
                ? $"  {f.File} ({f.Kind.Title()}): already imported, skipped"
                : $"  {f.File} ({f.Kind.Title()}): read {f.RecordsRead}, imported {f.Imported}, rejected {f.Rejected}, warnings {f.Warnings}");
        }
        if (result.Links is { } l)
        {
            await Console.Out.WriteLineAsync($"  {l.SourceRecords} source records form {l.People} people ({l.NewPeople} new, {l.MergedPeople} merged, {l.RelinkedRecords} records relinked).");
            await Console.Out.WriteLineAsync($"  across the council's records, {l.MatchedPeople} links made on details rather than a shared key; {l.ForReview} possible matches wait for review.");
            await Console.Out.WriteLineAsync($"  Linking took {l.Took.TotalSeconds:N1} s ({l.RecordsPerSecond:N0} records a second).");
        }
    }
}
