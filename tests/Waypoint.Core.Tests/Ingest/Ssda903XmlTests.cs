using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>The SSDA903 XML variant (formats.md section 1): the same checks and the same tables as the CSV tables.</summary>
public class Ssda903XmlTests
{
    private static readonly ImportOptions Council = new("999");

    /// <summary>Three children touching every table the XML carries, with problems of each severity below fatal.</summary>
    private static readonly LookedAfterChild[] Children =
    [
        new("1001", "2008-03-27", Sex: "2", Upn: "A123456789012")
        {
            Mother = "1",
            MotherChildDob = "2024-01-05",
            Episodes =
            [
                new("2016-02-15", "2017-08-14", ReasonCeased: "X1", Urn: "SC123456"),
                new("2017-08-14", null, Rne: "L", LegalStatus: "ZZ", Place: "K2", ReasonPlaceChange: "CARPL", PlacementPostcode: "NOT A POSTCODE"),
            ],
            Reviews = [new("2018-01-10", "PN1"), new("31/06/2020", "PN2"), new("2021-01-10", "pn3")],
            Missing = [new("M", "2019-01-01", "2019-01-02"), new("A", null)],
            CareLeaver = new("YES", "P3", "01"),
            Health = new(SdqScore: "14", SdqReason: "SDQ1"),
            Permanence = new("Z1", "999", "2015-05-05"),
        },
        new("1002", "2010-11-02", Sex: "M", Ethnicity: "REFU", Upn: "UN2")
        {
            Unaccompanied = true,
            UascCeased = "2028-11-02",
            Episodes = [new("2020-01-01", "2019-01-01"), new("2020-02-01", Place: "Z11", Provider: "PR4")],
            Adoption = new("2021-01-01", "2021-06-01", "2021-07-01", "2022-01-01", "E1"),
        },
        new("1003", "2012-05-05", Ethnicity: "ZZZZ") { Episodes = [new("2023-03-03")] },
    ];

