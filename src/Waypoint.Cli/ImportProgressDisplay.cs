using Spectre.Console;
using Spectre.Console.Rendering;
using Waypoint.Core.Ingest;

namespace Waypoint.Cli;

/// <summary>
/// An import's progress on standard error (standard output stays clean for --json): at a terminal, a live bar per
/// file with records read and records per second; when standard error is a file or pipe (CI, scripts), one plain
/// line per step.
/// </summary>
internal static class ImportProgressDisplay
{
    public static async Task<T> RunAsync<T>(Func<IProgress<ImportProgress>, Task<T>> import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (Console.IsErrorRedirected) return await import(new Lines());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new RecordsColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Bars(context);
                try
                {
                    return await import(bars);
                }
                finally
                {
                    bars.Finish();
                }
            });
    }

    /// <summary>One line per stage or file, and a line every 16,384 records: readable in a CI log.</summary>
    private sealed class Lines : IProgress<ImportProgress>
    {
        private string? _last;

        public void Report(ImportProgress value)
        {
            var line = value.File is null ? value.Stage + "..." : $"{value.Stage} {value.File}" + (value.RecordsRead > 0 ? $": {value.RecordsRead:N0} records" : "");
            if (line == _last) return;
            _last = line;
            Console.Error.WriteLine(line);
        }
    }

    /// <summary>A task per file (or per stage, such as linking); the previous one is finished when the next begins.</summary>
    private sealed class Bars(ProgressContext context) : IProgress<ImportProgress>
    {
        private ProgressTask? _current;
        private string? _key;

        public void Report(ImportProgress value)
        {
            // "Importing x" and then "Imported x" are one file's task: its rate runs from the first report.
            var key = value.File ?? value.Stage;
            if (key != _key)
            {
                Finish();
                _key = key;
                _current = context.AddTask(Markup.Escape(key), new ProgressTaskSettings { MaxValue = double.MaxValue });
                _current.IsIndeterminate = true;
            }
            _current!.Description = Markup.Escape(value.File is null ? value.Stage : $"{value.Stage} {value.File}");
            _current.Value = value.RecordsRead;
        }

        public void Finish()
        {
            if (_current is null) return;
            _current.IsIndeterminate = false;
            _current.StopTask();
        }
    }

    /// <summary>Records read so far and how many a second.</summary>
    private sealed class RecordsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            ArgumentNullException.ThrowIfNull(task);
            if (task.Value <= 0) return Text.Empty;
            var elapsed = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = elapsed > 0 ? task.Value / elapsed : 0;
            return new Text($"{task.Value:N0} records, {rate:N0} a second");
        }
    }
}
