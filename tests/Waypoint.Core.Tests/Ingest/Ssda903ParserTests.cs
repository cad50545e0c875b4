using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

public class Ssda903ParserTests
{
    [Fact]
    public void Parse_PeerHeader_GivesOneRecordPerChild()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", "header.csv"));
        Assert.Equal(2675, run.Report.RecordsRead);
        Assert.Equal(2675, run.Records.Count);
        var first = run.Records[0].Record;
        Assert.Equal("903:header.csv:566910", first.SourceKey);
        Assert.Equal(new DateOnly(2008, 3, 27), first.DateOfBirth);
        Assert.Equal("F", first.Sex); // SEX 2 in an older file
        Assert.Equal(2, first.Line);
        Assert.Contains(run.Records[0].Identifiers, i => i is { Kind: IdentifierKind.CouncilChildId, Value: "566910", IsValid: true });
    }

    [Fact]
    public void Parse_PeerHeader_KeepsInvalidUpnsWithAWarning()
    {
        // Most UPNs in the peer sample fail the check letter: they are kept, never used as keys, and reported.
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", "header.csv"));
        var upns = run.Records.SelectMany(r => r.Identifiers).Where(i => i.Kind == IdentifierKind.Upn).ToList();
        Assert.Equal(run.Records.Count(r => r.Identifiers.Any(i => i.Kind == IdentifierKind.Upn)), upns.Count);
        Assert.Equal(upns.Count(u => !u.IsValid), run.Problems(Severity.Warning).Count(p => p.Field == "UPN"));
        Assert.Contains(upns, u => !u.IsValid);
    }

    [Fact]
    public void Parse_PeerEpisodes_AttachByChild()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", "episodes.csv"));
        // The sample is messy: 65 episodes start before the child's previous one ends, and 6 open episodes have a later
        // one after them. Those rows are rejected, the child's other episodes kept (formats.md section 7).
        Assert.Equal(5050, run.Report.RecordsRead);
        Assert.Equal(5050 - 65 - 6, run.Details.Count);
        Assert.Equal(65, run.Report.Problems.Count(p => p.Rule == DataQualityRules.EpisodeOverlap));
        Assert.Equal(6, run.Report.Problems.Count(p => p.Rule == DataQualityRules.EpisodeOpenBeforeClosed));
        var first = Assert.IsType<CareEpisode>(run.Details[0].Detail);
        Assert.Equal("566910", run.Details[0].LocalKey);
        Assert.Equal(new DateOnly(2016, 2, 15), first.StartDate);
        Assert.Equal(new DateOnly(2017, 8, 14), first.EndDate);
        Assert.Equal("C2", first.LegalStatus);
        var open = Assert.IsType<CareEpisode>(run.Details[1].Detail);
        Assert.Null(open.EndDate);
        Assert.Equal("WV27 9FW", open.PlacementPostcode);
    }

    [Fact]
    public void Parse_PeerOc3_ReportsDeliberateErrorsAndKeepsGoing()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", "oc3.csv"));
        Assert.Equal(53, run.Details.Count);
        var warnings = run.Problems(Severity.Warning).Select(p => p.ToString()).ToList();
        Assert.Contains("oc3.csv:2: ACCOM: '01' is not a known accommodation code; kept as given", warnings);
        Assert.Contains("oc3.csv:3: ACTIV: 'P3' is a retired activity code; kept as given", warnings);
        Assert.Equal("01", run.All<CareLeaverContact>().First().Accommodation);
    }

    [Fact]
    public void Parse_FileWithByteOrderMark_ReadsTheFirstColumn()
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", "sw_episodes.csv"));
        var row = Assert.Single(run.Details);
        Assert.Equal("CHILD10", row.LocalKey);
        Assert.Equal("SW999", Assert.IsType<SocialWorkerEpisode>(row.Detail).SocialWorkerId);
    }

    [Theory]
    [InlineData("uasc.csv", 132)]
    [InlineData("oc2.csv", 2675)]
    [InlineData("ad1.csv", 29)]
    [InlineData("placed_for_adoption.csv", 29)]
    [InlineData("previous_permanence.csv", 2675)]
    [InlineData("missing.csv", 43)]
    [InlineData("reviews.csv", 12582)]
    [InlineData("DoLo.csv", 1)]
    public void Parse_PeerTable_ReadsEveryRow(string file, int rows)
    {
        var run = ParserHarness.Run(TestFiles.PeerSample("ssda903", file));
        Assert.Equal(rows, run.Report.RecordsRead);
        Assert.Equal(rows, run.Details.Count + run.Report.Rejected);
    }
}
