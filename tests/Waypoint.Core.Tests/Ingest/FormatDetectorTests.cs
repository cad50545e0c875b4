using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

public class FormatDetectorTests
{
    [Theory]
    [InlineData("ssda903/header.csv", SourceFileKind.Ssda903Header)]
    [InlineData("ssda903/episodes.csv", SourceFileKind.Ssda903Episodes)]
    [InlineData("ssda903/uasc.csv", SourceFileKind.Ssda903Uasc)]
    [InlineData("ssda903/oc2.csv", SourceFileKind.Ssda903Oc2)]
    [InlineData("ssda903/oc3.csv", SourceFileKind.Ssda903Oc3)]
    [InlineData("ssda903/ad1.csv", SourceFileKind.Ssda903Ad1)]
    [InlineData("ssda903/placed_for_adoption.csv", SourceFileKind.Ssda903PlacedAdoption)]
    [InlineData("ssda903/previous_permanence.csv", SourceFileKind.Ssda903PrevPerm)]
    [InlineData("ssda903/missing.csv", SourceFileKind.Ssda903Missing)]
    [InlineData("ssda903/reviews.csv", SourceFileKind.Ssda903Reviews)]
    [InlineData("ssda903/sw_episodes.csv", SourceFileKind.Ssda903SwEpisodes)]
    [InlineData("ssda903/DoLo.csv", SourceFileKind.Ssda903DoLo)]
    [InlineData("cin/fake_CIN_data.xml", SourceFileKind.Cin)]
    [InlineData("cin/CIN_Census_2024.xml", SourceFileKind.Cin)]
    public void Detect_PeerSample_IsRecognisedByContent(string file, SourceFileKind expected) =>
        Assert.Equal(expected, FormatDetector.Detect(TestFiles.PeerSample(file.Split('/'))));

    [Fact]
    public void Detect_OwnFixtures_AreRecognised()
    {
        Assert.Equal(SourceFileKind.Sen2, FormatDetector.Detect(TestFiles.Data("sen2", "sen2-sample.xml")));
        Assert.Equal(SourceFileKind.Cld, FormatDetector.Detect(TestFiles.Data("cld", "cld-sample.csv")));
    }

    [Fact]
    public void Detect_RenamedFile_IsStillRecognised()
    {
        using var folder = TestFiles.TempFolder();
        var renamed = folder.File("whatever.txt");
        File.Copy(TestFiles.PeerSample("ssda903", "oc3.csv"), renamed);
        Assert.Equal(SourceFileKind.Ssda903Oc3, FormatDetector.Detect(renamed));
    }

    [Fact]
    public void Detect_TruthFile_IsFatalUnknownFormat()
    {
        using var folder = TestFiles.TempFolder();
        var truth = folder.Write("truth.csv", "sourceKey,truePerson\n903:h.csv:1,T1\n");
        var e = Assert.Throws<ImportFatalException>(() => FormatDetector.Detect(truth));
        Assert.Equal("truth.csv:1: (heading row): not a format Waypoint reads (heading row: sourceKey,truePerson)", e.Problem.ToString());
    }

    [Fact]
    public void Detect_TableMissingColumns_NamesTheMissingColumns()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,01/01/2020,S,C2,N1,U1,PR1,,\n");
        var e = Assert.Throws<ImportFatalException>(() => FormatDetector.Detect(path));
        Assert.Equal(Severity.Fatal, e.Problem.Severity);
        Assert.Contains("missing required columns: REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN", e.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_OtherXml_IsFatal()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("other.xml", "<Invoice><Total>3</Total></Invoice>");
        var e = Assert.Throws<ImportFatalException>(() => FormatDetector.Detect(path));
        Assert.Contains("root is <Invoice>", e.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_XmlWithDtd_IsRefusedNotExpanded()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("bomb.xml", "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><Message>&b;</Message>");
        var e = Assert.Throws<ImportFatalException>(() => FormatDetector.Detect(path));
        Assert.Equal(Severity.Fatal, e.Problem.Severity);
        Assert.Contains("DTD", e.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MissingFile_IsFatal()
    {
        var e = Assert.Throws<ImportFatalException>(() => FormatDetector.Detect("/no/such/file.csv"));
        Assert.Equal("file.csv:0: (file): no such file", e.Problem.ToString());
    }
}
