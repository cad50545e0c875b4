using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;
using static Waypoint.TestCommon.SourceFileBuilder;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>
/// Every rule of <see cref="DataQualityRules"/>, through the real importer on files written by SourceFileBuilder: a file
/// where the rule fires, naming file, line and field, and a near miss where it does not. A rule added to the catalogue
/// without both cases fails <see cref="EveryRuleInTheCatalogue_HasAFailingAndAPassingCase"/>.
/// </summary>
public class DataQualityRuleTests
{
    /// <summary>One import: the files it is given, and for a failing case where the problem must be reported.</summary>
    private sealed record Case(string Rule, Func<TempFolder, string[]> Files, string? File = null, int Line = 0, string? Field = null);

    /// <summary>Rules reported by linking, not by a file's own import; their tests live with the linking that reports them.</summary>
    private static readonly string[] ReportedByLinking = [DataQualityRules.DateOfBirthDisagrees.Id];

    private const string Today = "2026-11-22"; // the importer's clock in these tests
    private static readonly string GoodUpn = Core.People.Upn.CheckLetter("999000000001") + "999000000001";
    private static readonly string GoodUpnWithLetter = Core.People.Upn.CheckLetter("99900000001A") + "99900000001A";
    private static readonly string WrongCheckLetter = (GoodUpn[0] == 'A' ? "B" : "A") + GoodUpn[1..];
    private const string GoodNhs = "9434765919"; // 10 digits, modulus 11 check digit 9

    private static string Header(TempFolder f, params ChildRow[] children) =>
        Header903(f, "header.csv", children.Length > 0 ? children : [new ChildRow("1", "2010-01-01")]);

    private static string[] WithEpisodes(TempFolder f, params EpisodeRow[] episodes) => [Header(f), Episodes903(f, "episodes.csv", episodes)];

