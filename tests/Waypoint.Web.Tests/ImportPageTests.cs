using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.Spreadsheets;
using Waypoint.TestCommon;
using Waypoint.Web.Pages.Imports;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// Waypoint on a database of its own (SQLite or PostgreSQL), loaded with the small demo council, with its uploads in a
/// folder the tests can look into and the clock of <see cref="HoldingClock"/>. Imports change the demo council's
/// data, so they go here rather than into the database other page tests read. Several hosts on one database are
/// several web nodes: they share an upload folder, and may share a clock.
/// </summary>
public sealed class ImportHost(DatabaseProvider provider, string database, int maxUploadMegabytes = 1024, string? uploadFolder = null, HoldingClock? clock = null)
    : WebApplicationFactory<Program>
{
    private readonly TempFolder? _uploads = uploadFolder is null ? TestFiles.TempFolder() : null;

    public DatabaseProvider Provider { get; } = provider;
    public HoldingClock Clock { get; } = clock ?? new();
    public string UploadFolder => uploadFolder ?? _uploads!.Path;

    public WaypointDbContext Open() => WaypointDatabase.Open(Provider, database);

    /// <summary>What is left in the upload folder: nothing, once every import has ended.</summary>
    public IReadOnlyList<string> LeftInUploads() => [.. Directory.EnumerateFileSystemEntries(UploadFolder, "*", SearchOption.AllDirectories)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Waypoint:Demo", "true");
        builder.UseSetting("Waypoint:DemoSize", "Small");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:Connection", database);
        builder.UseSetting("Waypoint:Imports:UploadFolder", UploadFolder);
        builder.UseSetting("Waypoint:Imports:MaxUploadMegabytes", maxUploadMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        WaypointWebFactory.AllowManySignIns(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        Clock.Release();
        await base.DisposeAsync();
        _uploads?.Dispose();
    }
}

/// <summary>One <see cref="ImportHost"/> per database provider for the import tests, and one that takes uploads of a megabyte at most.</summary>
public sealed class ImportHosts : IAsyncDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private readonly Dictionary<DatabaseProvider, (TestDatabase Database, ImportHost Host)> _hosts = [];
    private ImportHost? _small;

    public async Task<ImportHost> HostAsync(DatabaseProvider provider)
    {
        await _once.WaitAsync();
        try
        {
            if (_hosts.TryGetValue(provider, out var made)) return made.Host;
            var database = await TestDatabase.CreateAsync(provider);
            var host = new ImportHost(provider, database.Database);
            _ = host.Server; // the demo loads here, once
            _hosts[provider] = (database, host);
            return host;
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>The page tests' shared demo database, with a one-megabyte upload limit: for uploads that are refused, which change nothing.</summary>
    public async Task<ImportHost> SmallUploadsAsync(WaypointWebFactory web)
    {
        ArgumentNullException.ThrowIfNull(web);
        await _once.WaitAsync();
        try
        {
            return _small ??= new ImportHost(DatabaseProvider.Sqlite, web.DatabasePath, maxUploadMegabytes: 1);
        }
        finally
        {
            _once.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (database, host) in _hosts.Values)
        {
            await host.DisposeAsync();
            await database.DisposeAsync();
        }
        if (_small is not null) await _small.DisposeAsync();
        _once.Dispose();
    }
}

public class ImportPageTests(WaypointWebFactory web, ImportHosts hosts) : IClassFixture<ImportHosts>
{
    private const string Council = Councils.DemoCouncilCode;

    /// <summary>Posts the upload form as a browser does: the antiforgery token first, then each field in page order.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string[] files, string? spreadsheet = null, string? mapping = null, bool chunked = false)
    {
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/imports"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var file in files) form.Add(FileContent(file), "files", Path.GetFileName(file));
        if (files.Length == 0) form.Add(NoFileChosen("files"));
        form.Add(new StringContent(mapping ?? ""), "mapping");
        if (spreadsheet is null) form.Add(NoFileChosen("spreadsheet"));
        else form.Add(FileContent(spreadsheet), "spreadsheet", Path.GetFileName(spreadsheet));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = form };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        return await client.SendAsync(request);
    }

    /// <summary>What a browser sends for a file input left empty: a part with an empty file name and nothing in it.</summary>
    private static ByteArrayContent NoFileChosen(string field)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"", FileName = "\"\"" };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static StreamContent FileContent(string path)
    {
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    /// <summary>Follows the upload's redirect to its result page and asks for its progress until the import has ended.</summary>
    internal static async Task<IDocument> ResultAsync(HttpClient client, HttpResponseMessage uploaded)
    {
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var location = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/imports/[0-9a-f-]{36}$", location);
        var waited = Stopwatch.StartNew();
        while ((await client.GetFromJsonAsync<ImportProgressText>(location + "?handler=Progress"))!.Finished == false)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the import did not end");
            await Task.Delay(100);
        }
        var result = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        return await WaypointWebFactory.HtmlAsync(result);
    }

    private static List<string[]> Rows(IDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private static string Summary(IDocument page, string list, string key) =>
        page.QuerySelectorAll($"#{list} .govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == key).QuerySelector("dd")!.TextContent.Trim();

    private static List<string> Errors(IDocument page) => [.. page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim())];

    [Theory]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.SendOfficer)]
    [InlineData(Roles.HealthPractitioner)]
    [InlineData(Roles.PanelMember)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.DataProtectionOfficer)]
    public async Task OtherRoles_AreRefusedEveryImportPage_AndSeeNoLink(string role)
    {
        var client = await web.SignedInAsync(role);
        var id = Guid.NewGuid();
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/imports"),
            new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = new MultipartFormDataContent() },
            new HttpRequestMessage(HttpMethod.Get, $"/imports/{id}"),
            new HttpRequestMessage(HttpMethod.Get, $"/imports/{id}?handler=Progress"),
            new HttpRequestMessage(HttpMethod.Post, $"/imports/{id}?handler=Cancel"),
            new HttpRequestMessage(HttpMethod.Get, $"/imports/{id}/preview"),
        })
        {
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{request.Method} {request.RequestUri}: {response.StatusCode}");
            Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Empty(home.QuerySelectorAll("a[href='/imports']"));
    }

    [Theory]
    [InlineData(Roles.TransitionsWorker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task ImportingRoles_FindTheUploadFormFromTheNavigation(string role)
    {
        var client = await web.SignedInAsync(role);
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Equal("Imports", Assert.Single(home.QuerySelectorAll("nav a[href='/imports']")).TextContent);

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/imports"));
        Assert.Equal("Import files", page.QuerySelector("h1")!.TextContent);
        var form = page.QuerySelector("main form")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Equal("__RequestVerificationToken", form.QuerySelector("input")!.GetAttribute("name")); // first, so it is checked before any file is written
        Assert.Single(form.QuerySelectorAll("input[name=__RequestVerificationToken]"));
        var files = page.GetElementById(page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == "Statutory return files").GetAttribute("for")!)!;
        Assert.Equal(("file", true), (files.GetAttribute("type"), files.HasAttribute("multiple")));
        // The demo council saved mappings for its own spreadsheets: they are offered for a council spreadsheet.
        Assert.Contains("Demo placement costs", page.QuerySelectorAll("#mapping option").Select(o => o.TextContent));
        Assert.Equal("file", page.GetElementById("spreadsheet")!.GetAttribute("type"));
        // The demo was imported at start: it is the first of the recent imports, with a link to its data quality.
        Assert.NotNull(page.QuerySelector("#recent tbody tr a[href^='/data-quality?batch=']"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload903AndCin_ImportsInTheBackground_AndTheResultShowsWhatBecameOfEachFile(DatabaseProvider provider)
    {
        var host = await hosts.HostAsync(provider);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.TransitionsWorker);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "web-header.csv",
            new ChildRow("WEB1", "2009-03-14"), new ChildRow("WEB2", "2008-07-02", Sex: "F"), new ChildRow("WEB3", "2099-01-01"));
        var episodes = SourceFileBuilder.Episodes903(folder, "web-episodes.csv", new EpisodeRow("WEB1", "2020-01-01"), new EpisodeRow("WEB2", "2021-05-01", "2022-05-01"));
        var cin = SourceFileBuilder.Cin(folder, "web-cin.xml", Council, new ChildRow("WEB1", "2009-03-14"), new ChildRow("WEB4", "2007-11-20", Sex: "F"));

        var page = await ResultAsync(client, await UploadAsync(client, [header, episodes, cin]));

        Assert.Equal("Files imported", page.QuerySelector("h1")!.TextContent);
        var banner = page.QuerySelector(".govuk-notification-banner--success .govuk-notification-banner__heading")!.TextContent;
        Assert.Matches("^Import [0-9]+ saved: 6 records and rows imported from 3 files$", banner);
        Assert.Equal(
        [
            ["web-header.csv", "SSDA903 Header", "3", "2", "1", "0"],
            ["web-episodes.csv", "SSDA903 Episodes", "2", "2", "0", "0"],
            ["web-cin.xml", "CIN census", "2", "2", "0", "0"],
        ], Rows(page, "imported-files"));
        var rejected = Assert.Single(Rows(page, "rejected"));
        Assert.Equal(["web-header.csv", "4", "DOB", "Error"], rejected[..4]);
        Assert.Contains("01/01/2099", rejected[4], StringComparison.Ordinal);
        Assert.Equal("3", Summary(page, "linking", "New people from these files")); // WEB1 from the Header and the CIN census is one

        long batch;
        await using (var db = host.Open())
        {
            batch = await db.ImportBatches.MaxAsync(b => b.Id);
            Assert.Equal(3, await db.ImportedFiles.CountAsync(f => f.ImportBatchId == batch));
            Assert.Equal(["WEB1", "WEB2"], await db.SourceRecords.Where(r => r.CouncilCode == Council && r.LastSeenBatchId == batch && r.Format == "903").Select(r => r.LocalKey).OrderBy(k => k).ToListAsync());
            // The importer's own audit event names the user and role; the upload has one of its own, with file names and sizes only.
            var import = await db.AuditEvents.Where(a => a.Action == "import").OrderBy(a => a.Id).LastAsync();
            Assert.Equal(("Demo transitions worker", Roles.TransitionsWorker), (import.UserName, import.Role));
            Assert.StartsWith($"batch {batch}: web-header.csv", import.Detail, StringComparison.Ordinal);
            var upload = await db.AuditEvents.Where(a => a.Action == "upload-import-files").OrderBy(a => a.Id).LastAsync();
            Assert.Equal(Roles.TransitionsWorker, upload.Role);
            Assert.Matches("^import [0-9a-f-]{36}: 3 files \\(web-header.csv, [0-9]+ bytes; web-episodes.csv, [0-9]+ bytes; web-cin.xml, [0-9.]+ (bytes|KB)\\)$", upload.Detail);
        }
        Assert.Equal($"/data-quality?batch={batch}", page.QuerySelector("main a[href^='/data-quality']")!.GetAttribute("href"));
        Assert.Empty(host.LeftInUploads());

        // The recent imports list it first, with its result page and its data quality.
        var imports = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/imports"));
        var first = imports.QuerySelector("#recent tbody tr")!;
        Assert.Equal($"Import {batch}", first.QuerySelector("th")!.TextContent.Trim());
        Assert.Matches("^/imports/[0-9a-f-]{36}$", first.QuerySelector("th a")!.GetAttribute("href")!);
        Assert.Equal(["Demo transitions worker", "7", "6", "1", "0"], first.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Where((_, i) => i is 1 or 3 or 4 or 5 or 6));
        Assert.Equal(["web-header.csv", "web-episodes.csv", "web-cin.xml"], first.QuerySelectorAll("td li").Select(li => li.TextContent.Trim()));

        // The same file again is recognised and not read again.
        var again = await ResultAsync(client, await UploadAsync(client, [header]));
        Assert.Equal(["web-header.csv", "SSDA903 Header", "Already imported: the same file was imported before, so it was not read again"], Assert.Single(Rows(again, "imported-files")));
    }

    [Fact]
    public async Task FatalProblem_NothingIsImported_AndTheResultSaysWhereItIs()
    {
        var host = await hosts.HostAsync(DatabaseProvider.Sqlite);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        using var folder = TestFiles.TempFolder();
        var episodes = SourceFileBuilder.Episodes903(folder, "lonely-episodes.csv", new EpisodeRow("WEB9", "2020-01-01"));
        int batches;
        await using (var db = host.Open()) batches = await db.ImportBatches.CountAsync();

        var page = await ResultAsync(client, await UploadAsync(client, [episodes]));

        Assert.Equal("Nothing was imported", page.QuerySelector("h1")!.TextContent);
        var stopped = Assert.Single(Rows(page, "stopped"));
        Assert.Equal(["lonely-episodes.csv", "1", "CHILD", "Fatal"], stopped[..4]);
        Assert.StartsWith("a SSDA903 Episodes file needs its SSDA903 Header file in the same import", stopped[4], StringComparison.Ordinal);
        await using (var db = host.Open())
        {
            Assert.Equal(batches, await db.ImportBatches.CountAsync());
            var audit = await db.AuditEvents.Where(a => a.Action == "import-rolled-back").OrderBy(a => a.Id).LastAsync();
            Assert.EndsWith(": nothing imported; lonely-episodes.csv: header-not-in-import", audit.Detail, StringComparison.Ordinal);
        }
        Assert.Empty(host.LeftInUploads());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CancelPartWay_RollsTheImportBack_LeavingTheDatabaseAsItWas(DatabaseProvider provider)
    {
        var host = await hosts.HostAsync(provider);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Administrator);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "cancelled-header.csv", [.. Enumerable.Range(1, 50).Select(i => new ChildRow($"CANCEL{i}", $"2008-01-{i % 28 + 1:D2}"))]);
        SortedDictionary<string, long> before;
        await using (var db = host.Open()) before = await DatabaseSnapshot.CountsAsync(db);

        var held = host.Clock.HoldNextImportAsync();
        var uploaded = await UploadAsync(client, [header]);
        var location = uploaded.Headers.Location!.OriginalString;
        await held.WaitAsync(TimeSpan.FromMinutes(1)); // every record written and linked, not yet committed
        var running = await WaypointWebFactory.HtmlAsync(await client.GetAsync(location));
        Assert.Equal("Importing files", running.QuerySelector("h1")!.TextContent);
        Assert.Equal("Linking records into people", running.QuerySelector("[data-progress=step]")!.TextContent);
        Assert.Equal("polite", running.QuerySelector("#progress")!.GetAttribute("aria-live"));
        Assert.Equal(location, running.QuerySelector("[data-import-refresh] a")!.GetAttribute("href"));
        var token = running.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var cancelled = await client.PostAsync(location + "?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(location, cancelled.Headers.Location!.OriginalString);
        host.Clock.Release();

        var page = await ResultAsync(client, cancelled);

        Assert.Equal("Import cancelled", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("the database is as it was before the import started", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Open())
        {
            var after = await DatabaseSnapshot.CountsAsync(db);
            // The audit trail has the upload and the cancellation, and the imports the upload, cancelled, for its result page; nothing else changed.
            Assert.Equal(before["AuditEvents"] + 2, after["AuditEvents"]);
            Assert.Equal(before["ImportJobs"] + 1, after["ImportJobs"]);
            foreach (var kept in new[] { before, after })
            {
                kept.Remove("AuditEvents");
                kept.Remove("ImportJobs");
            }
            Assert.Equal(before, after);
            var audit = await db.AuditEvents.Where(a => a.Action == "import-cancelled").OrderBy(a => a.Id).LastAsync();
            Assert.Equal(("Demo administrator", Roles.Administrator), (audit.UserName, audit.Role));
        }
        Assert.Empty(host.LeftInUploads());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportWhoseNodeDied_IsEndedAsFailedByAnotherNode_AuditedAndItsFilesDeleted(DatabaseProvider provider)
    {
        var host = await hosts.HostAsync(provider);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        var (id, folder) = host.Services.GetRequiredService<ImportRunner>().NewFolder();
        File.WriteAllText(Path.Combine(folder, "died-header.csv"), "CHILD,SEX,DOB\n");
        await using (var db = host.Open())
        {
            // Running on a node last heard of a minute ago: it renews its hold every half second, so it died (its transaction with it).
            db.ImportJobs.Add(new ImportJob
            {
                Id = id,
                CouncilCode = Council,
                UserName = "Demo team manager",
                Role = Roles.Manager,
                Folder = Path.GetFileName(folder),
                Files = [new UploadedFile("died-header.csv", 14)],
                UploadedAt = DateTimeOffset.UtcNow.AddMinutes(-2),
                State = ImportJobState.Running,
                Progress = new ImportProgress("Importing", "died-header.csv", 0),
                Node = "a-node-that-died",
                LeaseUntilTicks = DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks,
            });
            await db.SaveChangesAsync();
        }

        var waited = Stopwatch.StartNew();
        while ((await client.GetFromJsonAsync<ImportProgressText>($"/imports/{id}?handler=Progress"))!.Finished == false)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "no node noticed the import's node had died");
            await Task.Delay(100);
        }

        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/imports/{id}"));
        Assert.Equal("The import failed", page.QuerySelector("h1")!.TextContent);
        Assert.Contains($"quoting import {id}", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        await using (var db = host.Open())
        {
            var audit = Assert.Single(await db.AuditEvents.Where(a => a.Action == "import-interrupted" && a.Detail!.StartsWith($"import {id}:")).ToListAsync());
            Assert.Equal(("Demo team manager", Roles.Manager, $"import {id}: the web node running it stopped part way; it rolled back, so nothing was imported"),
                (audit.UserName, audit.Role, audit.Detail));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Spreadsheet_IsPreviewedAsMapped_ThenImportedWithTheFiles(DatabaseProvider provider)
    {
        var host = await hosts.HostAsync(provider);
        await using (var db = host.Open())
            Assert.Empty(await SpreadsheetMappings.SaveAsync(db, SheetBuilder.PlacementCosts(Council, "web placement costs"), "test", Roles.Administrator, TimeProvider.System, CancellationToken.None));
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "costs-header.csv", new ChildRow("COST1", "2009-02-03"), new ChildRow("COST2", "2010-04-05"));
        var costs = SheetBuilder.Csv(folder, "placement-costs.csv",
            SheetBuilder.CostHeadings,
            ["COST1", "01/04/2025", "", "£1,250.00", "CSC Placements", "Hill House"],
            ["COST2", "01/09/2025", "", "950", "Lottery", "Oak School"],
            ["COST2", "31/02/2025", "", "900", "High Needs Block", "Oak School"]);

        var uploaded = await UploadAsync(client, [header], costs, "web placement costs");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var location = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/imports/[0-9a-f-]{36}/preview$", location);
        var preview = await WaypointWebFactory.HtmlAsync(await client.GetAsync(location));

        Assert.Equal("Check the spreadsheet before importing", preview.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Line", "Status", "Client ID", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream", "Provider"],
            preview.QuerySelectorAll("#rows thead th").Select(h => h.ChildNodes[0].TextContent.Trim()));
        Assert.Equal(
        [
            ["2", "Ready", "COST1", "2025-04-01", "", "1250.00", "social care", "Hill House"],
            ["3", "Warning", "COST2", "2025-09-01", "", "950.00", "Lottery", "Oak School"],
            ["4", "Rejected", "COST2", "31/02/2025", "", "900.00", "education", "Oak School"],
        ], Rows(preview, "rows"));
        var problems = Rows(preview, "row-problems");
        Assert.Equal([["placement-costs.csv", "3", "Funding Stream", "Warning"], ["placement-costs.csv", "4", "Placement Start", "Error"]], problems.Select(p => p[..4]));
        Assert.Contains("'31/02/2025' is not a real date", problems[1][4], StringComparison.Ordinal);
        Assert.Contains("imported together with the file costs-header.csv", preview.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Open())
            Assert.Equal($"import {location[9..45]}: placement-costs.csv through mapping 'web placement costs', 3 rows shown",
                (await db.AuditEvents.Where(a => a.Action == "preview-spreadsheet").OrderBy(a => a.Id).LastAsync()).Detail);

        var token = preview.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var imported = await client.PostAsync(location + "?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var page = await ResultAsync(client, imported);

        Assert.Equal("Files imported", page.QuerySelector("h1")!.TextContent);
        Assert.Equal([["costs-header.csv", "SSDA903 Header", "2", "2", "0", "0"], ["placement-costs.csv", "Council spreadsheet", "3", "2", "1", "1"]], Rows(page, "imported-files"));
        await using (var db = host.Open())
        {
            var landed = await db.Set<ChildPlacementCost>().Join(db.SourceRecords.Where(r => r.FileName == "placement-costs.csv"), c => c.SourceRecordId, r => r.Id, (c, r) => new { r.LocalKey, c.WeeklyCost, c.FundingStream })
                .ToListAsync();
            Assert.Equal([("COST1", 1250m, "social care"), ("COST2", 950m, "Lottery")], landed.Select(c => (c.LocalKey, c.WeeklyCost, c.FundingStream)).Order());
        }
        Assert.Empty(host.LeftInUploads());
    }

    [Fact]
    public async Task Spreadsheet_WithoutAHeadingItsMappingReads_CannotBeImported_AndCancelDeletesTheUpload()
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.TransitionsWorker);
        using var folder = TestFiles.TempFolder();
        var costs = SheetBuilder.Csv(folder, "costs-no-funding.csv", ["Client ID", "Placement Type", "Provider", "Placement Start", "Placement End", "Weekly Cost (GBP)"], ["C1", "Foster", "A", "01/01/2025", "", "100"]);

        var uploaded = await UploadAsync(client, [], costs, "Demo placement costs");
        var location = uploaded.Headers.Location!.OriginalString;
        var preview = await WaypointWebFactory.HtmlAsync(await client.GetAsync(location));

        Assert.Equal("This spreadsheet cannot be imported through this mapping", preview.QuerySelector(".govuk-notification-banner__heading")!.TextContent);
        var fatal = Assert.Single(Rows(preview, "cannot-import"));
        Assert.Equal(["costs-no-funding.csv", "1", "Funding Stream", "Fatal"], fatal[..4]);
        Assert.StartsWith("the mapping 'Demo placement costs' reads a heading the sheet does not have: Funding Stream", fatal[4], StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("#rows"));
        Assert.Equal(["Cancel and upload again"], preview.QuerySelectorAll("main form button").Select(b => b.TextContent.Trim()));
        Assert.Single(host.LeftInUploads(), Directory.Exists); // the upload waits for the user

        // Only its uploader sees the preview.
        var other = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);

        var token = preview.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var cancelled = await client.PostAsync(location + "?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/imports", cancelled.Headers.Location!.OriginalString);
        var imports = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/imports"));
        Assert.StartsWith("Import cancelled: nothing was imported", imports.QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(host.LeftInUploads());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(location)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // no Content-Length: the limit is kept as the body streams in
    public async Task UploadOverTheLimit_IsRefusedWithAnErrorLinkedToTheField(bool chunked)
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Manager);
        using var folder = TestFiles.TempFolder();
        var big = SourceFileBuilder.Header903(folder, "big-header.csv", [.. Enumerable.Range(1, 100_000).Select(i => new ChildRow($"BIG{i}", "2010-01-01"))]);
        Assert.True(new FileInfo(big).Length > 2 * 1024 * 1024);

        var response = await UploadAsync(client, [big], chunked: chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal(["The files must be smaller than 1 MB in total"], Errors(page));
        Assert.Equal("#files", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Equal("Error: The files must be smaller than 1 MB in total", page.QuerySelector("#files-error")!.TextContent.Trim());
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Empty(host.LeftInUploads());
    }

    [Theory]
    [InlineData("", "", "Select the files to import")]
    [InlineData("notes.txt", "", "notes.txt must be a CSV or XML file")]
    [InlineData("costs.xlsx", "", "costs.xlsx is a spreadsheet: upload it as the council spreadsheet, with its mapping")]
    [InlineData("empty.csv", "", "empty.csv is empty")]
    [InlineData("", "Demo placement costs", "Select the council spreadsheet to read through the mapping")]
    public async Task UploadThatCannotBeImported_ShowsWhyLinkedToTheField_AndKeepsNothing(string file, string mapping, string error)
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Administrator);
        using var folder = TestFiles.TempFolder();
        string[] files = file.Length == 0 ? [] : [folder.Write(file, file == "empty.csv" ? "" : "CHILD,SEX,DOB\n")];

        var response = await UploadAsync(client, files, mapping: mapping);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal([error], Errors(page));
        var field = page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href")![1..];
        Assert.Contains(error, page.GetElementById(field + "-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("govuk-form-group--error", page.GetElementById(field)!.Closest(".govuk-form-group")!.ClassName, StringComparison.Ordinal);
        Assert.Empty(host.LeftInUploads());
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryTokenFirst_IsRefusedBeforeAnyFileIsWritten()
    {
        var host = await hosts.SmallUploadsAsync(web);
        var client = await WaypointWebFactory.SignedInAsync(host, Roles.Administrator);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("CHILD,SEX,DOB\n"u8.ToArray()), "files", "header.csv" } };
        var response = await client.PostAsync("/imports", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.LeftInUploads());
    }

    [Fact]
    public async Task UnknownImport_SaysItIsNotRunning()
    {
        var client = await web.SignedInAsync(Roles.Manager);
        var response = await client.GetAsync($"/imports/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal("This import is not running", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("It may have finished more than a day ago: see recent imports", page.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/imports/{Guid.NewGuid()}?handler=Progress")).StatusCode);
    }
}

