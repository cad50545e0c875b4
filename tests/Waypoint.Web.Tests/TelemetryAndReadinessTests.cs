using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Waypoint.Core.Data;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Tests;

/// <summary>
/// What an operator watches (issue 10, docs/operations.md): readiness for the proxy, and metrics and traces through
/// OpenTelemetry, with request latencies by route and Waypoint's job timings, and nothing about a person in them.
/// </summary>
public class TelemetryAndReadinessTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_WhenTheDatabaseIsMigrated_NotWhenItLacksMigrationsOrTheNodeIsStopping()
    {
        var client = web.Anonymous();
        var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);

        var folder = Directory.CreateTempSubdirectory("waypoint-ready-");
        try
        {
            using var running = new Lifetime();
            await using (var empty = WaypointDatabase.Open(DatabaseProvider.Sqlite, Path.Combine(folder.FullName, "empty.db")))
            {
                await empty.Database.EnsureCreatedAsync(Ct); // reachable, but no migration history
                var lacking = await new ReadinessCheck(empty, running).CheckHealthAsync(new HealthCheckContext(), Ct);
                Assert.Equal(HealthStatus.Unhealthy, lacking.Status);
                Assert.Contains("apply the migration bundle", lacking.Description, StringComparison.Ordinal);
            }
            await using var migrated = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
            using var stopping = new Lifetime();
            Assert.Equal(HealthStatus.Healthy, (await new ReadinessCheck(migrated, stopping).CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
            stopping.StopApplication();
            Assert.Equal(HealthStatus.Unhealthy, (await new ReadinessCheck(migrated, stopping).CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_RequestsAndJobsAreMeasuredAndTraced_WithQueryValuesRedacted()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var folder = Directory.CreateTempSubdirectory("waypoint-otel-");
        try
        {
            await using var host = new CouncilHost(Path.Combine(folder.FullName, "node.db"), "999", b =>
            {
                b.UseSetting("Waypoint:Demo", "false");
                // Nothing listens there: the exporter's failures are its own, and the in-memory copies are read below.
                b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
                b.ConfigureServices(s =>
                {
                    s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                    s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
                });
            });
            var client = host.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in?name=Alex%20Example", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
            // The node's background jobs ran at start on its own database.
            Assert.NotNull(await host.Services.GetRequiredService<Waypoint.Web.Pages.Work.ReminderService>().TickAsync(Ct));
            host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            host.Services.GetRequiredService<MeterProvider>().ForceFlush();

            // Activity sources are process-wide, so the spans hold other test hosts' requests too: this one is the only
            // sign-in with a query string.
            var signIn = Assert.Single(spans, s => (s.GetTagItem("http.route") as string)?.TrimStart('/') == "sign-in" && s.GetTagItem("url.query") is not null);
            Assert.DoesNotContain("Alex", signIn.GetTagItem("url.query") as string ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(spans, s => (s.GetTagItem("url.path") as string ?? "").StartsWith("/health", StringComparison.Ordinal));
            Assert.Contains(spans, s => s.DisplayName == "job task-reminders");
            Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
            var jobs = Assert.Single(metrics, m => m.Name == "waypoint.job.duration" && m.MeterName == Telemetry.Name);
            var tagged = new List<string>();
            foreach (ref readonly var point in jobs.GetMetricPoints())
                foreach (var tag in point.Tags) if (tag.Key == "waypoint.job") tagged.Add((string)tag.Value!);
            Assert.Contains("task-reminders", tagged);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
