using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Web.Security;

/// <summary>
/// Seals new audit rows into the hash chain in the background (<see cref="AuditChain"/>), every couple of seconds, so
/// requests never wait on it. Rows written while Waypoint was stopped are sealed when it starts again.
/// </summary>
public sealed partial class AuditChainService(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditChainService> logger) : BackgroundService
{
    private const int Batch = 1000;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Seals every row waiting; returns how many (for the hosted loop and for tests).</summary>
    public async Task<int> SealWaitingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaypointDbContext>();
        var sqlite = db.Database.IsSqlite();
        var total = 0;
        while (true)
        {
            if (sqlite) await AuditLog.SqliteWriter.WaitAsync(cancellationToken);
            int sealedNow;
            try
            {
                sealedNow = await AuditChain.SealAsync(db, Batch, cancellationToken);
            }
            finally
            {
                if (sqlite) AuditLog.SqliteWriter.Release();
            }
            total += sealedNow;
            if (sealedNow < Batch) return total;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            do
            {
                try
                {
                    await SealWaitingAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // a store that is busy or down is tried again at the next tick; the rows wait safely in the table
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogSealFailed(logger, e.GetType().FullName ?? "exception");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Waypoint is stopping; what is not sealed yet is sealed at the next start.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the audit chain failed ({Error}); it is tried again shortly")]
    private static partial void LogSealFailed(ILogger logger, string error);
}
