using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Forecasts;

[assembly: AssemblyFixture(typeof(Waypoint.Web.Tests.WaypointWebFactory))]

namespace Waypoint.Web.Tests;

/// <summary>
/// Waypoint in demo mode on a temporary SQLite file, loaded on first start with the small demo council through the
/// real import path - the same start a new user gets, at a smaller size. Shared by every page test.
/// </summary>
public partial class WaypointWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Starts the one host before any test asks for a client, so the demo is loaded once.</summary>
    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }

    private readonly string _folder = Directory.CreateTempSubdirectory("waypoint-web-").FullName;

    public string DatabasePath => Path.Combine(_folder, "waypoint.db");

    /// <summary>The tracker download's heading row.</summary>
    public const string TrackerCsvHeader =
        "Person reference,Name,Date of birth,Age,Cohorts,EHC plan primary need,Stage,Care-leaver status,Likely to need adult care,Likelihood of adult care (%),Next milestone,Next milestone due,Overdue milestones,Flags";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Waypoint:Demo", "true");
        builder.UseSetting("Waypoint:DemoSize", "Small");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:Connection", DatabasePath);
        AllowManySignIns(builder);
    }

    /// <summary>
    /// Test hosts sign in far more often than people do, and the in-memory server gives every request the same (no)
    /// client address: without this the sign-in limit would refuse them. The limit is tested on a host of its own.
    /// </summary>
    public static void AllowManySignIns(IWebHostBuilder builder) => builder.UseSetting("Waypoint:Security:SignInAttemptsPerMinute", "1000000");

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in as a demo user of that role.</summary>
    public Task<HttpClient> SignedInAsync(string role) => SignedInAsync(this, role);

    /// <summary>The same for another host of the app, such as one serving another council from the same database.</summary>
    public static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> host, string role)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetAsync("/sign-in");
        var token = await TokenAsync(form);
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = role,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> TokenAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        return TokenPattern().Match(html).Groups[1].Value;
    }

    public static async Task<IDocument> HtmlAsync(HttpResponseMessage response)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(response.Content.ReadAsStream()));
    }

    /// <summary>
    /// A tracker page once its likelihoods are worked out: the tracker does not wait for the forecast's fit, so the
    /// fit is waited for here first. Another test may open or move a case at any time, which starts it again: a few tries.
    /// </summary>
    public async Task<IDocument> TrackerWithLikelihoodsAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var today = DateOnly.FromDateTime(Services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        for (var tries = 1; ; tries++)
        {
            await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, DatabasePath))
                await Services.GetRequiredService<ForecastCache>().FittedAsync(db, Councils.DemoCouncilCode, today, TestContext.Current.CancellationToken);
            var page = await HtmlAsync(await client.GetAsync(url, TestContext.Current.CancellationToken));
            if (page.GetElementById("likelihoods-pending") is null || tries == 10) return page;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
