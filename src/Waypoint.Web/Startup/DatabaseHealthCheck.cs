using Microsoft.Extensions.Diagnostics.HealthChecks;
using Waypoint.Core.Data;

namespace Waypoint.Web.Startup;

/// <summary>/health: 200 when the database answers, 503 when it does not.</summary>
internal sealed class DatabaseHealthCheck(WaypointDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
