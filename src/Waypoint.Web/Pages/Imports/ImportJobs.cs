using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Imports;

/// <summary>
/// Imports from the web, run one at a time off the request, so that a national import is not cut short by a request
/// time-out (the store's write lock serialises them anyway: WaypointDatabase.BeginWriteAsync). Jobs live in memory:
/// a restart loses a running one, and its transaction rolls back with it. Each upload has a private folder that is
/// deleted when its import ends, whatever the outcome, or when it is abandoned at the preview.
/// </summary>
public sealed partial class ImportJobs(IServiceScopeFactory scopes, WaypointSettings settings, TimeProvider time, ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>An upload left at its preview is deleted after this.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>A finished job's result page lasts this long; the import itself is in the recent imports for good.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();
    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Where each upload's folder is made: Waypoint:Imports:UploadFolder, or one in the system's temporary folder.</summary>
    public string Root { get; } = string.IsNullOrWhiteSpace(settings.Imports.UploadFolder)
        ? Path.Combine(Path.GetTempPath(), "waypoint-uploads")
        : Path.GetFullPath(settings.Imports.UploadFolder);

    /// <summary>A new upload's id and its folder, readable by this process's user only: the files hold people's details.</summary>
    public (Guid Id, string Folder) NewFolder()
    {
        var id = Guid.NewGuid();
        var folder = Path.Combine(Root, id.ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(Root, OwnerOnly);
            Directory.CreateDirectory(folder, OwnerOnly);
        }
        return (id, folder);
    }

    /// <summary>Holds an upload's job; without a spreadsheet to preview, its import is queued at once.</summary>
    public void Add(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.Id] = job;
        if (job.State == ImportJobState.Queued) _queue.Writer.TryWrite(job);
    }

    /// <summary>A job of the council, or null: another council's job is as unknown as one that never was.</summary>
    public ImportJob? Find(Guid id, string council) => _jobs.TryGetValue(id, out var job) && job.CouncilCode == council ? job : null;

    public IReadOnlyList<ImportJob> OfCouncil(string council) => [.. _jobs.Values.Where(j => j.CouncilCode == council).OrderByDescending(j => j.UploadedAt)];

    /// <summary>The user checked the preview and chose to import.</summary>
    public bool Start(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Queue()) return false;
        _queue.Writer.TryWrite(job);
        return true;
    }

    /// <summary>The user cancelled at the preview: the upload is deleted; nothing was imported.</summary>
    public void Discard(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Abandon(time.GetUtcNow())) return;
        DeleteFolder(job);
        Forget(job);
    }

    /// <summary>
    /// Cancels an import. A running one rolls back at its next step. The cancellation is audited by the runner when the
    /// job has ended: while an import runs it holds SQLite's one write lock, and this request must not wait for it.
    /// </summary>
    public void Cancel(ImportJob job, string userName, string role)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Cancel(userName, role, time.GetUtcNow())) DeleteFolder(job);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken)) await RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping.
        }
        finally
        {
            // Uploads still waiting cannot outlive the process that holds their jobs.
            foreach (var job in _jobs.Values.Where(j => !j.Finished)) DeleteFolder(job);
        }
        await sweeping;
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        if (!job.TryStart())
        {
            // Cancelled while it waited; the store is free now to say so in the audit trail.
            if (job.State == ImportJobState.Cancelled) await AuditCancelledAsync(job, "before it started");
            return;
        }
        var paths = job.Paths;
        LogStarted(logger, job.Id, paths.Count);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken, stoppingToken);
        var activity = Startup.Telemetry.ImportStarted(paths.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ImportOutcome? outcome = null;
        ImportJobState state;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
            var result = await new Importer(db, time).ImportAsync(paths, Options(job), job, cancel.Token);
            outcome = ImportOutcome.From(result);
            state = result.Committed ? ImportJobState.Committed : ImportJobState.RolledBack;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            state = ImportJobState.Cancelled;
        }
