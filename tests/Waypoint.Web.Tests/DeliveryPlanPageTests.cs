using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The delivery plan's pages on the demo council: read by the board's members, changed by managers, imported through the page.</summary>
public class DeliveryPlanPageTests(WaypointWebFactory web)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [Fact]
    public async Task ThePlanItsActionAndTheSummary_RenderForAManager_WithTheDemoCouncilsActions()
    {
        var manager = await web.SignedInAsync(Roles.Manager);

        var list = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/delivery-plan", Cancel));
        var references = list.QuerySelectorAll("#actions tbody tr td:first-child a").Select(a => a.TextContent.Replace(" (open the action)", "", StringComparison.Ordinal)).ToList();
        Assert.True(references.Count >= 10, string.Join(", ", references));
        Assert.Equal(["1.1", "1.2", "1.3", "2.1"], references.Take(4));
        Assert.NotNull(list.QuerySelector("a[href='/delivery-plan/add']"));
        Assert.Contains("Delivery plan", list.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()));

        var delayed = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/delivery-plan?status=MajorDelay", Cancel));
        var tags = delayed.QuerySelectorAll("#actions tbody .govuk-tag").Select(t => (t.TextContent, t.ClassList.Contains("govuk-tag--red"))).ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.Equal(("Major delay", true), t));

        var action = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/delivery-plan/actions/2.2", Cancel));
        Assert.Equal("Action 2.2", action.QuerySelector("h1")!.TextContent.Trim());
        var history = action.QuerySelectorAll("#history tbody tr").Select(r => r.Children[2].TextContent.Trim()).ToList();
        Assert.Equal(3, history.Count);
        Assert.StartsWith("93 waiting", history[0], StringComparison.Ordinal);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var expected = await DeliveryPlans.SummaryAsync(db, Councils.DemoCouncilCode, Cancel);
        var summary = await WaypointWebFactory.HtmlAsync(await manager.GetAsync("/delivery-plan/summary", Cancel));
        Assert.Equal(expected.ByStatus.Select(s => s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            summary.QuerySelectorAll("#by-status tbody tr td:last-child").Select(c => c.TextContent.Trim()));
        Assert.Equal(expected.Delayed.Select(d => d.Reference), summary.QuerySelectorAll("#delayed tbody tr td:first-child a").Select(a => a.TextContent));

        var download = await manager.GetAsync("/delivery-plan/download", Cancel);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ACommissionerReadsThePlan_ButIsRefusedEveryChange_AndAWorkerIsRefusedThePlan()
    {
        var commissioner = await web.SignedInAsync(Roles.Commissioner);
        var list = await WaypointWebFactory.HtmlAsync(await commissioner.GetAsync("/delivery-plan", Cancel));
        Assert.NotEmpty(list.QuerySelectorAll("#actions tbody tr"));
        Assert.Null(list.QuerySelector("a[href='/delivery-plan/add']"));
        Assert.Null((await WaypointWebFactory.HtmlAsync(await commissioner.GetAsync("/delivery-plan/actions/1.1", Cancel))).QuerySelector("a[href='/delivery-plan/actions/1.1/status']"));
        Assert.Equal(HttpStatusCode.OK, (await commissioner.GetAsync("/delivery-plan/summary", Cancel)).StatusCode);

        foreach (var page in new[] { "/delivery-plan/add", "/delivery-plan/import", "/delivery-plan/actions/1.1/status", "/delivery-plan/actions/1.1/edit" })
            Assert.StartsWith("/error/403", (await commissioner.GetAsync(page, Cancel)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var posted = await commissioner.PostAsync("/delivery-plan/actions/1.1/status", new FormUrlEncodedContent([new("Status", "Complete"), new("Version", "1")]), Cancel);
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, posted.StatusCode.ToString());

        var worker = await web.SignedInAsync(Roles.TransitionsWorker);
        Assert.StartsWith("/error/403", (await worker.GetAsync("/delivery-plan", Cancel)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerAddsAnAction_ADelayNeedsANote_AndTheHistoryShowsEachChange()
    {
        var manager = await web.SignedInAsync(Roles.Manager);
        var reference = "7." + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = await WaypointWebFactory.TokenAsync(await manager.GetAsync("/delivery-plan/add", Cancel));
        var refused = await WaypointWebFactory.HtmlAsync(await manager.PostAsync("/delivery-plan/add", Form(token, ("Reference", reference), ("Action", ""), ("Status", "NotStarted")), Cancel));
        Assert.Equal(["Enter the action", "Select the aims the action serves"], refused.QuerySelectorAll(".govuk-error-summary__list li").Select(l => l.TextContent.Trim()));

        var added = await manager.PostAsync("/delivery-plan/add", Form(token, ("Reference", reference), ("Action", "Train adult teams in the protocol"), ("Aims", "IntegratedService"),
            ("Aims", "InformedChoices"), ("Owner", "Workforce lead"), ("Timescale", "By July 2027"), ("Status", "OnTrack")), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/delivery-plan/actions/{reference}", added.Headers.Location!.OriginalString);

        var statusPage = await manager.GetAsync($"/delivery-plan/actions/{reference}/status", Cancel);
        token = await WaypointWebFactory.TokenAsync(statusPage);
        var noNote = await WaypointWebFactory.HtmlAsync(await manager.PostAsync($"/delivery-plan/actions/{reference}/status", Form(token, ("Status", "MinorDelay"), ("Version", "1")), Cancel));
        Assert.StartsWith("Enter a note", noNote.QuerySelector(".govuk-error-summary__list li")!.TextContent.Trim(), StringComparison.Ordinal);
        var moved = await manager.PostAsync($"/delivery-plan/actions/{reference}/status", Form(token, ("Status", "MinorDelay"), ("Note", "Trainer off sick"), ("Version", "1")), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        // A second save from the page as it was (version 1) is refused, saying who changed it.
        var stale = await WaypointWebFactory.HtmlAsync(await manager.PostAsync($"/delivery-plan/actions/{reference}/status", Form(token, ("Status", "Complete"), ("Note", "Done"), ("Version", "1")), Cancel));
        Assert.Contains("Demo team manager changed this action", stale.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        var page = await WaypointWebFactory.HtmlAsync(await manager.GetAsync($"/delivery-plan/actions/{reference}", Cancel));
        Assert.Equal(["Trainer off sick", "Added"], page.QuerySelectorAll("#history tbody tr").Select(r => r.Children[2].TextContent.Trim()));
        Assert.Equal("Minor delay", page.QuerySelector("#details .govuk-tag")!.TextContent.Trim());
    }

    [Fact]
    public async Task ImportThroughThePage_ABadRowIsListedAndNothingSaved_AGoodFileImportsAndAgainChangesNothing()
    {
        var manager = await web.SignedInAsync(Roles.Manager);
        using var folder = TestFiles.TempFolder();
        string[] headings = ["Reference", "Action", "Aims", "Owner", "Status"];
        var bad = SheetBuilder.Csv(folder, "plan.csv", headings, ["6.1", "Map supported housing", "Effective planning", "Housing lead", "On track"], ["6.2", "Review the offer", "Informed choices", null, "Amber"]);
        var refused = await UploadAsync(manager, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = (await WaypointWebFactory.HtmlAsync(refused)).QuerySelectorAll("#problems tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["3", "Status"], problem.Take(2));
        Assert.StartsWith("'Amber' is not a status", problem[2], StringComparison.Ordinal);
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            Assert.False(await db.StrategyActions.AnyAsync(a => a.Reference == "6.1", Cancel));

        var good = SheetBuilder.Csv(folder, "plan Q3.csv", headings, ["6.1", "Map supported housing", "Effective planning", "Housing lead", "On track"], ["6.2", "Review the offer", "Informed choices", null, "Minor delay"]);
        var imported = await WaypointWebFactory.HtmlAsync(await UploadAsync(manager, good));
        Assert.Equal("plan Q3.csv imported: 2 added, 0 changed, 0 unchanged.", imported.QuerySelector("#imported")!.TextContent.Trim());
        var again = await WaypointWebFactory.HtmlAsync(await UploadAsync(manager, good));
        Assert.Equal("plan Q3.csv imported: 0 added, 0 changed, 2 unchanged.", again.QuerySelector("#imported")!.TextContent.Trim());

        var notASheet = folder.Write("plan.docx", "not a spreadsheet");
        var wrongType = await WaypointWebFactory.HtmlAsync(await UploadAsync(manager, notASheet));
        Assert.Equal("plan.docx must be a CSV or Excel (.xlsx) file", wrongType.QuerySelector(".govuk-error-summary__list li")!.TextContent.Trim());
    }

    [Fact]
    public async Task Import_WithoutTheAntiforgeryTokenFirst_IsRefusedAndChangesNothing()
    {
        var manager = await web.SignedInAsync(Roles.Manager);
        var csv = "Reference,Action,Aims,Status\n6.9,Forged action,Informed choices,On track\n"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "spreadsheet", "forged.csv" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/delivery-plan/import", form, Cancel)).StatusCode);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.False(await db.StrategyActions.AnyAsync(a => a.Reference == "6.9", Cancel));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path)
    {
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync("/delivery-plan/import"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "spreadsheet", Path.GetFileName(path));
        return await client.PostAsync("/delivery-plan/import", form);
    }
}
