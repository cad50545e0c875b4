using System.Text;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>
/// The rows of the severity table in formats.md section 7 not already shown by the parser and detector tests:
/// what is fatal, what rejects a record or a row, what is only a warning.
/// </summary>
public class SeverityTableTests
{
    private const string Header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UnreadableEncoding_IsFatalAndRollsBack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var latin1 = folder.File("header.csv");
        await File.WriteAllBytesAsync(latin1, [.. Encoding.ASCII.GetBytes(Header + "1,M,01/01/2010,WBRI,,,\n2,F,01/01/2011,WBRI,"), 0xE9, 0xFF, .. "\n"u8]);

        var result = await ImporterTests.ImportAsync(database, new ImportOptions("999"), latin1);

        Assert.False(result.Committed);
        Assert.Equal("header.csv:3: (file): the file is not UTF-8 text (byte 0xE9); save it as UTF-8 and import it again", Assert.Single(result.Problems).ToString());
        await using var db = database.Open();
        Assert.Equal(0, (await DatabaseSnapshot.CountsAsync(db))["SourceRecords"]);
    }

    [Fact]
    public void MissingPersonKey_RejectsTheRow()
    {
        using var folder = TestFiles.TempFolder();
        var run = ParserHarness.Run(folder.Write("header.csv", Header + ",M,01/01/2010,WBRI,,,\n2,F,01/01/2011,WBRI,,,\n"));
        Assert.Equal(["2"], run.Records.Select(r => r.Record.LocalKey));
        Assert.Equal("header.csv:2: CHILD: is missing: the row has no child id", Assert.Single(run.Problems(Severity.Error)).ToString());
    }

    [Fact]
    public void DuplicateKeyWithinAFile_RejectsTheLaterRecord()
    {
        using var folder = TestFiles.TempFolder();
        var run = ParserHarness.Run(folder.Write("header.csv", Header + "7,M,01/01/2010,WBRI,,,\n7,F,02/02/2012,WBRI,,,\n"));
        Assert.Equal(new DateOnly(2010, 1, 1), Assert.Single(run.Records).Record.DateOfBirth);
        Assert.Equal("header.csv:3: CHILD: child 7 appears more than once in the Header; this row is rejected", Assert.Single(run.Problems(Severity.Error)).ToString());
    }

    [Theory]
    [InlineData("31/02/2010", "header.csv:2: DOB: '31/02/2010' is not a real date (dd/mm/yyyy expected)")]
    [InlineData("", "header.csv:2: DOB: is missing")]
    [InlineData("01/01/2099", "header.csv:2: DOB: date of birth 01/01/2099 is impossible")]
    public void MissingOrImpossibleBirthDate_RejectsTheRecord(string dob, string message)
    {
        using var folder = TestFiles.TempFolder();
        var run = ParserHarness.Run(folder.Write("header.csv", Header + $"1,M,{dob},WBRI,,,\n"));
        Assert.Empty(run.Records);
        Assert.Equal(message, Assert.Single(run.Problems(Severity.Error)).ToString());
    }

    [Fact]
    public void EpisodeWithImpossibleDates_IsRejectedAndTheOthersKept()
    {
        using var folder = TestFiles.TempFolder();
        var path = folder.Write("episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" +
            "1,01/01/2020,S,C2,N1,U1,PR1,01/06/2020,X1,,,,\n" +
            "1,01/06/2020,P,C2,N1,U1,PR1,31/06/2020,E11,,,,\n" +
            "1,01/07/2021,S,C2,N1,U1,PR1,01/01/2021,E11,,,,\n" +
            "1,,S,C2,N1,U1,PR1,,,,,,\n");
        var run = ParserHarness.Run(path);
        Assert.Single(run.Details);
        Assert.Equal(
        [
            "episodes.csv:3: DEC: '31/06/2020' is not a real date (dd/mm/yyyy expected)",
            "episodes.csv:4: DEC: episode ends (01/01/2021) before it starts (01/07/2021)",
            "episodes.csv:5: DECOM: is missing",
        ], run.Problems(Severity.Error).Select(p => p.ToString()));
        Assert.Equal(3, run.Report.Rejected);
    }

    [Fact]
    public void UnknownCodesAndUnknownUpns_AreWarningsAndTheValueIsKept()
    {
        using var folder = TestFiles.TempFolder();
        var run = ParserHarness.Run(folder.Write("header.csv", Header + "1,X,01/01/2010,ZZZZ,UN3,,\n"));
        var record = Assert.Single(run.Records);
        Assert.Equal(("X", "ZZZZ"), (record.Record.Sex, record.Record.Ethnicity));
        Assert.Equal(
        [
            "header.csv:2: SEX: 'X' is not a known code; kept as given",
            "header.csv:2: ETHNIC: 'ZZZZ' is not a known code; kept as given",
            "header.csv:2: UPN: UN3: the UPN is not known; not used for linking",
        ], run.Problems(Severity.Warning).Select(p => p.ToString()));
        Assert.Contains(record.Identifiers, i => i is { Value: "UN3", IsValid: false });
    }
}
