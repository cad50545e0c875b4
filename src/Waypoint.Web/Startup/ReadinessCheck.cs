using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Waypoint.Core.Data;

namespace Waypoint.Web.Startup;

/// <summary>
/// /health/ready: whether this node should be sent requests. Not while it is stopping (so a proxy that checks takes it
/// out while it finishes the requests it has), and not until the database holds every migration this version of
/// Waypoint needs (in production the migration bundle applies them before the nodes start: docs/operations.md).
/// Whether the database answers at all is the "database" check's to say; /health/ready runs both.
/// </summary>
internal sealed class ReadinessCheck(WaypointDbContext db, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("Waypoint is stopping.");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The database lacks {pending} migration(s) this version needs: apply the migration bundle.");
    }
}
