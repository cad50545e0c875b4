using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>What linkage reads of one source record: its identifying fields, normalised once.</summary>
internal sealed record LinkRecord(
    long Id, string Format, string File, string LocalKey, string? Forename, string? Surname, DateOnly? DateOfBirth, char Sex,
    string? Postcode, string[] Upns, string? NhsNumber)
{
    public static LinkRecord From(SourceRecord r, IEnumerable<(string Kind, string Value, bool IsValid)> identifiers)
    {
        var upns = new List<string>();
        string? nhs = null;
        foreach (var (kind, value, isValid) in identifiers)
        {
            // A UPN that fails its check letter is still compared (it may be one keystroke from the right one); an
            // unknown code (UN1-UN5) says nothing about who the child is. An invalid NHS number is never compared.
            if (kind is IdentifierKind.Upn or IdentifierKind.FormerUpn && !Upn.IsUnknownCode(value) && value.Length == 13) upns.Add(value.ToUpperInvariant());
            else if (kind == IdentifierKind.NhsNumber && isValid) nhs = value;
        }
        return new LinkRecord(
            r.Id, r.Format, r.FileName, r.LocalKey, Comparisons.NormaliseName(r.Forename), Comparisons.NormaliseName(r.Surname), r.DateOfBirth,
            r.Sex is "M" or "F" ? r.Sex[0] : '\0', Comparisons.NormalisePostcode(r.Postcode), [.. upns.Distinct()], nhs);
    }

    /// <summary>The comparison levels of two records.</summary>
    public static MatchLevels Compare(LinkRecord a, LinkRecord b) =>
        PersonProfile.Compare(PersonProfile.Of([a]), PersonProfile.Of([b])).Levels;
}
