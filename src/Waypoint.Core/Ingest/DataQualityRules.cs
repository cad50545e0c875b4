namespace Waypoint.Core.Ingest;

/// <summary>
/// One kind of problem an import reports. The id is stable: it is stored with every message, filtered on by the data
/// quality page and listed in docs/data-quality.md. The severity is the one of formats.md section 7.
/// </summary>
public sealed record DataQualityRule(string Id, string Name, Severity Severity, string WhatHappens, string Source);

/// <summary>
/// Every rule an import applies, in one catalogue used by the parsers, the data quality page and the docs
/// (a test keeps docs/data-quality.md equal to it, and another gives every rule a failing and a passing file).
/// </summary>
public static class DataQualityRules
{
    private const string Rollback = "The whole import is rolled back; nothing changes.";
    private const string RecordRejected = "That record is rejected; the rest import.";
    private const string RowRejected = "That row is rejected; its person's other rows import.";
    private const string KeptAsGiven = "The value is kept as given.";
    private const string KeptNotLinked = "The value is kept but never used as a linking key.";

    // Fatal: the file cannot be read as a whole.
    public static readonly DataQualityRule FileNotFound = new("file-not-found", "File not found", Severity.Fatal, Rollback, "formats.md section 7");
    public static readonly DataQualityRule UnknownFormat = new("unknown-format", "File of no known format", Severity.Fatal, Rollback,
        "formats.md sections 1 to 4 (a table is known by its columns, an XML message by its collection) and 7");
    public static readonly DataQualityRule MissingColumns = new("missing-columns", "Required columns missing", Severity.Fatal, Rollback, "formats.md sections 1, 4 and 7");
    public static readonly DataQualityRule NotUtf8 = new("not-utf8", "Unreadable encoding (not UTF-8)", Severity.Fatal, Rollback, "formats.md sections 1 (UTF-8, possibly with a BOM) and 7");
    public static readonly DataQualityRule MalformedXml = new("malformed-xml", "XML not well formed", Severity.Fatal, Rollback, "formats.md section 7");
    public static readonly DataQualityRule DtdRefused = new("dtd-refused", "XML with a DTD", Severity.Fatal, Rollback,
        "formats.md section 7 (malformed XML); a DTD could expand entities or fetch files, so none is read (OWASP XML External Entity Prevention Cheat Sheet)");
    public static readonly DataQualityRule MalformedCsv = new("malformed-csv", "CSV that cannot be split into rows", Severity.Fatal, Rollback,
        "formats.md sections 1, 4 and 7 (CSV with a heading row, RFC 4180 quoting)");
    public static readonly DataQualityRule ValueTooLong = new("value-too-long", "Row or value over a million characters", Severity.Fatal, Rollback,
        "formats.md section 7 (unreadable file): no return holds a row or value over 1,048,576 characters; a quote never closed, a line with no end or damage does");
    public static readonly DataQualityRule HeaderNotInImport = new("header-not-in-import", "903 table without its Header", Severity.Fatal, Rollback,
        "formats.md sections 1 and 7 (every 903 table attaches to the Header's CHILD)");
    public static readonly DataQualityRule HeaderNameClash = new("header-name-clash", "Two 903 Headers with one name", Severity.Fatal, Rollback,
        "formats.md section 7 (source records are keyed by file name and CHILD)");
    public static readonly DataQualityRule MappingNotFound = new("mapping-not-found", "No saved mapping of that name", Severity.Fatal, Rollback,
        "formats.md section 5 (a council spreadsheet is read through a mapping the council saved)");
    public static readonly DataQualityRule MappingInvalid = new("mapping-invalid", "Mapping that cannot be used", Severity.Fatal,
        "The sheet is not read; correct the mapping first.",
        "formats.md section 5; the fields a mapping may read (docs/operations.md). Reported by the preview of an unsaved mapping: a mapping is checked before it is saved");
    public static readonly DataQualityRule WorkbookUnreadable = new("workbook-unreadable", "Workbook that cannot be opened", Severity.Fatal, Rollback,
        "formats.md sections 5 (CSV or XLSX) and 7 (unreadable file): a damaged workbook, or an Excel 97-2003 .xls");
    public static readonly DataQualityRule WorksheetMissing = new("worksheet-missing", "Worksheet the mapping names is missing", Severity.Fatal, Rollback,
        "formats.md section 5; the mapping's worksheet (docs/operations.md)");
    public static readonly DataQualityRule MappedHeadingMissing = new("mapped-heading-missing", "Heading the mapping reads is missing", Severity.Fatal, Rollback,
        "formats.md sections 5 and 7 (missing required columns, here the headings a saved mapping reads)");

