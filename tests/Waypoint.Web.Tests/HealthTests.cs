using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Waypoint.Web.Tests;

public class HealthTests(WaypointWebFactory web)
{
    [Fact]
    public async Task Health_DatabaseReachable_Is200() => Assert.Equal(HttpStatusCode.OK, (await web.Anonymous().GetAsync("/health")).StatusCode);

    [Fact]
    public async Task Health_DatabaseUnreachable_Is503()
    {
        await using var unreachable = new UnreachableDatabaseFactory();
        var response = await unreachable.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Not in demo mode, pointed at a PostgreSQL server that is not there: the app starts, /health says so.</summary>
    private sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Waypoint:Demo", "false");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:Connection", "Host=127.0.0.1;Port=1;Timeout=2;Username=nobody;Database=none");
        }
    }
}
