namespace Waypoint.Core.People;

/// <summary>
/// One young person as Waypoint knows them: the records of every service that were linked together.
/// The demographic fields are derived from those records at each import (see the Linkage folder).
/// </summary>
public sealed class Person
{
    public long Id { get; set; }

    /// <summary>Opaque, stable reference used outside the database (CLI output, URLs); never derived from personal data.</summary>
    public required string Reference { get; set; }

    public required string CouncilCode { get; set; }
    public string? Forename { get; set; }
    public string? Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>M, F or U (903 and CIN 1/2 are mapped on import).</summary>
    public string? Sex { get; set; }

    public string? Ethnicity { get; set; }
    public string? Postcode { get; set; }
}

/// <summary>The source formats Waypoint reads, by the name used in source keys.</summary>
public static class SourceFormat
{
    public const string Ssda903 = "903";
    public const string Cin = "CIN";
    public const string Sen2 = "SEN2";
    public const string Cld = "CLD";

    /// <summary>A council's own spreadsheet (costs, health involvement, a local tracker) read through a saved mapping.</summary>
    public const string Spreadsheet = "SHEET";
}

/// <summary>
/// One person in one source file: a 903 Header CHILD, a CIN Child element, a SEN2 Person element, a CLD person or a
/// person in a council spreadsheet.
/// A re-import of the same source key updates the record in place; a record is deleted only with its person, when the
/// council's retention rule says it is no longer needed (Retention).
/// </summary>
public sealed class SourceRecord
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary><c>&lt;format&gt;:&lt;file name&gt;:&lt;local key&gt;</c>, unique within a council.</summary>
    public required string SourceKey { get; set; }

    public required string Format { get; set; }
    public required string FileName { get; set; }
    public required string LocalKey { get; set; }

    /// <summary>Line of the record in its file (the heading row is line 1; for XML the element's line).</summary>
    public int Line { get; set; }

    public long FirstBatchId { get; set; }
    public long LastSeenBatchId { get; set; }

    public string? Forename { get; set; }
    public string? Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Ethnicity { get; set; }
    public string? Postcode { get; set; }
    public DateOnly? DateOfDeath { get; set; }

    /// <summary>
    /// The earliest date in the record's own rows: a CIN referral or a SEN2 request received. The statutory clock reads
    /// it with the links rather than reading every referral and request (903 episodes come in other files and are read
    /// anyway).
    /// </summary>
    public DateOnly? FirstKnownOn { get; set; }
}

/// <summary>The kinds of identifier a source record can carry (formats.md section 6).</summary>
public static class IdentifierKind
{
    public const string CouncilChildId = "councilChildId";
    public const string Upn = "upn";
    public const string FormerUpn = "formerUpn";
    public const string Uln = "uln";
    public const string NhsNumber = "nhsNumber";
    public const string AdultPersonId = "adultPersonId";
}

/// <summary>An identifier as a source record gave it. Only valid ones are ever used as linking keys.</summary>
public sealed class SourceIdentifier
{
    public long Id { get; set; }
    public long SourceRecordId { get; set; }
    public required string CouncilCode { get; set; }
    public required string Kind { get; set; }
    public required string Value { get; set; }

    /// <summary>False for UN codes, a wrong UPN check letter or NHS check digit: kept, never a key.</summary>
    public bool IsValid { get; set; }
}

/// <summary>Which person a source record belongs to, and how that was decided.</summary>
public sealed class RecordLink
{
    public long SourceRecordId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>"exact" for a shared key; later issues add probabilistic and reviewed links.</summary>
    public required string Method { get; set; }

    public long LinkedInBatchId { get; set; }
}

/// <summary>How a person is named on screen (domain.md): 903 and CIN carry no names, so until a SEN2 or CLD record
/// supplies one the person is "Child" and their council child id.</summary>
public static class DisplayName
{
    public static string Of(string? forename, string? surname, string? councilChildId, string reference)
    {
        var name = $"{forename} {surname}".Trim();
        return name.Length > 0 ? name : "Child " + (councilChildId ?? reference);
    }
}
