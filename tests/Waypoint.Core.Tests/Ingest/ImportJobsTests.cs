using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>
/// Imports from the web kept in the database, so that several web nodes share them: each queued job is claimed by
/// exactly one node, a node that died has its job ended by another, and cancelling and sweeping are safe on any node.
/// </summary>
public class ImportJobsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImportJob Upload(string council = "999", DateTimeOffset? at = null, bool spreadsheet = false)
    {
        var id = Guid.NewGuid();
        return new ImportJob
        {
            Id = id,
            CouncilCode = council,
            UserName = "Demo manager",
            Role = "manager",
            Folder = id.ToString("N"),
            Files = [new UploadedFile("header.csv", 120), new UploadedFile("cin.xml", 2048)],
            Spreadsheet = spreadsheet ? new UploadedFile("costs.xlsx", 4096) : null,
            MappingName = spreadsheet ? "Placement costs" : null,
            UploadedAt = at ?? Now,
        };
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryClaimAsync_TwoNodesRacing_RunEachQueuedJobExactlyOnce_OldestFirst(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var uploads = Enumerable.Range(0, 12).Select(i => Upload(at: Now.AddSeconds(i))).ToList();
        await using (var db = database.Open())
        {
            foreach (var upload in uploads) await ImportJobs.AddAsync(db, upload, Ct);
        }

        async Task<List<Guid>> RunAsync(string node)
        {
            await using var db = database.Open();
            var claimed = new List<Guid>();
            while (await ImportJobs.TryClaimAsync(db, node, Now, Lease, Ct) is { } job)
            {
                Assert.Equal((ImportJobState.Running, node), (job.State, job.Node));
                claimed.Add(job.Id);
            }
            return claimed;
        }
        var claims = await Task.WhenAll(Task.Run(() => RunAsync("node-a"), Ct), Task.Run(() => RunAsync("node-b"), Ct));

        Assert.Equal(uploads.Select(u => u.Id).Order(), claims.SelectMany(c => c).Order());
        // Each node took the jobs in the order they were uploaded.
        var order = uploads.Select(u => u.Id).ToList();
        Assert.All(claims, c => Assert.Equal(c.OrderBy(order.IndexOf), c));
        await using var check = database.Open();
        var rows = await check.ImportJobs.ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal((ImportJobState.Running, (Now + Lease).UtcTicks), (r.State, r.LeaseUntilTicks)));
        Assert.Equal(claims[0].Order(), rows.Where(r => r.Node == "node-a").Select(r => r.Id).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryClaimAsync_OnePreviewNotYetImported_IsNotRun_UntilQueued(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var upload = Upload(spreadsheet: true);
        await ImportJobs.AddAsync(db, upload, Ct);

        Assert.Equal(ImportJobState.AwaitingPreview, (await ImportJobs.FindAsync(db, upload.Id, "999", Ct))!.State);
        Assert.Null(await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct));
        Assert.False(await ImportJobs.QueueAsync(db, upload.Id, "888", Ct)); // another council's is unknown
        Assert.True(await ImportJobs.QueueAsync(db, upload.Id, "999", Ct));
        Assert.False(await ImportJobs.QueueAsync(db, upload.Id, "999", Ct));
        Assert.Equal(upload.Id, (await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct))!.Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FinishAsync_KeepsTheOutcomeTheResultPageShows_ReadBackOnAnyNode(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var upload = Upload(spreadsheet: true);
        await ImportJobs.AddAsync(db, upload, Ct);
        await ImportJobs.QueueAsync(db, upload.Id, "999", Ct);
        await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct);
        var rejected = new ImportProblem("header.csv", 4, "DOB", DataQualityRules.DateOfBirthImpossible, "'01/01/2099' is after the collection year");
        var stopped = new ImportProblem("costs.xlsx", 1, "Funding Stream", DataQualityRules.MissingColumns, "no heading Funding Stream");
        var outcome = new ImportOutcome(true, 42,
            [new FileOutcome("header.csv", "SSDA903 Header", false, 3, 2, 1, 0, [], [rejected], 1), new FileOutcome("costs.xlsx", "Council spreadsheet", true, 0, 0, 0, 0, [stopped], [], 0)],
            new LinkSummary(100, 80, 3, 0, 0, 1, 2, TimeSpan.FromSeconds(1.5)));

        Assert.False(await ImportJobs.FinishAsync(db, upload.Id, "node-b", ImportJobState.Committed, outcome, null, null, Now, Ct)); // not node-b's
        Assert.True(await ImportJobs.FinishAsync(db, upload.Id, "node-a", ImportJobState.Committed, outcome, new ImportProgress("Linking", null, 0), null, Now.AddMinutes(1), Ct));

        await using var other = database.Open();
        var job = (await ImportJobs.FindAsync(other, upload.Id, "999", Ct))!;
        Assert.Equal((ImportJobState.Committed, Now.AddMinutes(1), 0L), (job.State, job.FinishedAt, job.LeaseUntilTicks));
        Assert.True(job.Finished);
        Assert.Equal(upload.Files, job.Files);
        Assert.Equal(upload.Spreadsheet, job.Spreadsheet);
        Assert.Equal(["header.csv", "cin.xml", "costs.xlsx"], job.AllFiles.Select(f => f.Name));
        Assert.Equal(new ImportProgress("Linking", null, 0), job.Progress);
        Assert.Equal((true, 42L, outcome.Links), (job.Outcome!.Committed, job.Outcome.BatchId, job.Outcome.Links));
        Assert.Equal(outcome.Files.Select(f => (f.File, f.Format, f.Skipped, f.RecordsRead, f.Imported, f.Rejected, f.Warnings, f.ErrorCount)),
            job.Outcome.Files.Select(f => (f.File, f.Format, f.Skipped, f.RecordsRead, f.Imported, f.Rejected, f.Warnings, f.ErrorCount)));
        // A problem's rule comes back from the catalogue by its id, with its severity.
        Assert.Equal(rejected, Assert.Single(job.Outcome.Files[0].Errors));
        Assert.Same(DataQualityRules.MissingColumns, Assert.Single(job.Outcome.Files[1].Fatal).Rule);
        Assert.Null(await ImportJobs.FindAsync(other, upload.Id, "888", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CancelAsync_AQueuedJobEndsAtOnce_ARunningOneIsFlaggedForItsNode(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var running = Upload(at: Now);
        var queued = Upload(at: Now.AddSeconds(1));
        await ImportJobs.AddAsync(db, running, Ct);
        await ImportJobs.AddAsync(db, queued, Ct);
        Assert.Equal(running.Id, (await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct))!.Id);

        Assert.Equal(ImportCancellation.None, await ImportJobs.CancelAsync(db, queued.Id, "888", "Other council", "manager", Now, Ct));
        Assert.Equal(ImportCancellation.Ended, await ImportJobs.CancelAsync(db, queued.Id, "999", "Demo administrator", "administrator", Now, Ct));
        var cancelled = (await ImportJobs.FindAsync(db, queued.Id, "999", Ct))!;
        Assert.Equal((ImportJobState.Cancelled, ("Demo administrator", "administrator")), (cancelled.State, cancelled.CancelledBy));
        Assert.Null(await ImportJobs.TryClaimAsync(db, "node-b", Now, Lease, Ct));

        // The running one goes on until its node sees the flag at its next heartbeat.
        Assert.False((await ImportJobs.RenewAsync(db, running.Id, "node-a", new ImportProgress("Importing", "header.csv", 10), null, Now.AddSeconds(1), Lease, Ct))!.CancelRequested);
        Assert.Equal(ImportCancellation.Requested, await ImportJobs.CancelAsync(db, running.Id, "999", "Demo administrator", "administrator", Now, Ct));
        Assert.Equal(ImportCancellation.None, await ImportJobs.CancelAsync(db, running.Id, "999", "Demo manager", "manager", Now, Ct));
        var seen = (await ImportJobs.RenewAsync(db, running.Id, "node-a", new ImportProgress("Importing", "header.csv", 20), ("Demo manager", "manager"), Now.AddSeconds(2), Lease, Ct))!;
        Assert.True(seen.CancelRequested);
        Assert.Equal(("Demo administrator", "administrator"), seen.CancelledBy); // the first to ask
        Assert.Equal(new ImportProgress("Importing", "header.csv", 20), seen.Progress);
        Assert.Equal((Now.AddSeconds(2) + Lease).UtcTicks, seen.LeaseUntilTicks);

        Assert.True(await ImportJobs.FinishAsync(db, running.Id, "node-a", ImportJobState.Cancelled, null, seen.Progress, null, Now.AddSeconds(3), Ct));
        Assert.Equal(ImportCancellation.None, await ImportJobs.CancelAsync(db, running.Id, "999", "Demo manager", "manager", Now, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RenewAsync_ACancelAskedOnItsOwnNode_IsWrittenForEveryNode(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var upload = Upload();
        await ImportJobs.AddAsync(db, upload, Ct);
        await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct);

        var seen = (await ImportJobs.RenewAsync(db, upload.Id, "node-a", null, ("Demo manager", "manager"), Now, Lease, Ct))!;

        Assert.Equal((true, ("Demo manager", "manager")), (seen.CancelRequested, seen.CancelledBy));
        Assert.Null(await ImportJobs.RenewAsync(db, upload.Id, "node-b", null, null, Now, Lease, Ct)); // only its node renews it
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EndInterruptedAsync_AJobWhoseNodeStoppedRenewing_IsFailedOnceByAnotherNode_AndItsNodeLosesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var upload = Upload();
        await ImportJobs.AddAsync(db, upload, Ct);
        await ImportJobs.TryClaimAsync(db, "node-a", Now, Lease, Ct);
        await ImportJobs.RenewAsync(db, upload.Id, "node-a", new ImportProgress("Importing", "header.csv", 5), null, Now.AddSeconds(10), Lease, Ct);

        // Within its lease, and never by its own node.
        Assert.Empty(await ImportJobs.EndInterruptedAsync(db, "node-b", Now.AddSeconds(39), Ct));
        Assert.Empty(await ImportJobs.EndInterruptedAsync(db, "node-a", Now.AddMinutes(5), Ct));

        var ended = await Task.WhenAll(
            Task.Run(async () => { await using var b = database.Open(); return await ImportJobs.EndInterruptedAsync(b, "node-b", Now.AddSeconds(41), Ct); }, Ct),
            Task.Run(async () => { await using var c = database.Open(); return await ImportJobs.EndInterruptedAsync(c, "node-c", Now.AddSeconds(41), Ct); }, Ct));

        var job = Assert.Single(ended.SelectMany(e => e));
        Assert.Equal((upload.Id, ImportJobState.Failed, "node-a"), (job.Id, job.State, job.Node));
        var row = (await ImportJobs.FindAsync(db, upload.Id, "999", Ct))!;
        Assert.Equal((ImportJobState.Failed, Now.AddSeconds(41)), (row.State, row.FinishedAt));
        // Were node-a only slow, not dead, its next heartbeat tells it the job is no longer its own, and it cannot end it.
        Assert.Null(await ImportJobs.RenewAsync(db, upload.Id, "node-a", null, null, Now.AddSeconds(42), Lease, Ct));
        Assert.False(await ImportJobs.FinishAsync(db, upload.Id, "node-a", ImportJobState.Committed, null, null, null, Now.AddSeconds(42), Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RemoveExpiredAsync_AbandonedPreviewsAfterAnHour_FinishedJobsAfterADay_NeverOneWaitingOrRunning(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var preview = Upload(spreadsheet: true);
        var previewImported = Upload(spreadsheet: true);
        var finished = Upload();
        var waiting = Upload(at: Now.AddDays(-3));
        foreach (var upload in new[] { preview, previewImported, finished, waiting }) await ImportJobs.AddAsync(db, upload, Ct);
        await ImportJobs.QueueAsync(db, previewImported.Id, "999", Ct);
        await ImportJobs.CancelAsync(db, finished.Id, "999", "Demo manager", "manager", Now.AddMinutes(30), Ct);

        Assert.Empty(await ImportJobs.RemoveExpiredAsync(db, Now.AddMinutes(59), Ct));
        Assert.Equal([preview.Id], (await ImportJobs.RemoveExpiredAsync(db, Now.AddMinutes(61), Ct)).Select(j => j.Id));
        Assert.Empty(await ImportJobs.RemoveExpiredAsync(db, Now.AddHours(24), Ct));
        Assert.Equal([finished.Id], (await ImportJobs.RemoveExpiredAsync(db, Now.AddHours(24).AddMinutes(31), Ct)).Select(j => j.Id));
        Assert.Equal(new[] { previewImported.Folder, waiting.Folder }.Order(), (await ImportJobs.FoldersAsync(db, Ct)).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DiscardAsync_OnlyAnUploadStillAtItsPreview_IsForgotten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var preview = Upload(spreadsheet: true);
        var queued = Upload();
        await ImportJobs.AddAsync(db, preview, Ct);
        await ImportJobs.AddAsync(db, queued, Ct);

        Assert.False(await ImportJobs.DiscardAsync(db, queued.Id, "999", Ct));
        Assert.False(await ImportJobs.DiscardAsync(db, preview.Id, "888", Ct));
        Assert.True(await ImportJobs.DiscardAsync(db, preview.Id, "999", Ct));
        Assert.Null(await ImportJobs.FindAsync(db, preview.Id, "999", Ct));
        Assert.Equal([queued.Id], (await ImportJobs.OfCouncilAsync(db, "999", Ct)).Select(j => j.Id));
    }
}