#pragma warning disable CA1031 // whatever goes wrong with one import, the runner carries on with the next; the transaction has rolled back
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Exception messages can quote the data; the type and stack say where it went wrong.
            if (logger.IsEnabled(LogLevel.Error)) LogFailed(logger, job.Id, e.GetType().FullName ?? "exception", e.StackTrace ?? "");
            state = ImportJobState.Failed;
        }

        Startup.Telemetry.ImportEnded(activity, System.Diagnostics.Stopwatch.GetElapsedTime(started), state switch
        {
            ImportJobState.Committed => "committed",
            ImportJobState.RolledBack => "rolled-back",
            ImportJobState.Cancelled => "cancelled",
            _ => "failed",
        });
        DeleteFolder(job);
        switch (state)
        {
            case ImportJobState.Cancelled:
                await AuditCancelledAsync(job, "part way; it rolled back, so nothing was imported");
                break;
            case ImportJobState.RolledBack:
                // A committed import records itself (the importer's "import" event, naming the user and role); one rolled back cannot.
                await AuditAsync(job, job.UserName, job.Role, "import-rolled-back",
                    $"import {job.Id}: nothing imported; " + string.Join("; ", outcome!.Files.SelectMany(f => f.Fatal).Select(p => $"{p.File}: {p.Rule.Id}")));
                break;
            case ImportJobState.Failed:
                await AuditAsync(job, job.UserName, job.Role, "import-failed", $"import {job.Id}: failed; nothing imported");
                break;
        }
        job.Finish(state, outcome, time.GetUtcNow());
        LogFinished(logger, job.Id, state, outcome?.BatchId);
    }

    private Task AuditCancelledAsync(ImportJob job, string when) => job.CancelledBy is var (user, role)
        ? AuditAsync(job, user, role, "import-cancelled", $"import {job.Id} of {job.UserName}: cancelled {when}")
        : AuditAsync(job, job.UserName, job.Role, "import-cancelled", $"import {job.Id}: stopped {when}, because Waypoint was stopping");

    private async Task AuditAsync(ImportJob job, string userName, string role, string action, string detail)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(job.CouncilCode, userName, role, action, null, detail, CancellationToken.None);
        }
#pragma warning disable CA1031 // a store that cannot be written to is reported by /health; the runner must carry on
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (logger.IsEnabled(LogLevel.Error)) LogAuditFailed(logger, job.Id, action, e.GetType().FullName ?? "exception");
        }
    }

    private ImportOptions Options(ImportJob job) => new(job.CouncilCode)
    {
        SharedPersonIds = settings.Linking.SharedPersonIds ?? job.CouncilCode == Councils.DemoCouncilCode,
        Linkage = new Core.Linkage.LinkageSettings { AutoLinkAbove = settings.Linking.AutoLinkAbove, ReviewAbove = settings.Linking.ReviewAbove },
        Spreadsheets = job.SpreadsheetPath is { } sheet ? new Dictionary<string, string> { [sheet] = job.MappingName! } : new Dictionary<string, string>(),
        UserName = job.UserName,
        Role = job.Role,
    };

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) RemoveExpired();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping.
        }
    }

    /// <summary>
    /// Deletes uploads left at their preview for <see cref="AbandonedAfter"/>, forgets finished jobs after
    /// <see cref="KeptFor"/>, and deletes folders an earlier run of Waypoint left when it stopped part way.
    /// </summary>
    internal void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var job in _jobs.Values)
        {
            if (job.State == ImportJobState.AwaitingPreview && now - job.UploadedAt > AbandonedAfter && job.Abandon(now))
            {
                DeleteFolder(job);
                Forget(job);
            }
            else if (job.Finished && now - job.FinishedAt > KeptFor) Forget(job);
        }
        if (!Directory.Exists(Root)) return;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            // Another Waypoint may share the folder: nothing of its can still be running a day later.
            var known = Guid.TryParseExact(Path.GetFileName(folder), "N", out var id) && _jobs.ContainsKey(id);
            if (!known && now - Directory.GetLastWriteTimeUtc(folder) > KeptFor) DeleteFolder(folder);
        }
    }

    private void DeleteFolder(ImportJob job) => DeleteFolder(job.Folder);

    private void Forget(ImportJob job)
    {
        if (_jobs.TryRemove(job.Id, out _)) job.Dispose();
    }

    /// <summary>Deletes an upload's folder and everything in it; one that cannot be deleted is logged, and swept later.</summary>
    internal void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (logger.IsEnabled(LogLevel.Warning)) LogNotDeleted(logger, Path.GetFileName(folder), e.GetType().FullName ?? "exception");
        }
    }

    /// <summary>The file's size as people say it.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Job}: started, {Files} files")]
    private static partial void LogStarted(ILogger logger, Guid job, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Job}: {State}, batch {Batch}")]
    private static partial void LogFinished(ILogger logger, Guid job, ImportJobState state, long? batch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Job} failed with {Exception} at {StackTrace}")]
    private static partial void LogFailed(ILogger logger, Guid job, string exception, string stackTrace);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Job}: the audit event {Action} could not be written ({Exception})")]
    private static partial void LogAuditFailed(ILogger logger, Guid job, string action, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload folder {Folder} could not be deleted ({Exception})")]
    private static partial void LogNotDeleted(ILogger logger, string folder, string exception);
}
