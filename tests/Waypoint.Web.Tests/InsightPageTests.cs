using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Web.Pages.Insight;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The analyst's pseudonymised rows and the summary with small numbers withheld, against the demo council's own data:
/// nobody's name, reference, identifier, date of birth or postcode shows, and no count from 1 to 4 leaves the team.
/// </summary>
public class InsightPageTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analysis_PageAndCsv_ShowNoNameReferenceIdentifierDateOfBirthOrPostcodeOfAnyone()
    {
        var analyst = await web.SignedInAsync(Roles.Analyst);
        var first = await analyst.GetAsync("/analysis", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var pages = new List<AngleSharp.Dom.IDocument> { await WaypointWebFactory.HtmlAsync(first) };
        var pageCount = pages[0].QuerySelectorAll(".govuk-pagination__item a").Select(a => int.Parse(a.TextContent, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Max();
        for (var p = 2; p <= Math.Min(pageCount, 4); p++) pages.Add(await WaypointWebFactory.HtmlAsync(await analyst.GetAsync($"/analysis?p={p}", Ct)));
        var csv = await CsvAsync(analyst, "/analysis?handler=Download");
        Assert.Equal(AnalysisModel.CsvHeader, csv[0]);
        Assert.True(csv.Length > 50, $"Only {csv.Length - 1} rows: the demo should have hundreds in scope.");

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var people = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode).ToListAsync(Ct);
        var identifiers = await db.SourceIdentifiers.Where(i => i.CouncilCode == Councils.DemoCouncilCode).Select(i => i.Value).Distinct().ToListAsync(Ct);
        var secrets = people.SelectMany(p => new[] { p.Reference, p.Postcode, p.Forename is null || p.Surname is null ? null : $"{p.Forename} {p.Surname}" })
            .Concat(people.Where(p => p.DateOfBirth is not null).SelectMany(p => new[] { p.DateOfBirth!.Value.ToString("yyyy-MM-dd"), p.DateOfBirth.Value.ToString("d MMM yyyy"), p.DateOfBirth.Value.ToString("dd/MM/yyyy") }))
            .Concat(identifiers)
            .OfType<string>().Where(s => s.Length >= 4).ToHashSet();
        Assert.True(secrets.Count > 1000, $"Only {secrets.Count} values to look for: the demo database was not read.");
        // Single names are looked for in the rows only, as whole words (the page's own words could hold a "Grace").
        var names = people.SelectMany(p => new[] { p.Forename, p.Surname }).OfType<string>().Where(n => n.Length >= 3).ToHashSet();

        var rows = string.Join("\n", pages.Select(p => p.QuerySelector("#pseudonymised tbody")!.TextContent).Concat(csv[1..]));
        foreach (var text in pages.Select(p => p.QuerySelector("main")!.TextContent).Append(string.Join("\n", csv)))
        {
            var found = secrets.Where(s => Regex.IsMatch(text, $@"(?<![0-9A-Za-z]){Regex.Escape(s)}(?![0-9A-Za-z])")).ToList();
            Assert.True(found.Count == 0, "Personal data in the analyst's view: " + string.Join(", ", found.Take(5)));
        }
        var named = names.Where(n => Regex.IsMatch(rows, $@"\b{Regex.Escape(n)}\b")).ToList();
        Assert.True(named.Count == 0, "Names in the analyst's rows: " + string.Join(", ", named.Take(5)));
        Assert.All(csv[1..], line => Assert.Matches(@"^YP-[0-9A-HJKMNP-TV-Z]{10},\d+,(13-15|16-17|18-21|22-25),(\d{4}-\d{2})?,", line));
    }

    [Fact]
    public async Task Analysis_Pseudonyms_AreTheSameOnEveryRequestAndDifferBetweenPeople()
    {
        var one = await CsvAsync(await web.SignedInAsync(Roles.Analyst), "/analysis?handler=Download");
        var other = await CsvAsync(await web.SignedInAsync(Roles.Analyst), "/analysis?handler=Download");

        var pseudonyms = one[1..].Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(pseudonyms, other[1..].Select(l => l.Split(',')[0]));
        Assert.Equal(pseudonyms.Count, pseudonyms.Distinct().Count());

        // The page shows the same pseudonyms, in the same order, as the download.
        var page = await WaypointWebFactory.HtmlAsync(await (await web.SignedInAsync(Roles.Analyst)).GetAsync("/analysis", Ct));
        Assert.Equal(pseudonyms.Take(50), page.QuerySelectorAll("#pseudonymised tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal(pseudonyms.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[role=status] strong")!.TextContent);
    }

    [Fact]
    public async Task Analysis_FiltersByCohortAgeAndStage_AndIsAudited()
    {
        var analyst = await web.SignedInAsync(Roles.Analyst);
        var all = await CsvAsync(analyst, "/analysis?handler=Download");
        var filtered = await CsvAsync(analyst, "/analysis?handler=Download&cohort=ehc-plan&age=16-17");
        var expected = all[1..].Where(l => l.Split(',')[2] == "16-17" && l.Split(',')[6].Split("; ").Contains("EHC plan")).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, filtered[1..]);
        var notIdentified = await WaypointWebFactory.HtmlAsync(await analyst.GetAsync($"/analysis?stage={TransitionsStage.NotIdentified}", Ct));
        Assert.NotEmpty(notIdentified.QuerySelectorAll("#pseudonymised tbody tr"));
        Assert.All(notIdentified.QuerySelectorAll("#pseudonymised tbody tr td:nth-child(6)"), td => Assert.StartsWith("Not identified", td.TextContent.Trim(), StringComparison.Ordinal));

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var audited = await db.AuditEvents.Where(a => a.UserName == "Demo analyst" && (a.Action == "view-pseudonymised" || a.Action == "download-pseudonymised")).ToListAsync(Ct);
        Assert.Contains(audited, a => a.Action == "download-pseudonymised" && a.Detail!.Contains("cohort=ehc-plan, age=16-17, stage=any", StringComparison.Ordinal));
        Assert.Contains(audited, a => a.Action == "view-pseudonymised");
        Assert.All(audited, a => Assert.Null(a.PersonId));
        Assert.All(audited, a => Assert.Matches(@"^\d+ people(, page \d+)?; cohort=[a-z-]+, age=[0-9a-z-]+, stage=[A-Za-z]+$", a.Detail!));
    }

    [Fact]
    public async Task Analysis_RegionalAnalysisDownload_IsBothParquetFilesForAnalystsOnly_AndAuditedWithCountsOnly()
    {
        var analyst = await web.SignedInAsync(Roles.Analyst);
        var page = await WaypointWebFactory.HtmlAsync(await analyst.GetAsync("/analysis", Ct));
        var link = page.QuerySelector("#regional-analysis")!;
        Assert.Equal("Download for regional analysis (Parquet)", link.TextContent.Trim());
        Assert.Equal("/analysis?handler=RegionalAnalysis", link.GetAttribute("href"));

        // The analysts' pseudonyms, read before and after: other tests change the shared demo in between.
        var before = await CsvAsync(analyst, "/analysis?handler=Download");
        var response = await analyst.GetAsync("/analysis?handler=RegionalAnalysis", Ct);
        var after = await CsvAsync(analyst, "/analysis?handler=Download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var today = DateOnly.FromDateTime(web.Services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        Assert.Equal($"regional-analysis-{Councils.DemoCouncilCode}-{today:yyyy-MM-dd}.zip", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal([$"young-people-{Councils.DemoCouncilCode}-{today:yyyy-MM-dd}.parquet", $"summary-counts-{Councils.DemoCouncilCode}-{today:yyyy-MM-dd}.parquet"], zip.Entries.Select(e => e.FullName));
        var people = await ReadParquetAsync<AnalyticsPersonRow>(zip.Entries[0]);
        var counts = await ReadParquetAsync<AnalyticsCountRow>(zip.Entries[1]);
        var pseudonyms = before[1..].Concat(after[1..]).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.True(people.Count > 50, $"Only {people.Count} rows.");
        Assert.All(people, p => Assert.Contains(p.Pseudonym, pseudonyms));
        Assert.All(people.GroupBy(p => (p.BirthMonth, p.PostcodeDistrict, p.Age, p.EhcPrimaryNeed, p.Sex, p.AgeBand)), g => Assert.True(g.Count() >= SmallNumbers.Threshold));
        Assert.Contains(counts, c => c.Row == CohortSummary.TotalLabel && c.AgeBand == CohortSummary.AllAges && c.Count > 0);

        // Everyone else is refused, and a refusal takes nothing out.
        foreach (var (role, _) in Roles.All.Where(r => r.Id != Roles.Analyst))
        {
            var refused = await (await web.SignedInAsync(role)).GetAsync("/analysis?handler=RegionalAnalysis", Ct);
            Assert.StartsWith("/error/403", refused.Headers.Location?.PathAndQuery ?? $"{refused.StatusCode} for {role}", StringComparison.Ordinal);
        }

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var audited = await db.AuditEvents.Where(a => a.Action == Exports.RegionalAnalysis).ToListAsync(Ct);
        Assert.NotEmpty(audited);
        Assert.All(audited, a => Assert.Equal((Roles.Analyst, (long?)null), (a.Role, a.PersonId)));
        Assert.All(audited, a => Assert.Matches(@"^web, as of \d{4}-\d{2}-\d{2}; \d+ young people's rows of \d+ in scope, \d+ left out, \d+ values withheld; \d+ counts, \d+ withheld$", a.Detail!));
        Assert.Contains(audited, a => a.Detail!.Contains($"; {people.Count} young people's rows of ", StringComparison.Ordinal));
    }

    private static async Task<IList<T>> ReadParquetAsync<T>(System.IO.Compression.ZipArchiveEntry entry)
        where T : class, new()
    {
        // Parquet is read from its end (the footer), so from a stream that can seek.
        using var copy = new MemoryStream();
        await using (var stream = await entry.OpenAsync(Ct)) await stream.CopyToAsync(copy, Ct);
        copy.Position = 0;
        return (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<T>(copy, new Parquet.ParquetOptions { UseDateOnlyTypeForDates = true }, cancellationToken: Ct)).Data;
    }

    [Fact]
    public async Task Summary_ShowsNoCountFromOneToFour_AndItsShownCountsAreTheRealOnes()
    {
        // The real counts, worked out here from the analyst's rows (one per young person in scope). Other tests refer and
        // assess young people in the same demo council, so the rows are read before and after the summary, until both
        // reads agree: the summary is then of the same moment.
        var analyst = await web.SignedInAsync(Roles.Analyst);
        var commissioner = await web.SignedInAsync(Roles.Commissioner);
        List<string[]> rows = [];
        AngleSharp.Dom.IDocument page = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = await CsvAsync(analyst, "/analysis?handler=Download");
            page = await WaypointWebFactory.HtmlAsync(await commissioner.GetAsync("/summary", Ct));
            var after = await CsvAsync(analyst, "/analysis?handler=Download");
            rows = [.. after[1..].Select(l => l.Split(','))];
            if (before.SequenceEqual(after)) break;
        }
        int Count(Func<string[], bool> which, string band) => rows.Count(r => which(r) && r[2] == band);
        var cohortCounts = Cohort.All.Select(c => Age.Bands.Select(b => Count(r => r[6].Split("; ").Contains(c.Label), b)).ToList()).ToList();
        var stageCounts = Enum.GetValues<TransitionsStage>().Select(s => Age.Bands.Select(b => Count(r => r[8] == TransitionsStages.Label(s), b)).ToList()).ToList();
        Assert.Contains(cohortCounts.Concat(stageCounts).SelectMany(c => c), SmallNumbers.IsSmall);

        Assert.Contains("Numbers under 5 are suppressed", page.QuerySelector("#small-numbers")!.TextContent, StringComparison.Ordinal);
        var tables = page.QuerySelectorAll("table.waypoint-summary").Select(t => t.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList()).ToList();
        Assert.Equal(2, tables.Count);
        var csv = await CsvAsync(commissioner, "/summary?handler=Download");

        foreach (var (shown, counts) in new[] { (tables[0], cohortCounts), (tables[1][..^1], stageCounts) })
        {
            Assert.Equal(counts.Count, shown.Count);
            for (var r = 0; r < counts.Count; r++)
                for (var c = 0; c < counts[r].Count; c++)
                {
                    var text = shown[r][c];
                    if (SmallNumbers.IsSmall(counts[r][c])) Assert.Equal("<5", text);
                    else if (text != "[c]") Assert.Equal(counts[r][c].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), text);
                }
        }
        Assert.Equal(rows.Count, int.Parse(tables[1][^1][^1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(tables.SelectMany(t => t).SelectMany(r => r), t => t == "<5");

        // No count from 1 to 4 anywhere, on the page or in the download.
        var cells = tables.SelectMany(t => t).SelectMany(r => r).Concat(csv.Skip(1).SelectMany(l => l.Split(',').Skip(1))).ToList();
        Assert.DoesNotContain(cells, c => c is "1" or "2" or "3" or "4");
        Assert.Contains(csv, l => l.StartsWith("Stage,13-15,16-17,18-21,22-25,All ages", StringComparison.Ordinal));
        Assert.Equal(
            tables[1].Select(r => string.Join(",", r).Replace(",", "", StringComparison.Ordinal)),
            csv.SkipWhile(l => !l.StartsWith("Stage,", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0)
                .Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..].Replace(",", "", StringComparison.Ordinal)));
        Assert.Contains(csv, l => l.Contains("<5: a number from 1 to 4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/analysis", new[] { Roles.Analyst })]
    [InlineData("/summary", new[] { Roles.Manager, Roles.Commissioner, Roles.Analyst })]
    public async Task Pages_AreOpenToTheirRolesOnly(string path, string[] allowed)
    {
        foreach (var (role, _) in Roles.All)
        {
            var client = await web.SignedInAsync(role);
            var page = await client.GetAsync(path, Ct);
            var download = await client.GetAsync(path + "?handler=Download", Ct);
            if (allowed.Contains(role))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.Contains($"href=\"{path}\"", await (await client.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith("/error/403", page.Headers.Location?.PathAndQuery ?? $"{page.StatusCode} for {role}", StringComparison.Ordinal);
                Assert.StartsWith("/error/403", download.Headers.Location?.PathAndQuery ?? $"{download.StatusCode} for {role}", StringComparison.Ordinal);
                Assert.DoesNotContain($"href=\"{path}\"", await (await client.GetAsync("/", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A download's lines. The analyst's needs no quoting (no value holds a comma, quote or line break), so splitting lines at commas reads it.</summary>
    private static async Task<string[]> CsvAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');
        if (path.StartsWith("/analysis", StringComparison.Ordinal)) Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
        return text.Split("\r\n")[..^1];
    }
}
