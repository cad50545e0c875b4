using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Security;

/// <summary>
/// Seals new audit rows into the hash chain in the background (<see cref="AuditChain"/>), every couple of seconds, so
/// requests never wait on it. Rows written while Waypoint was stopped are sealed when it starts again. With several web
/// nodes, only the node holding the job (<see cref="JobNode"/>) seals, so nodes do not race for the same places.
/// </summary>
public sealed partial class AuditChainService(IServiceScopeFactory scopes, TimeProvider time, JobNode node, ILogger<AuditChainService> logger) : BackgroundService
{
    public const string Job = "audit-chain";
    private const int Batch = 1000;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Many ticks long, so the job stays on one node; a dead node's is taken over within this.</summary>
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

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

    /// <summary>A scheduled sealing: made when this node holds the job, null when another node does.</summary>
    public async Task<int?> TickAsync(CancellationToken cancellationToken) =>
        await node.TryClaimAsync(Job, LeaseFor, cancellationToken) ? await Startup.Telemetry.JobAsync(Job, () => SealWaitingAsync(cancellationToken)) : null;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await node.ReleaseAsync(Job, cancellationToken);
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
                    await TickAsync(stoppingToken);
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
