using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The app serving another council from the page tests' database. The demo council's data is not that council's, so
/// each council here has exactly the imports its test gives it, and the demo council's tests are not disturbed; a
/// test may change the host further (its settings, clock or environment) without touching the shared one.
/// </summary>
public sealed class CouncilHost(string databasePath, string council, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Waypoint:Demo", "true");
        builder.UseSetting("Waypoint:CouncilCode", council);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:Connection", databasePath);
        WaypointWebFactory.AllowManySignIns(builder);
        configure?.Invoke(builder);
    }
}

/// <summary>
/// Two councils beside the demo one: 997 has imported nothing; 998 has two imports with known problems, made through
/// the real importer. Older import: 60 children whose UPNs have the wrong check letter and one born in 2099. Newer
/// import: 5 of those children again, and an Episodes file where one episode overlaps the one before.
/// </summary>
public sealed class DataQualityCouncils : IAsyncDisposable
{
    public const string Empty = "997";
    public const string Imported = "998";
    private readonly SemaphoreSlim _once = new(1, 1);
    private CouncilHost? _empty;
    private CouncilHost? _imported;

    public long OlderImport { get; private set; }
    public long NewerImport { get; private set; }

    /// <summary>A UPN of the right shape whose check letter is wrong, different for each number.</summary>
    public static string WrongUpn(int i)
    {
        var body = $"99800000{i:D4}";
        var right = Core.People.Upn.CheckLetter(body);
        return (right == 'A' ? 'B' : 'A') + body;
    }

    public static string RightCheckLetter(int i) => Core.People.Upn.CheckLetter($"99800000{i:D4}").ToString();

    public async Task<CouncilHost> EmptyAsync(WaypointWebFactory web)
    {
        ArgumentNullException.ThrowIfNull(web);
        await _once.WaitAsync();
        try
        {
            return _empty ??= new CouncilHost(web.DatabasePath, Empty);
        }
        finally
        {
            _once.Release();
        }
    }

    public async Task<CouncilHost> ImportedAsync(WaypointWebFactory web)
    {
        ArgumentNullException.ThrowIfNull(web);
        await _once.WaitAsync();
        try
        {
            if (_imported is not null) return _imported;
            using var folder = TestFiles.TempFolder();
            var older = SourceFileBuilder.Header903(folder, "older/header.csv",
                [.. Enumerable.Range(1, 60).Select(i => new ChildRow($"C{i}", "2010-01-01", Upn: WrongUpn(i))), new ChildRow("C61", "2099-01-01")]);
            var newer = SourceFileBuilder.Header903(folder, "newer/header.csv", [.. Enumerable.Range(1, 5).Select(i => new ChildRow($"C{i}", "2010-01-01", Upn: WrongUpn(i)))]);
            var episodes = SourceFileBuilder.Episodes903(folder, "newer/episodes.csv",
                new EpisodeRow("C1", "2020-01-01", "2020-06-01"), new EpisodeRow("C1", "2020-05-01", "2020-09-01"));
            OlderImport = await ImportAsync(web, older);
            NewerImport = await ImportAsync(web, newer, episodes);
            return _imported = new CouncilHost(web.DatabasePath, Imported);
        }
        finally
        {
            _once.Release();
        }
    }

    private static async Task<long> ImportAsync(WaypointWebFactory web, params string[] files)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var result = await new Importer(db, TimeProvider.System).ImportAsync(files, new ImportOptions(Imported) { UserName = "Test importer" });
        Assert.True(result.Committed, string.Join("\n", result.Problems));
        return result.BatchId!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_empty is not null) await _empty.DisposeAsync();
        if (_imported is not null) await _imported.DisposeAsync();
        _once.Dispose();
    }
}

public class DataQualityPageTests(WaypointWebFactory web, DataQualityCouncils councils) : IClassFixture<DataQualityCouncils>
{
    private static IElement Control(IDocument page, string label)
    {
        var forId = page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for")!;
        return page.GetElementById(forId)!;
    }

