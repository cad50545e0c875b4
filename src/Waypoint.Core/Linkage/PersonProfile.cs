using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>
/// Everything the records already linked as one person say about who they are: every name, date of birth, postcode
/// and UPN any of them gives. Two profiles are compared field by field on their closest values, so a person's 903
/// postcode and CIN former UPN both count.
/// </summary>
internal sealed class PersonProfile
{
    public required string[] Forenames { get; init; }
    public required string[] Surnames { get; init; }
    public required DateOnly[] DatesOfBirth { get; init; }
    public required char Sex { get; init; }
    public required string[] Postcodes { get; init; }
    public required string[] Upns { get; init; }
    public required string[] NhsNumbers { get; init; }

    /// <summary>The council's own ids of this person (903 CHILD and CIN LAchildID share one id space; CLD has its own).</summary>
    public required string[] ChildIds { get; init; }
    public required string[] AdultIds { get; init; }

    /// <summary>Files in which each record is a different person (SEN2, CLD): two records of one such file never link.</summary>
    public required string[] OnePersonFiles { get; init; }

    public static PersonProfile Of(IReadOnlyCollection<LinkRecord> records, bool sharedPersonIds = false)
    {
        // Built with plain loops: a national council makes a million of these, most from a single record.
        List<string> forenames = [], surnames = [], postcodes = [], upns = [], nhs = [], childIds = [], adultIds = [], files = [];
        List<DateOnly> dates = [];
        var sex = '?';
        foreach (var r in records)
        {
            AddOnce(forenames, r.Forename);
            AddOnce(surnames, r.Surname);
            AddOnce(postcodes, r.Postcode);
            AddOnce(nhs, r.NhsNumber);
            foreach (var upn in r.Upns) AddOnce(upns, upn);
            if (r.DateOfBirth is { } dob && !dates.Contains(dob)) dates.Add(dob);
            if (r.Sex != '\0') sex = sex == '?' || sex == r.Sex ? r.Sex : '\0';
            if (r.Format is SourceFormat.Ssda903 or SourceFormat.Cin || (sharedPersonIds && r.Format == SourceFormat.Cld)) AddOnce(childIds, r.LocalKey);
            else if (r.Format == SourceFormat.Cld) AddOnce(adultIds, r.LocalKey);
            if (r.Format is SourceFormat.Sen2 or SourceFormat.Cld) AddOnce(files, r.Format + ":" + r.File);
        }
        return new PersonProfile
        {
            Forenames = [.. forenames],
            Surnames = [.. surnames],
            DatesOfBirth = [.. dates],
            Sex = sex == '?' ? '\0' : sex,
            Postcodes = [.. postcodes],
            Upns = [.. upns],
            NhsNumbers = [.. nhs],
            ChildIds = [.. childIds],
            AdultIds = [.. adultIds],
            OnePersonFiles = [.. files],
        };
    }

    private static void AddOnce(List<string> values, string? value)
    {
        if (value is not null && !values.Contains(value, StringComparer.Ordinal)) values.Add(value);
    }

    /// <summary>The profile of two people joined into one.</summary>
    public static PersonProfile Merge(PersonProfile a, PersonProfile b) => new()
    {
        Forenames = [.. a.Forenames.Union(b.Forenames, StringComparer.Ordinal)],
        Surnames = [.. a.Surnames.Union(b.Surnames, StringComparer.Ordinal)],
        DatesOfBirth = [.. a.DatesOfBirth.Union(b.DatesOfBirth)],
        Sex = a.Sex == b.Sex || b.Sex == '\0' ? a.Sex : a.Sex == '\0' ? b.Sex : '\0',
        Postcodes = [.. a.Postcodes.Union(b.Postcodes, StringComparer.Ordinal)],
        Upns = [.. a.Upns.Union(b.Upns, StringComparer.Ordinal)],
        NhsNumbers = [.. a.NhsNumbers.Union(b.NhsNumbers, StringComparer.Ordinal)],
        ChildIds = [.. a.ChildIds.Union(b.ChildIds, StringComparer.Ordinal)],
        AdultIds = [.. a.AdultIds.Union(b.AdultIds, StringComparer.Ordinal)],
        OnePersonFiles = [.. a.OnePersonFiles.Union(b.OnePersonFiles, StringComparer.Ordinal)],
    };

    /// <summary>
    /// Two profiles that cannot be one person whatever their details say: each has its own council id in the same id
    /// space, their NHS numbers differ, or they come from the same file of one record per person.
    /// </summary>
    public static bool Conflict(PersonProfile a, PersonProfile b) =>
        Disjoint(a.ChildIds, b.ChildIds) || Disjoint(a.AdultIds, b.AdultIds) || Disjoint(a.NhsNumbers, b.NhsNumbers) || Shared(a.OnePersonFiles, b.OnePersonFiles);

    // Hand-written loops: millions of pairs are checked, and these arrays hold one or two values.
    private static bool Disjoint(string[] a, string[] b) => a.Length > 0 && b.Length > 0 && !Shared(a, b);

    private static bool Shared(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (string.Equals(x, y, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }

    /// <summary>The strongest level of each field over every pair of values, and the name each exact name match was on.</summary>
    public static (MatchLevels Levels, string? SameForename, string? SameSurname) Compare(PersonProfile a, PersonProfile b)
    {
        var levels = default(MatchLevels);
        levels[(int)MatchField.Forename] = Best(a.Forenames, b.Forenames, Comparisons.Forename, out var sameForename);
        levels[(int)MatchField.Surname] = Best(a.Surnames, b.Surnames, Comparisons.Surname, out var sameSurname);
        levels[(int)MatchField.DateOfBirth] = Best(a.DatesOfBirth, b.DatesOfBirth, Comparisons.DateOfBirth, out _);
        levels[(int)MatchField.Sex] = a.Sex == '\0' || b.Sex == '\0' ? Comparisons.Missing : Comparisons.Sex(a.Sex, b.Sex);
        levels[(int)MatchField.Postcode] = Best(a.Postcodes, b.Postcodes, Comparisons.Postcode, out _);
        levels[(int)MatchField.Upn] = Best(a.Upns, b.Upns, Comparisons.Upn, out _);
        levels[(int)MatchField.NhsNumber] = Best(a.NhsNumbers, b.NhsNumbers, Comparisons.NhsNumber, out _);
        return (levels, sameForename, sameSurname);
    }

    private static byte Best<T>(T[] a, T[] b, Func<T, T, byte> compare, out T? exact)
    {
        exact = default;
        if (a.Length == 0 || b.Length == 0) return Comparisons.Missing;
        var best = byte.MaxValue;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                var level = compare(x, y);
                if (level >= best) continue;
                best = level;
                if (level == 1)
                {
                    exact = x;
                    return 1;
                }
            }
        }
        return best;
    }
}
