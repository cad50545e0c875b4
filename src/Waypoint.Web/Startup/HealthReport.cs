using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Waypoint.Web.Startup;

/// <summary>The body of /health/ready: its status, then each check that is not healthy with why ("ready: The database lacks 2 migration(s)...").</summary>
internal static class HealthReport
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"\n{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(report.Status + string.Concat(problems));
    }
}