    [Fact]
    public void Detect_RootElement_IsThe903XmlVariant()
    {
        using var folder = TestFiles.TempFolder();
        Assert.Equal(SourceFileKind.Ssda903Xml, FormatDetector.Detect(SourceFileBuilder.Ssda903Xml(folder, "return.txt", Children)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameChildrenAsCsvTablesAndAsXml_GiveTheSameRecordsAndDetails(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        using var xmlFolder = TestFiles.TempFolder();
        await using var fromCsv = await TestDatabase.CreateAsync(provider);
        await using var fromXml = await TestDatabase.CreateAsync(provider);

        var csv = await ImporterTests.ImportAsync(fromCsv, Council, SourceFileBuilder.Ssda903Tables(folder, Children));
        var xml = await ImporterTests.ImportAsync(fromXml, Council, SourceFileBuilder.Ssda903Xml(xmlFolder, "ssda903.xml", Children));

        Assert.True(csv.Committed);
        Assert.True(xml.Committed);
        await using var a = fromCsv.Open();
        await using var b = fromXml.Open();
        var content = await DatabaseSnapshot.ContentAsync(a);
        Assert.Equal(content, await DatabaseSnapshot.ContentAsync(b));
        // Every table the XML carries is filled, so the comparison covers them all.
        foreach (var table in new[] { "SourceRecord", "SourceIdentifier", "ParentInCare", "CareEpisode", "UnaccompaniedAsylumSeeker", "HealthOutcome", "CareLeaverContact", "AdoptionDecision", "AdoptionPlacement", "PreviousPermanence", "MissingEpisode", "CareReview" })
            Assert.Contains(content, row => row.StartsWith(table + "|", StringComparison.Ordinal));
        Assert.Equal(3, await b.SourceRecords.CountAsync());
        Assert.Equal(4, await b.CareEpisodes.CountAsync()); // the episode ending before it starts is rejected

        // The same problems, at the same severity, each named by its column in CSV and its element path in XML.
        static IEnumerable<string> What(ImportResult r) => r.Problems.Select(p => $"{p.Severity}: {p.Message}").Order(StringComparer.Ordinal);
        Assert.Equal(What(csv), What(xml));
        Assert.Equal(csv.Files.Sum(f => f.Rejected), xml.Files.Sum(f => f.Rejected));
        Assert.Contains(xml.Problems, p => p is { Severity: Severity.Error, Field: "EXPSSDA903/CHILD[1]/HEADER/AREVIEW[2]/REVIEW" });
        Assert.Contains(xml.Problems, p => p is { Severity: Severity.Warning, Field: "EXPSSDA903/CHILD[1]/EPISODE[2]/LS" });
        Assert.Contains(xml.Problems, p => p is { Severity: Severity.Warning, Field: "EXPSSDA903/CHILD[1]/HEADER/ACTIV" });
    }

    private const string Xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <EXPSSDA903>
          <CHILD>
            <HEADER>
              <CHILDID>77</CHILDID>
              <UPN />
              <SEX>1</SEX>
              <DOB>01/02/2009</DOB>
              <ETHNIC>wbri</ETHNIC>
              <UASC>0</UASC>
              <DUC />
              <MOTHER />
              <MC_DOB />
              <AREVIEW><REVIEW>30/02/2021</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
            </HEADER>
            <EPISODE>
              <DECOM>01/01/2020</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>P9</PL><PL_POST>DM2 2BB</PL_POST>
              <HOME_POST /><URN /><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE />
            </EPISODE>
          </CHILD>
          <CHILD>
            <HEADER><CHILDID>78</CHILDID><DOB>01/01/2099</DOB></HEADER>
            <EPISODE><DECOM>01/01/2020</DECOM></EPISODE>
          </CHILD>
          <CHILD>
            <HEADER><CHILDID>77</CHILDID><DOB>01/01/2010</DOB></HEADER>
          </CHILD>
          <CHILD>
            <HEADER><CHILDID /><DOB>01/01/2010</DOB></HEADER>
          </CHILD>
          <CHILD><EPISODE /></CHILD>
        </EXPSSDA903>
        """;

    [Fact]
    public void Parse_ProblemsNameTheLineAndElementPath()
    {
        using var folder = TestFiles.TempFolder();
        var run = ParserHarness.Run(folder.Write("children.xml", Xml));

        var child = Assert.Single(run.Records);
        Assert.Equal("903:children.xml:77", child.Record.SourceKey);
        Assert.Equal(3, child.Record.Line);
        Assert.Equal(("M", "WBRI", new DateOnly(2009, 2, 1)), (child.Record.Sex, child.Record.Ethnicity, child.Record.DateOfBirth));
        var episode = Assert.IsType<CareEpisode>(Assert.Single(child.Details));
        Assert.Equal(("P9", (DateOnly?)null, (string?)null, 16), (episode.Placement, episode.EndDate, episode.HomePostcode, episode.Line));
        Assert.Equal(
        [
            "children.xml:14: EXPSSDA903/CHILD[1]/HEADER/AREVIEW[1]/REVIEW: '30/02/2021' is not a real date (dd/mm/yyyy expected)",
            "children.xml:22: EXPSSDA903/CHILD[2]/HEADER/DOB: date of birth 01/01/2099 is impossible",
            "children.xml:26: EXPSSDA903/CHILD[3]/HEADER/CHILDID: child 77 appears more than once in the file; this row is rejected",
            "children.xml:29: EXPSSDA903/CHILD[4]/HEADER/CHILDID: is missing: the row has no child id",
            "children.xml:31: EXPSSDA903/CHILD[5]/HEADER: is missing: the CHILD has no HEADER; the child is rejected",
        ], run.Problems(Severity.Error).Select(p => p.ToString()));
        Assert.Equal("children.xml:17: EXPSSDA903/CHILD[1]/EPISODE[1]/PL: 'P9' is not a known code; kept as given", Assert.Single(run.Problems(Severity.Warning)).ToString());
        Assert.Equal(5, run.Report.RecordsRead);
        Assert.Equal(5, run.Report.Rejected); // four children and one review
    }

    [Fact]
    public void Parse_LargeFile_IsStreamedChildByChild()
    {
        // A DOM of the whole file would fail on the broken end before giving anything; the stream gives the children before it.
        using var folder = TestFiles.TempFolder();
        var children = Enumerable.Range(1, 2000).Select(i => new LookedAfterChild(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "2010-01-01") { Episodes = [new("2020-01-01")] }).ToArray();
        var path = SourceFileBuilder.Ssda903Xml(folder, "big.xml", children);
        File.AppendAllText(path, "<CHILD>");
        var report = new FileReport(path, SourceFileKind.Ssda903Xml);
        var seen = 0;
        var e = Assert.Throws<ImportFatalException>(() =>
        {
            foreach (var item in Importer.Parse(new ParseContext(report, "999", ParserHarness.Today, new IdAllocator()))) seen++;
        });
        Assert.Equal(2000, seen);
        Assert.Equal(Severity.Fatal, e.Problem.Severity);
        Assert.Equal("(xml)", e.Problem.Field);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_NextYearsXmlOfTheSameName_ReplacesEachChildsDetails(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var v1 = TestFiles.TempFolder();
        await ImporterTests.ImportAsync(database, Council, SourceFileBuilder.Ssda903Xml(v1, "ssda903.xml", Children));
        using var v2 = TestFiles.TempFolder();
        var changed = Children[0] with { Episodes = [new("2016-02-15", "2017-08-15")], Reviews = [], CareLeaver = null };

        var result = await ImporterTests.ImportAsync(database, Council, SourceFileBuilder.Ssda903Xml(v2, "ssda903.xml", changed));

        Assert.True(result.Committed);
        await using var db = database.Open();
        var first = await db.SourceRecords.SingleAsync(r => r.LocalKey == "1001");
        Assert.Equal(new DateOnly(2017, 8, 15), (await db.CareEpisodes.SingleAsync(e => e.SourceRecordId == first.Id)).EndDate);
        Assert.False(await db.CareReviews.AnyAsync(r => r.SourceRecordId == first.Id));
        Assert.False(await db.CareLeaverContacts.AnyAsync(r => r.SourceRecordId == first.Id));
        Assert.True(await db.HealthOutcomes.AnyAsync(r => r.SourceRecordId == first.Id)); // given again, kept once
        Assert.Equal(1, await db.HealthOutcomes.CountAsync(r => r.SourceRecordId == first.Id));
        Assert.Equal(3, await db.SourceRecords.CountAsync()); // children absent from next year's file are kept
    }
}