public class UploadFileNameTests
{
    [Theory]
    [InlineData("header.csv", "header.csv")]
    [InlineData("C:\\Users\\someone\\Desktop\\header.csv", "header.csv")]
    [InlineData("../../etc/passwd.csv", "passwd.csv")]
    [InlineData("..", "file")]
    [InlineData(".hidden.csv", "hidden.csv")]
    [InlineData("costs: \"2026\" <final>?.xlsx", "costs 2026 final.xlsx")]
    [InlineData("line\nbreak.csv", "linebreak.csv")]
    public void FileName_KeepsTheNameWithoutFoldersOrUnsafeCharacters(string given, string kept) => Assert.Equal(kept, UploadForm.FileName(given));

    [Fact]
    public void FileName_ALongName_IsShortenedKeepingItsExtension()
    {
        var kept = UploadForm.FileName(new string('a', 400) + ".csv");
        Assert.Equal(150, kept.Length);
        Assert.EndsWith("a.csv", kept, StringComparison.Ordinal);
    }
}

/// <summary>The sweep every node makes of the upload folder and the imports table: abandoned previews, and folders left over.</summary>
public sealed class AbandonedUploadTests : IAsyncLifetime
{
    private readonly TempFolder _root = TestFiles.TempFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase? _database;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<WaypointDbContext>(o => WaypointDatabase.Configure(o, _database.Provider, _database.Database));
        services.AddScoped<AuditLog>();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(new WaypointSettings { Imports = new ImportSettings { UploadFolder = _root.Path } });
        services.AddSingleton<Waypoint.Web.Startup.JobNode>();
        services.AddSingleton<ImportRunner>();
        _services = services.BuildServiceProvider();
    }

    private ImportRunner Runner => _services!.GetRequiredService<ImportRunner>();

    private async Task<ImportJob> UploadAsync(UploadedFile? spreadsheet)
    {
        var (id, folder) = Runner.NewFolder();
        File.WriteAllText(Path.Combine(folder, "costs.csv"), "Client ID\nC1\n");
        var job = new ImportJob
        {
            Id = id,
            CouncilCode = "999",
            UserName = "someone",
            Role = Roles.Manager,
            Folder = Path.GetFileName(folder),
            Spreadsheet = spreadsheet,
            MappingName = spreadsheet is null ? null : "costs",
            UploadedAt = _time.GetUtcNow(),
        };
        await using var scope = _services!.CreateAsyncScope();
        await ImportJobs.AddAsync(scope.ServiceProvider.GetRequiredService<WaypointDbContext>(), job, Ct);
        return job;
    }

    private async Task<ImportJob?> FindAsync(Guid id)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await Runner.FindAsync(scope.ServiceProvider.GetRequiredService<WaypointDbContext>(), id, "999", Ct);
    }

    [Fact]
    public async Task UploadLeftAtItsPreview_IsDeletedAfterAnHour()
    {
        var job = await UploadAsync(new UploadedFile("costs.csv", 13));
        var folder = Runner.FolderOf(job);

        _time.Advance(TimeSpan.FromMinutes(59));
        await Runner.RemoveExpiredAsync(Ct);
        Assert.True(File.Exists(Path.Combine(folder, "costs.csv")));
        Assert.Equal(ImportJobState.AwaitingPreview, (await FindAsync(job.Id))!.State);

        _time.Advance(TimeSpan.FromMinutes(2));
        await Runner.RemoveExpiredAsync(Ct);
        Assert.False(Directory.Exists(folder));
        Assert.Null(await FindAsync(job.Id));
    }

    [Fact]
    public async Task FolderLeftByAnEarlierRun_IsDeletedAfterADay_AndNotBefore_ButOneAJobWaitsOnIsKept()
    {
        var (_, folder) = Runner.NewFolder();
        Directory.SetLastWriteTimeUtc(folder, _time.GetUtcNow().UtcDateTime);
        var waiting = Runner.FolderOf(await UploadAsync(null)); // queued, with no node free to run it
        Directory.SetLastWriteTimeUtc(waiting, _time.GetUtcNow().UtcDateTime);

        _time.Advance(TimeSpan.FromHours(23));
        await Runner.RemoveExpiredAsync(Ct);
        Assert.True(Directory.Exists(folder));

        _time.Advance(TimeSpan.FromHours(2));
        await Runner.RemoveExpiredAsync(Ct);
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(waiting));
    }

    [Fact]
    public void UploadFolder_IsPrivateToWaypoint()
    {
        if (OperatingSystem.IsWindows()) return;
        var (_, folder) = Runner.NewFolder();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        _root.Dispose();
    }
}
