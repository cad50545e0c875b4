using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The tracker does not wait for the forecast's fit (issue 9): on a demo host of its own, whose background fits are held
/// until the test lets them go, the tracker shows at once, saying the likelihoods are being worked out, and shows them
/// once the fit is done; after a case opens, the last fit's until the new one is done.
/// </summary>
public sealed class TrackerWhileFittingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Pending = "Likelihoods of needing adult care are being worked out after the latest change; refresh the page in a minute.";

    /// <summary>The demo on a database of its own, its background fits held (the one started as the demo loads too).</summary>
    private sealed class HeldFits : WaypointWebFactory
    {
        private TaskCompletionSource _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ForecastCache Cache => Services.GetRequiredService<ForecastCache>();

        /// <summary>Lets the background fit held now go; the next one is held again.</summary>
        public void Release() => Interlocked.Exchange(ref _hold, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(p =>
            {
                var cache = ActivatorUtilities.CreateInstance<ForecastCache>(p);
                cache.BeforeBackgroundFit = ct => Volatile.Read(ref _hold).Task.WaitAsync(ct);
                return cache;
            }));
        }
    }

    private static List<IElement> Rows(IDocument page) => [.. page.QuerySelectorAll("table.govuk-table tbody tr")];

    private static string Likelihood(IElement row) => row.QuerySelectorAll("td")[6].TextContent.Trim();

    private static string? Banner(IDocument page) => page.GetElementById("likelihoods-pending")?.QuerySelector(".govuk-notification-banner__heading")?.TextContent.Trim();

    [Fact]
    public async Task Tracker_ShowsAtOnceWhileTheLikelihoodsAreWorkedOut_AndThemOnceTheyAre_AndTheLastOnesWhileACaseChangeIsFitted()
    {
        await using var host = new HeldFits();
        await host.InitializeAsync();
        var client = await host.SignedInAsync(Roles.TransitionsWorker);

        // Not fitted yet: the rows, each likelihood being worked out, and the banner saying so.
        var pending = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/", Ct));
        Assert.Equal(Pending, Banner(pending));
        Assert.NotEmpty(Rows(pending));
        Assert.All(Rows(pending), r => Assert.Equal("Being worked out", Likelihood(r)));
        Assert.False(host.Cache.Fitting.IsCompleted);

        // The likelihood filter says the same rather than showing an empty list.
        var filtered = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?likelihood=" + Likelihoods.LikelyNotReferred, Ct));
        Assert.Equal(Pending, Banner(filtered));
        Assert.Equal("Likelihoods are being worked out", filtered.GetElementById("likelihood-filter-pending")?.TextContent.Trim());
        Assert.Empty(Rows(filtered));
        Assert.DoesNotContain("No young people match", filtered.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(filtered.QuerySelector("p[role=status]"));

        // Fitted: the likelihoods the fit gives, and no banner.
        host.Release();
        await host.Cache.Fitting;
        var ready = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/", Ct));
        await AssertShowsTheFitAsync(host, ready);

        // A case opened: while the forecast is fitted again, the tracker shows the last fit's likelihoods (a case changes
        // only the rule-based score), then the new ones.
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, host.DatabasePath))
        {
            var referenced = Rows(ready).Select(r => r.QuerySelector("a")!.GetAttribute("href")!.Split('/')[2]).ToHashSet();
            var child = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && referenced.Contains(p.Reference)
                    && !db.TransitionsCases.Any(c => c.PersonId == p.Id))
                .OrderBy(p => p.Id).FirstAsync(Ct);
            db.TransitionsCases.Add(TransitionsCase.Open(child.Id, Councils.DemoCouncilCode, TransitionsStage.Referred, "a.worker", DateTimeOffset.UtcNow, "referral from the SEN team"));
            await db.SaveChangesAsync(Ct);
        }
        var again = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/", Ct));
        await AssertShowsTheFitAsync(host, again);
        Assert.False(host.Cache.Fitting.IsCompleted);
        host.Release();
        await host.Cache.Fitting;
        await AssertShowsTheFitAsync(host, await WaypointWebFactory.HtmlAsync(await client.GetAsync("/", Ct)));
    }

    /// <summary>No banner, and each row's likelihood as the cache's fit gives it (empty where it does not apply).</summary>
    private static async Task AssertShowsTheFitAsync(HeldFits host, IDocument page)
    {
        Assert.Null(page.GetElementById("likelihoods-pending"));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, host.DatabasePath);
        var today = DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        // Ready: a look-up, no fit (a fit would be held).
        var fitted = await host.Cache.FittedIfReadyAsync(db, Councils.DemoCouncilCode, today, Ct);
        Assert.NotNull(fitted);
        var ids = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode).ToDictionaryAsync(p => p.Reference, p => p.Id, Ct);
        var rows = Rows(page);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var id = ids[row.QuerySelector("a")!.GetAttribute("href")!.Split('/')[2]];
            Assert.Equal(fitted.PersonLikelihoods.TryGetValue(id, out var chance) ? Likelihoods.Percent(chance) : "", Likelihood(row));
        }
        Assert.Contains(rows, r => Likelihood(r).EndsWith('%'));
    }
}
