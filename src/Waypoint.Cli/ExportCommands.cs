using System.CommandLine;
using System.Globalization;
using Waypoint.Core.Audit;
using Waypoint.Core.Insight;

namespace Waypoint.Cli;

/// <summary>
/// <c>waypoint export analytics</c>: the council's pseudonymised analytics export for regional analysis, as two
/// Parquet files in a folder (docs/operations.md, "Analytics export for regional analysis").
/// </summary>
internal static class ExportCommands
{
    public static Command Create()
    {
        var export = new Command("export", "Write data for use outside Waypoint");
        export.Subcommands.Add(Analytics());
        return export;
    }

    private static Command Analytics()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The day the young people in scope are counted on (yyyy-mm-dd); default today" };
        var policyFile = RulesCommand.PolicyOption();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write the two Parquet files to (made if missing); an export of the same council and day there is replaced",
            Required = true,
        };
        var command = new Command("analytics", "The pseudonymised analytics export for regional analysis: young people's rows with small groups generalised, and the summary's counts with small numbers withheld, as Parquet")
        {
            database, provider, council, asOf, policyFile, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policy = await RulesCommand.ReadPolicyAsync(parse.GetValue(policyFile), cancellationToken);
            if (policy is null) return 2;
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var code = parse.GetValue(council)!;
            var day = parse.GetValue(asOf) ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
            var export = await AnalyticsExport.ForCouncilAsync(db, code, day, policy.ForCouncil(code), TimeProvider.System.GetUtcNow(), cancellationToken);
            var folder = parse.GetValue(output)!;
            await export.WriteToFolderAsync(folder.FullName, cancellationToken);

            // Written only once the files are whole: an export that failed took nothing out. Counts only, no one named.
            db.AuditEvents.Add(new AuditEvent
            {
                At = TimeProvider.System.GetUtcNow(),
                CouncilCode = code,
                UserName = Environment.UserName,
                Role = "administrator",
                Action = Exports.RegionalAnalysis,
                Detail = $"command line, as of {day:yyyy-MM-dd}; {export.Totals.Describe()}",
            });
            await db.SaveChangesAsync(cancellationToken);

            var totals = export.Totals;
            Console.WriteLine($"Analytics export for regional analysis, council {code}, as of {day:yyyy-MM-dd}, in {folder.Name}:");
            Console.WriteLine($"  {export.YoungPeopleFile}: {People(totals.Rows)} of the {totals.InScope.ToString("N0", CultureInfo.InvariantCulture)} in scope; {totals.RowsDropped.ToString("N0", CultureInfo.InvariantCulture)} left out (fewer than {SmallNumbers.Threshold} alike even with all but their age band withheld).");
            Console.WriteLine($"    Values withheld so that no combination is shared by fewer than {SmallNumbers.Threshold}: {totals.ValuesWithheld.ToString("N0", CultureInfo.InvariantCulture)}"
                + $" ({string.Join(", ", totals.Withheld.Select(w => $"{w.Key} {w.Value.ToString("N0", CultureInfo.InvariantCulture)}"))}).");
            Console.WriteLine($"  {export.CountsFile}: {totals.Counts.ToString("N0", CultureInfo.InvariantCulture)} counts of the summary, {totals.CountsWithheld.ToString("N0", CultureInfo.InvariantCulture)} withheld (<5 or [c]).");
            Console.WriteLine("This is still personal data: share it only as your data sharing agreement allows (docs/operations.md).");
            return 0;
        });
        return command;
    }

    private static string People(int count) => count == 1 ? "1 young person" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} young people";
}
