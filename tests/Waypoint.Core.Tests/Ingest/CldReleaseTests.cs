using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>CLD coded fields in release 1 and release 2 spelling (formats.md section 4), all stored in release 2 spelling.</summary>
public class CldReleaseTests
{
    /// <summary>Field, release 1 spelling, release 2 spelling: written out here, independently of the importer's table.</summary>
    private static readonly (string Field, string Release1, string Release2)[] Spellings =
    [
        ("Event Type", "Request", "Request"),
        ("Event Type", "Assessment", "Assessment"),
        ("Event Type", "Service", "Service"),
        ("Event Type", "Review", "Review"),
        ("Client Type", "Service User", "Service user"),
        ("Client Type", "Carer", "Unpaid carer"),
        ("Client Type", "Carer known by association", "Unpaid carer known by association"),
        ("Gender", "Male", "Male"),
        ("Gender", "M", "Male"),
        ("Gender", "Female", "Female"),
        ("Gender", "F", "Female"),
        ("Gender", "Other", "Other"),
        ("Gender", "Not known", "Unknown"),
        ("Gender", "Not stated", "Unknown"),
        ("Primary Support Reason", "Physical Support: Access & mobility only", "Physical support: Access and mobility only"),
        ("Primary Support Reason", "Physical Support: Personal care support", "Physical support: Personal care support"),
        ("Primary Support Reason", "Sensory Support: Support for visual impairment", "Sensory support: Support for visual impairment"),
        ("Primary Support Reason", "Sensory Support: Support for hearing impairment", "Sensory support: Support for hearing impairment"),
        ("Primary Support Reason", "Sensory Support: Support for dual impairment", "Sensory support: Support for dual impairment"),
        ("Primary Support Reason", "Support with Memory & Cognition", "Support with memory and cognition"),
        ("Primary Support Reason", "Learning Disability Support", "Learning disability support"),
        ("Primary Support Reason", "Mental Health Support", "Mental health support"),
        ("Primary Support Reason", "Social Support: Substance misuse support", "Social support: Substance misuse support"),
        ("Primary Support Reason", "Social Support: Asylum seeker support", "Social support: Asylum seeker support"),
        ("Primary Support Reason", "Social Support: Support for Social Isolation/Other", "Social support: Support for social isolation or other"),
        ("Primary Support Reason", "Social support: Support to unpaid carer", "Social support: Support to unpaid carer"),
        ("Primary Support Reason", "PSR Not Known", "Unknown"),
        ("Service Type", "Long Term Support: Community", "Long term support: Community"),
        ("Service Type", "Long Term Support: Nursing Care", "Long term support: Nursing care"),
        ("Service Type", "Long Term Support: Prison", "Long term support: Prison"),
        ("Service Type", "Long Term Support: Residential Care", "Long term support: Residential care"),
        ("Service Type", "Short Term Support: Ongoing Low Level", "Short term support: Ongoing low level"),
        ("Service Type", "Short Term Support: Other Short Term", "Short term support: Other short term"),
        ("Service Type", "Short Term Support: ST-Max", "Short term support: ST-Max"),
        ("Service Type", "Carer Support: Direct to Carer", "Unpaid carer support: Direct to unpaid carer"),
        ("Service Type", "Carer Support: Support involving the person cared-for", "Unpaid carer support: Support involving the person cared-for"),
        ("Event Outcome", "Progress to Reablement/ST-Max", "Progress to reablement/ST-Max"),
        ("Event Outcome", "Progress to Assessment", "Progress to assessment, review or reassessment"),
        ("Event Outcome", "Progress to Re-assessment / Unplanned Review", "Progress to assessment, review or reassessment"),
        ("Event Outcome", "Progress to Support Planning / Services", "Progress to support planning or services"),
        ("Event Outcome", "No change in package", "Continuation of support or services"),
        ("Event Outcome", "Provision of service", "Continuation of support or services"),
        ("Event Outcome", "Admitted to hospital", "Admitted to hospital"),
        ("Event Outcome", "NFA - Moved to another LA", "NFA: Responsibility moved to another local authority"),
        ("Event Outcome", "NFA - 100% NHS funded care", "NFA: Referral to NHS services or NHS funded social care"),
        ("Event Outcome", "NFA - Self-funded client (Inc. 12wk disregard)", "NFA: Self-funded client or under 12wk disregard"),
        ("Event Outcome", "NFA - Information & Advice / Signposting only", "NFA: Information and advice or signposting"),
        ("Event Outcome", "NFA: Referral to other service within the local authority", "NFA: Referral to other service within the local authority"),
        ("Event Outcome", "NFA - Support declined", "NFA: Support declined"),
        ("Event Outcome", "NFA - Deceased", "NFA: Deceased"),
        ("Event Outcome", "Service ended as planned", "NFA: Support ended as planned"),
        ("Event Outcome", "NFA - Support ended: Other reason", "NFA: Support ended for other reason"),
        ("Event Outcome", "NFA - No services offered: Other reason", "NFA: No services offered for other reason"),
        ("Event Outcome", "NFA - Other", "NFA: Other"),
        ("Event Outcome", "NFA- Other", "NFA: Other"),
        ("Event Outcome", "Progress to financial assessment", "Progress to financial assessment"),
        ("Event Outcome", "Progress to End of Life Care", "Progress to End of Life Care"),
        ("Assessment Type", "Long Term Assessment", "Long term support needs assessment"),
        ("Assessment Type", "Short Term Assessment", "Short term support needs assessment"),
        ("Assessment Type", "Carer Assessment", "Unpaid carer assessment"),
        ("Assessment Type", "Financial Assessment", "Financial assessment"),
        ("Eligible Needs Identified", "Yes", "Yes"),
        ("Eligible Needs Identified", "No", "No"),
        ("Has Unpaid Carer", "Yes", "Yes"),
        ("Has Unpaid Carer", "No", "No"),
        ("Has Unpaid Carer", "Unknown", "Unknown"),
    ];