    private static readonly Case[] Failing =
    [
        new(DataQualityRules.FileNotFound.Id, f => [f.File("missing.csv")], "missing.csv", 0, "(file)"),
        new(DataQualityRules.UnknownFormat.Id, f => [f.Write("notes.csv", "Name,Colour\nAmy,Blue\n")], "notes.csv", 1, "(heading row)"),
        new(DataQualityRules.MissingColumns.Id, f => [f.Write("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n1,M,01/01/2010,WBRI,,\n")], "header.csv", 1, "MC_DOB"),
        new(DataQualityRules.NotUtf8.Id, f => [Latin1Header(f)], "header.csv", 3, "(file)"),
        new(DataQualityRules.MalformedXml.Id,
            f => [f.Write("cin.xml", "<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children>\n<Child><ChildIdentifiers><LAchildID>9</LAchildID></Child>\n</Children></Message>")],
            "cin.xml", 2, "(xml)"),
        new(DataQualityRules.HeaderNotInImport.Id, f => [Episodes903(f, "episodes.csv", new EpisodeRow("1", "2020-01-01"))], "episodes.csv", 1, "CHILD"),
        new(DataQualityRules.HeaderNameClash.Id,
            f => [Header903(f, "a/header.csv", new ChildRow("1", "2010-01-01")), Header903(f, "b/header.csv", new ChildRow("2", "2011-01-01"))], "header.csv", 1, "(file)"),
        new(DataQualityRules.PersonKeyMissing.Id, f => [Header(f, new ChildRow("", "2010-01-01"), new ChildRow("2", "2011-01-01"))], "header.csv", 2, "CHILD"),
        new(DataQualityRules.DuplicateKey.Id, f => [Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"), new ChildRow("7", "2012-02-02"))],
            "cin.xml", 4, "Message/Children/Child[2]/ChildIdentifiers/LAchildID"),
        new(DataQualityRules.DateOfBirthMissing.Id, f => [Header(f, new ChildRow("1", ""))], "header.csv", 2, "DOB"),
        new(DataQualityRules.DateOfBirthImpossible.Id, f => [Header(f, new ChildRow("1", "2099-01-01"))], "header.csv", 2, "DOB"),
        new(DataQualityRules.DateImpossible.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-06-01", "31/06/2020")), "episodes.csv", 2, "DEC"),
        new(DataQualityRules.RequiredFieldMissing.Id, f => WithEpisodes(f, new EpisodeRow("1", "")), "episodes.csv", 2, "DECOM"),
        new(DataQualityRules.NumberInvalid.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", WeeklyCost: "ten pounds"))], "cld.csv", 2, "Unit Cost"),
        new(DataQualityRules.EpisodeEndsBeforeStart.Id, f => WithEpisodes(f, new EpisodeRow("1", "2021-07-01", "2021-01-01")), "episodes.csv", 2, "DEC"),
        new(DataQualityRules.EpisodeOverlap.Id,
            f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01", "2020-06-01", ReasonCeased: "X1"), new EpisodeRow("1", "2020-05-01", "2020-09-01")), "episodes.csv", 3, "DECOM"),
        new(DataQualityRules.EpisodeOpenBeforeClosed.Id,
            f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01"), new EpisodeRow("1", "2020-06-01", "2020-09-01")), "episodes.csv", 2, "DEC"),
        new(DataQualityRules.RowWithoutRecord.Id, f => WithEpisodes(f, new EpisodeRow("2", "2020-01-01")), "episodes.csv", 2, "CHILD"),
        new(DataQualityRules.RowOfRejectedPerson.Id,
            f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "31/02/2000"), new CldRow("P1", GoodNhs, "31/02/2000", EventType: "Assessment"))], "cld.csv", 3, "LA Person Unique Identifier"),
        new(DataQualityRules.CodeNotInList.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Ethnic: "ZZZZ"))], "header.csv", 2, "ETHNIC"),
        new(DataQualityRules.CodeRetired.Id, f => WithEpisodes(f, new EpisodeRow("1", "2025-01-01", Place: "H5")), "episodes.csv", 2, "PLACE"),
        new(DataQualityRules.UpnShape.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Upn: "A12345"))], "header.csv", 2, "UPN"),
        new(DataQualityRules.UpnCheckLetter.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Upn: WrongCheckLetter))], "header.csv", 2, "UPN"),
        new(DataQualityRules.UpnUnknownCode.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Upn: "UN2"))], "header.csv", 2, "UPN"),
        new(DataQualityRules.UlnShape.Id, f => [Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2008-04-12", GoodUpn, Uln: "12345"))],
            "sen2.xml", 3, "Message/Persons/Person[1]/UniqueLearnerNumber"),
        new(DataQualityRules.NhsNumberShape.Id, f => [Cld(f, "cld.csv", new CldRow("P1", "94347659", "2000-01-01"))], "cld.csv", 2, "NHS Number"),
        new(DataQualityRules.NhsNumberCheckDigit.Id, f => [Cld(f, "cld.csv", new CldRow("P1", "9434765918", "2000-01-01"))], "cld.csv", 2, "NHS Number"),
        new(DataQualityRules.PostcodeShape.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01", HomePostcode: "NOT A POSTCODE")), "episodes.csv", 2, "HOME_POST"),
        new(DataQualityRules.LeaOtherCouncil.Id, f => [Cin(f, "cin.xml", "201", new ChildRow("7", "2010-01-01"))], "cin.xml", 1, "Message/Header/Source/LEA"),
    ];

    /// <summary>Near misses: the same field with a value just inside the rule. Each imports with no problem at all.</summary>
    private static readonly Case[] Passing =
    [
        new(DataQualityRules.FileNotFound.Id, f => [Header(f)]),
        new(DataQualityRules.UnknownFormat.Id, f => [f.Write("header.csv", "child,sex,dob,ethnic,upn,mother,mc_dob,LOCAL_NOTE\n1,m,01/01/2010,wbri,,,,x\n")]),
        new(DataQualityRules.MissingColumns.Id, f => [f.Write("header.csv", "MC_DOB,MOTHER,UPN,ETHNIC,DOB,SEX,CHILD\n,,,WBRI,01/01/2010,M,1\n")]),
        new(DataQualityRules.NotUtf8.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", Forename: "Zoë", Surname: "Ødegård"))]),
        new(DataQualityRules.MalformedXml.Id, f => [Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"))]),
        new(DataQualityRules.HeaderNotInImport.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01"))),
        new(DataQualityRules.HeaderNameClash.Id,
            f => [Header903(f, "a/header.csv", new ChildRow("1", "2010-01-01")), Header903(f, "b/header-b.csv", new ChildRow("2", "2011-01-01"))]),
        new(DataQualityRules.PersonKeyMissing.Id, f => [Header(f, new ChildRow("0", "2010-01-01"))]),
        new(DataQualityRules.DuplicateKey.Id, f => [Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"), new ChildRow("07", "2012-02-02"))]),
        new(DataQualityRules.DateOfBirthMissing.Id, f => [Header(f, new ChildRow("1", "2010-01-01"))]),
        new(DataQualityRules.DateOfBirthImpossible.Id, f => [Header(f, new ChildRow("1", Today), new ChildRow("2", "1900-01-01"), new ChildRow("3", "29/2/2008"))]),
        new(DataQualityRules.DateImpossible.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-02-29", "1/3/2020"))),
        new(DataQualityRules.RequiredFieldMissing.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01"))),
        new(DataQualityRules.NumberInvalid.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", WeeklyCost: "£250.50"))]),
        new(DataQualityRules.EpisodeEndsBeforeStart.Id, f => WithEpisodes(f, new EpisodeRow("1", "2021-01-01", "2021-01-01"))),
        new(DataQualityRules.EpisodeOverlap.Id,
            f => WithEpisodes(f, new EpisodeRow("1", "2020-06-01", "2020-09-01"), new EpisodeRow("1", "2020-01-01", "2020-06-01", ReasonCeased: "X1"))),
        new(DataQualityRules.EpisodeOpenBeforeClosed.Id,
            f => WithEpisodes(f, new EpisodeRow("1", "2020-06-01"), new EpisodeRow("1", "2020-01-01", "2020-03-01"))),
        new(DataQualityRules.RowWithoutRecord.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01"))),
        new(DataQualityRules.RowOfRejectedPerson.Id,
            f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01"), new CldRow("P1", GoodNhs, "2000-01-01", EventType: "Assessment"))]),
        new(DataQualityRules.CodeNotInList.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Ethnic: "wbri"))]),
        new(DataQualityRules.CodeRetired.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01", "2024-03-31", Place: "H5"), new EpisodeRow("1", "2024-03-31", Place: "K3"))),
        new(DataQualityRules.UpnShape.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Upn: GoodUpnWithLetter.ToLowerInvariant()))]),
        new(DataQualityRules.UpnCheckLetter.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Upn: GoodUpn))]),
        new(DataQualityRules.UpnUnknownCode.Id, f => [Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01", Upn: GoodUpn))]),
        new(DataQualityRules.UlnShape.Id, f => [Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2008-04-12", GoodUpn, Uln: "1234567890"))]),
        new(DataQualityRules.NhsNumberShape.Id, f => [Cld(f, "cld.csv", new CldRow("P1", "943 476 5919", "2000-01-01"))]),
        new(DataQualityRules.NhsNumberCheckDigit.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01"))]),
        new(DataQualityRules.PostcodeShape.Id, f => WithEpisodes(f, new EpisodeRow("1", "2020-01-01", HomePostcode: "dm1 1aa"))),
        new(DataQualityRules.LeaOtherCouncil.Id, f => [Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"))]),
    ];

    private static string Latin1Header(TempFolder f)
    {
        var path = f.File("header.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,,,\n2,F,01/01/2011,WBRI,"), 0xE9, .. "\n"u8]);
        return path;
    }

    public static TheoryData<string> FailingRules => [.. Failing.Select(c => c.Rule)];

    public static TheoryData<string> PassingRules => [.. Passing.Select(c => c.Rule)];

    [Fact]
    public void EveryRuleInTheCatalogue_HasAFailingAndAPassingCase()
    {
        var catalogue = DataQualityRules.All.Select(r => r.Id).Except(ReportedByLinking).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(catalogue, Failing.Select(c => c.Rule).Order(StringComparer.Ordinal));
        Assert.Equal(catalogue, Passing.Select(c => c.Rule).Order(StringComparer.Ordinal));
        Assert.Equal(DataQualityRules.All.Count, DataQualityRules.All.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void AReport_RefusesARuleOfAnotherSeverity()
    {
        var report = new FileReport("header.csv", SourceFileKind.Ssda903Header);
        Assert.Throws<InvalidOperationException>(() => report.Warn(DataQualityRules.DateImpossible, 2, "DOB", "x"));
        Assert.Throws<InvalidOperationException>(() => report.Error(DataQualityRules.UpnCheckLetter, 2, "UPN", "x"));
        Assert.Throws<InvalidOperationException>(() => report.Fatal(DataQualityRules.DuplicateKey, 2, "CHILD", "x"));
        Assert.Empty(report.Problems);
    }

    [Theory]
    [MemberData(nameof(FailingRules))]
    public async Task Rule_Fires_NamingFileLineAndField(string rule)
    {
        var c = Failing.Single(c => c.Rule == rule);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();

        var result = await ImporterTests.ImportAsync(database, new ImportOptions("999"), c.Files(folder));

        var problem = Assert.Single(result.Problems, p => p.Rule.Id == rule);
        Assert.Equal((c.File, c.Line, c.Field), (problem.File, problem.Line, problem.Field));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        // Fatal: nothing is kept. Otherwise the import commits and the message is stored with its rule for the data quality page.
        Assert.Equal(problem.Severity != Severity.Fatal, result.Committed);
        await using var db = database.Open();
        var stored = await db.ImportMessages.Where(m => m.Rule == rule).Select(m => new { m.Line, m.Field, m.Severity, m.Text }).ToListAsync();
        if (problem.Severity == Severity.Fatal) Assert.Empty(stored);
        else Assert.Equal(new { problem.Line, problem.Field, Severity = problem.Severity.ToString(), Text = problem.Message }, Assert.Single(stored));
    }

    [Theory]
    [MemberData(nameof(PassingRules))]
    public async Task Rule_DoesNotFire_OnANearMiss(string rule)
    {
        var c = Passing.Single(c => c.Rule == rule);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();

        var result = await ImporterTests.ImportAsync(database, new ImportOptions("999"), c.Files(folder));

        Assert.True(result.Committed);
        Assert.Empty(result.Problems);
        Assert.All(result.Files, f => Assert.Equal(0, f.Rejected));
    }

    [Fact]
    public void DocsTable_IsTheCatalogue()
    {
        var doc = File.ReadAllText(TestFiles.Repository("docs", "data-quality.md")).ReplaceLineEndings("\n");
        Assert.Contains(DocsTable(), doc, StringComparison.Ordinal);
    }

    /// <summary>The rule table of docs/data-quality.md, as the catalogue says it should be.</summary>
    internal static string DocsTable() =>
        "| rule | name | severity | what happens | source |\n|---|---|---|---|---|\n" +
        string.Concat(DataQualityRules.All.Select(r => $"| `{r.Id}` | {r.Name} | {r.Severity.ToString().ToLowerInvariant()} | {r.WhatHappens} | {r.Source} |\n"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migration_MarksMessagesStoredBeforeRulesAsUnclassified(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = database.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("SourceRecordFirstKnown");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ImportBatches" ("Id", "CouncilCode", "UserName", "StartedAt", "CompletedAt") VALUES (1, '999', 'test', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');
                INSERT INTO "ImportedFiles" ("Id", "ImportBatchId", "CouncilCode", "FileName", "Format", "Sha256", "SizeBytes", "RecordsRead", "Imported", "Rejected", "Warnings")
                    VALUES (1, 1, '999', 'header.csv', '903', 'x', 1, 1, 1, 0, 1);
                INSERT INTO "ImportMessages" ("Id", "ImportedFileId", "CouncilCode", "Line", "Field", "Severity", "Text") VALUES (1, 1, '999', 2, 'UPN', 'Warning', 'old');
                """);
            await db.Database.MigrateAsync();
        }
        await using var after = database.Open();
        Assert.Equal(DataQualityRules.Unclassified.Id, (await after.ImportMessages.SingleAsync()).Rule);
        Assert.Equal(DataQualityRules.Unclassified, DataQualityRules.Find("unclassified"));
    }
}