    // Error: one record, or one row, cannot be used.
    public static readonly DataQualityRule PersonKeyMissing = new("person-key-missing", "Person key missing", Severity.Error,
        "That record or row is rejected; the rest import.", "formats.md section 7 (CHILD, LAchildID, LA Person Unique Identifier)");
    public static readonly DataQualityRule PersonKeyTooLong = new("person-key-too-long", "Person key over 64 characters", Severity.Error,
        "That record or row is rejected; the rest import.",
        "formats.md section 7 (a record without a usable person key is rejected); no real id is this long, and an index entry must stay small");
    public static readonly DataQualityRule DuplicateKey = new("duplicate-key", "Person key repeated in a file", Severity.Error,
        "The later record is rejected; the first one imports.", "formats.md section 7");
    public static readonly DataQualityRule DateOfBirthMissing = new("date-of-birth-missing", "Date of birth missing", Severity.Error, RecordRejected, "formats.md section 7");
    public static readonly DataQualityRule DateOfBirthImpossible = new("date-of-birth-impossible", "Impossible date of birth", Severity.Error, RecordRejected,
        "formats.md section 7: not a real date in the file's format, after the import or before 1900");
    public static readonly DataQualityRule DateImpossible = new("date-impossible", "Impossible date", Severity.Error, RowRejected,
        "formats.md sections 1 to 4 (903 and CLD dd/mm/yyyy, CIN and SEN2 yyyy-mm-dd) and 7");
    public static readonly DataQualityRule RequiredFieldMissing = new("required-field-missing", "Required field missing", Severity.Error, RowRejected, "formats.md section 7");
    public static readonly DataQualityRule NumberInvalid = new("number-invalid", "Not a number, or not a plausible amount", Severity.Error, RowRejected,
        "formats.md sections 4 (Unit Cost, Planned units per week: under a billion) and 5 (a spreadsheet's money in pounds, not negative)");
    public static readonly DataQualityRule EpisodeEndsBeforeStart = new("episode-ends-before-start", "Episode ends before it starts", Severity.Error, RowRejected,
        "formats.md sections 1 and 7; DfE SSDA903 validation rule 356");
    public static readonly DataQualityRule EpisodeOverlap = new("episode-overlap", "Overlapping 903 episodes", Severity.Error,
        "The later episode is rejected; the child's other episodes import.", "formats.md sections 1 and 7; DfE SSDA903 validation rule 501");
    public static readonly DataQualityRule EpisodeOpenBeforeClosed = new("episode-open-before-closed", "Open 903 episode before a later one", Severity.Error,
        "The open episode is rejected; the child's other episodes import.", "formats.md sections 1 (DEC blank only while open) and 7");
    public static readonly DataQualityRule EndsBeforeStart = new("ends-before-start", "Placement cost or health involvement ends before it starts", Severity.Error, RowRejected,
        "formats.md section 5 (council spreadsheets: a placement cost or a health involvement is a period)");
    public static readonly DataQualityRule RowWithoutRecord = new("row-without-record", "Row for a child not in the Header", Severity.Error, RowRejected,
        "formats.md section 7 (rows whose CHILD is not in the Header are reported)");
    public static readonly DataQualityRule RowOfRejectedPerson = new("row-of-rejected-person", "Row of a rejected person", Severity.Error,
        "The row is rejected with its person.", "formats.md sections 5 and 7 (a CLD person's events, and a spreadsheet person's rows, attach to them)");

