using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Ingest;

namespace Waypoint.Web.Startup;

/// <summary>
/// Prepares the store before the first request: the embedded SQLite database is created and migrated, and in demo
/// mode an empty database gets the demo council through the same import code as real files. Later starts reuse it.
/// Production PostgreSQL is migrated by the migration bundle, not here.
/// </summary>
internal static partial class DemoLoader
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<WaypointSettings>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Waypoint.Startup");
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        if (db.Database.IsSqlite() || settings.Demo)
        {
            if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                Directory.CreateDirectory(folder);
            await db.Database.MigrateAsync(cancellationToken);
            // Write-ahead logging lets page reads carry on while audit rows are written (it is kept in the file).
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken);
        }
        // The demo's made-up staff can be allocated cases and given tasks before each has signed in.
        if (settings.Demo) await Security.StaffSignIn.RecordDemoUsersAsync(db, settings.CouncilCode, time.GetUtcNow(), cancellationToken);
        if (!settings.Demo) return;
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        if (!await db.ImportBatches.AnyAsync(cancellationToken))
        {
            LogGenerating(logger, settings.DemoSize);
            var options = new DemoOptions(settings.DemoSize, 1, today, settings.DemoNoise) { CouncilCode = settings.CouncilCode };
            var progress = new Progress<ImportProgress>(p => LogProgress(logger, p.Stage, p.File ?? "", p.RecordsRead));
            var result = await DemoImport.GenerateAndImportAsync(db, time, options, "demo-loader", progress, cancellationToken);
            if (!result.Committed) throw new InvalidOperationException("The demo council could not be imported: " + string.Join("; ", result.Problems));
            // Another node starting at the same moment may have imported the same files first: they are skipped.
            if (result.Links is { } links) LogLoaded(logger, links.People, links.SourceRecords);
        }
        // A living service for a new user to find: cases at every stage, made through the pathway's own services.
        if (!await db.TransitionsCases.AnyAsync(c => c.CouncilCode == settings.CouncilCode, cancellationToken))
        {
            var policy = scope.ServiceProvider.GetRequiredService<Core.Rules.RulesPolicy>();
            var scale = settings.DemoSize == DemoSize.Small ? 0.2 : 1.0;
            var seeded = await DemoPathway.SeedAsync(db, settings.CouncilCode, today, scale, policy, cancellationToken: cancellationToken);
            var (cases, waiting) = (seeded.Cases.Values.Sum(), seeded.WaitingByAge.Values.Sum());
            LogPathway(logger, cases, waiting);
        }
        // The council's transitions strategy, with actions at every status, for the board's RAG summary.
        await DemoDeliveryPlan.SeedAsync(db, settings.CouncilCode, today, cancellationToken);
        // The forecast is fitted now, in the background, so the demo's first tracker view has its likelihoods (the
        // tracker does not wait for a fit).
        services.GetRequiredService<Forecasts.ForecastCache>().StartFitting(settings.CouncilCode, today);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: generating the {Size} demo council")]
    private static partial void LogGenerating(ILogger logger, DemoSize size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo import: {Stage} {File} {Records} records")]
    private static partial void LogProgress(ILogger logger, string stage, string file, int records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo pathway ready: {Cases} transitions cases, {Waiting} waiting for assessment")]
    private static partial void LogPathway(ILogger logger, int cases, int waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo council ready: {People} people from {Records} source records")]
    private static partial void LogLoaded(ILogger logger, int people, int records);
}
