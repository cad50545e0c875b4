using System.Diagnostics.CodeAnalysis;
using Waypoint.Core.Ingest;

[assembly: SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Waypoint.Web.Pages.Imports",
    Justification = "The feature folder is named as the navigation names it; Imports is a keyword only in Visual Basic, which nothing here is written in.")]

namespace Waypoint.Web.Pages.Imports;

/// <summary>Where an import from the web has got to. The last four are the ends; nothing of a job is stored but its import.</summary>
public enum ImportJobState
{
    /// <summary>A council spreadsheet came with the files: its preview waits for the user to import or cancel.</summary>
    AwaitingPreview,
    Queued,
    Running,
    Committed,

    /// <summary>A fatal problem: the importer rolled everything back.</summary>
    RolledBack,
    Cancelled,

    /// <summary>Something went wrong that is not a problem with the files; the transaction rolled back.</summary>
    Failed,
}

/// <summary>A file of an upload, under its own name (without any folder the browser sent) and its size.</summary>
public sealed record UploadedFile(string Name, long Bytes);

/// <summary>What an import did with one file, kept after the import ends: counts, what stopped the import, and the first rejected rows.</summary>
public sealed record FileOutcome(
    string File, string Format, bool Skipped, int RecordsRead, int Imported, int Rejected, int Warnings,
    IReadOnlyList<ImportProblem> Fatal, IReadOnlyList<ImportProblem> Errors, int ErrorCount);

/// <summary>
/// An import's result, without the every-warning list of <see cref="ImportResult"/>: a national import has hundreds of
/// thousands, kept in the data quality store; a job held in memory keeps only what its result page shows.
/// </summary>
public sealed record ImportOutcome(bool Committed, long? BatchId, IReadOnlyList<FileOutcome> Files, LinkSummary? Links)
{
    public const int ErrorsShownPerFile = 20;

    public static ImportOutcome From(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ImportOutcome(result.Committed, result.BatchId, [.. result.Files.Select(f =>
        {
            var errors = f.Problems.Where(p => p.Severity == Severity.Error).ToList();
            var format = f.Kind.Title();
            return new FileOutcome(f.File, char.ToUpperInvariant(format[0]) + format[1..], f.Skipped, f.RecordsRead, f.Imported, f.Rejected, f.Warnings,
                [.. f.Problems.Where(p => p.Severity == Severity.Fatal)], [.. errors.Take(ErrorsShownPerFile)], errors.Count);
        })], result.Links);
    }
}

/// <summary>
/// One upload and its import, held in memory while it waits, runs and for a day after (<see cref="ImportJobs"/>). Its
/// files are in a private folder of their own until the import ends. Progress comes from the importer as it reads.
/// </summary>
public sealed class ImportJob(
    Guid id, string councilCode, string userName, string role, string folder, IReadOnlyList<UploadedFile> files,
    UploadedFile? spreadsheet, string? mappingName, DateTimeOffset uploadedAt) : IProgress<ImportProgress>, IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancellation = new();
    private volatile ImportJobState _state = spreadsheet is null ? ImportJobState.Queued : ImportJobState.AwaitingPreview;
    private volatile ImportProgress? _progress;

    public Guid Id { get; } = id;
    public string CouncilCode { get; } = councilCode;
    public string UserName { get; } = userName;
    public string Role { get; } = role;
    public string Folder { get; } = folder;

    /// <summary>The statutory files, read by their content.</summary>
    public IReadOnlyList<UploadedFile> Files { get; } = files;

    /// <summary>A council spreadsheet, read through <see cref="MappingName"/>.</summary>
    public UploadedFile? Spreadsheet { get; } = spreadsheet;

    public string? MappingName { get; } = mappingName;
    public DateTimeOffset UploadedAt { get; } = uploadedAt;

    public ImportJobState State => _state;
    public ImportProgress? Progress => _progress;

    /// <summary>Set before the job's state becomes an end, so whoever sees the end sees the outcome.</summary>
    public ImportOutcome? Outcome { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Who asked to cancel (name, role); null for a job stopped because Waypoint was stopping.</summary>
    public (string UserName, string Role)? CancelledBy { get; private set; }

    public bool Finished => _state >= ImportJobState.Committed;
    public bool CancelRequested => _cancellation.IsCancellationRequested;
    internal CancellationToken CancellationToken => _cancellation.Token;

    public string? SpreadsheetPath => Spreadsheet is null ? null : Path.Combine(Folder, Spreadsheet.Name);

    /// <summary>Every file, as the importer is given them: its source keys and messages carry these names.</summary>
    public IReadOnlyList<string> Paths => [.. Files.Select(f => Path.Combine(Folder, f.Name)), .. SpreadsheetPath is { } sheet ? [sheet] : Array.Empty<string>()];

    public IEnumerable<UploadedFile> AllFiles => Spreadsheet is null ? Files : Files.Append(Spreadsheet);

    /// <summary>The importer's reports arrive on the import's own thread; the page reads the latest.</summary>
    public void Report(ImportProgress value) => _progress = value;

    /// <summary>After the preview: the user chose to import. False when the upload was abandoned or cancelled meanwhile.</summary>
    internal bool Queue() => Move(ImportJobState.AwaitingPreview, ImportJobState.Queued);

    internal bool TryStart() => !CancelRequested && Move(ImportJobState.Queued, ImportJobState.Running);

    /// <summary>A preview left for too long, or cancelled: nothing was imported and there is nothing to stop.</summary>
    internal bool Abandon(DateTimeOffset at) => End(ImportJobState.AwaitingPreview, ImportJobState.Cancelled, at);

    /// <summary>
    /// Asks the import to stop. A job not yet running ends at once (true: its files can go); a running one stops at the
    /// importer's next step and its transaction rolls back (false: the runner ends it).
    /// </summary>
    internal bool Cancel(string? userName, string? role, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (Finished) return false;
            if (userName is not null) CancelledBy ??= (userName, role ?? "");
            _cancellation.Cancel();
        }
        return End(ImportJobState.Queued, ImportJobState.Cancelled, at) || End(ImportJobState.AwaitingPreview, ImportJobState.Cancelled, at);
    }

    internal void Finish(ImportJobState state, ImportOutcome? outcome, DateTimeOffset at)
    {
        lock (_lock)
        {
            Outcome = outcome;
            FinishedAt = at;
            _state = state;
        }
    }

    /// <summary>When the job is forgotten: it has ended, so nothing waits on its cancellation any more.</summary>
    public void Dispose()
    {
        lock (_lock) _cancellation.Dispose();
    }

    private bool Move(ImportJobState from, ImportJobState to)
    {
        lock (_lock)
        {
            if (_state != from) return false;
            _state = to;
            return true;
        }
    }

    private bool End(ImportJobState from, ImportJobState to, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_state != from) return false;
            FinishedAt = at;
            _state = to;
            return true;
        }
    }
}

/// <summary>A table of problems for the _Problems partial: its id, its caption, and the problems in file order.</summary>
public sealed record ProblemsTable(string Id, string Caption, IReadOnlyList<ImportProblem> Problems);
