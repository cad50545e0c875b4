namespace Waypoint.Core.Demo;

/// <summary>
/// Decides how each source shows the person. Without noise every source agrees. With realistic
/// noise the identifying details go wrong at low rates, the way real extracts do: UPNs missing or
/// mistyped, short forms and typos in names, a changed surname, a move of house, a date of birth
/// with day and month swapped. The noise has its own random stream, so the underlying people
/// (and their histories) are the same at both noise levels, twins aside.
/// </summary>
internal static class IdentityNoise
{
    private const string CheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private const string Vowels = "aeiou";

    private enum Source { Ssda903, Cin, Sen2, Cld }

    public static void Apply(PersonLife p, DemoContext c, DemoRandom r)
    {
        var truth = new SourceIdentity(p.Upn, null, p.DateOfBirth, p.Sex, false, p.Forename, p.Surname, p.Postcode, p.NhsNumber);
        if (!c.Noisy)
        {
            if (p.In903) p.Ssda903Identity = truth;
            if (p.InCin) p.CinIdentity = truth;
            if (p.InSen2) p.Sen2Identity = truth;
            if (p.InCld) p.CldIdentity = truth;
            return;
        }

        var sources = new List<Source>();
        if (p.In903) sources.Add(Source.Ssda903);
        if (p.InCin) sources.Add(Source.Cin);
        if (p.InSen2) sources.Add(Source.Sen2);
        if (p.InCld) sources.Add(Source.Cld);
        // A young adult whose adult care is still to come is in no file yet.
        if (sources.Count == 0) return;

        // Person-level events, each landing in one source.
        var swappedDob = SwapDayAndMonth(p.DateOfBirth);
        Source? swapIn = swappedDob is not null && r.Chance(0.012) ? r.Pick(sources) : null;
        Source? movedIn = r.Chance(0.08) ? r.Pick(sources) : null;
        var movedTo = SyntheticIdentifiers.HomePostcode(r);
        Source? surnameChangedIn = r.Chance(0.03) ? r.Pick(sources) : null;
        var newSurname = r.Pick(NameLists.Surnames);
        if (newSurname == p.Surname) newSurname = p.Surname + "-" + r.Pick(NameLists.Surnames);

        // Children below school age often have no UPN yet, so returns give an unknown code instead.
        var preSchool = p.AgeOn(c.AsOf) < 4;
        foreach (var source in sources)
        {
            var identity = truth;
            if (swapIn == source) identity = identity with { DateOfBirth = swappedDob!.Value };
            if (movedIn == source) identity = identity with { Postcode = movedTo };
            if (surnameChangedIn == source) identity = identity with { Surname = newSurname };
            switch (source)
            {
                case Source.Ssda903:
                    identity = identity with { NumericSex = r.Chance(0.15) };
                    if (r.Chance(preSchool ? 0.4 : 0.025)) identity = identity with { Upn = null, UpnUnknown = r.Pick(DemoCodes.UnknownUpnCodes) };
                    break;
                case Source.Cin:
                    if (r.Chance(preSchool ? 0.4 : 0.03)) identity = identity with { Upn = null, UpnUnknown = r.Pick(DemoCodes.UnknownUpnCodes) };
                    else if (r.Chance(0.015)) identity = identity with { Upn = Mistype(p.Upn, r) };
                    break;
                case Source.Sen2:
                    if (r.Chance(0.015)) identity = identity with { Upn = null, UpnUnknown = r.Pick(DemoCodes.UnknownUpnCodes) };
                    else if (r.Chance(0.02)) identity = identity with { Upn = Mistype(p.Upn, r) };
                    identity = identity with { Forename = NameVariant(identity.Forename, r) };
                    break;
                default:
                    if (r.Chance(0.06)) identity = identity with { NhsNumber = null };
                    identity = identity with { Forename = NameVariant(identity.Forename, r) };
                    break;
            }
            switch (source)
            {
                case Source.Ssda903: p.Ssda903Identity = identity; break;
                case Source.Cin: p.CinIdentity = identity; break;
                case Source.Sen2: p.Sen2Identity = identity; break;
                default: p.CldIdentity = identity; break;
            }
        }
    }

    /// <summary>The date with day and month swapped, when that is a different real date.</summary>
    private static DateOnly? SwapDayAndMonth(DateOnly date) =>
        date.Day <= 12 && date.Day != date.Month ? new DateOnly(date.Year, date.Day, date.Month) : null;

    /// <summary>A wrong check letter, or two adjacent digits transposed (which always breaks the check).</summary>
    public static string Mistype(string upn, DemoRandom r)
    {
        var chars = upn.ToCharArray();
        if (r.Chance(0.5))
        {
            char letter;
            do letter = CheckAlphabet[r.Next(CheckAlphabet.Length)];
            while (letter == chars[0]);
            chars[0] = letter;
            return new string(chars);
        }
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var i = r.Between(4, 11);
            if (chars[i] == chars[i + 1]) continue;
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            return new string(chars);
        }
        chars[0] = chars[0] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>Usually the name as given; sometimes its everyday short form or a typing slip.</summary>
    private static string NameVariant(string name, DemoRandom r)
    {
        if (r.Chance(0.05) && NameLists.ShortFormOf(name, r) is { } shortForm) return shortForm;
        return r.Chance(0.015) ? Typo(name, r) : name;
    }

    private static string Typo(string name, DemoRandom r)
    {
        if (name.Length < 4) return name + name[^1];
        var chars = name.ToList();
        var i = r.Between(1, chars.Count - 2);
        switch (r.Next(4))
        {
            case 0: (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]); break;
            case 1: chars.RemoveAt(i); break;
            case 2: chars.Insert(i, chars[i]); break;
            default: chars[i] = Vowels.Contains(chars[i], StringComparison.Ordinal) ? Vowels[(Vowels.IndexOf(chars[i], StringComparison.Ordinal) + 1) % 5] : 'e'; break;
        }
        var typed = new string([.. chars]);
        return typed == name ? name + "e" : typed;
    }
}
