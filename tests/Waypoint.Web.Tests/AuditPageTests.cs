using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// The data protection officer's audit trail: who viewed a young person, what a user did, the trail as CSV for a date
/// range and the list of exports; for the DPO only, and itself audited.
/// </summary>
public class AuditPageTests(WaypointWebFactory web)
{
    private const string Dpo = "Demo data protection officer";

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static string Range(DateOnly from, DateOnly to) =>
        $"handler=Csv&From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}&To.Day={to.Day}&To.Month={to.Month}&To.Year={to.Year}";

    [Fact]
    public async Task AudiTrail_WhoViewedAPersonAndWhatAUserDid_ShownToTheDpoOnlyAndAudited()
    {
        var reference = (await web.PeopleAsync(Roles.SocialWorker))[5];
        var social = await web.SignedInAsync(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/people/{reference}")).StatusCode);

        var dpo = await web.SignedInAsync(Roles.DataProtectionOfficer);
        var byPerson = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync($"/audit?person={reference}"));
        var rows = byPerson.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Demo social worker", StringComparison.Ordinal) && r.Contains("view-person", StringComparison.Ordinal));
        var byUser = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit?user=Demo%20social%20worker"));
        Assert.Contains(byUser.QuerySelectorAll("#audit tbody tr"), r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        var unknown = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit?person=NOSUCHONE"));
        Assert.Contains("There is no young person with that reference", unknown.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        // Only the DPO reads the trail; their reading is itself in it.
        Assert.StartsWith("/error/403", (await social.GetAsync($"/audit?person={reference}")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await check.AuditEvents.CountAsync(a => a.Action == "view-audit" && a.UserName == "Demo data protection officer", TestContext.Current.CancellationToken) >= 3);
    }

    [Fact]
    public async Task CsvDownload_OfADateRange_HasTheHeaderAndItsRowsInTheOrderRecorded_NeutralisesFormulas_AndIsItselfAudited()
    {
        var reference = (await web.PeopleAsync(Roles.SocialWorker))[7];
        var marker = Guid.NewGuid().ToString("N");
        var formula = $"=HYPERLINK(\"http://x/{marker}\")";
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            // Free text reaches the trail's detail (a merge's reason, for one): here, one that a spreadsheet would run.
            db.AuditEvents.Add(new AuditEvent { At = TimeProvider.System.GetUtcNow(), CouncilCode = Councils.DemoCouncilCode, UserName = "Demo SEND officer", Role = Roles.SendOfficer, Action = "merge-people", Detail = formula });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var social = await web.SignedInAsync(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/people/{reference}")).StatusCode);

        var dpo = await web.SignedInAsync(Roles.DataProtectionOfficer);
        var response = await dpo.GetAsync($"/audit/download?{Range(Today, Today)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"audit-trail-{Today:yyyy-MM-dd}-to-{Today:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition!.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Sequence,Time (UTC),User,Role,Action,Person reference,Detail,Hash", lines[0]);

        // The social worker's view, by the young person's reference: sealed (a place and a hash) or not yet (neither).
        var view = lines.Last(l => l.Contains($",Demo social worker,{Roles.SocialWorker},view-person,{reference},", StringComparison.Ordinal));
        Assert.Matches(@"^(\d+,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,,[0-9a-f]{64}|,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,,)$", view);
        var time = DateTimeOffset.Parse(view.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.EndsWith("Z", view.Split(',')[1], StringComparison.Ordinal);
        Assert.InRange(time, TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow());
        // In the order recorded: the places in the chain only go up.
        var places = lines.Skip(1).Select(l => l.Split(',')[0]).Where(p => p.Length > 0).Select(long.Parse).ToList();
        Assert.True(places.Count > 0);
        Assert.Equal(places.Order(), places);

        // The formula is text: a leading apostrophe, then quoted as CSV.
        var merged = Assert.Single(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.Contains($",merge-people,,\"'{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",", merged, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", merged, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", merged, StringComparison.Ordinal);

        // The download is in the trail (and so in the file it made), with the range and nothing personal.
        var detail = $"{Today:yyyy-MM-dd} to {Today:yyyy-MM-dd}";
        Assert.Contains(lines, l => l.Contains($",{Dpo},{Roles.DataProtectionOfficer},{Exports.AuditTrailCsv},,{detail},", StringComparison.Ordinal));
        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await check.AuditEvents.AnyAsync(a => a.Action == Exports.AuditTrailCsv && a.UserName == Dpo && a.Detail == detail, TestContext.Current.CancellationToken));

        // A range long before the demo's oldest entries holds none of them: the header only.
        var past = await (await dpo.GetAsync($"/audit/download?{Range(Today.AddYears(-20), Today.AddYears(-19))}")).Content.ReadAsStringAsync();
        Assert.Equal("Sequence,Time (UTC),User,Role,Action,Person reference,Detail,Hash", past.TrimStart('\uFEFF').TrimEnd());
    }

    [Fact]
    public async Task CsvDownload_OffersTheLast30Days_AndAnEndBeforeTheStartIsAGovukError()
    {
        var dpo = await web.SignedInAsync(Roles.DataProtectionOfficer);
        var form = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit/download"));
        string Value(AngleSharp.Dom.IDocument page, string name) => page.QuerySelector($"input[name='{name}']")!.GetAttribute("value")!;
        var start = Today.AddDays(-29);
        Assert.Equal((start.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), start.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (Value(form, "From.Day"), Value(form, "From.Month"), Value(form, "From.Year")));
        Assert.Equal(Today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(form, "To.Day"));
        Assert.Equal("Download as CSV", form.QuerySelector("nav.waypoint-sub-navigation a[aria-current=page]")!.TextContent);

        var before = await DpoDownloadsAsync();
        var response = await dpo.GetAsync($"/audit/download?{Range(Today, Today.AddDays(-1))}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await WaypointWebFactory.HtmlAsync(response);
        Assert.Equal("The end date must be the same as or after the start date", page.QuerySelector(".govuk-error-summary__list a")!.TextContent);
        Assert.Equal("#to", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var missing = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit/download?handler=Csv"));
        Assert.Equal(["Enter the start date", "Enter the end date"], missing.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent));
        Assert.Equal(before, await DpoDownloadsAsync());
    }

    private async Task<int> DpoDownloadsAsync()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await db.AuditEvents.CountAsync(a => a.Action == Exports.AuditTrailCsv && a.UserName == Dpo, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Analyst)]
    public async Task CsvDownloadAndExports_AreRefusedToOtherRoles(string role)
    {
        var client = await web.SignedInAsync(role);
        foreach (var path in new[] { $"/audit/download?{Range(Today, Today)}", "/audit/download", "/audit/exports" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == Exports.AuditTrailCsv && a.Role == role, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Exports_ListATrackerDownloadMadeEarlier_NewestFirst_AndLookingIsAudited()
    {
        var social = await web.SignedInAsync(Roles.SocialWorker);
        var download = await social.GetAsync("/?handler=Download&cohort=looked-after");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        AuditEvent made;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            made = await db.AuditEvents.Where(a => a.Action == Exports.Tracker && a.UserName == "Demo social worker").OrderByDescending(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);

        var dpo = await web.SignedInAsync(Roles.DataProtectionOfficer);
        var page = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit/exports"));
        Assert.Equal("Exports", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Exports", page.QuerySelector("nav.waypoint-sub-navigation a[aria-current=page]")!.TextContent);
        var rows = page.QuerySelectorAll("#audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Contains(rows, r => r[1].StartsWith("Demo social worker", StringComparison.Ordinal) && r[1].EndsWith(Roles.Label(Roles.SocialWorker), StringComparison.Ordinal)
            && r[2] == Exports.Tracker && r[4] == made.Detail && r[0] == made.At.ToString("d MMM yyyy HH:mm:ss"));
        // Only exports, newest first (the times shown are to the second).
        Assert.All(rows, r => Assert.Contains(r[2], Exports.All));
        var times = rows.Select(r => DateTime.ParseExact(r[0], "d MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.CurrentCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);

        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await check.AuditEvents.AnyAsync(a => a.Action == "view-audit" && a.UserName == Dpo && a.Detail!.StartsWith("exports, page 1,"), TestContext.Current.CancellationToken));
    }
}
