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
/// Every rule of <see cref="DataQualityRules"/>, through the real importer on files written by SourceFileBuilder and
/// SheetBuilder: a file where the rule fires, naming file, line and field, and a near miss where it does not. A rule
/// added to the catalogue without both cases fails <see cref="EveryRuleInTheCatalogue_HasAFailingAndAPassingCase_InEveryFormTested"/>.
/// </summary>
public class DataQualityRuleTests
{
    /// <summary>
    /// One import: the files it is given, and for a failing case where the problem must be reported. A rule met in more
    /// than one form (the 903 XML variant, a council spreadsheet, CLD) has a case per form, named after it.
    /// </summary>
    private sealed record Case(string Rule, Func<TempFolder, string[]> Files, string? File = null, int Line = 0, string? Field = null)
    {
        /// <summary>Empty for the rule's first case; otherwise the form, e.g. "903 XML".</summary>
        public string Form { get; init; } = "";

        /// <summary>Council spreadsheets in the import, by file name, with the saved mapping each is read through.</summary>
        public (string File, string Mapping)[] Sheets { get; init; } = [];

        public string Name => Form.Length == 0 ? Rule : $"{Rule} ({Form})";
    }

    /// <summary>
    /// The rule not reported by an import: by the preview of an unsaved mapping (tested below), since a mapping is
    /// checked before it can be saved and imported through.
    /// </summary>
    private static readonly string[] ReportedElsewhere = [DataQualityRules.MappingInvalid.Id];

    private const string Today = "2026-11-22"; // the importer's clock in these tests
    private static readonly string GoodUpn = Core.People.Upn.CheckLetter("999000000001") + "999000000001";
    private static readonly string GoodUpnWithLetter = Core.People.Upn.CheckLetter("99900000001A") + "99900000001A";
    private static readonly string WrongCheckLetter = (GoodUpn[0] == 'A' ? "B" : "A") + GoodUpn[1..];
    private const string GoodNhs = "9434765919"; // 10 digits, modulus 11 check digit 9

    private static string Header(TempFolder f, params ChildRow[] children) =>
        Header903(f, "header.csv", children.Length > 0 ? children : [new ChildRow("1", "2010-01-01")]);

    private static string[] WithEpisodes(TempFolder f, params EpisodeRow[] episodes) => [Header(f), Episodes903(f, "episodes.csv", episodes)];

    // The 903 XML variant: one CHILD (line 3), its HEADER fields from line 5 (CHILDID 5, UPN 6, SEX 7, DOB 8, ETHNIC 9),
    // then its EPISODEs from line 15, each of 14 lines (DECOM at +1, PL at +5, DEC at +7, HOME_POST at +10).
    private const string Xml = "903 XML";
    private const string XmlHeader = "EXPSSDA903/CHILD[1]/HEADER/";

    private static string XmlEpisode(int n, string field) => $"EXPSSDA903/CHILD[1]/EPISODE[{n}]/{field}";

    private static string[] Xml903(TempFolder f, params LookedAfterChild[] children) => [Ssda903Xml(f, "ssda903.xml", children)];

    private static string[] XmlEpisodes(TempFolder f, params Episode903[] episodes) => Xml903(f, new LookedAfterChild("1", "2010-01-01") { Episodes = episodes });

    private static LookedAfterChild XmlChild(string id = "1", string dob = "2010-01-01", string ethnicity = "WBRI", string? upn = null) => new(id, dob, Ethnicity: ethnicity, Upn: upn);

    // Council spreadsheets, read through the mappings every spreadsheet case saves first (SheetBuilder.PlacementCosts).
    private const string Sheet = "spreadsheet";
    private const string Costs = "placement costs";
    private const string CostsOnASheet = "placement costs on a named worksheet";
    private static readonly (string, string)[] ThroughCosts = [("costs.csv", Costs)];

    private static string[] CostsCsv(TempFolder f, params string?[][] rows) => [SheetBuilder.Csv(f, "costs.csv", [SheetBuilder.CostHeadings, .. rows])];

    private static string?[] CostRow(string? client = "100", string? start = "01/01/2025", string? end = "", string? weekly = "5200", string? funding = "CSC Placements") =>
        [client, start, end, weekly, funding, "Oak House"];

