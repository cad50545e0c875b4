using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Waypoint.Core.Audit;
using Waypoint.Core.Pathway;
using Waypoint.Core.Retention;

namespace Waypoint.Cli;

/// <summary>
/// <c>waypoint retention report</c> (the dry run) and <c>waypoint retention remove --confirm</c>: the council's retention
/// rule applied to young people's records (docs/security.md, Retention).
/// </summary>
internal static class RetentionCommands
{
    public static Command Create()
    {
        var retention = new Command("retention", "Find and remove young people's records the council's retention rule says are no longer needed");
        retention.Subcommands.Add(Report());
        retention.Subcommands.Add(Remove());
        return retention;
    }

    /// <summary>The options both commands take, made once for each (an option belongs to one command).</summary>
    private sealed class Options
    {
        public Option<string> Database { get; } = DatabaseOptions.Database();
        public Option<Core.Data.DatabaseProvider> Provider { get; } = DatabaseOptions.Provider();
        public Option<string> Council { get; } = DatabaseOptions.Council();
        public Option<DateOnly?> AsOf { get; } = new("--as-of") { Description = "Date the rule is applied at (yyyy-mm-dd); default today" };

        public Option<int?> YearsAfter { get; } = new("--years-after")
        {
            Description = "Years a record is kept after the later of the case closing and the birthday (Retention:YearsAfter; default 6)",
        };

        public Option<int?> UntilAge { get; } = new("--until-age") { Description = "The birthday the count starts from at the earliest (Retention:UntilAge; default 25)" };

