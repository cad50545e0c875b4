using System.CommandLine;
using Waypoint.Core.Demo;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;

namespace Waypoint.Cli;

/// <summary>`waypoint demo`: the synthetic demo council, written in the real statutory formats.</summary>
internal static class DemoCommands
{
    public static Command Create()
    {
        var demo = new Command("demo", "The synthetic demo council (entirely made-up people)");
        demo.Subcommands.Add(Generate());
        demo.Subcommands.Add(Load());
        demo.Subcommands.Add(ScoreLinks());
        return demo;
    }

    private static Option<DemoSize> Size() => new("--size")
    {
        Description = "small (about 2,300 people), council (about 13,800, 12,000 of them aged 0-25, calibrated to two councils' figures) or national (about 1,000,000)",
        DefaultValueFactory = _ => DemoSize.Council,
    };

    private static Option<int?> People() => new("--people") { Description = "A number of people instead of --size, for benchmarks (same mix of people)" };
    private static Option<int> Seed() => new("--seed") { Description = "Random seed: the same seed and as-of date give the same bytes", DefaultValueFactory = _ => 1 };
    private static Option<DateOnly?> AsOf() => new("--as-of") { Description = "The demo council's 'today' (yyyy-mm-dd); default today" };

    private static Option<DemoNoise> Noise() => new("--noise")
    {
        Description = "none: identifiers agree across sources; realistic: missing and mistyped UPNs, misspelt names, moved postcodes, swapped day and month",
        DefaultValueFactory = _ => DemoNoise.None,
    };

    private static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static Command Generate()
    {
        var size = Size();
        var people = People();
        var seed = Seed();
        var asOf = AsOf();
        var noise = Noise();
        var output = new Option<string>("--out") { Description = "Folder to write the files into (created if missing)", Required = true };
        var command = new Command("generate", "Write the demo council's 903, CIN, SEN2 and CLD files, and truth.csv (for tests and benchmarks only)")
        {
            size, people, seed, asOf, noise, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new DemoOptions(parse.GetValue(size), parse.GetValue(seed), parse.GetValue(asOf) ?? Today(), parse.GetValue(noise))
            {
                People = parse.GetValue(people),
            };
            var summary = DemoCouncilGenerator.Generate(options, parse.GetValue(output)!, new PeopleProgress(), cancellationToken);
            Console.Error.WriteLine();
            Console.Out.WriteLine($"Wrote {summary.People:N0} synthetic people to {parse.GetValue(output)}:");
            foreach (var (file, records) in summary.Files) Console.Out.WriteLine($"  {file}: {records:N0} records");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Generate the demo council, import it into a database of your choice and summarise it.</summary>
    private static Command Load()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var size = Size();
        var seed = Seed();
        var asOf = AsOf();
        var command = new Command("load", "Generate the demo council and import it (safe to run again: files already imported are skipped)")
        {
            database, provider, size, seed, asOf,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var date = parse.GetValue(asOf) ?? Today();
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: true, cancellationToken);
            var options = new DemoOptions(parse.GetValue(size), parse.GetValue(seed), date, DemoNoise.None) { CouncilCode = Councils.DemoCouncilCode };
            var result = await ImportProgressDisplay.RunAsync(progress =>
                DemoImport.GenerateAndImportAsync(db!, TimeProvider.System, options, Environment.UserName, progress, cancellationToken));
            if (!result.Committed)
            {
                foreach (var problem in result.Problems) await Console.Error.WriteLineAsync(problem.ToString());
                return 2;
            }
            var people = await PeopleDirectory.ListPeopleAsync(db!, Councils.DemoCouncilCode, date, cancellationToken);
            var loaded = result.Links is null ? "already loaded: every file was imported before" : $"{result.Links.SourceRecords:N0} source records";
            await Console.Out.WriteLineAsync($"The demo council ({Councils.DemoCouncilCode}) as of {date:d MMMM yyyy}: {people.Count:N0} people ({loaded}).");
            foreach (var cohort in people.SelectMany(p => p.Cohorts).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal))
                await Console.Out.WriteLineAsync($"  {cohort.Key}: {cohort.Count():N0}");
            var example = people.Where(p => p.SourceKeys.Select(k => k.Split(':')[0]).Distinct().Count() >= 3).MaxBy(p => p.SourceKeys.Count);
            if (example is not null)
                await Console.Out.WriteLineAsync($"For example, person {example.PersonId} has records in {string.Join(", ", example.SourceKeys)}.");
            await Console.Out.WriteLineAsync($"Look closer with: waypoint people --database {parse.GetValue(database)} --json");
            return 0;
        });
        return command;
    }

    /// <summary>Linkage accuracy against a generated council's truth.csv (for benchmarks: real councils have no truth).</summary>
    private static Command ScoreLinks()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var truth = new Option<string>("--truth") { Description = "The truth.csv written by waypoint demo generate", Required = true };
        var command = new Command("score-links", "Score the links in a database against a generated council's truth.csv: pairwise precision and recall")
        {
            database, provider, council, truth,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 2;
            var score = await LinkageAccuracy.ScoreAsync(db, parse.GetValue(council)!, parse.GetValue(truth)!, cancellationToken);
            await Console.Out.WriteLineAsync($"{score.SourceRecords:N0} source records form {score.People:N0} people.");
            await Console.Out.WriteLineAsync($"Linked automatically: precision {score.Precision:F4}, recall {score.Recall:F4}.");
            await Console.Out.WriteLineAsync(
                $"Review queue: {score.ForReview:N0} pairs ({score.ReviewShareOfPeople:P2} of people), {score.ReviewedSame:N0} of them one person.");
            await Console.Out.WriteLineAsync($"With the queue decided: precision {score.PrecisionWithReview:F4}, recall {score.RecallWithReview:F4}.");
            return 0;
        });
        return command;
    }

    private sealed class PeopleProgress : IProgress<int>
    {
        public void Report(int value)
        {
            if (!Console.IsErrorRedirected) Console.Error.Write($"\r\u001b[2KGenerating: {value:N0} people");
        }
    }
}
