using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Core.Pathway;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.DeliveryPlan;

/// <summary>The council's delivery plan: its spreadsheet import (all or nothing, safe to repeat), status changes and the board's summary.</summary>
public class DeliveryPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Manager = new("999", "a.manager", "manager");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Headings as a council might type them: other case, spacing and order than the download's.</summary>
    private static readonly object?[] Headings = ["REFERENCE", "action", "Status", "Aims", "owner", "Time scale", "Resources", "Critical Messages", "Quality measure"];

    private static readonly object?[] First = ["1.2", "Agree one transitions protocol across children's and adult services", "On track", "Integrated service", "Head of service", "By March 2027", "Officer time", "Health partners' sign-off", "Protocol signed by all partners"];
    private static readonly object?[] Second = ["1.10", "Hold a transitions panel every month", "Minor delay", "Integrated service; effective planning", "Panel chair", "From January 2027", null, "Chair not yet appointed", "Twelve meetings a year"];
    private static readonly object?[] Third = ["3.1", "Publish easy-read 'what changes at 18' guides", "not started", "Informed choices", null, "Summer 2027", "£5,000 printing", null, null];

    /// <summary>
    /// A plan under a title row and a blank row, every cell text as a council formats its reference column: a number
    /// cell would read "1.10" as 1.1 (docs/delivery-plan.md says so).
    /// </summary>
    private static string Plan(TempFolder folder, string name, params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Plan");
        sheet.Cell(1, 1).SetValue("Transitions strategy delivery plan");
        object?[][] all = [Headings, .. rows];
        for (var r = 0; r < all.Length; r++)
        {
            for (var c = 0; c < all[r].Length; c++)
            {
                if (all[r][c] is not string text) continue;
                var cell = sheet.Cell(r + 3, c + 1);
                cell.DataType = XLDataType.Text;
                cell.SetValue(text);
            }
        }
        var path = folder.File(name);
        workbook.SaveAs(path);
        return path;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_AGoodWorkbook_AddsEachActionWithItsHistory_AndImportingItAgainChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var path = Plan(folder, "plan.xlsx", First, Second, Third);

        await using (var db = database.Open())
        {
            var result = await DeliveryPlanSheet.ImportAsync(db, Manager, path, Now, Cancel);
            Assert.Empty(result.Problems);
            Assert.True(result.Saved);
            Assert.Equal((3, 0, 0), (result.Added, result.Changed, result.Unchanged));
        }
        await using (var db = database.Open())
        {
            var actions = await DeliveryPlans.ListAsync(db, "999", null, Cancel);
            Assert.Equal(["1.2", "1.10", "3.1"], actions.Select(a => a.Reference));
            var panel = actions[1];
            Assert.Equal(StrategyAims.IntegratedService | StrategyAims.EffectivePlanning, panel.Aims);
            Assert.Equal(ActionStatus.MinorDelay, panel.Status);
            Assert.Equal(("Panel chair", "From January 2027", null, "Chair not yet appointed", "Twelve meetings a year"),
                (panel.Owner, panel.Timescale, panel.Resources, panel.CriticalMessages, panel.QualityMeasure));
            Assert.Equal(ActionStatus.NotStarted, actions[2].Status);
            Assert.All(actions, a => Assert.Equal((null, a.Status, "Imported from plan.xlsx", "a.manager", 1), (Assert.Single(a.History).From, a.History[0].To, a.History[0].Note, a.History[0].By, a.Version)));
        }

        await using (var db = database.Open())
        {
            var again = await DeliveryPlanSheet.ImportAsync(db, Manager, path, Now.AddHours(1), Cancel);
            Assert.True(again.Saved);
            Assert.Equal((0, 0, 3), (again.Added, again.Changed, again.Unchanged));
        }
        await using (var db = database.Open())
        {
            Assert.Equal(3, await db.StrategyActions.CountAsync(Cancel));
            Assert.Equal(3, await db.ActionStatusChanges.CountAsync(Cancel));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_ANewStatusInTheNextQuartersFile_WritesAHistoryRowNamingTheFile_AndLeavesActionsNotInTheFileAlone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await using (var db = database.Open()) Assert.True((await DeliveryPlanSheet.ImportAsync(db, Manager, Plan(folder, "plan.xlsx", First, Second, Third), Now, Cancel)).Saved);

        // Next quarter: the protocol is at a major delay, the panel's risk is rewritten, and 3.1 is not in the file.
        object?[] firstLate = [.. First[..2], "Major delay", .. First[3..]];
        object?[] secondNewRisk = [.. Second[..7], "Chair appointed; first meeting in February", Second[8]];
        await using (var db = database.Open())
        {
            var result = await DeliveryPlanSheet.ImportAsync(db, Manager, Plan(folder, "plan Q2.xlsx", firstLate, secondNewRisk), Now.AddDays(90), Cancel);
            Assert.True(result.Saved);
            Assert.Equal((0, 2, 0), (result.Added, result.Changed, result.Unchanged));
        }

        await using (var check = database.Open())
        {
            var protocol = (await DeliveryPlans.GetAsync(check, "999", "1.2", Cancel))!;
            Assert.Equal(ActionStatus.MajorDelay, protocol.Status);
            Assert.Equal((ActionStatus.OnTrack, ActionStatus.MajorDelay, "Imported from plan Q2.xlsx", Now.AddDays(90)),
                (protocol.History[^1].From, protocol.History[^1].To, protocol.History[^1].Note, protocol.History[^1].At));
            var panel = (await DeliveryPlans.GetAsync(check, "999", "1.10", Cancel))!;
            Assert.Equal("Chair appointed; first meeting in February", panel.CriticalMessages);
            Assert.Equal((ActionStatus.MinorDelay, ActionStatus.MinorDelay, "Imported from plan Q2.xlsx: changed critical messages"),
                (panel.History[^1].From, panel.History[^1].To, panel.History[^1].Note));
            var guides = (await DeliveryPlans.GetAsync(check, "999", "3.1", Cancel))!;
            Assert.Equal((1, ActionStatus.NotStarted), (guides.Version, guides.Status));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_ARowWithAStatusThatIsNone_NamesFileRowAndHeading_AndSavesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await using (var db = database.Open()) Assert.True((await DeliveryPlanSheet.ImportAsync(db, Manager, Plan(folder, "plan.xlsx", First), Now, Cancel)).Saved);

        // The title is row 1, a blank row 2, the headings row 3: the bad row is the workbook's row 5.
        object?[] firstDone = [.. First[..2], "Complete", .. First[3..]];
        object?[] badStatus = [.. Second[..2], "Amber-ish", .. Second[3..]];
        object?[] badAim = [.. Third[..3], "Better lives", .. Third[4..]];
        await using (var db = database.Open())
        {
            var result = await DeliveryPlanSheet.ImportAsync(db, Manager, Plan(folder, "plan Q2.xlsx", firstDone, badStatus, badAim), Now.AddDays(1), Cancel);
            Assert.False(result.Saved);
            Assert.Equal(
                ["plan Q2.xlsx:5: Status: 'Amber-ish' is not a status: use one of Not started, On track, Minor delay, Major delay, Complete",
                 "plan Q2.xlsx:6: Aims: 'Better lives' names an aim the strategy does not have: use Integrated service, Effective planning, Informed choices, separated by semicolons"],
                result.Problems.Select(p => p.ToString()));
        }

        await using var check = database.Open();
        var only = Assert.Single(await DeliveryPlans.ListAsync(check, "999", null, Cancel));
        Assert.Equal((ActionStatus.OnTrack, 1), (only.Status, only.Version));
        Assert.Equal(1, await check.ActionStatusChanges.CountAsync(Cancel));
    }

    [Fact]
    public async Task Import_MissingHeadingsATextFileCalledXlsxAndAReferenceTwice_AreReportedAndNothingIsSaved()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();
        await using var db = database.Open();

        var noStatus = SheetBuilder.Xlsx(folder, "no status.xlsx", null, ["Reference", "Action", "Aims"], ["1.1", "Something", "Informed choices"]);
        var missing = Assert.Single((await DeliveryPlanSheet.ImportAsync(db, Manager, noStatus, Now, Cancel)).Problems);
        Assert.Equal(("no status.xlsx", 1, "Status"), (missing.File, missing.Line, missing.Field));

        var fake = folder.Write("fake.xlsx", "Reference,Action,Aims,Status\n1.1,Something,Informed choices,On track\n");
        Assert.Contains("is not an Excel workbook", Assert.Single((await DeliveryPlanSheet.ImportAsync(db, Manager, fake, Now, Cancel)).Problems).Message, StringComparison.Ordinal);

        var csv = SheetBuilder.Csv(folder, "plan.csv", ["Reference", "Action", "Aims", "Status"], ["1.1", "Something", "Informed choices", "On track"], ["1.1", "Something else", "Informed choices", "On track"]);
        var repeated = Assert.Single((await DeliveryPlanSheet.ImportAsync(db, Manager, csv, Now, Cancel)).Problems);
        Assert.Equal("plan.csv:3: Reference: 1.1 is in the sheet twice (first at line 2): each action once", repeated.ToString());

        Assert.Equal(0, await db.StrategyActions.CountAsync(Cancel));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Summary_CountsByStatusAndColour_AndListsTheDelayedActionsWithTheirLatestNote(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            // Six actions: 1.1 and 1.2 on track; 1.10 at a major delay (then a later note); 2.1 minor; 2.2 major; 3.1 complete.
            foreach (var reference in new[] { "2.2", "1.10", "1.1", "1.2", "2.1", "3.1" })
                await DeliveryPlans.AddAsync(db, Manager, Details(reference), ActionStatus.OnTrack, null, Now, Cancel);
            await DeliveryPlans.UpdateStatusAsync(db, Manager, "1.10", 1, ActionStatus.MajorDelay, "Housing partner withdrew", Now.AddDays(1), Cancel);
            await DeliveryPlans.UpdateStatusAsync(db, Manager, "1.10", 2, ActionStatus.MajorDelay, "New partner found; start in May", Now.AddDays(2), Cancel);
            await DeliveryPlans.UpdateStatusAsync(db, Manager, "2.1", 1, ActionStatus.MinorDelay, "Waiting for the ICB's data", Now.AddDays(1), Cancel);
            await DeliveryPlans.UpdateStatusAsync(db, Manager, "2.2", 1, ActionStatus.MajorDelay, "No budget agreed", Now.AddDays(3), Cancel);
            await DeliveryPlans.UpdateStatusAsync(db, Manager, "3.1", 1, ActionStatus.Complete, null, Now.AddDays(1), Cancel);
        }

        await using var check = database.Open();
        var summary = await DeliveryPlans.SummaryAsync(check, "999", Cancel);
        Assert.Equal(6, summary.Total);
        Assert.Equal([(ActionStatus.NotStarted, 0), (ActionStatus.OnTrack, 2), (ActionStatus.MinorDelay, 1), (ActionStatus.MajorDelay, 2), (ActionStatus.Complete, 1)],
            summary.ByStatus.Select(s => (s.Status, s.Count)));
        Assert.Equal([(Rag.Red, 2), (Rag.Amber, 1), (Rag.Green, 2), (Rag.Blue, 1), (Rag.Grey, 0)], summary.ByRag.Select(r => (r.Rag, r.Count)));
        Assert.Equal(
            [("1.10", ActionStatus.MajorDelay, "New partner found; start in May"), ("2.2", ActionStatus.MajorDelay, "No budget agreed"), ("2.1", ActionStatus.MinorDelay, "Waiting for the ICB's data")],
            summary.Delayed.Select(d => (d.Reference, d.Status, d.LatestNote)));
        Assert.Equal(Now.AddDays(2), summary.Delayed[0].NotedAt);

        Assert.Equal(0, (await DeliveryPlans.SummaryAsync(check, "888", Cancel)).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UpdateStatus_ADelayNeedsANote_AndASaveFromAnOlderVersionIsRefusedSayingWhoChangedIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            await DeliveryPlans.AddAsync(db, Manager, Details("1.1"), ActionStatus.OnTrack, null, Now, Cancel);
            var noNote = await Assert.ThrowsAsync<DeliveryPlanRefusedException>(() => DeliveryPlans.UpdateStatusAsync(db, Manager, "1.1", 1, ActionStatus.MinorDelay, " ", Now, Cancel));
            Assert.Equal("Note", noNote.Field);
            var duplicate = await Assert.ThrowsAsync<DeliveryPlanRefusedException>(() => DeliveryPlans.AddAsync(db, Manager, Details("1.1"), ActionStatus.NotStarted, null, Now, Cancel));
            Assert.Equal(nameof(ActionDetails.Reference), duplicate.Field);
        }
        await using (var other = database.Open())
            await DeliveryPlans.UpdateStatusAsync(other, Manager with { UserName = "b.manager" }, "1.1", 1, ActionStatus.Complete, "Done early", Now.AddHours(1), Cancel);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ActionChangedException>(() => DeliveryPlans.EditAsync(db, Manager, "1.1", 1, Details("1.1") with { Owner = "Someone else" }, Now.AddHours(2), Cancel));
            Assert.StartsWith("b.manager changed this action", refused.Message, StringComparison.Ordinal);
            Assert.Equal("Done early", Assert.Single(refused.Since).Note);
        }
        await using var check = database.Open();
        var action = (await DeliveryPlans.GetAsync(check, "999", "1.1", Cancel))!;
        Assert.Equal(("Head of service", ActionStatus.Complete, 2), (action.Owner, action.Status, action.Version));
    }

    [Fact]
    public async Task Download_IsTheImportTemplate_AndAFormulaInATextStaysText()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();
        await using var db = database.Open();
        await DeliveryPlans.AddAsync(db, Manager, Details("1.1") with { Action = "=HYPERLINK(\"http://example.invalid\",\"Open\")", Resources = "-£2,000 underspend" }, ActionStatus.MinorDelay, "Late", Now, Cancel);
        await DeliveryPlans.AddAsync(db, Manager, Details("2.10") with { Aims = StrategyAims.EffectivePlanning | StrategyAims.InformedChoices }, ActionStatus.NotStarted, null, Now, Cancel);

        var path = folder.File("download.xlsx");
        await using (var file = File.Create(path)) DeliveryPlanSheet.Write(await DeliveryPlans.ListAsync(db, "999", null, Cancel), file);

        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal(DeliveryPlanSheet.Columns.Select(c => c.Heading), sheet.Row(1).CellsUsed().Select(c => c.GetString()));
            Assert.False(sheet.Cell(2, 2).HasFormula);
            Assert.Equal("=HYPERLINK(\"http://example.invalid\",\"Open\")", sheet.Cell(2, 2).GetString());
            Assert.True(sheet.Cell(2, 2).Style.IncludeQuotePrefix);
            Assert.Equal("Effective planning; Informed choices", sheet.Cell(3, 3).GetString());
        }
        var again = await DeliveryPlanSheet.ImportAsync(db, Manager, path, Now.AddHours(1), Cancel);
        Assert.Empty(again.Problems);
        Assert.Equal((0, 0, 2), (again.Added, again.Changed, again.Unchanged));
    }

    [Fact]
    public async Task DemoPlan_HasTenActionsAtEveryStatusAcrossTheThreeAims_AndSeedingAgainAddsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        var today = new DateOnly(2026, 11, 23);
        await Waypoint.Core.Demo.DemoDeliveryPlan.SeedAsync(db, "999", today, Cancel);
        await Waypoint.Core.Demo.DemoDeliveryPlan.SeedAsync(db, "999", today, Cancel);

        var actions = await DeliveryPlans.ListAsync(db, "999", null, Cancel);
        Assert.Equal(10, actions.Count);
        Assert.Equal(DeliveryPlans.Statuses.Order(), actions.Select(a => a.Status).Distinct().Order());
        Assert.All(DeliveryPlans.EachAim, aim => Assert.Contains(actions, a => a.Aims.HasFlag(aim)));
        Assert.All(actions, a => Assert.Equal(a.Version, a.History.Count));
        var summary = await DeliveryPlans.SummaryAsync(db, "999", Cancel);
        Assert.All(summary.Delayed, d => Assert.NotNull(d.LatestNote));
    }

    private static ActionDetails Details(string reference) =>
        new(reference, "Action " + reference, StrategyAims.IntegratedService, "Head of service", "By March 2027", null, null, null);
}
