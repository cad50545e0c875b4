namespace Waypoint.Core.People;

/// <summary>Unique pupil numbers (DfE "Unique Pupil Numbers (UPN): a guide for schools and local authorities").</summary>
public static class Upn
{
    // The check alphabet leaves out I, O and S so a check letter cannot be misread as a digit.
    private const string CheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>UN1-UN5: the codes a return uses when a child's UPN is not known. Never a key.</summary>
    public static bool IsUnknownCode(string value) =>
        value.Length == 3 && value.StartsWith("UN", StringComparison.Ordinal) && value[2] is >= '1' and <= '5';

    /// <summary>True when the value has the UPN shape and its check letter is right.</summary>
    public static bool IsValid(string? value) => HasValidShape(value) && CheckLetter(value.AsSpan(1)) == value[0];

    /// <summary>The check letter for the 12 characters after it (11 digits and a digit or a letter).</summary>
    public static char CheckLetter(ReadOnlySpan<char> body)
    {
        if (body.Length != 12) throw new ArgumentException("A UPN body has 12 characters.", nameof(body));
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var c = body[i];
            int value;
            if (char.IsAsciiDigit(c)) value = c - '0';
            else if (i == 11 && CheckAlphabet.Contains(c, StringComparison.Ordinal)) value = CheckAlphabet.IndexOf(c, StringComparison.Ordinal);
            else throw new ArgumentException("A UPN body is digits, with an optional check-alphabet letter last.", nameof(body));
            sum += value * (i + 2);
        }
        return CheckAlphabet[sum % 23];
    }

    /// <summary>A check-alphabet letter, 11 digits, then a digit or a check-alphabet letter: the shape, whatever the check letter.</summary>
    public static bool HasValidShape([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length != 13 || !CheckAlphabet.Contains(value[0], StringComparison.Ordinal)) return false;
        for (var i = 1; i < 12; i++)
        {
            if (!char.IsAsciiDigit(value[i])) return false;
        }
        return char.IsAsciiDigit(value[12]) || CheckAlphabet.Contains(value[12], StringComparison.Ordinal);
    }
}

/// <summary>NHS numbers: ten digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS Number").</summary>
public static class NhsNumber
{
    /// <summary>True when the value is ten digits (spaces allowed as printed) with a right check digit.</summary>
    public static bool IsValid(string? value)
    {
        var digits = Normalise(value);
        if (digits is null) return false;
        var check = CheckDigit(digits.AsSpan(0, 9));
        return check is not null && check == digits[9] - '0';
    }

    /// <summary>The check digit for nine digits, or null where the number cannot be issued (remainder 10).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (nineDigits[i] - '0') * (10 - i);
        var check = 11 - (sum % 11);
        return check switch { 11 => 0, 10 => null, _ => check };
    }

    /// <summary>The ten digits without spaces, or null when the value is not ten digits.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = value.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 10 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}

/// <summary>UK postcodes: the shape only (outward code, space, inward code).</summary>
public static class Postcode
{
    private static readonly System.Text.RegularExpressions.Regex Shape = new(
        "^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);

    public static bool HasValidShape(string? value) => value is not null && Shape.IsMatch(value.Trim().ToUpperInvariant());

    /// <summary>The postcode district (the outward code, "LE1" of "LE1 5WW"), or null for a value not shaped like a postcode.</summary>
    public static string? District(string? value)
    {
        if (!HasValidShape(value)) return null;
        // The inward code is always three characters: what comes before it is the district.
        var compact = value!.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return compact[..^3];
    }
}