    // Warning: the value is kept.
    public static readonly DataQualityRule CodeNotInList = new("code-not-in-list", "Code not in its list", Severity.Warning, KeptAsGiven, "formats.md sections 1 to 4 (code lists) and 7");
    public static readonly DataQualityRule CodeRetired = new("code-retired", "Historic or retired code", Severity.Warning, KeptAsGiven,
        "formats.md section 1: historic PLACE codes (H5 on episodes from 2024-25, when K3 replaced it; Z1 from 2025-26, when Z11-Z14 did; P2 Q1 Q2 M1 M2 M3 always), retired ACTIV F3 P3");
    public static readonly DataQualityRule UpnShape = new("upn-shape", "UPN of the wrong shape", Severity.Warning, KeptNotLinked,
        "formats.md sections 1 and 7; DfE 'Unique Pupil Numbers (UPN): a guide for schools and local authorities'");
    public static readonly DataQualityRule UpnCheckLetter = new("upn-check-letter", "UPN check letter wrong", Severity.Warning, KeptNotLinked,
        "formats.md sections 1 and 7; DfE 'Unique Pupil Numbers (UPN): a guide for schools and local authorities'");
    public static readonly DataQualityRule UpnUnknownCode = new("upn-unknown-code", "UPN not known (UN1 to UN5)", Severity.Warning, KeptNotLinked, "formats.md sections 1 and 7");
    public static readonly DataQualityRule UlnShape = new("uln-shape", "Unique learner number of the wrong shape", Severity.Warning, KeptNotLinked, "formats.md section 3 (10 digits)");
    public static readonly DataQualityRule NhsNumberShape = new("nhs-number-shape", "NHS number of the wrong shape", Severity.Warning, KeptNotLinked,
        "formats.md sections 4 and 7; NHS Data Dictionary 'NHS Number'");
    public static readonly DataQualityRule NhsNumberCheckDigit = new("nhs-number-check-digit", "NHS number check digit wrong", Severity.Warning, KeptNotLinked,
        "formats.md sections 4 and 7; NHS Data Dictionary 'NHS Number' (modulus 11)");
    public static readonly DataQualityRule IdTooLong = new("id-too-long", "Identifier over 64 characters", Severity.Warning,
        "The identifier is not kept; the record imports.", "formats.md section 7 (an identifier that fails its checks is kept but never a linking key); one this long is damage and is not kept at all");
    public static readonly DataQualityRule PostcodeShape = new("postcode-shape", "Postcode of the wrong shape", Severity.Warning, KeptAsGiven, "formats.md section 7");
    public static readonly DataQualityRule LeaOtherCouncil = new("lea-other-council", "File from another council", Severity.Warning,
        "Kept: the records are imported for this council.", "formats.md section 7 (CIN and SEN2 LEA, CLD LA Code)");
    public static readonly DataQualityRule DateOfBirthDisagrees = new("date-of-birth-disagrees", "Date of birth disagrees between linked sources", Severity.Warning,
        "Both dates are kept, each with its source record.", "formats.md section 6 (sources join on UPN and date of birth); reported by linking, on the record of this import that disagrees");

    /// <summary>Messages stored before rules had ids (the ImportMessageRule migration): not a rule any code reports.</summary>
    public static readonly DataQualityRule Unclassified = new("unclassified", "Unclassified (imported before rules had ids)", Severity.Warning, "As it said when imported.", "none");

    public static IReadOnlyList<DataQualityRule> All { get; } =
    [
        FileNotFound, UnknownFormat, MissingColumns, NotUtf8, MalformedXml, DtdRefused, MalformedCsv, ValueTooLong, HeaderNotInImport, HeaderNameClash,
        MappingNotFound, MappingInvalid, WorkbookUnreadable, WorksheetMissing, MappedHeadingMissing,
        PersonKeyMissing, PersonKeyTooLong, DuplicateKey, DateOfBirthMissing, DateOfBirthImpossible, DateImpossible, RequiredFieldMissing, NumberInvalid,
        EpisodeEndsBeforeStart, EpisodeOverlap, EpisodeOpenBeforeClosed, EndsBeforeStart, RowWithoutRecord, RowOfRejectedPerson,
        CodeNotInList, CodeRetired, UpnShape, UpnCheckLetter, UpnUnknownCode, UlnShape, NhsNumberShape, NhsNumberCheckDigit, IdTooLong,
        PostcodeShape, LeaOtherCouncil, DateOfBirthDisagrees,
    ];

    private static readonly Dictionary<string, DataQualityRule> ById = All.Append(Unclassified).ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with that id; an id no longer in the catalogue is shown as itself, never hidden.</summary>
    public static DataQualityRule Find(string id) =>
        ById.GetValueOrDefault(id) ?? new DataQualityRule(id, id, Severity.Warning, "", "");
}
