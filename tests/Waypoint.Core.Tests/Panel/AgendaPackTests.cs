using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Core.Tests.Ingest;
using Waypoint.Core.Tests.Spreadsheets;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Panel;

/// <summary>The agenda pack built from imported records and the pathway, on screen and as a Word document.</summary>
public class AgendaPackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Amy (903 child 100, named by her SEN2 record) in a £5,200-a-week residential school placement, decided; child 200
    /// (no name in the data) turning 18 in March with his assessment in progress, in a £900-a-week foster placement.
    /// </summary>
    private static async Task<(TestDatabase Database, long MeetingId)> AgendaAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await SpreadsheetImportTests.SaveAsync(database, SheetBuilder.PlacementCosts());
        var costs = SheetBuilder.Csv(folder, "costs.csv", SheetBuilder.CostHeadings,
            ["100", "01/04/2025", "", "5200", "High Needs Block", "Oak House School"],
            ["200", "01/09/2024", "", "900", "CSC Placements", "Foster carer"]);
        var amy = new ChildRow("100", "2009-06-01", "Q999000000011");
        await ImporterTests.ImportAsync(database, new ImportOptions("999") { Spreadsheets = new Dictionary<string, string> { [costs] = "placement costs" } },
            SourceFileBuilder.Header903(folder, "header.csv", amy, new ChildRow("200", "2009-03-01")),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2009-06-01", "Q999000000011", "SLD", "2015-03-20")),
            costs);

        await using var db = database.Open();
        var references = await db.People.OrderBy(p => p.Forename == null).Select(p => p.Reference).ToListAsync(Cancel);
        var referral = new ReferralRequest(ReferralSource.SenTeam, "Oak House School", new DateOnly(2026, 10, 1), "Residential school ends at 19", ReferralUrgency.Soon);
        foreach (var reference in references)
        {
            await Referrals.ReferAsync(db, Worker, reference, 0, referral, Now.AddDays(-30), Cancel);
            await Assessments.StartAsync(db, Worker, reference, 1,
                new AssessmentStartRequest(AssessmentKind.ChildsNeeds, AssessmentFooting.Consent, "Consent given at a visit with Amy and her parents", null, DateOnly.FromDateTime(Now.AddDays(-20).Date)), Now.AddDays(-20), Cancel);
        }
        await PathwayCases.AssessAndDecideAsync(db, Worker, references[0], 2, Now.AddDays(-2), eligible: true, Cancel);
        var meeting = await PanelMeetings.CreateMeetingAsync(db, Worker, new MeetingRequest(new DateOnly(2026, 12, 3), new TimeOnly(10, 0), MeetingFormat.Online, "Teams", "Pat Chair"), Now, Cancel);
        await PanelMeetings.AddAttendeeAsync(db, Worker, meeting.Id, new AttendeeRequest(PanelAgency.SendEducation, "Jo Send", "SEND officer"), Now, Cancel);
        await PanelMeetings.AddCaseAsync(db, Worker, meeting.Id, references[0], null, "Agree the adult residential package", Now, Cancel);
        await PanelMeetings.AddCaseAsync(db, Worker, meeting.Id, references[1], null, "Advise on likely eligibility before 18", Now, Cancel);
        return (database, meeting.Id);
    }


    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BuildAsync_EachCase_HasWhoTheyAreTheirClockTheirCostsAndTheAssessmentSummary(DatabaseProvider provider)
    {
        var (database, meetingId) = await AgendaAsync(provider);
        await using var _ = database;
        await using var db = database.Open();

        var pack = (await PanelAgenda.BuildAsync(db, "999", meetingId, new DateOnly(2026, 11, 23), new RulesPolicy(), Cancel))!;

        Assert.Equal(["Amy Example", "Child 200"], pack.Cases.Select(c => c.DisplayName));
        var amy = pack.Cases[0];
        Assert.Equal((new DateOnly(2009, 6, 1), 17, TransitionsStage.Decided), (amy.DateOfBirth, amy.Age, amy.Stage));
        Assert.Contains("EHC plan", amy.Cohorts);
        Assert.Contains(amy.Flags, f => f.RuleId == "HIGH-COST");
        Assert.Equal([(5200m, true, "Oak House School; funding: education")], amy.Costs.Select(c => (c.WeeklyCost, c.Current, c.Description)));
        Assert.Equal("Oak House School", amy.Referral!.Referrer);
        Assert.Equal(
            ["The case is at decided (since 21 November 2026).", "Referred on 1 October 2026 by SEN team (Oak House School); urgency: soon: needs planning within 3 months.",
             "Child's needs assessment (Care Act 2014 s.58) started on 3 November 2026 by a.worker: consent given.",
             "Unable to achieve 2 of the specified outcomes: managing and maintaining nutrition; making use of necessary facilities or services in the local community including public transport, and recreational facilities or services.",
             "Decided eligible on 21 November 2026 by a.worker: Unable to achieve two outcomes, with a significant impact on well-being",
             "The decision follows from the recorded facts."],
            amy.AssessmentSummary);
        var child = pack.Cases[1];
        Assert.Contains(child.Flags, f => f.RuleId == "TURNING-18");
        Assert.DoesNotContain(child.Flags, f => f.RuleId == "HIGH-COST");
        Assert.Contains(child.Milestones, m => m.RuleId == "AT-18" && m.Due == new DateOnly(2027, 3, 1));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Write_AgendaPack_IsAWordDocumentWithEachCasesNameFlagsAndCosts(DatabaseProvider provider)
    {
        var (database, meetingId) = await AgendaAsync(provider);
        await using var _ = database;
        await using (var db = database.Open())
        {
            await PanelMeetings.AddActionAsync(db, Worker, meetingId, new ActionRequest(null, "Invite housing to the next panel", "a.worker", new DateOnly(2027, 1, 5)), Now, Cancel);
        }
        await using var read = database.Open();
        var pack = (await PanelAgenda.BuildAsync(read, "999", meetingId, new DateOnly(2026, 11, 23), new RulesPolicy(), Cancel))!;

        var bytes = AgendaPackDocument.Write(pack);

        Assert.Equal("panel-agenda-pack-2026-12-03.docx", AgendaPackDocument.FileName(pack));
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(["Attendance expected", "Cases", "Case 1: Amy Example", "Case 2: Child 200", "Actions to follow up", "Actions set at this meeting"], headings);
        Assert.Equal("Transitions panel agenda pack", paragraphs[0].InnerText);
        Assert.Equal("Thursday 3 December 2026 at 10:00. Online: Teams.", paragraphs[1].InnerText);

        // Each case's own section holds its name, reference, flags and costs.
        var text = string.Join("\n", paragraphs.Select(p => p.InnerText));
        var amy = text[text.IndexOf("Case 1: Amy Example", StringComparison.Ordinal)..text.IndexOf("Case 2: Child 200", StringComparison.Ordinal)];
        var child = text[text.IndexOf("Case 2: Child 200", StringComparison.Ordinal)..text.IndexOf("Actions to follow up", StringComparison.Ordinal)];
        Assert.Contains(pack.Cases[0].Reference, amy, StringComparison.Ordinal);
        Assert.Contains("1 June 2009", amy, StringComparison.Ordinal);
        Assert.Contains("(HIGH-COST)", amy, StringComparison.Ordinal);
        Assert.Contains("£5,200 a week", amy, StringComparison.Ordinal);
        Assert.Contains("Decided eligible on 21 November 2026", amy, StringComparison.Ordinal);
        Assert.Contains(pack.Cases[1].Reference, child, StringComparison.Ordinal);
        Assert.Contains("(TURNING-18)", child, StringComparison.Ordinal);
        Assert.Contains("£900 a week", child, StringComparison.Ordinal);
        Assert.DoesNotContain("HIGH-COST", child, StringComparison.Ordinal);
        Assert.Contains("Jo Send", text, StringComparison.Ordinal);
        Assert.Contains("Invite housing to the next panel", text, StringComparison.Ordinal);

        // Headings are Word's own, and table heading rows repeat: the document reads as structured, not just bold text.
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId!.Value).ToList();
        Assert.Contains("Heading1", styles);
        Assert.All(document.MainDocumentPart.Document.Body.Descendants<Table>(), t => Assert.True(t.Elements<TableRow>().Any()));
        Assert.Contains(document.MainDocumentPart.Document.Body.Descendants<TableHeader>(), _ => true);
        Assert.Equal("OFFICIAL-SENSITIVE", document.MainDocumentPart.HeaderParts.Single().Header!.InnerText);
    }
}
