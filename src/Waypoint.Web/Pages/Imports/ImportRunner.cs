using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Pages.Imports;

/// <summary>
/// Runs imports from the web on this node, off the request, so that a national import is not cut short by a request
/// time-out. Jobs are kept in the database (<see cref="ImportJobs"/>), so with several web nodes any node takes an
/// upload and shows it, and each node's runner claims queued jobs - exactly one node runs each - one at a time (the
/// store's write lock serialises imports anyway: WaypointDatabase.BeginWriteAsync). While it runs, the runner writes
/// the importer's progress and renews its hold every <see cref="ReportEvery"/>, and stops at once if anyone, on any
/// node, cancels it; a job whose node died is ended by another node when its hold runs out. Each upload has a private
/// folder under the upload folder (shared by the nodes), deleted when its import ends, whatever the outcome, or when it
/// is abandoned at the preview.
/// </summary>
public sealed partial class ImportRunner(IServiceScopeFactory scopes, WaypointSettings settings, TimeProvider time, JobNode node, ILogger<ImportRunner> logger)
    : BackgroundService
{
    /// <summary>How often an idle node looks for queued jobs and for jobs whose node died; an upload it takes itself starts at once.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    /// <summary>How often a running import's progress is written, its hold renewed and its cancel flag read.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a node holds a running job without renewing it before another node takes it for dead.</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _wake = new(0, 1);

    // The one import this node is running: its page is answered from here on this node, because on SQLite the import
    // holds the one write lock until it ends, so neither its progress nor a cancel can go through the database.
    private volatile RunningImport? _running;

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

    public string FolderOf(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Path.Combine(Root, job.Folder);
    }

    public string? SpreadsheetPath(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Spreadsheet is null ? null : Path.Combine(FolderOf(job), job.Spreadsheet.Name);
    }

    /// <summary>Every file, as the importer is given them: its source keys and messages carry these names.</summary>
    private IReadOnlyList<string> Paths(ImportJob job) => [.. job.AllFiles.Select(f => Path.Combine(FolderOf(job), f.Name))];

    /// <summary>Records an upload; without a spreadsheet to preview, its import starts at once if this node is free.</summary>
    public async Task AddAsync(WaypointDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        await AuditLog.OneWriterAsync(db, async () =>
        {
            await ImportJobs.AddAsync(db, job, cancellationToken);
            return true;
        }, cancellationToken);
        if (job.State == ImportJobState.Queued) Wake();
    }

    /// <summary>A job of the council, or null: another council's job is as unknown as one that never was.</summary>
    public async Task<ImportJob?> FindAsync(WaypointDbContext db, Guid id, string council, CancellationToken cancellationToken) =>
        await ImportJobs.FindAsync(db, id, council, cancellationToken) is { } job ? AsRunningHere(job) : null;

    public async Task<IReadOnlyList<ImportJob>> OfCouncilAsync(WaypointDbContext db, string council, CancellationToken cancellationToken) =>
        [.. (await ImportJobs.OfCouncilAsync(db, council, cancellationToken)).Select(AsRunningHere)];

    /// <summary>The user checked the preview and chose to import.</summary>
    public async Task StartAsync(WaypointDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await AuditLog.OneWriterAsync(db, () => ImportJobs.QueueAsync(db, job.Id, job.CouncilCode, cancellationToken), cancellationToken)) Wake();
    }

    /// <summary>The user cancelled at the preview: the upload is deleted; nothing was imported.</summary>
    public async Task DiscardAsync(WaypointDbContext db, ImportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await AuditLog.OneWriterAsync(db, () => ImportJobs.DiscardAsync(db, job.Id, job.CouncilCode, cancellationToken), cancellationToken)) DeleteFolder(FolderOf(job));
    }

    /// <summary>
    /// Cancels an import. One not yet started ends at once, and is audited here; a running one rolls back at its next
    /// step and is audited by the runner that ran it. One running on this node is told here and now: on SQLite it holds
    /// the one write lock, and this request must not wait for it.
    /// </summary>
    public async Task CancelAsync(WaypointDbContext db, ImportJob job, string userName, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_running is { } running && running.Id == job.Id)
        {
            running.Cancel(userName, role);
            return;
        }
        var cancelled = await AuditLog.OneWriterAsync(db, () => ImportJobs.CancelAsync(db, job.Id, job.CouncilCode, userName, role, time.GetUtcNow(), cancellationToken), cancellationToken);
        if (cancelled != ImportCancellation.Ended) return;
        DeleteFolder(FolderOf(job));
        await AuditAsync(job, userName, role, "import-cancelled", $"import {job.Id} of {job.UserName}: cancelled before it started");
    }

    /// <summary>A job this node is running, with the progress and cancel it has here, fresher than the database's (and on SQLite, the only ones).</summary>
    private ImportJob AsRunningHere(ImportJob job)
    {
        if (job.State != ImportJobState.Running || _running is not { } running || running.Id != job.Id) return job;
        job.Progress = running.Progress ?? job.Progress;
        if (running.CancelledBy is var (user, role) && !job.CancelRequested)
        {
            job.CancelRequested = true;
            (job.CancelledByUser, job.CancelledByRole) = (user, role);
        }
        return job;
    }

    /// <summary>Looks for queued jobs now rather than at the next poll: an upload this node took.</summary>
    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PollAsync(stoppingToken);
                await _wake.WaitAsync(PollEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping.
        }
        await sweeping;
    }

    /// <summary>Ends the jobs of nodes that died, then runs queued jobs one after another until none is left.</summary>
    internal async Task PollAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var job in await WriteAsync(db => ImportJobs.EndInterruptedAsync(db, node.Id, time.GetUtcNow(), stoppingToken), stoppingToken))
            {
                LogInterrupted(logger, job.Id);
                DeleteFolder(FolderOf(job));
                await AuditAsync(job, job.UserName, job.Role, "import-interrupted",
                    $"import {job.Id}: the web node running it stopped part way; it rolled back, so nothing was imported");
            }
            while (!stoppingToken.IsCancellationRequested
                // Not cut short once asked: a job claimed and then dropped would wait for its hold to run out.
                && await WriteAsync(db => ImportJobs.TryClaimAsync(db, node.Id, time.GetUtcNow(), LeaseFor, CancellationToken.None), stoppingToken) is { } job)
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a poll that fails (the store busy or down) is tried again at the next; /health reports the store
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPollFailed(logger, e.GetType().FullName ?? "exception");
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        var paths = Paths(job);
        LogStarted(logger, job.Id, paths.Count);
        using var running = new RunningImport(job.Id, stoppingToken);
        _running = running;
        var activity = Telemetry.ImportStarted(paths.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ImportOutcome? outcome = null;
        ImportJobState state;
        bool sqlite;
        using (var reporting = new CancellationTokenSource())
        {
            Task reports = Task.CompletedTask;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
                sqlite = db.Database.IsSqlite();
                // On SQLite the import holds the one write lock: nothing can be written until it ends, and there is one node.
                if (!sqlite) reports = ReportAsync(running, reporting.Token);
                var result = await new Importer(db, time).ImportAsync(paths, Options(job), running, running.Token);
                outcome = ImportOutcome.From(result);
                state = result.Committed ? ImportJobState.Committed : ImportJobState.RolledBack;
            }
            catch (OperationCanceledException) when (running.Token.IsCancellationRequested)
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
            await reporting.CancelAsync();
            await reports;
        }

        Telemetry.ImportEnded(activity, System.Diagnostics.Stopwatch.GetElapsedTime(started), state switch
        {
            ImportJobState.Committed => "committed",
            ImportJobState.RolledBack => "rolled-back",
            ImportJobState.Cancelled => "cancelled",
            _ => "failed",
        });
        try
        {
            if (running.Lost)
            {
                // Another node took it for dead and ended it (and audited it, and deleted its files); it stopped here.
                LogLost(logger, job.Id);
                return;
            }
            DeleteFolder(FolderOf(job));
            switch (state)
            {
                case ImportJobState.Cancelled:
                    var cancelledBy = running.CancelledBy ?? await CancelledByAsync(job);
                    await (cancelledBy is var (user, role)
                        ? AuditAsync(job, user, role, "import-cancelled", $"import {job.Id} of {job.UserName}: cancelled part way; it rolled back, so nothing was imported")
                        : AuditAsync(job, job.UserName, job.Role, "import-cancelled",
                            $"import {job.Id}: stopped part way; it rolled back, so nothing was imported, because Waypoint was stopping"));
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
            // Written whatever Waypoint is doing: a node stopping says its import stopped, and frees it.
            await WriteAsync(db => ImportJobs.FinishAsync(db, job.Id, node.Id, state, outcome, running.Progress, running.CancelledBy, time.GetUtcNow(), CancellationToken.None),
                CancellationToken.None);
            LogFinished(logger, job.Id, state, outcome?.BatchId);
        }
        finally
        {
            _running = null;
        }
    }

    /// <summary>Who cancelled a job from another node, as its row says: null when it stopped because Waypoint was stopping.</summary>
    private async Task<(string UserName, string Role)?> CancelledByAsync(ImportJob job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        return (await ImportJobs.FindAsync(db, job.Id, job.CouncilCode, CancellationToken.None))?.CancelledBy;
    }

    /// <summary>
    /// While the import runs (on PostgreSQL): writes its progress and renews this node's hold, and stops the import when
    /// the row says someone cancelled it on another node, or that another node took it for dead.
    /// </summary>
    private async Task ReportAsync(RunningImport running, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ReportEvery, time, cancellationToken);
                try
                {
                    var job = await WriteAsync(db => ImportJobs.RenewAsync(db, running.Id, node.Id, running.Progress, running.CancelledBy, time.GetUtcNow(), LeaseFor, cancellationToken),
                        cancellationToken);
                    if (job is null) running.Lose();
                    else if (job.CancelledBy is var (user, role)) running.Cancel(user, role);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // a heartbeat that fails (the store busy) is tried again; one down long enough loses the job to another node
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogReportFailed(logger, running.Id, e.GetType().FullName ?? "exception");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The import has ended.
        }
    }

    private async Task<T> WriteAsync<T>(Func<WaypointDbContext, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        return await AuditLog.OneWriterAsync(db, () => write(db), cancellationToken);
    }

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
        Spreadsheets = SpreadsheetPath(job) is { } sheet ? new Dictionary<string, string> { [sheet] = job.MappingName! } : new Dictionary<string, string>(),
        UserName = job.UserName,
        Role = job.Role,
    };

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RemoveExpiredAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // a sweep that fails (the store busy or down) is made again at the next
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogPollFailed(logger, e.GetType().FullName ?? "exception");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping.
        }
    }

    /// <summary>
    /// Deletes uploads left at their preview for <see cref="ImportJobs.AbandonedAfter"/>, forgets finished jobs after
    /// <see cref="ImportJobs.KeptFor"/>, and deletes folders no job has that are a day old (an upload cut off part way,
    /// a delivery plan's). Every node sweeps; of two removing one job, one does.
    /// </summary>
    internal async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var job in await WriteAsync(db => ImportJobs.RemoveExpiredAsync(db, now, cancellationToken), cancellationToken)) DeleteFolder(FolderOf(job));
        if (!Directory.Exists(Root)) return;
        HashSet<string> known;
        await using (var scope = scopes.CreateAsyncScope())
            known = await ImportJobs.FoldersAsync(scope.ServiceProvider.GetRequiredService<WaypointDbContext>(), cancellationToken);
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (!known.Contains(Path.GetFileName(folder)) && now - Directory.GetLastWriteTimeUtc(folder) > ImportJobs.KeptFor) DeleteFolder(folder);
        }
    }

    /// <summary>Deletes an upload's folder and everything in it; one that cannot be deleted is logged, and swept later.</summary>
    internal void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Another node deleted it first.
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

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// The import this node runs: the importer's latest report (it arrives on the import's own thread; the page and the
    /// heartbeat read the latest), and its cancellation, by a user or by Waypoint stopping.
    /// </summary>
    private sealed class RunningImport(Guid id, CancellationToken stoppingToken) : IProgress<ImportProgress>, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        private readonly Lock _lock = new();
        private volatile ImportProgress? _progress;
        private volatile bool _lost;
        private bool _ended;

        public Guid Id { get; } = id;
        public ImportProgress? Progress => _progress;
        public CancellationToken Token => _cancellation.Token;

        /// <summary>Who asked to cancel (name, role): the first to ask. Null for a job stopped because Waypoint was stopping.</summary>
        public (string UserName, string Role)? CancelledBy { get; private set; }

        /// <summary>Another node ended the job as its hold had run out: it must stop, and its end is not this node's to write.</summary>
        public bool Lost => _lost;

        public void Report(ImportProgress value) => _progress = value;

        public void Cancel(string userName, string role)
        {
            lock (_lock)
            {
                // A page may hold on to an import that has just ended.
                if (_ended) return;
                CancelledBy ??= (userName, role);
                _cancellation.Cancel();
            }
        }

        public void Lose()
        {
            _lost = true;
            lock (_lock) _cancellation.Cancel();
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _ended = true;
                _cancellation.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Job}: started, {Files} files")]
    private static partial void LogStarted(ILogger logger, Guid job, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Job}: {State}, batch {Batch}")]
    private static partial void LogFinished(ILogger logger, Guid job, ImportJobState state, long? batch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Job} failed with {Exception} at {StackTrace}")]
    private static partial void LogFailed(ILogger logger, Guid job, string exception, string stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {Job}: its web node stopped renewing it, so it was ended as interrupted")]
    private static partial void LogInterrupted(ILogger logger, Guid job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {Job}: another node ended it as interrupted (this node's hold ran out), so it was stopped here")]
    private static partial void LogLost(ILogger logger, Guid job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Imports from the web: looking for queued imports failed ({Exception}); tried again shortly")]
    private static partial void LogPollFailed(ILogger logger, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {Job}: writing its progress failed ({Exception}); tried again shortly")]
    private static partial void LogReportFailed(ILogger logger, Guid job, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Job}: the audit event {Action} could not be written ({Exception})")]
    private static partial void LogAuditFailed(ILogger logger, Guid job, string action, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload folder {Folder} could not be deleted ({Exception})")]
    private static partial void LogNotDeleted(ILogger logger, string folder, string exception);
}
