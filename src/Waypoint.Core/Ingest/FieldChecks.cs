using System.Collections.Frozen;
using System.Globalization;
using Waypoint.Core.People;

namespace Waypoint.Core.Ingest;

/// <summary>The checks every parser applies to fields, with the severities of formats.md section 7.</summary>
internal static class FieldChecks
{
    /// <summary>The longest id kept: real ids are a few characters long, and an index entry must stay small.</summary>
    public const int MaxIdLength = 64;

    private static readonly string[] UkDateFormats = ["dd/MM/yyyy", "d/M/yyyy"];
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>A dd/mm/yyyy date (903, CLD).</summary>
    public static bool TryUkDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, UkDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryUkDate(ReadOnlySpan<char> value, out DateOnly date) =>
        DateOnly.TryParseExact(value, UkDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>An ISO yyyy-mm-dd date (CIN, SEN2). A time part, which some systems add, is ignored.</summary>
    public static bool TryIsoDate(string? value, out DateOnly date)
    {
        date = default;
        if (value is null) return false;
        var datePart = value.Length > 10 && value[10] == 'T' ? value[..10] : value;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// A date field that may be blank. A value that is not a real date is an error: the caller rejects the row.
    /// Returns false only for that error.
    /// </summary>
    public static bool OptionalDate(FileReport report, int line, string field, string? value, bool iso, out DateOnly? date)
    {
        date = null;
        if (value is null) return true;
        if (iso ? TryIsoDate(value, out var d) : TryUkDate(value, out d))
        {
            date = d;
            return true;
        }
        report.Error(DataQualityRules.DateImpossible, line, field, NotARealDate(value, iso));
        return false;
    }

    private static string NotARealDate(string value, bool iso) => $"'{Shown(value)}' is not a real date ({(iso ? "yyyy-mm-dd" : "dd/mm/yyyy")} expected)";

    /// <summary>A date the row cannot do without: missing or impossible is an error.</summary>
    public static bool RequiredDate(FileReport report, int line, string field, string? value, bool iso, out DateOnly date)
    {
        date = default;
        if (value is null)
        {
            report.Error(DataQualityRules.RequiredFieldMissing, line, field, "is missing");
            return false;
        }
        if (!OptionalDate(report, line, field, value, iso, out var d)) return false;
        date = d!.Value;
        return true;
    }

    /// <summary>A date of birth: required, a real date, not in the future and not before 1900. Without one the record is rejected.</summary>
    public static bool DateOfBirth(ParseContext context, int line, string field, string? value, bool iso, out DateOnly date)
    {
        date = default;
        if (value is null)
        {
            context.Report.Error(DataQualityRules.DateOfBirthMissing, line, field, "is missing");
            return false;
        }
        if (!(iso ? TryIsoDate(value, out date) : TryUkDate(value, out date)))
        {
            context.Report.Error(DataQualityRules.DateOfBirthImpossible, line, field, NotARealDate(value, iso));
            return false;
        }
        if (date > context.Today || date < EarliestBirth)
        {
            context.Report.Error(DataQualityRules.DateOfBirthImpossible, line, field, $"date of birth {Shown(value)} is impossible");
            return false;
        }
        return true;
    }

    /// <summary>Warns (and keeps the value) when a code is not in its list.</summary>
    public static string? Code(FileReport report, int line, string field, string? value, FrozenSet<string> codes)
    {
        if (value is not null && !codes.Contains(value))
            report.Warn(DataQualityRules.CodeNotInList, line, field, $"'{Shown(value)}' is not a known code; kept as given");
        return value;
    }

    /// <summary>
    /// A 903 placement code. A historic code was right for an episode that began while it was in use; used later, or
    /// when it went out of use long ago, it is kept with a warning (formats.md section 1: historic codes still accepted).
    /// </summary>
    public static string? Placement(FileReport report, int line, string field, string? place, DateOnly episodeStart)
    {
        if (place is null || !CodeLists.HistoricPlacement.TryGetValue(place, out var replacedFrom)) return Code(report, line, field, place, CodeLists.Placement);
        if (replacedFrom is null)
            report.Warn(DataQualityRules.CodeRetired, line, field, $"'{Shown(place)}' is a historic placement code; kept as given");
        else if (episodeStart >= replacedFrom)
            report.Warn(DataQualityRules.CodeRetired, line, field, $"'{Shown(place)}' is a historic placement code, not used for episodes starting from {replacedFrom.Value:dd/MM/yyyy}; kept as given");
        return place;
    }

    /// <summary>A UPN as an identifier: kept whatever its state, valid (a linking key) only with the right check letter.</summary>
    public static SourceIdentifier? Upn(ParseContext context, int line, string field, string? value, string kind = IdentifierKind.Upn)
    {
        if (value is null || TooLongForAnId(context.Report, line, field, value, "UPN")) return null;
        var upn = value.ToUpperInvariant();
        var valid = People.Upn.IsValid(upn);
        if (People.Upn.IsUnknownCode(upn))
            context.Report.Warn(DataQualityRules.UpnUnknownCode, line, field, $"{upn}: the UPN is not known; not used for linking");
        else if (!People.Upn.HasValidShape(upn))
            context.Report.Warn(DataQualityRules.UpnShape, line, field, $"'{Shown(value)}' is not the shape of a UPN (a letter, 11 digits, then a digit or a letter); kept but not used for linking");
        else if (!valid)
            context.Report.Warn(DataQualityRules.UpnCheckLetter, line, field, $"'{Shown(value)}' is not a valid UPN (wrong check letter, {People.Upn.CheckLetter(upn.AsSpan(1))} expected); kept but not used for linking");
        return new SourceIdentifier { CouncilCode = context.CouncilCode, Kind = kind, Value = upn, IsValid = valid };
    }

    public static SourceIdentifier? Nhs(ParseContext context, int line, string field, string? value)
    {
        if (value is null || TooLongForAnId(context.Report, line, field, value, "NHS number")) return null;
        var digits = NhsNumber.Normalise(value);
        var valid = NhsNumber.IsValid(digits);
        if (digits is null)
            context.Report.Warn(DataQualityRules.NhsNumberShape, line, field, $"'{Shown(value)}' is not an NHS number (ten digits); kept but not used for linking");
        else if (!valid)
            context.Report.Warn(DataQualityRules.NhsNumberCheckDigit, line, field, $"'{Shown(value)}' is not a valid NHS number (its modulus 11 check digit is wrong); kept but not used for linking");
        return new SourceIdentifier { CouncilCode = context.CouncilCode, Kind = IdentifierKind.NhsNumber, Value = digits ?? value, IsValid = valid };
    }

    public static SourceIdentifier? Uln(ParseContext context, int line, string field, string? value)
    {
        if (value is null || TooLongForAnId(context.Report, line, field, value, "unique learner number")) return null;
        var valid = value.Length == 10 && value.All(char.IsAsciiDigit);
        if (!valid) context.Report.Warn(DataQualityRules.UlnShape, line, field, $"'{Shown(value)}' is not a unique learner number (10 digits); kept but not used for linking");
        return new SourceIdentifier { CouncilCode = context.CouncilCode, Kind = IdentifierKind.Uln, Value = value, IsValid = valid };
    }

    public static string? PostcodeValue(FileReport report, int line, string field, string? value)
    {
        if (value is null) return null;
        var postcode = value.ToUpperInvariant();
        if (!Postcode.HasValidShape(postcode)) report.Warn(DataQualityRules.PostcodeShape, line, field, $"'{Shown(value)}' is not the shape of a postcode; kept as given");
        return postcode;
    }

    /// <summary>903 SEX and CIN GenderCurrent are 1/2 in older files and M/F/U from 2024-25; CIN 0 (unborn) and 9 map to U.</summary>
    public static string? Sex(string? value) => value switch
    {
        null => null,
        "1" or "M" => "M",
        "2" or "F" => "F",
        "0" or "9" or "U" => "U",
        _ => value,
    };

    /// <summary>An identifier too long to be one is not kept: a warning, as for any identifier that is not valid.</summary>
    private static bool TooLongForAnId(FileReport report, int line, string field, string value, string what)
    {
        if (value.Length <= MaxIdLength) return false;
        report.Warn(DataQualityRules.IdTooLong, line, field, $"'{Shown(value)}' is too long for a {what}; not kept");
        return true;
    }

    /// <summary>
    /// A person's key (CHILD, LAchildID, LA Person Unique Identifier) too long to be an id: an error, and the caller
    /// rejects the row, as for a missing key.
    /// </summary>
    public static bool KeyTooLong(FileReport report, int line, string field, string key)
    {
        if (key.Length <= MaxIdLength) return false;
        report.Error(DataQualityRules.PersonKeyTooLong, line, field, $"'{Shown(key)}' is {key.Length:N0} characters long, too long for an id (at most {MaxIdLength}); the row is rejected");
        return true;
    }

    /// <summary>
    /// A value as quoted in a message: a long one is cut short, and a control character (a NUL from a damaged file, say) is
    /// written as its code point, so that a damaged file still gives readable messages that are safe to print or store.
    /// </summary>
    public static string Shown(string value, int max = 40)
    {
        var cut = value.Length <= max ? value.Length : char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        var shown = string.Concat(value[..cut].Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));
        return cut == value.Length ? shown : shown + $"... ({value.Length:N0} characters)";
    }

    /// <summary>The council's own identifier: always a linking key where present.</summary>
    public static SourceIdentifier Key(ParseContext context, string kind, string value) =>
        new() { CouncilCode = context.CouncilCode, Kind = kind, Value = value, IsValid = true };
}
