using F23.StringSimilarity;

namespace Waypoint.Core.Linkage;

/// <summary>The fields two people's records are compared on (formats.md section 6: what each source carries).</summary>
public enum MatchField
{
    Forename,
    Surname,
    DateOfBirth,
    Sex,
    Postcode,
    Upn,
    NhsNumber,
}

/// <summary>
/// Comparison levels per field, Fellegi-Sunter style: level 0 is always "one side has no value" (no evidence either
/// way); level 1 is the strongest agreement; the last level is disagreement. Each level gets its own m and u.
/// </summary>
public static class Comparisons
{
    public const byte Missing = 0;

    public static readonly MatchField[] Fields = Enum.GetValues<MatchField>();

    /// <summary>The names of each field's levels, in order (level 0, missing, first).</summary>
    public static readonly IReadOnlyDictionary<MatchField, string[]> Levels = new Dictionary<MatchField, string[]>
    {
        [MatchField.Forename] = ["missing", "exact", "nickname", "similar spelling", "same initial", "different"],
        [MatchField.Surname] = ["missing", "exact", "similar spelling", "one part of a double name", "different"],
        [MatchField.DateOfBirth] = ["missing", "exact", "day and month swapped", "one part different", "different"],
        [MatchField.Sex] = ["missing", "same", "different"],
        [MatchField.Postcode] = ["missing", "exact", "same sector", "same district", "different"],
        [MatchField.Upn] = ["missing", "exact", "one character different", "different"],
        [MatchField.NhsNumber] = ["missing", "exact", "different"],
    };

    // Jaro-Winkler at or above this is "similar spelling": catches one typing slip in a name of five or more letters.
    private const double SimilarName = 0.92;

    private static readonly JaroWinkler JaroWinkler = new();

    public static string Label(MatchField field, byte level) => Levels[field][level];

    public static int LevelCount(MatchField field) => Levels[field].Length;

    /// <summary>Names are compared upper-case, letters only: "O'Brien" and "OBRIEN" are exact.</summary>
    public static string? NormaliseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        Span<char> kept = stackalloc char[name.Length];
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsLetter(c) || c == '-' || c == ' ') kept[n++] = char.ToUpperInvariant(c);
        }
        var normalised = kept[..n].Trim().ToString().Replace(' ', '-');
        return normalised.Length == 0 ? null : normalised;
    }

    public static byte Forename(string a, string b)
    {
        if (a == b) return 1;
        if (Nicknames.Same(a, b)) return 2;
        if (JaroWinkler.Similarity(a, b) >= SimilarName) return 3;
        return a[0] == b[0] ? (byte)4 : (byte)5;
    }

    public static byte Surname(string a, string b)
    {
        if (a == b) return 1;
        if (JaroWinkler.Similarity(a, b) >= SimilarName) return 2;
        // A double-barrelled name in one system, one half of it in another: "WARD-JONES" and "JONES".
        if (a.Contains('-', StringComparison.Ordinal) && a.Split('-').Contains(b)) return 3;
        if (b.Contains('-', StringComparison.Ordinal) && b.Split('-').Contains(a)) return 3;
        return 4;
    }

    public static byte DateOfBirth(DateOnly a, DateOnly b)
    {
        if (a == b) return 1;
        if (a.Year == b.Year && a.Month == b.Day && a.Day == b.Month) return 2;
        var same = (a.Year == b.Year ? 1 : 0) + (a.Month == b.Month ? 1 : 0) + (a.Day == b.Day ? 1 : 0);
        return same == 2 ? (byte)3 : (byte)4;
    }

    public static byte Sex(char a, char b) => a == b ? (byte)1 : (byte)2;

    /// <summary>Postcodes without spaces, upper-case: "AB12 3CD" is district AB12, sector AB12 3.</summary>
    public static byte Postcode(string a, string b)
    {
        if (a == b) return 1;
        if (a.Length < 5 || b.Length < 5) return 4;
        // The inward code is always the last three characters.
        var districtA = a.AsSpan(0, a.Length - 3);
        var districtB = b.AsSpan(0, b.Length - 3);
        if (!districtA.SequenceEqual(districtB)) return 4;
        return a[^3] == b[^3] ? (byte)2 : (byte)3;
    }

    public static string? NormalisePostcode(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return null;
        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length is >= 5 and <= 7 ? compact : null;
    }

    /// <summary>
    /// A UPN one keystroke away (a wrong check letter, or two digits swapped) is still strong evidence: mistyped UPNs
    /// fail the check letter, so they are never exact keys, but they are rarely another child's UPN.
    /// </summary>
    public static byte Upn(string a, string b)
    {
        if (a == b) return 1;
        if (a.Length != b.Length) return 3;
        // One substitution or one swap of neighbours (Damerau distance 1), counted by hand: this runs for millions of
        // pairs, and UPNs are always 13 characters.
        int first = -1, second = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i]) continue;
            if (first < 0) first = i;
            else if (second < 0) second = i;
            else return 3;
        }
        if (second < 0) return 2;
        return second == first + 1 && a[first] == b[second] && a[second] == b[first] ? (byte)2 : (byte)3;
    }

    public static byte NhsNumber(string a, string b) => a == b ? (byte)1 : (byte)2;
}
