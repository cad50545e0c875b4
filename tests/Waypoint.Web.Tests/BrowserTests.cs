using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Web.Tests;

/// <summary>
/// A user's journey in a real Chromium (Debian's package, driven by Playwright), with axe on every page visited.
/// Skipped where Chromium is not installed, unless WAYPOINT_REQUIRE_BROWSER=1 (as in CI), where that fails.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private readonly KestrelFactory _web = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("WAYPOINT_REQUIRE_BROWSER") == "1") Assert.Fail($"WAYPOINT_REQUIRE_BROWSER=1 but {ChromiumPath} is not installed (apt-get install chromium).");
            Assert.Skip($"Browser tests need Debian's Chromium at {ChromiumPath}.");
        }
        _web.UseKestrel(0);
        _web.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine's network is closed: keep Chromium from reaching out (and failing) in the background.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _web.DisposeAsync();
    }

    [Fact]
    public async Task Journey_SignInFilterOpenAPersonDownloadFollowTheClockAndCheckDataQuality_WithNoSeriousAccessibilityProblems()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page, "Sign in to the Waypoint demo");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Transitions worker").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page, "Young people");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Cohort").SelectOptionAsync(new SelectOptionValue { Label = "EHC plan" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        Assert.Contains("cohort=ehc-plan", page.Url, StringComparison.Ordinal);
        var cohorts = await page.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(cohorts);
        Assert.All(cohorts, c => Assert.Contains("EHC plan", c, StringComparison.Ordinal));
        await CheckAccessibilityAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download these") }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal(WaypointWebFactory.TrackerCsvHeader, csv[0].TrimStart('\uFEFF'));
        Assert.Equal(cohorts.Count, Math.Min(50, csv.Length - 1));

        var first = page.Locator("table tbody tr a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page, name);
        Assert.Matches("/people/[0-9A-Z]{10}$", page.Url);
        await CheckAccessibilityAsync(page);

        // The statutory clock: a common question answered from the tracker, a person's milestones, the work list.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Which care leavers are owed a personal adviser?" }).ClickAsync();
        Assert.Contains("overdue=PA-21", page.Url, StringComparison.Ordinal);
        Assert.Equal("Personal adviser and pathway plan to 21", await page.GetByLabel("Overdue").Locator("option:checked").InnerTextAsync());
        await CheckAccessibilityAsync(page);
        await page.Locator("table tbody tr a").First.ClickAsync();
        var owed = page.Locator("#milestones tbody tr", new() { HasText = "PA-21" });
        Assert.Equal("Overdue", (await owed.Locator("td").First.InnerTextAsync()).Trim());
        await page.GetByText("milestones that do not apply, and why").ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "My work", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Overdue milestones" }).ClickAsync();
        await Expect(page, "My overdue work");
        await CheckAccessibilityAsync(page);

        await page.GotoAsync("/people/NOSUCHPERSON");
        await Expect(page, "Page not found");
        await CheckAccessibilityAsync(page);

        // Data quality: files with problems are imported, then found from the navigation, filtered and downloaded.
        await ImportFilesWithProblemsAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Data quality", Exact = true }).First.ClickAsync();
        await Expect(page, "Data quality");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "Errors" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        Assert.Contains("severity=Error", page.Url, StringComparison.Ordinal);
        var severities = await page.Locator("#messages tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.Equal(2, severities.Count);
        Assert.All(severities, s => Assert.Equal("Error", s.Trim()));
        await CheckAccessibilityAsync(page);
        var dataQuality = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download these") }).ClickAsync());
        var messages = await File.ReadAllLinesAsync(await dataQuality.PathAsync());
        Assert.Equal("Batch,File,Line or element,Field,Rule,Message,Severity", messages[0].TrimStart('\uFEFF'));
        Assert.Equal(["date-of-birth-impossible", "episode-overlap"], messages[1..].Select(m => m.Split(',')[4]));
    }

    [Fact]
    public async Task Journey_FindWhoIsLikelyToNeedAdultCareReadTheirLikelihoodRoadmapAndPrintTheEasyRead_WithNoSeriousAccessibilityProblems()
    {
        var page = await SignedInPageAsync("Transitions worker");
        await Expect(page, "Young people");
        await page.GetByRole(AriaRole.Link, new() { Name = "Who is likely to need adult care but not yet referred?" }).ClickAsync();
        Assert.Contains("likelihood=likely-not-referred", page.Url, StringComparison.Ordinal);
        Assert.Equal("Likely to need adult care, not yet referred", await page.GetByLabel("Likelihood of adult care").Locator("option:checked").InnerTextAsync());
        // The demo fits the forecast in the background as it starts, and the tracker does not wait for it: until it is
        // done the page says so, and a refresh a little later shows the likelihoods, as it asks.
        for (var tries = 1; await page.Locator("#likelihoods-pending").CountAsync() > 0; tries++)
        {
            Assert.True(tries <= 120, "The likelihoods were still being worked out after a minute");
            if (tries == 1)
            {
                Assert.Equal("Likelihoods are being worked out", (await page.Locator("#likelihood-filter-pending").InnerTextAsync()).Trim());
                await CheckAccessibilityAsync(page);
            }
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        var chances = await page.Locator("table tbody tr td:nth-child(7)").AllInnerTextsAsync();
        Assert.NotEmpty(chances);
        Assert.All(chances, c => Assert.True(int.Parse(c.Trim().TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) >= 50, c));
        await CheckAccessibilityAsync(page);

        // The person page: the likelihood in words and per cent, with what it rests on.
        var first = page.Locator("table tbody tr a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page, name);
        Assert.Matches(@"^(About \d+ in 10|More than 9 in 10) \(\d+%\)$", (await page.Locator("#likelihood-chance").InnerTextAsync()).Trim());
        Assert.NotEmpty(await page.Locator("#likelihood-facts li").AllInnerTextsAsync());
        await CheckAccessibilityAsync(page);

        // The roadmap, then its easy-read version as it prints.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Routes young people like") }).ClickAsync();
        Assert.StartsWith("Routes people like ", (await page.Locator("h1").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.NotEmpty(await page.Locator("main table tbody tr").AllInnerTextsAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Easy-read version") }).ClickAsync();
        await Expect(page, "What young people like you did");
        Assert.True(await page.Locator("#navigation").IsVisibleAsync());
        await CheckAccessibilityAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("#navigation").IsVisibleAsync());
        Assert.False(await page.Locator(".govuk-footer").IsVisibleAsync());
        Assert.False(await page.Locator(".govuk-back-link").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "What changes at 18" }).IsVisibleAsync());
        var pictures = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Picture of ") });
        Assert.True(await pictures.CountAsync() > 0);
        Assert.True(await pictures.First.IsVisibleAsync());
        // Large type on paper: the easy-read lines print at 24 points (32 CSS pixels).
        var size = await page.Locator(".waypoint-easy-read p").First.EvaluateAsync<string>("p => getComputedStyle(p).fontSize");
        Assert.True(double.Parse(size.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 24, size);
        await CheckAccessibilityAsync(page);
    }

    /// <summary>An import into the journey's own database: a UPN with a wrong check letter, a child born in 2099, two overlapping episodes.</summary>
    private async Task ImportFilesWithProblemsAsync()
    {
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "header.csv",
            new ChildRow("DQ1", "2009-05-01", Upn: "A999000000011"), new ChildRow("DQ2", "2099-01-01"));
        var episodes = SourceFileBuilder.Episodes903(folder, "episodes.csv",
            new EpisodeRow("DQ1", "2020-01-01", "2020-06-01"), new EpisodeRow("DQ1", "2020-05-01", "2020-09-01"));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, _web.DatabasePath);
        var result = await new Importer(db, TimeProvider.System).ImportAsync([header, episodes], new ImportOptions(Councils.DemoCouncilCode));
        Assert.True(result.Committed);
    }

    [Fact]
    public async Task Journey_ReviewAPossibleMatchAndOpenTheMergeAndSplitPages_WithNoSeriousAccessibilityProblems()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Transitions worker").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Possible matches" }).First.ClickAsync();
        await Expect(page, "Possible matches to review");
        await CheckAccessibilityAsync(page);
        var before = await page.Locator("#matches tbody tr").CountAsync();
        Assert.True(before > 0);

        await page.Locator("#matches tbody tr a").First.ClickAsync();
        await Expect(page, "Are these the same young person?");
        await CheckAccessibilityAsync(page);
        await page.GetByText("How the weights work").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        Assert.Equal(2, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Different young people").CheckAsync();
        await page.GetByLabel("Why").FillAsync("Different parents in the case records");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Expect(page, "Possible matches to review");
        Assert.StartsWith("Kept apart", (await page.Locator(".govuk-notification-banner__heading").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        // From a person: the pages to move records to a new person and to merge with another.
        await page.GotoAsync("/");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Move records to a new person" }).ClickAsync();
        await Expect(page, "Move records to a new person");
        await CheckAccessibilityAsync(page);
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Merge with another person" }).ClickAsync();
        await Expect(page, "Merge with another person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge" }).ClickAsync();
        Assert.Equal(2, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task Journey_UploadFilesAndASpreadsheetCheckThePreviewAndFollowTheImport_WithNoSeriousAccessibilityProblems()
    {
        using var folder = TestFiles.TempFolder();
        var header = SourceFileBuilder.Header903(folder, "browser-header.csv", new ChildRow("BROWSER1", "2009-06-01"), new ChildRow("BROWSER2", "2099-01-01"));
        var cin = SourceFileBuilder.Cin(folder, "browser-cin.xml", Councils.DemoCouncilCode, new ChildRow("BROWSER1", "2009-06-01"));
        var costs = SheetBuilder.Csv(folder, "browser-costs.csv",
            ["Client ID", "Placement Type", "Provider", "Placement Start", "Placement End", "Weekly Cost (GBP)", "Funding Stream"],
            ["BROWSER1", "Foster care", "Hill House", "01/04/2025", "", "1200", "Lottery"]);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Transitions worker").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Imports", Exact = true }).ClickAsync();
        await Expect(page, "Import files");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload files" }).ClickAsync();
        Assert.Equal("Select the files to import", (await page.Locator(".govuk-error-summary__list a").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);

        await page.Locator("#files").SetInputFilesAsync([header, cin]);
        await page.GetByLabel("Mapping").SelectOptionAsync(new SelectOptionValue { Label = "Demo placement costs" });
        await page.Locator("#spreadsheet").SetInputFilesAsync(costs);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload files" }).ClickAsync();
        await Expect(page, "Check the spreadsheet before importing");
        Assert.Equal("Warning", (await page.Locator("#rows tbody tr td").First.InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);

        // Held part way, the import shows its progress: the page's script asks for it and writes it into the live region.
        var held = _web.Clock.HoldNextImportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page, "Importing files");
        await held.WaitAsync(TimeSpan.FromMinutes(1));
        await page.Locator("#progress [data-progress=step]", new() { HasText = "Linking records into people" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.False(await page.Locator("[data-import-refresh]").IsVisibleAsync()); // the Refresh link is for pages without JavaScript
        await CheckAccessibilityAsync(page);
        _web.Clock.Release();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Files imported", Level = 1 }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Matches("/imports/[0-9a-f-]{36}$", page.Url);
        var files = await page.Locator("#imported-files tbody th").AllInnerTextsAsync();
        Assert.Equal(["browser-header.csv", "browser-cin.xml", "browser-costs.csv"], files.Select(f => f.Trim()));
        Assert.Contains("01/01/2099", await page.Locator("#rejected").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task Journey_ReferAllocateAddATaskAndFollowTheWorkTrays_WithNoSeriousAccessibilityProblems()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
        var manager = await (await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString() })).NewPageAsync();
        await manager.GotoAsync("/sign-in");
        await manager.GetByLabel("Team manager or head of service").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // A young person from the tracker is referred, and joins the waiting list.
        await manager.Locator("table tbody tr a").First.ClickAsync();
        var name = (await manager.Locator("h1").First.InnerTextAsync()).Trim();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Open the case page" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Refer for transition support" }).ClickAsync();
        await manager.GetByLabel("Children with disabilities team").CheckAsync();
        await manager.GetByLabel("Why is the young person being referred?").FillAsync("Placement ends at 18; no adult provider found yet");
        await manager.GetByLabel("Urgent: at risk of a crisis or a gap at 18").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Refer", Exact = true }).ClickAsync();
        await Expect(manager, "Transitions case");
        var casePath = new Uri(manager.Url).AbsolutePath;

        await manager.GetByRole(AriaRole.Link, new() { Name = "My work", Exact = true }).ClickAsync();
        await Expect(manager, "My cases");
        await CheckAccessibilityAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Waiting list", Exact = true }).ClickAsync();
        await Expect(manager, "Waiting list for a transition assessment");
        var waiting = manager.Locator("#waiting tbody tr", new() { HasText = name });
        Assert.Equal("Urgent", (await waiting.Locator("td").Nth(1).InnerTextAsync()).Trim());
        Assert.Equal("Placement ends at 18; no adult provider found yet", (await waiting.Locator("td").Nth(4).InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Sort by who has waited longest" }).ClickAsync();
        Assert.EndsWith("sort=waited", manager.Url, StringComparison.Ordinal);
        await CheckAccessibilityAsync(manager);

        // The manager allocates the case to the transitions worker and gives them a task due today.
        await manager.GotoAsync(casePath);
        await CheckAccessibilityAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Allocate a named worker" }).ClickAsync();
        await Expect(manager, "Allocate a named worker");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Allocate", Exact = true }).ClickAsync();
        Assert.Equal("Select who to allocate the case to", (await manager.Locator(".govuk-error-summary__list a").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(manager);
        await manager.GetByLabel("Demo transitions worker").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Allocate", Exact = true }).ClickAsync();
        await Expect(manager, "Transitions case");
        Assert.EndsWith("case is allocated to Demo transitions worker.", (await manager.Locator(".govuk-notification-banner__heading").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add a task" }).ClickAsync();
        await Expect(manager, "Add a task");
        await CheckAccessibilityAsync(manager);
        await manager.GetByLabel("What is to be done?").FillAsync("Book the transition assessment visit");
        await manager.GetByLabel("Who is it for?").SelectOptionAsync(new SelectOptionValue { Label = "Demo transitions worker (Transitions team)" });
        await manager.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
        await Expect(manager, "Transitions case");
        Assert.Contains("Due today", await manager.Locator("#case-tasks tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(manager);
        await manager.GotoAsync("/my-work/tasks?who=everyone");
        await Expect(manager, "Everyone's overdue tasks");
        await CheckAccessibilityAsync(manager);

        // The worker is told in the app, finds the case in their trays and marks the task done.
        var worker = await (await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString() })).NewPageAsync();
        await worker.GotoAsync("/sign-in");
        await worker.GetByLabel("Transitions worker").CheckAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The demo's own allocations may have told them of other cases too: at least this one is unread.
        Assert.InRange(int.Parse(new string([.. (await worker.Locator("a[href='/notifications'] .waypoint-count").InnerTextAsync()).Trim().TakeWhile(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture), 1, 1000);
        await worker.Locator("a[href='/notifications']").ClickAsync();
        await Expect(worker, "Notifications");
        Assert.Contains("Case allocated to you", await worker.Locator("#notifications").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(worker);
        await worker.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        Assert.Equal(0, await worker.Locator("a[href='/notifications'] .waypoint-count").CountAsync());
        await worker.GetByRole(AriaRole.Link, new() { Name = "My work", Exact = true }).ClickAsync();
        Assert.Equal("Referred", (await worker.Locator("#my-cases tbody tr", new() { HasText = name }).Locator("td").Nth(1).InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(worker);
        await worker.GetByRole(AriaRole.Link, new() { Name = "Overdue tasks" }).ClickAsync();
        await Expect(worker, "My overdue tasks");
        await CheckAccessibilityAsync(worker);
        await worker.GotoAsync(casePath);
        await worker.Locator("#case-tasks").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark as done") }).ClickAsync();
        await Expect(worker, "Mark a task as done");
        await CheckAccessibilityAsync(worker);
        await worker.GetByLabel("What was done (optional)").FillAsync("Visit booked for next Tuesday");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Expect(worker, "Transitions case");
        Assert.Equal("Task marked as done.", (await worker.Locator(".govuk-notification-banner__heading").InnerTextAsync()).Trim());
        Assert.Contains("Done", await worker.Locator("#case-tasks tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(worker);
    }

    /// <summary>
    /// The whole pathway, as a transitions worker takes it without leaving Waypoint: a young person with no case is
    /// referred, assessed outcome by outcome and decided eligible, taken to the panel (a package agreed, with an action),
    /// their plan agreed with them, and handed over to an adult team - every page checked with axe.
    /// </summary>
    [Fact]
    public async Task Journey_ReferAssessDecideTakeToPanelAgreeThePlanAndHandOver_WithNoSeriousAccessibilityProblems()
    {
        var reference = await PersonWithoutACaseAsync();
        var page = await SignedInPageAsync("Transitions worker");

        await ReferAsync(page, reference);
        await AssessAndDecideEligibleAsync(page);
        await TakeToPanelAsync(page, reference);
        await AgreeThePlanAndHandOverAsync(page, reference);
    }

    /// <summary>Runs the transition assessment of a referred young person outcome by outcome, and decides them eligible.</summary>
    private static async Task AssessAndDecideEligibleAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the transition assessment" }).ClickAsync();
        await Expect(page, "Start the transition assessment");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the assessment" }).ClickAsync();
        Assert.Equal(3, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Child's needs assessment (Care Act 2014 s.58)").CheckAsync();
        await page.GetByLabel("Consent given", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("How was consent given, or why does it go ahead without it?").FillAsync("Consented at a home visit with a parent present");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the assessment" }).ClickAsync();

        // Each of the ten outcomes in regulation order: two unable without help, the rest achievable.
        var outcomes = Core.Pathway.Assessments.OutcomesFor(Core.Pathway.AssessmentKind.ChildsNeeds);
        foreach (var outcome in outcomes)
        {
            await Expect(page, outcome.Label);
            if (outcome == outcomes[0]) await CheckAccessibilityAsync(page);
            if (outcome.Key is "Nutrition" or "CommunityFacilitiesAndServices")
            {
                await page.GetByLabel("No, they are unable to achieve it").CheckAsync();
                await page.GetByLabel("It cannot be achieved without assistance").CheckAsync();
            }
            else await page.GetByLabel("Yes, they can achieve it").CheckAsync();
            await page.Locator("#fluctuates-2").CheckAsync();
            await page.GetByLabel("Evidence").FillAsync("Seen at home and at college");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        }

        await Expect(page, "Transition assessment");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Record the conditions" }).ClickAsync();
        await Expect(page, "The conditions");
        await CheckAccessibilityAsync(page);
        await page.Locator("#needsarise").CheckAsync();
        await page.Locator("#wellbeingimpact").CheckAsync();
        await page.GetByLabel("Evidence").FillAsync("Learning disability; the needs affect daily life and well-being");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save conditions" }).ClickAsync();
        await Expect(page, "Transition assessment");
        Assert.Equal("Eligible", (await page.Locator("#facts .govuk-tag").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(page, "Record the decision");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Eligible for care and support", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("Unable to achieve two outcomes, with a significant impact on well-being");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Expect(page, "Transitions case");
        Assert.Equal("Decided", (await page.Locator(".govuk-summary-list .govuk-tag").First.InnerTextAsync()).Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Start the plan" }).CountAsync());
        await CheckAccessibilityAsync(page);

        // The written record of the decision and its reasons (Care Act 2014 s.13(2)), from the assessment page.
        await page.GotoAsync(new Uri(page.Url).AbsolutePath.Replace("/case", "/assessment", StringComparison.Ordinal));
        var record = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download the written record of the decision") }).ClickAsync());
        Assert.Contains("Unable to achieve two outcomes, with a significant impact on well-being", await LetterTextAsync(record), StringComparison.Ordinal);
    }

    /// <summary>Sets up a panel meeting, puts the case on its agenda, records attendance and an agreed package with an action.</summary>
    private async Task TakeToPanelAsync(IPage page, string reference)
    {
        var today = DateOnly.FromDateTime(_web.Clock.GetLocalNow().Date);

        await page.GetByRole(AriaRole.Link, new() { Name = "Panel", Exact = true }).ClickAsync();
        await Expect(page, "Transitions panel");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up a meeting" }).ClickAsync();
        await Expect(page, "Set up a panel meeting");
        await page.GetByLabel("Start time").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up meeting" }).ClickAsync();
        Assert.Equal(5, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("Online", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Where").FillAsync("Microsoft Teams");
        await page.GetByLabel("Chair", new() { Exact = true }).FillAsync("Pat Chair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up meeting" }).ClickAsync();
        await Expect(page, $"{today.DayOfWeek} {Core.Rules.Dates.Format(today)} at 10:00");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a case" }).ClickAsync();
        await Expect(page, "Add a case to the agenda");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("The young person's reference").FillAsync(reference);
        await page.GetByLabel("What is the panel asked to decide or advise on?").FillAsync("Agree a supported living package");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the agenda" }).ClickAsync();
        Assert.Equal("Case added to the agenda.", (await page.Locator(".govuk-notification-banner__heading").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add someone to the attendance list" }).ClickAsync();
        await Expect(page, "Add someone to the attendance list");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Health (integrated care board)").CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dr Sam Clinic");
        await page.GetByLabel("Role (optional)").FillAsync("Designated clinical officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the attendance list" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record who came" }).ClickAsync();
        await Expect(page, "Record who came");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Present").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        Assert.Contains("Present", await page.Locator("#attendees").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#cases").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record decision") }).ClickAsync();
        await Expect(page, "Record the panel's decision");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Select what the panel decided", (await page.Locator(".govuk-error-summary__list a").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Agree package").CheckAsync();
        await page.GetByLabel("Weekly cost of the agreed package (optional)").FillAsync("1250");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page, "Check the panel's decision");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        Assert.Contains("Agree package, £1,250 a week", await page.Locator("#cases").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await Expect(page, "Add an action");
        await CheckAccessibilityAsync(page);
        await page.Locator($"input[name=About][value='{reference}']").CheckAsync();
        await page.GetByLabel("What needs to be done?").FillAsync("Ask health for the continuing healthcare checklist");
        await page.GetByLabel("Who owns it?").FillAsync("Demo transitions worker");
        var due = today.AddDays(14);
        await page.GetByLabel("Day").FillAsync(due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        Assert.Contains("Ask health for the continuing healthcare checklist", await page.Locator("#set-here").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Read the agenda pack on screen" }).ClickAsync();
        await Expect(page, "Agenda pack");
        await CheckAccessibilityAsync(page);
    }

    /// <summary>Agrees the plan with the young person, works the independence checklist and children's services, and hands over.</summary>
    private static async Task AgreeThePlanAndHandOverAsync(IPage page, string reference)
    {

        // The plan: a goal (after the error summary), the young person's view, then agreeing it.
        await page.GotoAsync($"/people/{reference}/case");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the plan" }).ClickAsync();
        await Expect(page, "Support plan");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a goal" }).ClickAsync();
        await Expect(page, "Add a goal to the support plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }).ClickAsync();
        Assert.Equal(5, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Employment", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What does the young person want to achieve?").FillAsync("Go to college to study catering");
        await page.GetByLabel("What will help?").FillAsync("A travel trainer for the bus route");
        await page.GetByLabel("Who will help?").FillAsync("College SENCO");
        var due = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date).AddMonths(9);
        await page.GetByLabel("Day").FillAsync(due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("In progress").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }).ClickAsync();
        await Expect(page, "Support plan");
        Assert.Equal("Go to college to study catering", (await page.Locator(".govuk-summary-card__title").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Link, new() { Name = "Record the views" }).ClickAsync();
        await Expect(page, "The young person's view");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("The young person's view, in their own words").FillAsync("I want to cook for my friends and go to college with them.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save views" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree the plan" }).ClickAsync();
        await Expect(page, "Check the plan before agreeing it");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree the plan" }).ClickAsync();
        await Expect(page, "Transitions case");
        Assert.Equal("Plan agreed", (await page.Locator(".govuk-summary-list .govuk-tag").First.InnerTextAsync()).Trim());

        // The independence checklist: change an item with a note, then read its history.
        await page.GetByRole(AriaRole.Link, new() { Name = "View the independence checklist" }).ClickAsync();
        await Expect(page, "Independence checklist");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change status of Can make a simple meal" }).ClickAsync();
        await Expect(page, "Can make a simple meal");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Can do with support").CheckAsync();
        await page.GetByLabel("Note (optional)").FillAsync("Makes pasta with a reminder of the steps");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page, "Independence checklist");
        var meal = page.Locator("#item-living-simple-meal");
        Assert.Equal("Can do with support", (await meal.Locator("td .govuk-tag").InnerTextAsync()).Trim());
        await meal.GetByText("History (1)").ClickAsync();
        Assert.Contains("Makes pasta with a reminder of the steps", await meal.Locator("details").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        // Children's services: a s.17 service that carries on past 18.
        await page.GotoAsync($"/people/{reference}/childrens-services");
        await Expect(page, "Children's services");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a service" }).ClickAsync();
        await Expect(page, "Add a children's service");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("What is the service?").FillAsync("Short breaks, two nights a month");
        await page.GetByLabel("Children Act 1989 section 17 (child in need)").CheckAsync();
        var started = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date).AddYears(-1);
        await page.Locator("#startedon").FillAsync(started.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#startedon-month").FillAsync(started.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#startedon-year").FillAsync(started.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save service" }).ClickAsync();
        await Expect(page, "Children's services");
        Assert.Equal("Continuing", (await page.Locator("#services tbody td:nth-child(4)").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);

        // The handover: the questions, check the answers, hand over, then the printable summary.
        await page.GotoAsync($"/people/{reference}/case");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record handover" }).ClickAsync();
        await Expect(page, "Hand over to an adult team");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Learning disability team").CheckAsync();
        await page.GetByLabel("Adult worker (optional)").FillAsync("C. Adult");
        await page.GetByLabel("Handover summary").FillAsync("Enjoys cooking. Short breaks continue until the adult service starts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page, "Check your answers before handing over");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over" }).ClickAsync();
        await Expect(page, "Transitions case");
        Assert.Equal("Handed over", (await page.Locator(".govuk-summary-list .govuk-tag").First.InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Link, new() { Name = "View the handover summary" }).ClickAsync();
        await Expect(page, "Handover summary");
        Assert.Contains("Enjoys cooking.", await page.Locator("#handover-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task Journey_DataProtectionOfficerReadsWhoViewedAYoungPersonAndWhatAUserDid_WithNoSeriousAccessibilityProblems()
    {
        var reference = await PersonWithoutACaseAsync();
        var worker = await SignedInPageAsync("Transitions worker");
        await worker.GotoAsync($"/people/{reference}");

        var page = await SignedInPageAsync("Data protection officer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail", Exact = true }).ClickAsync();
        await Expect(page, "Audit trail");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Who viewed or changed this young person's record?").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show who viewed the record" }).ClickAsync();
        Assert.Contains("Demo transitions worker", await page.Locator("#audit").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("What did this member of staff view or change?").FillAsync("Demo transitions worker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what they did" }).ClickAsync();
        Assert.Contains(reference, await page.Locator("#audit").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        // The list of exports, and the download's form with a mistake in it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).ClickAsync();
        await Expect(page, "Exports");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV", Exact = true }).ClickAsync();
        await Expect(page, "Download the audit trail");
        await CheckAccessibilityAsync(page);
        foreach (var part in new[] { "#from", "#from-month", "#from-year" }) await page.Locator(part).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download the audit trail as CSV" }).ClickAsync();
        Assert.Equal("Enter the start date", (await page.Locator(".govuk-error-summary__list a").First.InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task Journey_SendOfficerIsRefusedACareLeaverUsesEmergencyAccessAndTheDpoSeesIt_WithNoSeriousAccessibilityProblems()
    {
        // Tried as a new user would: a care leaver the SEND team has nothing to do with.
        var reference = (await WaypointWebFactory.PeopleAsync(_web, _web.DatabasePath, Waypoint.Web.Security.Roles.SendOfficer, seen: false, c => c.Contains(Waypoint.Core.People.Cohort.CareLeaver) && !c.Contains(Waypoint.Core.People.Cohort.EhcPlan)))[2];
        var page = await SignedInPageAsync("SEND officer");
        await page.GotoAsync($"/people/{reference}");
        await Expect(page, "You do not have access to this young person's record");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get emergency access" }).ClickAsync();
        Assert.Contains("Enter why you need to see this young person's record now", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Why do you need to see this record now?").FillAsync("Out-of-hours call from the police about a missing young person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get emergency access" }).ClickAsync();
        Assert.Contains("You have emergency access to this record until", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("through emergency access until", await page.Locator("#emergency-access").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        var dpo = await SignedInPageAsync("Data protection officer");
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Emergency access", Exact = true }).ClickAsync();
        await Expect(dpo, "Emergency access");
        var row = dpo.Locator("tbody tr", new() { HasText = reference });
        Assert.Contains("Out-of-hours call from the police", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Demo SEND officer", await row.InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(dpo);
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(dpo, "Audit trail");
        var trail = await dpo.Locator("#audit").InnerTextAsync();
        Assert.Contains("access-refused", trail, StringComparison.Ordinal);
        Assert.Contains("emergency-access-opened", trail, StringComparison.Ordinal);
        Assert.Contains("emergency-access-use", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_ManagerReadsTheDashboardOpensTheYoungPeopleBehindANumberAndCommissionerReadsItWithSmallNumbersWithheld_WithNoSeriousAccessibilityProblems()
    {
        var page = await SignedInPageAsync("Team manager or head of service");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(page, "Dashboard");
        await CheckAccessibilityAsync(page);
        // A year to the last complete month, so the demo's pathway has numbers to open.
        var months = await page.Locator("#to option").AllAsync();
        var to = await months[^2].GetAttributeAsync("value");
        var from = await months[^13].GetAttributeAsync("value");
        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync(from!);
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(to!);
        await page.GetByLabel("Cohort", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "All young people" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the measures" }).ClickAsync();
        Assert.Contains($"from={from}", page.Url, StringComparison.Ordinal);
        Assert.Equal(13, await page.Locator("#table-referrals tbody tr").CountAsync());
        Assert.Equal("img", await page.Locator("#chart-referrals svg").GetAttributeAsync("role"));
        await CheckAccessibilityAsync(page);

        var total = page.Locator("#table-referrals tbody tr").Last.Locator("a");
        var count = System.Text.RegularExpressions.Regex.Match((await total.TextContentAsync())!, @"^\s*([\d,]+)").Groups[1].Value;
        Assert.NotEmpty(count);
        await total.ClickAsync();
        await Expect(page, "Young people behind a number");
        Assert.Contains(count, await page.Locator("#counted").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#people tbody tr").CountAsync() > 0);
        await CheckAccessibilityAsync(page);
        await page.Locator("#people tbody a").First.ClickAsync();
        Assert.Matches("/people/[A-Z0-9]+$", page.Url);

        var commissioner = await SignedInPageAsync("Commissioner");
        await commissioner.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(commissioner, "Dashboard");
        Assert.Contains("Numbers under 5 are suppressed", await commissioner.Locator("#small-numbers").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await commissioner.Locator(".waypoint-chart-table a").CountAsync());
        await CheckAccessibilityAsync(commissioner);
    }

    [Fact]
    public async Task Journey_ManagerPreparesTheBoardReportChoosesAQuarterAndDownloadsItAsWord_WithNoSeriousAccessibilityProblems()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Team manager or head of service", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Board report", Exact = true }).ClickAsync();
        var heading = (await page.Locator("h1").First.InnerTextAsync()).Trim();
        Assert.StartsWith("Transitions Board report: Q", heading, StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        // The quarter before: the choice is kept in the page and in its download links.
        var earlier = page.Locator("#quarter option").Nth(1);
        var code = await earlier.GetAttributeAsync("value");
        await page.GetByLabel("Quarter", new() { Exact = true }).SelectOptionAsync(code!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        Assert.Contains($"quarter={code}", page.Url, StringComparison.Ordinal);
        Assert.Equal("img", await page.Locator("#chart-referrals svg").GetAttributeAsync("role"));
        await CheckAccessibilityAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the report as a Word document" }).ClickAsync());
        Assert.Equal($"transitions-board-report-{code}.docx", download.SuggestedFilename);
        var text = await LetterTextAsync(download);
        Assert.Contains("Transitions Board report: Q", text, StringComparison.Ordinal);
        Assert.Contains("Referrals per month", text, StringComparison.Ordinal);
        Assert.Contains("Delivery plan", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_CommissionerReadsTheForecastTriesAScenarioCorrectsAMistakeAndDownloadsTheWorkbook_WithNoSeriousAccessibilityProblems()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Commissioner", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Forecast", Exact = true }).ClickAsync();
        await Expect(page, "Forecast of new adults in adult social care");
        // The commissioner's question, answered first: next year's new adults, those with a learning disability, with ranges.
        Assert.Matches(@"^Next year \(\d{4}-\d{2}\) we expect about [\d.,]+ new adults aged 18-25 .*\(80% range \d+ to \d+; 95% range \d+ to \d+\)\.$", (await page.Locator("#headline-total").InnerTextAsync()).Trim());
        Assert.Matches(@"^Of them, about [\d.,]+ with learning disability support \(80% range \d+ to \d+\)\.$", (await page.Locator("#learning-disability").InnerTextAsync()).Trim());
        Assert.Equal("img", await page.Locator("#chart-forecast-total svg").GetAttributeAsync("role"));
        await page.GetByText("How this forecast is made").ClickAsync();
        await CheckAccessibilityAsync(page);

        // A mistake first: the error summary names the field, and the page still shows the forecast.
        await page.GetByLabel("Of those heading for residential or nursing care, what per cent are supported in the community instead?").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the scenario" }).ClickAsync();
        Assert.Equal("Enter the weekly cost of support in the community, in pounds", (await page.Locator(".govuk-error-summary__list a").InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Their weekly cost in the community, in pounds").FillAsync("1100");
        await page.GetByLabel("Change in people reaching adult care not known to children's services, in per cent").FillAsync("-50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the scenario" }).ClickAsync();
        Assert.Contains("share=30", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator(".govuk-error-summary").CountAsync());
        Assert.Contains("30% of those heading for residential or nursing care", await page.Locator("#scenario-description").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(25, await page.Locator("#scenario-table tbody tr").CountAsync());
        await CheckAccessibilityAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the forecast as an Excel workbook, with the scenario" }).ClickAsync());
        Assert.Matches(@"^forecast-\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);
        await using var file = File.OpenRead(await download.PathAsync());
        using var workbook = new ClosedXML.Excel.XLWorkbook(file);
        Assert.Contains("Scenario", workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public async Task Journey_AnalystFiltersPseudonymisedRowsAndCommissionerReadsTheSummary_WithNoSeriousAccessibilityProblems()
    {
        var page = await SignedInPageAsync("Analyst");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pseudonymised data", Exact = true }).ClickAsync();
        await Expect(page, "Pseudonymised young people");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Cohort").SelectOptionAsync(new SelectOptionValue { Label = "EHC plan" });
        await page.GetByLabel("Age", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "16-17" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        Assert.Contains("cohort=ehc-plan", page.Url, StringComparison.Ordinal);
        var pseudonyms = await page.Locator("#pseudonymised tbody tr td:first-child").AllInnerTextsAsync();
        Assert.NotEmpty(pseudonyms);
        Assert.All(pseudonyms, p => Assert.Matches("^YP-[0-9A-HJKMNP-TV-Z]{10}$", p.Trim()));
        await CheckAccessibilityAsync(page);
        var regional = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download for regional analysis (Parquet)" }).ClickAsync());
        Assert.Matches(@"^regional-analysis-\d+-\d{4}-\d{2}-\d{2}\.zip$", regional.SuggestedFilename);

        var commissioner = await SignedInPageAsync("Commissioner");
        await commissioner.GetByRole(AriaRole.Link, new() { Name = "Summary", Exact = true }).ClickAsync();
        await Expect(commissioner, "Summary of young people in scope");
        Assert.Contains("Numbers under 5 are suppressed", await commissioner.Locator("#small-numbers").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(commissioner);
    }

    [Fact]
    public async Task Journey_ManagerFiltersTheDeliveryPlanUpdatesAnActionAndPrintsTheRagSummary_WithNoSeriousAccessibilityProblems()
    {
        var page = await SignedInPageAsync("Team manager or head of service");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery plan", Exact = true }).ClickAsync();
        await Expect(page, "Delivery plan");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Minor delay" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
        Assert.Contains("Status=MinorDelay", page.Url, StringComparison.Ordinal);
        Assert.All(await page.Locator("#actions tbody .govuk-tag").AllInnerTextsAsync(), t => Assert.Equal("Minor delay", t.Trim()));
        await CheckAccessibilityAsync(page);

        await page.GotoAsync("/delivery-plan/actions/3.2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update the status" }).ClickAsync();
        await Expect(page, "Update the status");
        await page.GetByLabel("Major delay", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Equal(1, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Note").FillAsync("No school has a date for its event yet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page, "Action 3.2");
        await CheckAccessibilityAsync(page);

        await page.GotoAsync("/delivery-plan/summary");
        await Expect(page, "Delivery plan: RAG summary");
        Assert.Contains("No school has a date for its event yet", await page.Locator("#delayed").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
    }

    [Fact]
    public async Task Journey_ReferThenRefuseTheRequestWithReasonsAndAdvice_WithNoSeriousAccessibilityProblems()
    {
        var reference = await PersonWithoutACaseAsync();
        var page = await SignedInPageAsync("Transitions worker");

        await ReferAsync(page, reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuse the request" }).ClickAsync();
        await Expect(page, "Refuse the request for a transition assessment");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuse the request" }).ClickAsync();
        Assert.Equal(2, await page.Locator(".govuk-error-summary__list li").CountAsync());
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Reasons for refusing the request").FillAsync("Not likely to have needs for care and support after 18");
        await page.GetByLabel("Information and advice on preventing or delaying needs").FillAsync("The local offer's youth clubs; the GP for any change in health");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuse the request" }).ClickAsync();
        await Expect(page, "Transitions case");
        Assert.Equal("Declined", (await page.Locator(".govuk-summary-list .govuk-tag").First.InnerTextAsync()).Trim());
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "View the refusal" }).ClickAsync();
        await Expect(page, "Transition assessment");
        Assert.Contains("The local offer's youth clubs", await page.Locator("#refusal").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);

        // The written reasons the young person must be given (Care Act 2014 s.58(5)), as a Word document.
        var letter = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download the written reasons") }).ClickAsync());
        Assert.Equal($"refusal-letter-{reference}.docx", letter.SuggestedFilename);
        Assert.Contains("Not likely to have needs for care and support after 18", await LetterTextAsync(letter), StringComparison.Ordinal);
    }

    /// <summary>The text of a downloaded Word document.</summary>
    private static async Task<string> LetterTextAsync(IDownload download)
    {
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(copy, false);
        return document.MainDocumentPart!.Document!.Body!.InnerText;
    }

    /// <summary>A young person aged 14 to 17 in the transitions cohort with no case in the journey's own database.</summary>
    private async Task<string> PersonWithoutACaseAsync()
    {
        var cohort = await WaypointWebFactory.PeopleAsync(_web, _web.DatabasePath, Waypoint.Web.Security.Roles.TransitionsWorker);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, _web.DatabasePath);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
        var (oldest, youngest) = (today.AddYears(-18).AddDays(1), today.AddYears(-14));
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        return (await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth >= oldest && p.DateOfBirth <= youngest)
            .OrderByDescending(p => p.Reference).Select(p => p.Reference).ToListAsync()).First(cohort.Contains);
    }

    private async Task<IPage> SignedInPageAsync(string role)
    {
        var page = await (await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _web.ClientOptions.BaseAddress.ToString() })).NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    /// <summary>Refers the young person from their case page, with its check-your-answers step; ends on the case page.</summary>
    private static async Task ReferAsync(IPage page, string reference)
    {
        await page.GotoAsync($"/people/{reference}/case");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer for transition support" }).ClickAsync();
        await page.GetByLabel("SEN team", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Why is the young person being referred?").FillAsync("EHC plan; will need support with daily living after 18");
        await page.GetByLabel("Routine", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer", Exact = true }).ClickAsync();
        await Expect(page, "Transitions case");
        await CheckAccessibilityAsync(page);
    }

    private static async Task Expect(IPage page, string heading) =>
        Assert.Equal(heading, (await page.Locator("h1").First.InnerTextAsync()).Trim());

    /// <summary>axe with every rule on: no serious or critical violation is allowed.</summary>
    private static async Task CheckAccessibilityAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("waypoint-browser-").FullName;

        public string DatabasePath => Path.Combine(_folder, "waypoint.db");

        public HoldingClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Waypoint:Demo", "true");
            builder.UseSetting("Waypoint:DemoSize", "Small");
            builder.UseSetting("Database:Connection", DatabasePath);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
            WaypointWebFactory.AllowManySignIns(builder);
        }

        public override async ValueTask DisposeAsync()
        {
            Clock.Release();
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
