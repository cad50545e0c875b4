using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Waypoint.Core.Data;
using Waypoint.Core.Documents;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Pathway;

/// <summary>
/// The written records a young person and their family are given, from cases brought along the pathway by the Core
/// services: the decision record (Care Act 2014 s.13(2)), the advice letter (s.13(5)) and the refusal letter (s.58(5)).
/// </summary>
public class PathwayLetterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private const string Reference = "L0000000001";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sam Example, born 10 March 2009, and the worker's name as the staff list has it from their sign-in.</summary>
    private static async Task<TestDatabase> WithSamAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        db.People.Add(new Person { Reference = Reference, CouncilCode = "999", Forename = "Sam", Surname = "Example", DateOfBirth = new DateOnly(2009, 3, 10) });
        await db.SaveChangesAsync(Ct);
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails("a.worker", "Alex Worker", null, null, "transitions-worker"), Now, Ct);
        return database;
    }

    private static async Task<LetterSources> SourcesAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return (await PathwayLetters.GatherAsync(db, "999", Reference, Ct))!;
    }

    private static LetterDetails Details(LetterSources sources) => sources.Details("Anytown Council", Today);

    /// <summary>A written document opened as Word opens it: its headings by level, all its text, and the words at the top of the page.</summary>
    private sealed record Opened(IReadOnlyList<string> Headings1, IReadOnlyList<string> Headings2, string Text, string Marking, IReadOnlyList<string> Styles);

    private static Opened Open(WordFile file)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(file.Content), false);
        var main = document.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Descendants<Paragraph>().ToList();
        List<string> Level(string style) => [.. paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];
        return new Opened(Level("Heading1"), Level("Heading2"), string.Join("\n", paragraphs.Select(p => p.InnerText)), main.HeaderParts.Single().Header!.InnerText,
            [.. main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId!.Value!)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecisionRecord_EligibleDecision_GivesTheDecisionReasonsEachOutcomeWithEvidenceAndTheRegulationsUnderWordHeadings(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using (var db = database.Open()) await PathwayCases.ToDecidedAsync(db, Worker, Reference, Now, Ct);
        var sources = await SourcesAsync(database);

        var file = PathwayLetters.DecisionRecord(Details(sources), sources.Assessment!, sources.DecidedByName);

        Assert.Equal($"decision-record-{Reference}.docx", file.FileName);
        var letter = Open(file);
        Assert.Equal(["The decision", "Outcome by outcome", "The conditions", "How the recorded facts measure up to the regulations", "What happens next", "If you disagree", "Help with this letter"], letter.Headings1);
        Assert.Equal(["Our reasons", .. Assessments.OutcomesFor(AssessmentKind.ChildsNeeds).Select(o => $"{o.Label} ({o.Reference})")], letter.Headings2);
        Assert.Contains("Heading1", letter.Styles);
        Assert.Contains("Heading2", letter.Styles);
        Assert.Equal(PathwayLetters.Marking, letter.Marking);
        foreach (var expected in new[]
        {
            "Sam Example", "10 March 2009", Reference, "Anytown Council", "23 November 2026", "Alex Worker", "Child's needs assessment (Care Act 2014 s.58)", "Consent given",
            "Care Act 2014, section 13(2)", "Eligible. Sam Example has needs for care and support that meet the national eligibility criteria.",
            "Unable to achieve two outcomes, with a significant impact on well-being",
            "Managing and maintaining nutrition (reg 2(2)(a))", "It cannot be achieved without assistance (reg 2(3)(a)).", "Evidence: Seen at home and at college",
            "(reg 2(1)(a)): yes.", "Evidence: Learning disability; the needs affect daily life and well-being",
            "Eligible: all three conditions in reg 2(1) are met.", "We will work with you to agree a support plan.", "Local Government and Social Care Ombudsman",
        })
        {
            Assert.Contains(expected, letter.Text, StringComparison.Ordinal);
        }
        // Eight outcomes achievable, two not; and no departure from the facts to explain.
        Assert.Equal(8, letter.Text.Split('\n').Count(l => l == "Can achieve this."));
        Assert.Equal(2, letter.Text.Split('\n').Count(l => l == "Unable to achieve this, because:"));
        Assert.DoesNotContain("differs from the checklist", letter.Text, StringComparison.Ordinal);

        // Eligible: there is no advice letter, and it says why.
        var refused = Assert.Throws<PathwayRefusedException>(() => PathwayLetters.AdviceLetter(Details(sources), sources.Assessment!));
        Assert.Contains("The decision was eligible", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecisionRecordAndAdviceLetter_NotEligibleAndSignposted_GiveTheDecisionAndTheSection13_5Advice(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using (var db = database.Open())
        {
            var version = await PathwayCases.ToAssessingAsync(db, Worker, Reference, 0, Now, Ct);
            version = await PathwayCases.AssessAndDecideAsync(db, Worker, Reference, version, Now, eligible: false, Ct);
            await Assessments.SignpostAsync(db, Worker, Reference, version, "Anytown Youth Information Service", Now, Ct);
        }
        var sources = await SourcesAsync(database);

        var record = Open(PathwayLetters.DecisionRecord(Details(sources), sources.Assessment!, sources.DecidedByName));
        Assert.Contains("Not eligible. Sam Example does not have needs for care and support that meet the national eligibility criteria.", record.Text, StringComparison.Ordinal);
        Assert.Contains("Unable to achieve one outcome only", record.Text, StringComparison.Ordinal);
        Assert.Contains("Not eligible: reg 2(1)(b) is not met.", record.Text, StringComparison.Ordinal);
        Assert.Contains("We have enclosed written advice", record.Text, StringComparison.Ordinal);

        var file = PathwayLetters.AdviceLetter(Details(sources), sources.Assessment!);
        Assert.Equal($"advice-letter-{Reference}.docx", file.FileName);
        var advice = Open(file);
        Assert.Equal(["Our advice", "Other help we have put you in touch with", "If things change", "If you disagree", "Help with this letter"], advice.Headings1);
        foreach (var expected in new[]
        {
            "Sam Example", "10 March 2009", Reference, "On 23 November 2026, Anytown Council decided that Sam Example does not have needs", "Care Act 2014, section 13(5)",
            "Cooking skills course at the college; the community learning disability nurse's advice line", "Anytown Youth Information Service",
        })
        {
            Assert.Contains(expected, advice.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecisionRecord_CarersAssessmentDecidedAgainstTheFacts_NamesTheCarerTheCarerRegulationsAndTheReasonForDeparting(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using (var db = database.Open())
        {
            await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral, Now, Ct);
            await Assessments.StartAsync(db, Worker, Reference, 1, new AssessmentStartRequest(AssessmentKind.ChildsCarers, AssessmentFooting.Consent, "Consented at a home visit", "Mum", Today), Now, Ct);
            var version = 2;
            foreach (var outcome in Assessments.OutcomesFor(AssessmentKind.ChildsCarers))
            {
                IReadOnlyCollection<UnableBecause> ways = outcome.Key == nameof(CarerOutcome.RecreationalActivities) ? [UnableBecause.PainDistressOrAnxiety] : [];
                await Assessments.RecordOutcomeAsync(db, Worker, Reference, version++, new AssessedOutcomeRequest(outcome.Key, ways, false, true, false, "Mum's account at the visit"), Now, Ct);
            }
            await Assessments.RecordConditionsAsync(db, Worker, Reference, version++, new AssessmentConditionsRequest(true, false, true, "Caring every night"), Now, Ct);
            await Assessments.DecideAsync(db, Worker, Reference, version, new AssessmentDecisionRequest(false, Today, "Mum's needs are met by the short breaks already in place", "The short breaks meet the need in full", "Carers' centre drop-in"), Now, Ct);
        }
        var sources = await SourcesAsync(database);

        var letter = Open(PathwayLetters.DecisionRecord(Details(sources), sources.Assessment!));

        Assert.Equal(["Our reasons", "Why the decision differs from the checklist", .. Assessments.OutcomesFor(AssessmentKind.ChildsCarers).Select(o => $"{o.Label} ({o.Reference})")], letter.Headings2);
        foreach (var expected in new[]
        {
            "Child's carer's assessment (Care Act 2014 s.60)", "Not eligible. Mum, as Sam Example's carer, does not have needs for support as a carer",
            "The short breaks meet the need in full", "Engaging in recreational activities (reg 3(2)(b)(viii))",
            "Achieving it causes significant pain, distress or anxiety (reg 3(3)(b)).", "(reg 3(2)(a)): no.", "regulation 3(2)", "a.worker",
        })
        {
            Assert.Contains(expected, letter.Text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("reg 2(", letter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RefusalLetter_RefusedRequest_GivesTheWrittenReasonsAndPreventionAdvice(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using (var db = database.Open())
        {
            await Referrals.ReferAsync(db, Worker, Reference, 0, PathwayCases.Referral with { ReceivedOn = Today }, Now, Ct);
            await Assessments.DeclineAsync(db, Worker, Reference, 1,
                new AssessmentRefusalRequest(Today, "Sam is not likely to have needs for care and support after 18: the needs are met at school", "The school's independence programme; the local youth club"), Now, Ct);
        }
        var sources = await SourcesAsync(database);
        Assert.Null(sources.Assessment);

        var file = PathwayLetters.RefusalLetter(Details(sources), sources.Refusal!);

        Assert.Equal($"refusal-letter-{Reference}.docx", file.FileName);
        var letter = Open(file);
        Assert.Equal(["Why we refused the request", "Preventing or delaying needs", "If things change", "If you disagree", "Help with this letter"], letter.Headings1);
        Assert.Equal("Your request for a transition assessment", letter.Text.Split('\n')[0]);
        foreach (var expected in new[]
        {
            "Sam Example", "10 March 2009", Reference, "On 23 November 2026, Anytown Council decided not to carry out a transition assessment for Sam Example.",
            "Care Act 2014, sections 58(5), 60(5) and 63(5)", "the needs are met at school", "The school's independence programme; the local youth club",
        })
        {
            Assert.Contains(expected, letter.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DecisionRecordAndAdviceLetter_AssessmentNotDecided_AreRefused(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using (var db = database.Open()) await PathwayCases.ToAssessingAsync(db, Worker, Reference, 0, Now, Ct);
        var sources = await SourcesAsync(database);
        Assert.Null(sources.Refusal);

        var record = Assert.Throws<PathwayRefusedException>(() => PathwayLetters.DecisionRecord(Details(sources), sources.Assessment!));
        var advice = Assert.Throws<PathwayRefusedException>(() => PathwayLetters.AdviceLetter(Details(sources), sources.Assessment!));

        Assert.Equal("The assessment has not been decided yet: the written record of the decision is made once the decision is.", record.Message);
        Assert.Equal("The assessment has not been decided yet: the advice letter follows a decision of not eligible.", advice.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GatherAsync_PersonOfAnotherCouncil_IsNotFound(DatabaseProvider provider)
    {
        await using var database = await WithSamAsync(provider);
        await using var db = database.Open();

        Assert.Null(await PathwayLetters.GatherAsync(db, "998", Reference, Ct));
        var sources = await PathwayLetters.GatherAsync(db, "999", Reference, Ct);
        Assert.Equal(("Sam Example", (TransitionAssessment?)null, (AssessmentRefusal?)null), (sources!.DisplayName, sources.Assessment, sources.Refusal));
    }

    [Fact]
    public void WordDocument_HeadingsBelowLevelTwo_AreRefused()
    {
        var document = new WordDocument();
        Assert.Throws<ArgumentOutOfRangeException>(() => document.Heading(3, "Too deep"));
    }
}