    private static string[] CostsXlsx(TempFolder f, string worksheet) =>
        [SheetBuilder.Xlsx(f, "costs.xlsx", null, worksheet, [.. SheetBuilder.CostHeadings], ["100", new DateTime(2025, 1, 1), null, 5200, "CSC Placements", "Oak House"])];

    private static string DtdFirst(string path, string root)
    {
        var lines = File.ReadAllLines(path).ToList();
        // After the XML declaration, where a DTD goes.
        lines.Insert(lines[0].StartsWith("<?xml", StringComparison.Ordinal) ? 1 : 0, $"<!DOCTYPE {root}>");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static readonly string LongKey = new('7', FieldChecks.MaxIdLength + 1);
    private static readonly string LongestKey = new('7', FieldChecks.MaxIdLength);
    private static readonly string LongUpn = GoodUpn + new string('1', FieldChecks.MaxIdLength + 1 - GoodUpn.Length);
    // Ten digits spaced out to the longest id kept, or one character beyond it.
    private static readonly string LongestNhs = GoodNhs[0] + new string(' ', FieldChecks.MaxIdLength - GoodNhs.Length) + GoodNhs[1..];
    private static readonly string LongNhs = GoodNhs[0] + " " + LongestNhs[1..];
    private static readonly string TooLongValue = new('x', CsvRows.MaxRowLength + 1);
    private static readonly string LongValue = new('x', 1_000_000);

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
        // Linked on the council child id; the 903 record came first, so the person shows its date and the CIN record differs.
        new(DataQualityRules.DateOfBirthDisagrees.Id, f => [Header(f, new ChildRow("7", "2010-01-01")), Cin(f, "cin.xml", "999", new ChildRow("7", "2010-02-01"))],
            "cin.xml", 3, "PersonBirthDate"),

        // Damaged input.
        new(DataQualityRules.DtdRefused.Id, f => [DtdFirst(Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01")), "Message")], "cin.xml", 1, "(xml)"),
        new(DataQualityRules.MalformedCsv.Id, f => [f.Write("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,,,\n\"2,F,01/01/2011,WBRI,,,\n")], "header.csv", 3, "(row)"),
        new(DataQualityRules.ValueTooLong.Id, f => [Header(f, new ChildRow("1", "2010-01-01", Ethnic: TooLongValue))], "header.csv", 2, "(row)"),
        new(DataQualityRules.PersonKeyTooLong.Id, f => [Header(f, new ChildRow(LongKey, "2010-01-01"), new ChildRow("2", "2011-01-01"))], "header.csv", 2, "CHILD"),
        new(DataQualityRules.IdTooLong.Id, f => [Cld(f, "cld.csv", new CldRow("P1", LongNhs, "2000-01-01"))], "cld.csv", 2, "NHS Number"),
        new(DataQualityRules.NumberInvalid.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", WeeklyCost: "1000000000"))], "cld.csv", 2, "Unit Cost") { Form = "CLD amount" },
        new(DataQualityRules.CodeNotInList.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", Reason: "Support with something"))], "cld.csv", 2, "Primary Support Reason") { Form = "CLD" },

        // The 903 XML variant: the same checks as the CSV tables, each named by its line and element path.
        new(DataQualityRules.MalformedXml.Id, f => [f.Write("ssda903.xml", "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID></CHILD>\n</EXPSSDA903>")], "ssda903.xml", 2, "(xml)") { Form = Xml },
        new(DataQualityRules.DtdRefused.Id, f => [DtdFirst(Xml903(f, XmlChild())[0], "EXPSSDA903")], "ssda903.xml", 2, "(xml)") { Form = Xml },
        new(DataQualityRules.ValueTooLong.Id, f => Xml903(f, XmlChild(ethnicity: TooLongValue)), "ssda903.xml", 9, XmlHeader + "ETHNIC") { Form = Xml },
        new(DataQualityRules.PersonKeyMissing.Id, f => Xml903(f, XmlChild(id: "")), "ssda903.xml", 5, XmlHeader + "CHILDID") { Form = Xml },
        new(DataQualityRules.PersonKeyTooLong.Id, f => Xml903(f, XmlChild(id: LongKey)), "ssda903.xml", 5, XmlHeader + "CHILDID") { Form = Xml },
        new(DataQualityRules.DuplicateKey.Id, f => Xml903(f, XmlChild(id: "7"), XmlChild(id: "7", dob: "2011-01-01")), "ssda903.xml", 18, "EXPSSDA903/CHILD[2]/HEADER/CHILDID") { Form = Xml },
        new(DataQualityRules.DateOfBirthMissing.Id, f => Xml903(f, XmlChild(dob: "")), "ssda903.xml", 8, XmlHeader + "DOB") { Form = Xml },
        new(DataQualityRules.DateOfBirthImpossible.Id, f => Xml903(f, XmlChild(dob: "2099-01-01")), "ssda903.xml", 8, XmlHeader + "DOB") { Form = Xml },
        new(DataQualityRules.DateImpossible.Id, f => XmlEpisodes(f, new Episode903("2020-06-01", "31/06/2020")), "ssda903.xml", 22, XmlEpisode(1, "DEC")) { Form = Xml },
        new(DataQualityRules.RequiredFieldMissing.Id, f => XmlEpisodes(f, new Episode903("")), "ssda903.xml", 16, XmlEpisode(1, "DECOM")) { Form = Xml },
        new(DataQualityRules.EpisodeEndsBeforeStart.Id, f => XmlEpisodes(f, new Episode903("2021-07-01", "2021-01-01")), "ssda903.xml", 22, XmlEpisode(1, "DEC")) { Form = Xml },
        new(DataQualityRules.EpisodeOverlap.Id,
            f => XmlEpisodes(f, new Episode903("2020-01-01", "2020-06-01", ReasonCeased: "X1"), new Episode903("2020-05-01", "2020-09-01")), "ssda903.xml", 30, XmlEpisode(2, "DECOM")) { Form = Xml },
        new(DataQualityRules.EpisodeOpenBeforeClosed.Id,
            f => XmlEpisodes(f, new Episode903("2020-01-01"), new Episode903("2020-06-01", "2020-09-01")), "ssda903.xml", 22, XmlEpisode(1, "DEC")) { Form = Xml },
        new(DataQualityRules.CodeNotInList.Id, f => Xml903(f, XmlChild(ethnicity: "ZZZZ")), "ssda903.xml", 9, XmlHeader + "ETHNIC") { Form = Xml },
        new(DataQualityRules.CodeRetired.Id, f => XmlEpisodes(f, new Episode903("2025-01-01", Place: "H5")), "ssda903.xml", 20, XmlEpisode(1, "PL")) { Form = Xml },
        new(DataQualityRules.UpnShape.Id, f => Xml903(f, XmlChild(upn: "A12345")), "ssda903.xml", 6, XmlHeader + "UPN") { Form = Xml },
        new(DataQualityRules.UpnCheckLetter.Id, f => Xml903(f, XmlChild(upn: WrongCheckLetter)), "ssda903.xml", 6, XmlHeader + "UPN") { Form = Xml },
        new(DataQualityRules.UpnUnknownCode.Id, f => Xml903(f, XmlChild(upn: "UN2")), "ssda903.xml", 6, XmlHeader + "UPN") { Form = Xml },
        new(DataQualityRules.IdTooLong.Id, f => Xml903(f, XmlChild(upn: LongUpn)), "ssda903.xml", 6, XmlHeader + "UPN") { Form = Xml },
        new(DataQualityRules.PostcodeShape.Id, f => XmlEpisodes(f, new Episode903("2020-01-01", HomePostcode: "NOT A POSTCODE")), "ssda903.xml", 25, XmlEpisode(1, "HOME_POST")) { Form = Xml },

        // Council spreadsheets: problems name the sheet's own headings.
        new(DataQualityRules.MappingNotFound.Id, f => CostsCsv(f, CostRow()), "costs.csv", 0, "(mapping)") { Sheets = [("costs.csv", "no such mapping")] },
        new(DataQualityRules.WorkbookUnreadable.Id, f => [f.Write("costs.xlsx", "PK\u0003\u0004 but not a workbook")], "costs.xlsx", 0, "(file)") { Sheets = [("costs.xlsx", Costs)] },
        new(DataQualityRules.WorksheetMissing.Id, f => CostsXlsx(f, "Sheet1"), "costs.xlsx", 0, "(worksheet)") { Sheets = [("costs.xlsx", CostsOnASheet)] },
        new(DataQualityRules.MappedHeadingMissing.Id,
            f => [SheetBuilder.Csv(f, "costs.csv", [.. SheetBuilder.CostHeadings.SkipLast(1)], ["100", "01/01/2025", "", "5200", "CSC Placements"])], "costs.csv", 1, "Provider") { Sheets = ThroughCosts },
        new(DataQualityRules.EndsBeforeStart.Id, f => CostsCsv(f, CostRow(start: "01/01/2025", end: "31/12/2024")), "costs.csv", 2, "Placement End") { Sheets = ThroughCosts },
        new(DataQualityRules.PersonKeyMissing.Id, f => CostsCsv(f, CostRow(client: "")), "costs.csv", 2, "Client ID") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.PersonKeyTooLong.Id, f => CostsCsv(f, CostRow(client: LongKey)), "costs.csv", 2, "Client ID") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.DateImpossible.Id, f => CostsCsv(f, CostRow(start: "31/06/2025")), "costs.csv", 2, "Placement Start") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.RequiredFieldMissing.Id, f => CostsCsv(f, CostRow(weekly: "")), "costs.csv", 2, "Weekly Cost (GBP)") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.NumberInvalid.Id, f => CostsCsv(f, CostRow(weekly: "-5")), "costs.csv", 2, "Weekly Cost (GBP)") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.RowOfRejectedPerson.Id, f => CostsCsv(f, CostRow(start: "31/06/2025"), CostRow()), "costs.csv", 3, "Client ID") { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.CodeNotInList.Id, f => CostsCsv(f, CostRow(funding: "Petty cash")), "costs.csv", 2, "Funding Stream") { Form = Sheet, Sheets = ThroughCosts },
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
        new(DataQualityRules.DateOfBirthDisagrees.Id, f => [Header(f, new ChildRow("7", "2010-01-01")), Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"))]),

        new(DataQualityRules.DtdRefused.Id,
            f => [f.Write("cin.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- exported without a DOCTYPE -->\n" + File.ReadAllText(Cin(f, "cin.xml", "999", new ChildRow("7", "2010-01-01"))))]),
        new(DataQualityRules.MalformedCsv.Id, f => [f.Write("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,,,\n\"2\",F,01/01/2011,\"WBRI\",,,\n")]),
        new(DataQualityRules.ValueTooLong.Id, f => [f.Write("header.csv", $"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,,{LongValue},\n")]),
        new(DataQualityRules.PersonKeyTooLong.Id, f => [Header(f, new ChildRow(LongestKey, "2010-01-01"))]),
        new(DataQualityRules.IdTooLong.Id, f => [Cld(f, "cld.csv", new CldRow("P1", LongestNhs, "2000-01-01"))]),
        new(DataQualityRules.NumberInvalid.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", WeeklyCost: "999999999.99"))]) { Form = "CLD amount" },
        new(DataQualityRules.CodeNotInList.Id, f => [Cld(f, "cld.csv", new CldRow("P1", GoodNhs, "2000-01-01", Reason: "Learning Disability Support"))]) { Form = "CLD" },

        new(DataQualityRules.MalformedXml.Id, f => Xml903(f, XmlChild())) { Form = Xml },
        new(DataQualityRules.DtdRefused.Id, f => Xml903(f, XmlChild())) { Form = Xml },
        new(DataQualityRules.ValueTooLong.Id, f => Xml903(f, XmlChild() with { Mother = LongValue })) { Form = Xml },
        new(DataQualityRules.PersonKeyMissing.Id, f => Xml903(f, XmlChild(id: "0"))) { Form = Xml },
        new(DataQualityRules.PersonKeyTooLong.Id, f => Xml903(f, XmlChild(id: LongestKey))) { Form = Xml },
        new(DataQualityRules.DuplicateKey.Id, f => Xml903(f, XmlChild(id: "7"), XmlChild(id: "07", dob: "2011-01-01"))) { Form = Xml },
        new(DataQualityRules.DateOfBirthMissing.Id, f => Xml903(f, XmlChild())) { Form = Xml },
        new(DataQualityRules.DateOfBirthImpossible.Id, f => Xml903(f, XmlChild(dob: Today), XmlChild(id: "2", dob: "1900-01-01"), XmlChild(id: "3", dob: "29/2/2008"))) { Form = Xml },
        new(DataQualityRules.DateImpossible.Id, f => XmlEpisodes(f, new Episode903("2020-02-29", "1/3/2020"))) { Form = Xml },
        new(DataQualityRules.RequiredFieldMissing.Id, f => XmlEpisodes(f, new Episode903("2020-01-01"))) { Form = Xml },
        new(DataQualityRules.EpisodeEndsBeforeStart.Id, f => XmlEpisodes(f, new Episode903("2021-01-01", "2021-01-01"))) { Form = Xml },
        new(DataQualityRules.EpisodeOverlap.Id,
            f => XmlEpisodes(f, new Episode903("2020-06-01", "2020-09-01"), new Episode903("2020-01-01", "2020-06-01", ReasonCeased: "X1"))) { Form = Xml },
        new(DataQualityRules.EpisodeOpenBeforeClosed.Id, f => XmlEpisodes(f, new Episode903("2020-06-01"), new Episode903("2020-01-01", "2020-03-01"))) { Form = Xml },
        new(DataQualityRules.CodeNotInList.Id, f => Xml903(f, XmlChild(ethnicity: "wbri"))) { Form = Xml },
        new(DataQualityRules.CodeRetired.Id, f => XmlEpisodes(f, new Episode903("2020-01-01", "2024-03-31", Place: "H5"), new Episode903("2024-03-31", Place: "K3"))) { Form = Xml },
        new(DataQualityRules.UpnShape.Id, f => Xml903(f, XmlChild(upn: GoodUpnWithLetter.ToLowerInvariant()))) { Form = Xml },
        new(DataQualityRules.UpnCheckLetter.Id, f => Xml903(f, XmlChild(upn: GoodUpn))) { Form = Xml },
        new(DataQualityRules.UpnUnknownCode.Id, f => Xml903(f, XmlChild(upn: GoodUpn))) { Form = Xml },
        new(DataQualityRules.IdTooLong.Id, f => Xml903(f, XmlChild(upn: GoodUpn))) { Form = Xml },
        new(DataQualityRules.PostcodeShape.Id, f => XmlEpisodes(f, new Episode903("2020-01-01", HomePostcode: "dm1 1aa"))) { Form = Xml },

        new(DataQualityRules.MappingNotFound.Id, f => CostsCsv(f, CostRow())) { Sheets = ThroughCosts },
        new(DataQualityRules.WorkbookUnreadable.Id, f => CostsXlsx(f, "Sheet1")) { Sheets = [("costs.xlsx", Costs)] },
        new(DataQualityRules.WorksheetMissing.Id, f => CostsXlsx(f, "Placements")) { Sheets = [("costs.xlsx", CostsOnASheet)] },
        new(DataQualityRules.MappedHeadingMissing.Id,
            f => [SheetBuilder.Csv(f, "costs.csv", ["  provider ", .. SheetBuilder.CostHeadings.SkipLast(1).Select(h => h.ToUpperInvariant()).Reverse()], ["Oak House", "CSC Placements", "5200", "", "01/01/2025", "100"])]) { Sheets = ThroughCosts },
        new(DataQualityRules.EndsBeforeStart.Id, f => CostsCsv(f, CostRow(start: "01/01/2025", end: "2025-01-01"))) { Sheets = ThroughCosts },
        new(DataQualityRules.PersonKeyMissing.Id, f => CostsCsv(f, CostRow(client: "0"))) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.PersonKeyTooLong.Id, f => CostsCsv(f, CostRow(client: LongestKey))) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.DateImpossible.Id, f => CostsCsv(f, CostRow(start: "2025-02-28"))) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.RequiredFieldMissing.Id, f => CostsCsv(f, CostRow(weekly: "0"))) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.NumberInvalid.Id, f => CostsCsv(f, CostRow(weekly: "£1,234.50"))) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.RowOfRejectedPerson.Id, f => CostsCsv(f, CostRow(start: "30/06/2025"), CostRow())) { Form = Sheet, Sheets = ThroughCosts },
        new(DataQualityRules.CodeNotInList.Id, f => CostsCsv(f, CostRow(funding: " csc placements "), CostRow(funding: "education"))) { Form = Sheet, Sheets = ThroughCosts },
    ];

    private static string Latin1Header(TempFolder f)
    {
        var path = f.File("header.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/01/2010,WBRI,,,\n2,F,01/01/2011,WBRI,"), 0xE9, .. "\n"u8]);
        return path;
    }

    public static TheoryData<string> FailingRules => [.. Failing.Select(c => c.Name)];

    public static TheoryData<string> PassingRules => [.. Passing.Select(c => c.Name)];

    [Fact]
    public void EveryRuleInTheCatalogue_HasAFailingAndAPassingCase_InEveryFormTested()
    {
        var catalogue = DataQualityRules.All.Select(r => r.Id).Except(ReportedElsewhere).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(catalogue, Failing.Select(c => c.Rule).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(catalogue, Passing.Select(c => c.Rule).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Failing.Select(c => c.Name).Order(StringComparer.Ordinal), Passing.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Failing.Length, Failing.Select(c => c.Name).Distinct().Count());
        Assert.Equal(DataQualityRules.All.Count, DataQualityRules.All.Select(r => r.Id).Distinct().Count());
    }

    /// <summary>
    /// The failing case's import, through the real importer. Spreadsheet cases first save the mappings they are read
    /// through: placement costs, and the same on a worksheet named "Placements".
    /// </summary>
    private static async Task<ImportResult> ImportAsync(TestDatabase database, TempFolder folder, Case c)
    {
        var files = c.Files(folder);
        if (c.Sheets.Length > 0)
        {
            var onASheet = SheetBuilder.PlacementCosts(name: CostsOnASheet);
            onASheet.Worksheet = "Placements";
            await Spreadsheets.SpreadsheetImportTests.SaveAsync(database, SheetBuilder.PlacementCosts(name: Costs), onASheet);
        }
        var options = new ImportOptions("999") { Spreadsheets = c.Sheets.ToDictionary(s => folder.File(s.File), s => s.Mapping) };
        return await ImporterTests.ImportAsync(database, options, files);
    }

    /// <summary>A value quoted in a message is cut short and shows control characters as code points (a fuzzed file once put a NUL into one).</summary>
    [Theory]
    [InlineData("AB12", 40, "AB12")]
    [InlineData("A\0B", 40, "AU+0000B")]
    [InlineData("line\r\nnext\u001b[31m", 40, "lineU+000DU+000AnextU+001B[31m")]
    [InlineData("ABCDEFGHIJ", 4, "ABCD... (10 characters)")]
    [InlineData("\0\0\0\0\0\0", 2, "U+0000U+0000... (6 characters)")]
    public void AQuotedValue_IsShortAndPrintable(string value, int max, string shown) => Assert.Equal(shown, FieldChecks.Shown(value, max));

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
    public async Task Rule_Fires_NamingFileLineAndField(string name)
    {
        var c = Failing.Single(c => c.Name == name);
        var rule = c.Rule;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();

        var result = await ImportAsync(database, folder, c);

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
    public async Task Rule_DoesNotFire_OnANearMiss(string name)
    {
        var c = Passing.Single(c => c.Name == name);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = TestFiles.TempFolder();

        var result = await ImportAsync(database, folder, c);

        Assert.True(result.Committed, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        Assert.All(result.Files, f => Assert.Equal(0, f.Rejected));
    }

    [Fact]
    public void MappingInvalid_Fires_OnAPreviewThroughAMappingThatCannotBeUsed_AndNotThroughOneThatCan()
    {
        using var folder = TestFiles.TempFolder();
        var sheet = CostsCsv(folder, CostRow())[0];
        var broken = SheetBuilder.PlacementCosts();
        broken.Columns.RemoveAll(c => c.Field == "weeklyCost");

        var refused = Core.Spreadsheets.SpreadsheetPreview.Read(sheet, broken, DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture));
        var read = Core.Spreadsheets.SpreadsheetPreview.Read(sheet, SheetBuilder.PlacementCosts(), DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture));

        var problem = Assert.Single(refused.Fatal);
        Assert.Equal((DataQualityRules.MappingInvalid, "costs.csv", "(mapping)"), (problem.Rule, problem.File, problem.Field));
        Assert.Empty(refused.Rows);
        Assert.True(read.CanImport);
        Assert.Empty(Assert.Single(read.Rows).Problems);
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
