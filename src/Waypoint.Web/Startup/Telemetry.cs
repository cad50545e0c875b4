using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Waypoint.Web.Startup;

/// <summary>
/// Waypoint's metrics and traces (docs/operations.md, "Logs, metrics and traces"): ASP.NET Core's request rates and
/// latencies by route, the runtime's, PostgreSQL's pool and commands, and Waypoint's own timings of imports and
/// background jobs. Exported with OpenTelemetry's protocol (OTLP) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// not collected otherwise. Tags name a route, a job or an outcome, never a person; a query string's values are
/// redacted by the instrumentation (a tracker search may hold a name).
/// </summary>
public static class Telemetry
{
    public const string Name = "Waypoint";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "waypoint.job.duration", "s", "How long a run of a background job took, on the node that held the job");

    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "waypoint.import.duration", "s", "How long an import from the web took, from its start to its commit, roll-back or cancelling");

    /// <summary>True when an OTLP endpoint is configured, so metrics and traces are collected and sent there.</summary>
    public static bool Exporting(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static void AddWaypointTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Exporting(configuration)) return;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("waypoint-web", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("Npgsql", Name))
            // /health is asked every few seconds by the proxy; its spans would drown the rest.
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql().AddSource(Name))
            .UseOtlpExporter();
    }

    /// <summary>Times one run of a background job, as a span and in <c>waypoint.job.duration</c>.</summary>
    public static async Task<T> JobAsync<T>(string job, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var activity = Source.StartActivity("job " + job);
        activity?.SetTag("waypoint.job", job);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await run();
            outcome = "done";
            return result;
        }
        finally
        {
            activity?.SetTag("waypoint.outcome", outcome);
            JobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("waypoint.job", job), new("waypoint.outcome", outcome));
        }
    }

    /// <summary>An import's span, ended by <see cref="ImportEnded"/>.</summary>
    public static Activity? ImportStarted(int files)
    {
        var activity = Source.StartActivity("import");
        activity?.SetTag("waypoint.files", files);
        return activity;
    }

    /// <summary>Records how an import ended (committed, rolled-back, cancelled or failed) and how long it took.</summary>
    public static void ImportEnded(Activity? activity, TimeSpan took, string outcome)
    {
        activity?.SetTag("waypoint.outcome", outcome);
        activity?.Dispose();
        ImportDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("waypoint.outcome", outcome));
    }
}
