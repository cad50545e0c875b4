using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;
using Waypoint.Web.Pages.Imports;
using Waypoint.Web.Security;
using Waypoint.Web.Startup;

namespace Waypoint.Web.Tests;

/// <summary>
/// Imports from the web with two web nodes on one PostgreSQL database and one shared upload folder (issue 10): an
/// upload taken by one node is shown, followed and cancelled from the other, and each import runs on exactly one node.
/// </summary>
public class SeveralNodesImportTests
{
    private const string Council = Councils.DemoCouncilCode;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadOnOneNode_IsFollowedAndCancelledFromTheOther_AndEachImportRunsOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        using var uploads = TestFiles.TempFolder();
        var clock = new HoldingClock();
        await using var a = new ImportHost(DatabaseProvider.Postgres, database.Database, uploadFolder: uploads.Path, clock: clock);
        _ = a.Server; // the first node loads the demo; the second finds it loaded
        await using var b = new ImportHost(DatabaseProvider.Postgres, database.Database, uploadFolder: uploads.Path, clock: clock);
        var nodes = new Dictionary<string, ImportHost> { [a.Services.GetRequiredService<JobNode>().Id] = a, [b.Services.GetRequiredService<JobNode>().Id] = b };
        var workerOnA = await WaypointWebFactory.SignedInAsync(a, Roles.TransitionsWorker);
        using var folder = TestFiles.TempFolder();
        var first = SourceFileBuilder.Header903(folder, "node-first.csv", [.. Enumerable.Range(1, 20).Select(i => new ChildRow($"NODEA{i}", "2009-05-01"))]);
        var second = SourceFileBuilder.Header903(folder, "node-second.csv", new ChildRow("NODEB1", "2010-02-03"));
        var third = SourceFileBuilder.Header903(folder, "node-third.csv", new ChildRow("NODEC1", "2011-04-05"));
        int batches;
        await using (var db = a.Open()) batches = await db.ImportBatches.CountAsync(Ct);

        // The first import is held part way on whichever node took it.
        var held = clock.HoldNextImportAsync();
        var firstAt = await LocationAsync(await ImportPageTests.UploadAsync(workerOnA, [first]));
        await held.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var firstRow = await RowAsync(a, firstAt, j => j.State == ImportJobState.Running);
        var other = nodes.Single(n => n.Key != firstRow.Node).Value;
        var onOther = await WaypointWebFactory.SignedInAsync(other, Roles.Administrator);

        // The other node shows its progress, written to the database by the node running it.
        var progress = await WaitForAsync(onOther, firstAt, p => p.Step == "Linking records into people");
        Assert.Equal("Importing", progress.Status);
        var following = await WaypointWebFactory.HtmlAsync(await onOther.GetAsync(firstAt, Ct));
        Assert.Equal("Importing files", following.QuerySelector("h1")!.TextContent);
        Assert.Equal("Linking records into people", following.QuerySelector("[data-progress=step]")!.TextContent);

        // A second upload is taken by the other node, free, which waits for the store's write lock; a third waits for either.
        var secondAt = await LocationAsync(await ImportPageTests.UploadAsync(workerOnA, [second]));
        var secondRow = await RowAsync(a, secondAt, j => j.State == ImportJobState.Running);
        Assert.NotEqual(firstRow.Node, secondRow.Node);
        var thirdAt = await LocationAsync(await ImportPageTests.UploadAsync(workerOnA, [third]));
        Assert.Equal("Waiting for another import to finish", (await onOther.GetFromJsonAsync<ImportProgressText>(thirdAt + "?handler=Progress", Ct))!.Status);

        // Cancelled from the other node, the queued one ends at once, on every node.
        var waiting = await WaypointWebFactory.HtmlAsync(await onOther.GetAsync(thirdAt, Ct));
        var token = waiting.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var cancelled = await onOther.PostAsync(thirdAt + "?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal((HttpStatusCode.Redirect, thirdAt), (cancelled.StatusCode, cancelled.Headers.Location!.OriginalString));
        var seenOnA = await WaypointWebFactory.HtmlAsync(await workerOnA.GetAsync(thirdAt, Ct));
        Assert.Equal("Import cancelled", seenOnA.QuerySelector("h1")!.TextContent);
        Assert.Contains("Cancelled by Demo administrator.", seenOnA.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(uploads.Path, thirdAt[9..].Replace("-", "", StringComparison.Ordinal))));

        clock.Release();
        await WaitForAsync(onOther, firstAt, p => p.Finished);
        var result = await WaypointWebFactory.HtmlAsync(await onOther.GetAsync(firstAt, Ct));
        Assert.Equal("Files imported", result.QuerySelector("h1")!.TextContent);
        Assert.Equal([["node-first.csv", "SSDA903 Header", "20", "20", "0", "0"]],
            result.QuerySelectorAll("#imported-files tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()));
        await WaitForAsync(workerOnA, secondAt, p => p.Finished);

        await using (var db = a.Open())
        {
            // Two imports ran, one batch each, each on one node; the cancelled one never ran.
            Assert.Equal(batches + 2, await db.ImportBatches.CountAsync(Ct));
            var jobs = await db.ImportJobs.Where(j => j.CouncilCode == Council).ToListAsync(Ct);
            var ran = jobs.Where(j => j.State == ImportJobState.Committed).ToList();
            Assert.Equal(2, ran.Count);
            Assert.Equal(2, ran.Select(j => j.Outcome!.BatchId).Distinct().Count());
            Assert.Equal(nodes.Keys.Order(), ran.Select(j => j.Node!).Order());
            Assert.Null(jobs.Single(j => j.State == ImportJobState.Cancelled).Node);
            var audit = await db.AuditEvents.Where(e => e.Action == "import-cancelled").SingleAsync(Ct);
            Assert.Equal(("Demo administrator", Roles.Administrator), (audit.UserName, audit.Role));
            Assert.EndsWith("cancelled before it started", audit.Detail, StringComparison.Ordinal);
        }
        Assert.Empty(a.LeftInUploads());
    }

    private static async Task<string> LocationAsync(HttpResponseMessage uploaded)
    {
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        return uploaded.Headers.Location!.OriginalString;
    }

    /// <summary>The job behind a result page, once it is as <paramref name="until"/> says.</summary>
    private static async Task<ImportJob> RowAsync(ImportHost host, string location, Func<ImportJob, bool> until)
    {
        var id = Guid.Parse(location[9..]);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = host.Open())
            {
                if (await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, Ct) is var job && until(job)) return job;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the import did not get there");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<ImportProgressText> WaitForAsync(HttpClient client, string location, Func<ImportProgressText, bool> until)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var progress = (await client.GetFromJsonAsync<ImportProgressText>(location + "?handler=Progress", Ct))!;
            if (until(progress)) return progress;
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"the import did not get there: {progress}");
            await Task.Delay(100, Ct);
        }
    }
}