    public static TheoryData<string, string, string> EitherRelease()
    {
        // A value both releases spell alike, or several release 1 values of one release 2 value, is one case each.
        var cases = new HashSet<(string, string, string)>();
        foreach (var (field, release1, release2) in Spellings)
        {
            cases.Add((field, release1, release2));
            cases.Add((field, release2, release2));
            cases.Add((field, "  " + release1.ToUpperInvariant().Replace(" ", "  ", StringComparison.Ordinal), release2));
        }
        var data = new TheoryData<string, string, string>();
        foreach (var (field, given, stored) in cases) data.Add(field, given, stored);
        return data;
    }

    [Theory]
    [MemberData(nameof(EitherRelease))]
    public void Parse_EitherReleasesSpelling_IsStoredInReleaseTwoSpelling(string field, string given, string stored)
    {
        var run = ParseOneEvent(field, given);
        Assert.Empty(run.Report.Problems);
        var record = Assert.Single(run.Records);
        var e = Assert.IsType<AdultCareEvent>(Assert.Single(record.Details));
        string? value = field switch
        {
            "Event Type" => e.EventType,
            "Client Type" => e.ClientType,
            "Gender" => record.Record.Sex,
            "Primary Support Reason" => e.PrimarySupportReason,
            "Service Type" => e.ServiceType,
            "Event Outcome" => e.EventOutcome,
            "Assessment Type" => e.AssessmentType,
            "Eligible Needs Identified" => e.EligibleNeedsIdentified,
            "Has Unpaid Carer" => e.HasUnpaidCarer,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
        Assert.Equal(field == "Gender" ? stored switch { "Male" => "M", "Female" => "F", _ => "U" } : stored, value);
    }

    [Theory]
    [InlineData("Service Type", "Long term support: Moon base")]
    [InlineData("Event Outcome", "Progress to somewhere")]
    [InlineData("Gender", "Sometimes")]
    [InlineData("Event Type", "Referral")]
    public void Parse_ValueInNeitherRelease_IsKeptAsGivenWithAWarning(string field, string given)
    {
        var run = ParseOneEvent(field, given);
        var warning = Assert.Single(run.Report.Problems);
        Assert.Equal($"cld.csv:2: {field}: '{given}' is not a known value in either CLD release; kept as given", warning.ToString());
        Assert.Equal(Severity.Warning, warning.Severity);
        var record = Assert.Single(run.Records);
        var e = Assert.IsType<AdultCareEvent>(Assert.Single(record.Details));
        Assert.Contains(given, new[] { e.ServiceType, e.EventOutcome, record.Record.Sex, e.EventType });
    }

    [Fact]
    public void Table_EveryValueTheImporterKnowsIsTestedHere()
    {
        var tested = Spellings.Select(s => (s.Field, s.Release2)).ToHashSet();
        Assert.Equal(tested.Order(), CldValues.Table.Select(e => (e.Field, e.Release2)).Order());
        // No spelling may stand for two release 2 values of the same field.
        foreach (var field in CldValues.Table.GroupBy(e => e.Field))
        {
            var keys = field.SelectMany(e => e.Release1.Prepend(e.Release2).Select(s => (Key: s.ToUpperInvariant(), e.Release2))).Distinct().ToList();
            Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_ReleaseOneFile_IsStoredInReleaseTwoSpellingWithoutWarnings(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await ImporterTests.ImportAsync(database, new ImportOptions("999"), TestFiles.Data("cld", "cld-release1.csv"));

        Assert.True(result.Committed, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        await using var db = database.Open();
        var events = await db.AdultCareEvents.OrderBy(e => e.EventReference).ToListAsync();
        (string, string?, string?, string?, string?, string?)[] expected =
        [
            ("Request", "Service user", "Learning disability support", "Progress to assessment, review or reassessment", null, null),
            ("Assessment", "Service user", "Learning disability support", "Progress to support planning or services", "Long term support needs assessment", null),
            ("Service", "Service user", "Learning disability support", null, null, "Long term support: Residential care"),
            ("Review", "Service user", "Learning disability support", "Continuation of support or services", null, null),
            ("Assessment", "Unpaid carer", "Social support: Support for social isolation or other", "NFA: Information and advice or signposting", "Unpaid carer assessment", null),
            ("Service", "Unpaid carer", "Social support: Support for social isolation or other", null, null, "Unpaid carer support: Direct to unpaid carer"),
            ("Request", "Unpaid carer known by association", "Unknown", "NFA: Other", null, null),
        ];
        Assert.Equal(expected, events.Select(e => (e.EventType, e.ClientType, e.PrimarySupportReason, e.EventOutcome, e.AssessmentType, e.ServiceType)));
        Assert.Equal(1200m, events.Single(e => e.EventReference == "E3").WeeklyCost);
        Assert.Equal(["F", "M", "U"], await db.SourceRecords.Select(r => r.Sex!).OrderBy(s => s).ToListAsync());
    }

    private static ParserHarness ParseOneEvent(string field, string value)
    {
        using var folder = TestFiles.TempFolder();
        var columns = new List<string> { "LA Person Unique Identifier", "Date of Birth", "Event Type", "Event Start Date" };
        var values = new List<string> { "P1", "01/01/2000", "Request", "01/01/2025" };
        var at = columns.IndexOf(field);
        if (at < 0)
        {
            columns.Add(field);
            values.Add(value);
        }
        else values[at] = value;
        return ParserHarness.Run(folder.Write("cld.csv", string.Join(',', columns) + "\n" + string.Join(',', values.Select(v => v.Contains(',', StringComparison.Ordinal) ? $"\"{v}\"" : v)) + "\n"));
    }
}