    private static int Count(IDocument page) =>
        int.Parse(page.QuerySelector("main p[role=status] strong")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string[]> Rows(IDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private static string Summary(IDocument page, string key) =>
        page.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == key).QuerySelector("dd")!.TextContent.Trim();

    private async Task<IDocument> PageAsync(string query = "")
    {
        var client = await WaypointWebFactory.SignedInAsync(await councils.ImportedAsync(web), Roles.Manager);
        var response = await client.GetAsync("/data-quality" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await WaypointWebFactory.HtmlAsync(response);
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await db.AuditEvents.CountAsync(a => a.Action == action && a.CouncilCode == DataQualityCouncils.Imported);
    }

    [Fact]
    public async Task NothingImported_ShowsTheEmptyState()
    {
        var client = await WaypointWebFactory.SignedInAsync(await councils.EmptyAsync(web), Roles.Manager);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/data-quality"));
        Assert.Equal("Data quality", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Nothing has been imported yet", page.QuerySelector("main h2")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main table"));
        Assert.Empty(page.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task AllMessages_AreCountedByRuleAndSeverity_NewestImportFirst()
    {
        var page = await PageAsync();

        Assert.Equal(60 + 1 + 5 + 1, Count(page));
        Assert.Equal("2 records or rows rejected", Summary(page, "Errors"));
        Assert.Equal("65 values kept", Summary(page, "Warnings"));
        Assert.StartsWith($"Import {councils.NewerImport},", Summary(page, "Latest import"), StringComparison.Ordinal);
        Assert.EndsWith("(2 files), by Test importer", Summary(page, "Latest import"), StringComparison.Ordinal);
        var byRule = page.QuerySelectorAll("#rules tbody tr").Select(r =>
            (r.QuerySelector("th a")!.TextContent, r.QuerySelector("th span")!.TextContent, r.QuerySelectorAll("td")[0].TextContent.Trim(), r.QuerySelectorAll("td")[2].TextContent));
        Assert.Equal(
        [
            ("UPN check letter wrong", "upn-check-letter", "Warning", "65"),
            ("Impossible date of birth", "date-of-birth-impossible", "Error", "1"),
            ("Overlapping 903 episodes", "episode-overlap", "Error", "1"),
        ], byRule);

        var messages = Rows(page, "messages");
        Assert.Equal(50, messages.Count);
        Assert.Equal([councils.NewerImport.ToString(System.Globalization.CultureInfo.InvariantCulture), "header.csv", "2", "UPN", "upn-check-letter", "Warning"], messages[0][..6]);
        Assert.Equal($"'{DataQualityCouncils.WrongUpn(1)}' is not a valid UPN (wrong check letter, {DataQualityCouncils.RightCheckLetter(1)} expected); kept but not used for linking", messages[0][6]);
        Assert.Contains(messages, m => m[4] == "episode-overlap" && m[1] == "episodes.csv" && m[2] == "3" && m[3] == "DECOM");

        var second = await PageAsync("?p=2");
        Assert.Equal(67 - 50, Rows(second, "messages").Count);
        // Newest import first, then file by file in line order, with nothing lost or repeated across the page break.
        var (newer, older) = (councils.NewerImport, councils.OlderImport);
        Assert.Equal(
            [.. Enumerable.Range(2, 5).Select(l => $"{newer} header.csv {l}"), $"{newer} episodes.csv 3", .. Enumerable.Range(2, 61).Select(l => $"{older} header.csv {l}")],
            messages.Concat(Rows(second, "messages")).Select(m => $"{m[0]} {m[1]} {m[2]}"));
        Assert.Equal("page", second.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("?severity=Error", 2)]
    [InlineData("?severity=Warning", 65)]
    [InlineData("?rule=upn-check-letter", 65)]
    [InlineData("?rule=episode-overlap", 1)]
    [InlineData("?file=episodes.csv", 1)]
    [InlineData("?rule=postcode-shape", 0)]
    public async Task Filters_BySeverityRuleAndFile_ShowOnlyThoseMessages(string query, int expected)
    {
        var page = await PageAsync(query);
        Assert.Equal(expected, Count(page));
        var (name, value) = (query[1..].Split('=')[0], query.Split('=')[1]);
        Assert.Equal(value, Control(page, char.ToUpperInvariant(name[0]) + name[1..]).QuerySelector("option[selected]")!.GetAttribute("value"));
        var column = name switch { "severity" => 5, "rule" => 4, _ => 1 };
        Assert.All(Rows(page, "messages"), r => Assert.Equal(value, r[column]));
        if (expected == 0)
        {
            Assert.Equal("No problems match", page.QuerySelectorAll("main h2")[0].TextContent);
            Assert.NotNull(page.QuerySelector("main a[href='/data-quality']"));
        }
    }

    [Fact]
    public async Task ImportFilter_ShowsOneImportAndItsFiles()
    {
        await councils.ImportedAsync(web);
        var page = await PageAsync($"?batch={councils.OlderImport}&rule=upn-check-letter");
        Assert.Equal(60, Count(page));
        Assert.All(Rows(page, "messages"), r => Assert.Equal(councils.OlderImport.ToString(System.Globalization.CultureInfo.InvariantCulture), r[0]));
        Assert.Equal(["", "header.csv"], Control(page, "File").QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal(councils.OlderImport.ToString(System.Globalization.CultureInfo.InvariantCulture), Control(page, "Import").QuerySelector("option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Trend_CountsEachRuleInEachImport_MostRecentFirst()
    {
        await councils.ImportedAsync(web);
        var page = await PageAsync($"?batch={councils.OlderImport}"); // the trend is across imports: the import filter leaves it alone
        var table = page.QuerySelectorAll("main table")[^1];
        Assert.StartsWith("Messages per rule in the latest 2 imports, most recent first", table.QuerySelector("caption")!.TextContent.Trim(), StringComparison.Ordinal);
        var columns = table.QuerySelectorAll("thead th").Skip(1).Select(h => h.ChildNodes[0].TextContent.Trim()).ToList();
        Assert.Equal([$"Import {councils.NewerImport}", $"Import {councils.OlderImport}"], columns);
        var rows = table.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["5", "60"], rows["UPN check letter wrong"]);
        Assert.Equal(["0", "1"], rows["Impossible date of birth"]);
        Assert.Equal(["1", "0"], rows["Overlapping 903 episodes"]);
        Assert.Equal("th", table.QuerySelector("tbody tr")!.FirstElementChild!.LocalName);
        Assert.Equal("row", table.QuerySelector("tbody th")!.GetAttribute("scope"));
    }

    [Fact]
    public async Task Download_StreamsTheChosenMessagesAsCsvAndIsAudited()
    {
        var client = await WaypointWebFactory.SignedInAsync(await councils.ImportedAsync(web), Roles.Administrator);
        var before = await AuditCountAsync("download-data-quality");

        var response = await client.GetAsync($"/data-quality?handler=Download&severity=Warning&batch={councils.NewerImport}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches("^data-quality-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.csv$", response.Content.Headers.ContentDisposition.FileName);
        Assert.Null(response.Content.Headers.ContentLength); // written as it is read, not built first and sent with its length
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), bytes[..3]); // so spreadsheets read it as UTF-8
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Batch,File,Line or element,Field,Rule,Message,Severity", lines[0]);
        Assert.Equal(
            [.. Enumerable.Range(1, 5).Select(i =>
                $"{councils.NewerImport},header.csv,{i + 1},UPN,upn-check-letter,\"'{DataQualityCouncils.WrongUpn(i)}' is not a valid UPN (wrong check letter, {DataQualityCouncils.RightCheckLetter(i)} expected); kept but not used for linking\",Warning")],
            lines[1..]);
        Assert.Equal(before + 1, await AuditCountAsync("download-data-quality"));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var audit = await db.AuditEvents.Where(a => a.Action == "download-data-quality").OrderBy(a => a.Id).LastAsync();
        Assert.Equal((Roles.Administrator, $"5 messages; batch={councils.NewerImport}, file=any, severity=Warning, rule=any"), (audit.Role, audit.Detail));
    }

    [Fact]
    public async Task ViewingThePage_IsAudited()
    {
        await councils.ImportedAsync(web);
        var before = await AuditCountAsync("view-data-quality");
        await PageAsync("?rule=episode-overlap");
        Assert.Equal(before + 1, await AuditCountAsync("view-data-quality"));
    }

    [Theory]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.SendOfficer)]
    [InlineData(Roles.HealthPractitioner)]
    [InlineData(Roles.PanelMember)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.DataProtectionOfficer)]
    public async Task OtherRoles_AreRefusedThePageAndTheDownload(string role)
    {
        var client = await web.SignedInAsync(role);
        foreach (var path in new[] { "/data-quality", "/data-quality?handler=Download" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Empty(home.QuerySelectorAll("a[href='/data-quality']"));
    }

    [Theory]
    [InlineData(Roles.TransitionsWorker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task ImportingRoles_FindThePageFromTheNavigation(string role)
    {
        var client = await web.SignedInAsync(role);
        var home = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/"));
        var link = Assert.Single(home.QuerySelectorAll("nav a[href='/data-quality']"));
        Assert.Equal("Data quality", link.TextContent);
        // The demo council's files carry realistic noise (Waypoint:DemoNoise): the page counts every message its imports stored.
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/data-quality"));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var stored = await db.ImportMessages.CountAsync(m => m.CouncilCode == Councils.DemoCouncilCode);
        Assert.True(stored > 0, "the demo's noise gives the page something to show");
        Assert.Equal(stored, Count(page));
        Assert.NotEmpty(Rows(page, "rules"));
    }
}

public class DataQualityFieldTests
{
    [Fact]
    public void ElementPaths_MayWrapAfterEachSlash_AndAreEncoded() =>
        Assert.Equal("Message/<wbr>Children/<wbr>Child[2]/<wbr>&lt;b&gt;", Pages.DataQuality.DataQualityModel.BreakAfterSlashes("Message/Children/Child[2]/<b>").ToString());
}