        public Option<FileInfo?> RulesFile { get; } = new("--rules")
        {
            Description = "JSON file of the rule (YearsAfter, UntilAge), or the web app's appsettings.json (its Waypoint:Retention section); the options above override it",
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Database, Provider, Council, AsOf, YearsAfter, UntilAge, RulesFile }) command.Options.Add(option);
        }

        /// <summary>The rules from the file, then the options; null (after saying why) when the file cannot be read or a number is out of range.</summary>
        public async Task<RetentionRules?> RulesAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var rules = new RetentionRules();
            if (parse.GetValue(RulesFile) is { } file)
            {
                try
                {
                    await using var stream = file.OpenRead();
                    using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                    // The web app's own settings file works too: its Waypoint:Retention section is the rule.
                    var section = Property(Property(json.RootElement, "Waypoint"), "Retention") ?? json.RootElement;
                    rules = section.Deserialize<RetentionRules>(Json.Options) ?? rules;
                }
                catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"error: {file.Name}: the retention rules file could not be read: {e.Message}");
                    return null;
                }
            }
            rules = rules with { YearsAfter = parse.GetValue(YearsAfter) ?? rules.YearsAfter, UntilAge = parse.GetValue(UntilAge) ?? rules.UntilAge };
            if (rules.YearsAfter is >= 0 and <= 100 && rules.UntilAge is >= 0 and <= 150) return rules;
            await Console.Error.WriteLineAsync("error: years after must be between 0 and 100, and the age between 0 and 150.");
            return null;
        }

        private static JsonElement? Property(JsonElement? element, string name) =>
            element is { ValueKind: JsonValueKind.Object } e
                ? e.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
                : null;

        public DateOnly Date(ParseResult parse) => parse.GetValue(AsOf) ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
    }

    private static Command Report()
    {
        var options = new Options();
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write the people due as CSV to this file: reference, due date and reason, no names" };
        var command = new Command("report", "The dry run: who is due for removal under the retention rule, and who is kept and why. Changes nothing") { csv };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rules = await options.RulesAsync(parse, cancellationToken);
            if (rules is null) return 2;
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(options.Provider), parse.GetValue(options.Database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var council = parse.GetValue(options.Council)!;
            var date = options.Date(parse);
            var report = await RecordRetention.ReviewAsync(db, council, rules, date, cancellationToken);
            var file = parse.GetValue(csv);
            if (file is not null) RecordRetention.WriteDueCsv(report, file.FullName);

            // Reading every person's retention dates is a read of their records, audited like the others.
            db.AuditEvents.Add(new AuditEvent
            {
                At = TimeProvider.System.GetUtcNow(),
                CouncilCode = council,
                UserName = Environment.UserName,
                Role = "administrator",
                Action = "retention-report",
                Detail = $"as of {date:yyyy-MM-dd}: {report.Due.Count} due, {report.Held.Count} kept{(file is null ? "" : "; the due list written as CSV")}; rule: {rules.Describe()}",
            });
            await db.SaveChangesAsync(cancellationToken);

            await SummaryAsync(report);
            if (file is not null) await Console.Out.WriteLineAsync($"The list of those due ({People(report.Due.Count)}) is in {file.Name}.");
            await Console.Out.WriteLineAsync(report.Due.Count == 0
                ? "Nothing was removed, and nobody is due."
                : $"Nothing was removed. To remove the {People(report.Due.Count)} due, run: waypoint retention remove --confirm (with the same options).");
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var options = new Options();
        var confirm = new Option<bool>("--confirm") { Description = "Remove the people due; without it nothing is removed. Run waypoint retention report first" };
        var user = new Option<string>("--user") { Description = "Who is removing, for the audit trail", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("remove", "Remove everyone due under the retention rule with everything that belongs to them, auditing each; safe to run again")
        {
            confirm, user,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(confirm))
            {
                await Console.Error.WriteLineAsync("Nothing was removed. Removal cannot be undone: run waypoint retention report first to see who is due, then add --confirm.");
                return 2;
            }
            var rules = await options.RulesAsync(parse, cancellationToken);
            if (rules is null) return 2;
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(options.Provider), parse.GetValue(options.Database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var by = new Practitioner(parse.GetValue(options.Council)!, parse.GetValue(user)!, "administrator");
            var date = options.Date(parse);
            var removed = 0;
            RetentionRemoval result;
            try
            {
                result = await ProgressAsync(progress => RecordRetention.RemoveAsync(db, by, rules, date, TimeProvider.System, new Progress(p =>
                {
                    removed = p.Removed;
                    progress.Report(p);
                }), cancellationToken: cancellationToken));
            }
            catch (OperationCanceledException)
            {
                // Each batch commits on its own: those before the stop are removed (and audited), the batch in hand is not.
                await Console.Error.WriteLineAsync($"Cancelled: {People(removed)} removed before it stopped, each in the audit trail; nobody else was changed. Run the same command again to carry on.");
                return 130;
            }

            await Console.Out.WriteLineAsync($"Retention as of {date:yyyy-MM-dd}: records are {rules.Describe()}.");
            await Console.Out.WriteLineAsync($"Removed {People(result.Removed)} with everything that belonged to them, in {result.Batches:N0} batch{(result.Batches == 1 ? "" : "es")}; each removal is in the audit trail.");
            if (result.Kept > 0) await Console.Out.WriteLineAsync($"{People(result.Kept)} due at the start {(result.Kept == 1 ? "was" : "were")} no longer due when their batch came (a case reopened, or a newer record arrived), and kept.");
            return 0;
        });
        return command;
    }

    private static string People(int count) => count == 1 ? "1 person" : $"{count:N0} people";

    /// <summary>The counts as a table on standard output (Spectre.Console: box lines at a terminal and in a file alike).</summary>
    private static async Task SummaryAsync(RetentionReport report)
    {
        await Console.Out.WriteLineAsync($"Retention review as of {report.AsOf:yyyy-MM-dd}: records are {report.Rules.Describe()}.");
        var table = new Table().AddColumn("People").AddColumn(new TableColumn("Count").RightAligned());
        void Row(string what, int count) => table.AddRow(Markup.Escape(what), count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Row("Due for removal", report.Due.Count);
        Row("  of whom with no date of birth (counted from their last import)", report.Due.Count(d => d.DateOfBirthUnknown));
        Row("Kept: transitions case open", report.HeldBecause(RetentionHold.OpenCase));
        Row("Kept: not yet due", report.HeldBecause(RetentionHold.NotYetDue));
        Row("Kept: no date to count from", report.HeldBecause(RetentionHold.NoDate));
        Row("All people", report.People);
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
    }

    /// <summary>Progress on standard error: a bar at a terminal, a line per batch in a file or pipe (CI, scripts).</summary>
    private static async Task<T> ProgressAsync<T>(Func<IProgress<RetentionProgress>, Task<T>> remove)
    {
        if (Console.IsErrorRedirected)
            return await remove(new Progress(p => Console.Error.WriteLine($"Removed {p.Removed:N0} of the {People(p.Due)} due")));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(false).StartAsync(async context =>
        {
            var task = context.AddTask("Removing people due", new ProgressTaskSettings { MaxValue = 1 });
            return await remove(new Progress(p =>
            {
                task.MaxValue = Math.Max(p.Due, 1);
                task.Value = p.Removed;
                if (p.Removed == p.Due) task.StopTask();
            }));
        });
    }

    /// <summary>Reports at once, on the removing thread (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<RetentionProgress> report) : IProgress<RetentionProgress>
    {
        public void Report(RetentionProgress value) => report(value);
    }
}
