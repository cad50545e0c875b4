using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

public class CinParserTests
{
    [Fact]
    public void Parse_PeerGenderCurrentFile_ReadsEveryChildAndReferral()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("cin", "fake_CIN_data.xml"));
        Assert.Equal(332, run.Records.Count);
        Assert.Equal(402, run.All<CinReferral>().Count());
        var first = run.Records[0].Record;
        Assert.Equal("CIN:fake_CIN_data.xml:RND000215205141", first.SourceKey);
        Assert.Equal("M", first.Sex); // GenderCurrent 1
        Assert.Equal("U", run.Records[1].Record.Sex); // GenderCurrent 9
        Assert.Equal(21, run.Records.Count(r => r.Record.DateOfDeath is not null));
    }

    [Fact]
    public void Parse_PeerSexFile_MapsSexAndReadsAssessmentFactors()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("cin", "CIN_Census_2024.xml"));
        Assert.Equal(["M", "M"], run.Records.Select(r => r.Record.Sex));
        Assert.Contains(run.Records[0].Identifiers, i => i.Kind == IdentifierKind.FormerUpn && i.Value == "X98765432123B");
        Assert.Equal(["HAND", "HEAR", "NONE"], run.All<ChildDisability>().Select(d => d.Code));
        var assessment = run.All<CinAssessment>().First();
        Assert.Equal("1C RB 6B", assessment.Factors);
        Assert.Equal(run.All<CinReferral>().First().Id, assessment.ReferralId);
        Assert.Single(run.All<ChildProtectionPlan>());
        // LEA 201 is not the demo council's code: a warning, not a split or a rejection.
        Assert.Contains(run.Problems(Severity.Warning), p => p.Field == "Message/Header/Source/LEA");
    }

    [Fact]
    public void Parse_UnknownElements_AreIgnored()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("cin.xml", """
            <Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails><Source><LEA>999</LEA></Source><NewHeaderThing/></Header>
            <Children><Child><BrandNew2027Element><Deep>1</Deep></BrandNew2027Element>
            <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2010-01-02</PersonBirthDate><Sex>F</Sex><Unheard>x</Unheard></ChildIdentifiers>
            <CINdetails><CINreferralDate>2020-05-01</CINreferralDate><PrimaryNeedCode>N2</PrimaryNeedCode><Mystery>y</Mystery></CINdetails>
            </Child></Children></Message>
            """);
        var run = ParserHarness.Run(path);
        var record = Assert.Single(run.Records);
        Assert.Equal("F", record.Record.Sex);
        Assert.Equal("N2", Assert.Single(run.All<CinReferral>()).PrimaryNeedCode);
        Assert.Empty(run.Report.Problems);
    }

    [Fact]
    public void Parse_UnbornChild_IsRejectedWithAClearMessage()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("cin.xml", """
            <Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children>
            <Child><ChildIdentifiers><LAchildID>U1</LAchildID><ExpectedPersonBirthDate>2027-01-01</ExpectedPersonBirthDate><GenderCurrent>0</GenderCurrent></ChildIdentifiers></Child>
            </Children></Message>
            """);
        var run = ParserHarness.Run(path);
        Assert.Empty(run.Records);
        var error = Assert.Single(run.Problems(Severity.Error));
        Assert.Equal("cin.xml:2: Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate: is missing (the child is not yet born); the child is rejected", error.ToString());
    }
}
