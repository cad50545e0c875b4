using System.Globalization;

namespace Waypoint.Core.Demo;

/// <summary>
/// Builds a person's 903 history from birth: periods of care made of episodes (the first starts
/// with RNE S, later ones follow on the same day after REC X1), plus reviews, missing spells,
/// care-leaver contact (OC3) and UASC status.
/// </summary>
internal static class CareHistoryBuilder
{
    private enum Route { CareOrder, Adoption, Voluntary, Remand, Uasc }

    private enum Ending { Open, ReturnHome, Adoption, SpecialGuardianship, ChildArrangements, AtEighteen, LeftAt16Or17, RemandEnded, Other }

    // Supported accommodation became a placement type of its own (K3) from April 2024; H5 before.
    private static readonly DateOnly SupportedAccommodationFrom = new(2024, 4, 1);

    private static readonly Weighted<string> ReasonPlaceChange = new(
        ("CARPL", 35), ("CLOSE", 5), ("ALLEG", 3), ("STAND", 3), ("APPRR", 2), ("CREQB", 15), ("CREQO", 10),
        ("CHILD", 7), ("LAREQ", 5), ("PLACE", 5), ("CUSTOD", 2), ("OTHER", 8));

    private static readonly Weighted<string> ReviewCode = new(("PN1", 30), ("PN2", 10), ("PN3", 15), ("PN4", 20), ("PN5", 10), ("PN6", 5), ("PN7", 10));

    public static void Build(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        switch (plan.Care)
        {
            case CareStory.Current: BuildCurrent(p, plan, r, c); break;
            case CareStory.Former: BuildFormer(p, plan, r, c); break;
            case CareStory.ShortBreaks: BuildShortBreaks(p, r, c); break;
            default: return;
        }
        if (p.Episodes.Count == 0) return;
        AddReviewsAndMissing(p, r, c);
        AddCareLeaverContact(p, r, c);
        if (plan.Uasc) p.UascCeases = p.Birthday(18);
        if (p.Sex == 'F' && p.AgeOn(c.AsOf) >= 12)
        {
            var mother = p.AgeOn(c.AsOf) >= 15 && r.Chance(0.02);
            p.Mother = mother ? "1" : "0";
            if (mother) p.MothersChildBirthDate = r.DateBetween(p.Birthday(15), c.AsOf.AddDays(-1));
        }
    }

    private static void BuildCurrent(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        var ageDays = c.AsOf.DayNumber - p.DateOfBirth.DayNumber;
        var ageNow = p.AgeOn(c.AsOf);
        int lengthDays;
        if (plan.Uasc) lengthDays = r.Between(20, Math.Max(21, (ageNow - 13) * 365));
        else lengthDays = Math.Min(r.ExponentialDays(950), ageDays);
        var start = c.AsOf.AddDays(-Math.Max(1, lengthDays));
        if (start < p.DateOfBirth) start = p.DateOfBirth;

        // Some children were looked after before, went home, and came back.
        var sinceBirth = start.DayNumber - p.DateOfBirth.DayNumber;
        if (!plan.Uasc && sinceBirth > 500 && r.Chance(0.18))
        {
            var previousEnd = start.AddDays(-r.Between(60, Math.Min(700, sinceBirth - 300)));
            var previousLength = r.Between(30, Math.Max(31, Math.Min(500, previousEnd.DayNumber - p.DateOfBirth.DayNumber - 1)));
            var previousStart = DemoDates.Max(p.DateOfBirth, previousEnd.AddDays(-previousLength));
            AddPeriod(p, plan, r, c, previousStart, previousEnd, Ending.ReturnHome, r.Chance(0.6) ? Route.Voluntary : Route.CareOrder);
        }

        var route = plan.Uasc ? Route.Uasc : ChooseOpenRoute(p.AgeOn(start), r);
        AddPeriod(p, plan, r, c, start, null, Ending.Open, route);
    }

    private static Route ChooseOpenRoute(int ageAtEntry, DemoRandom r)
    {
        var roll = r.NextDouble();
        if (ageAtEntry < 5) return roll < 0.65 ? Route.CareOrder : roll < 0.8 ? Route.Voluntary : Route.Adoption;
        if (ageAtEntry < 13) return roll < 0.75 ? Route.CareOrder : Route.Voluntary;
        return roll < 0.38 ? Route.Voluntary : roll < 0.92 ? Route.CareOrder : Route.Remand;
    }

    private static void BuildFormer(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        var ageNow = p.AgeOn(c.AsOf);
        var lastDay = c.AsOf.AddDays(-1);
        if (ageNow >= 18 && r.Chance(0.7))
        {
            // A care leaver: looked after through the 16th birthday.
            var atEighteen = r.Chance(0.75);
            var end = atEighteen ? p.Birthday(18) : r.DateBetween(p.Birthday(16).AddDays(30), p.Birthday(18).AddDays(-1));
            var start = r.Chance(0.2)
                ? r.DateBetween(p.DateOfBirth.AddDays(30), p.Birthday(9))
                : r.DateBetween(p.Birthday(11), p.Birthday(16).AddDays(-100));
            // A move into adult residential care at 18 (E7) is recorded once adult care is decided: DemoAdultCareProcess.
            var ending = atEighteen ? Ending.AtEighteen : Ending.LeftAt16Or17;
            var route = plan.Uasc && start >= p.Birthday(14) ? Route.Uasc : r.Chance(0.5) ? Route.CareOrder : Route.Voluntary;
            if (plan.Uasc && route != Route.Uasc) start = r.DateBetween(p.Birthday(14), p.Birthday(16).AddDays(-100));
            AddPeriod(p, plan, r, c, start, end, ending, plan.Uasc ? Route.Uasc : route);
            return;
        }

        // Looked after for a while in childhood, then adopted, home, or with a special guardian.
        var latestEnd = DemoDates.Min(lastDay.AddDays(-20), p.Birthday(18).AddDays(-1));
        var earliestEnd = p.DateOfBirth.AddDays(90);
        if (latestEnd <= earliestEnd) latestEnd = earliestEnd.AddDays(1);
        var endDate = r.DateBetween(earliestEnd, latestEnd);
        var ageAtEnd = p.AgeOn(endDate);
        var roll = r.NextDouble();
        var endingKind = ageAtEnd switch
        {
            < 5 => roll < 0.45 ? Ending.Adoption : roll < 0.65 ? Ending.SpecialGuardianship : roll < 0.95 ? Ending.ReturnHome : Ending.ChildArrangements,
            < 12 => roll < 0.55 ? Ending.ReturnHome : roll < 0.8 ? Ending.SpecialGuardianship : roll < 0.9 ? Ending.ChildArrangements : Ending.Other,
            < 16 => roll < 0.7 ? Ending.ReturnHome : roll < 0.78 ? Ending.SpecialGuardianship : roll < 0.88 ? Ending.RemandEnded : Ending.Other,
            _ => roll < 0.45 ? Ending.ReturnHome : roll < 0.8 ? Ending.LeftAt16Or17 : roll < 0.9 ? Ending.RemandEnded : Ending.Other,
        };
        if (plan.Uasc && ageAtEnd >= 15) endingKind = r.Chance(0.5) ? Ending.LeftAt16Or17 : Ending.Other;
        var length = endingKind switch
        {
            Ending.Adoption => r.Between(400, 1100),
            Ending.RemandEnded => r.Between(10, 120),
            _ => Math.Max(14, r.ExponentialDays(520)),
        };
        var startDate = DemoDates.Max(p.DateOfBirth, endDate.AddDays(-length));
        var routeKind = endingKind switch
        {
            Ending.Adoption => Route.Adoption,
            Ending.RemandEnded => Route.Remand,
            Ending.SpecialGuardianship or Ending.ChildArrangements => Route.CareOrder,
            _ => plan.Uasc ? Route.Uasc : r.Chance(0.45) ? Route.CareOrder : Route.Voluntary,
        };

        var before = startDate.DayNumber - p.DateOfBirth.DayNumber;
        if (before > 800 && r.Chance(0.12))
        {
            var previousEnd = startDate.AddDays(-r.Between(90, before - 400));
            var previousStart = DemoDates.Max(p.DateOfBirth, previousEnd.AddDays(-r.Between(20, 400)));
            AddPeriod(p, plan, r, c, previousStart, previousEnd, Ending.ReturnHome, Route.Voluntary);
        }
        AddPeriod(p, plan, r, c, startDate, endDate, endingKind, routeKind);
    }

    /// <summary>
    /// Regular short breaks (V3/V4): a series of stays of a few nights in the same unit, going home
    /// after each. A few children have one stay longer than 17 days, which breaks the short-break
    /// conditions (CPPCR reg 48) and must be flagged by the rules.
    /// </summary>
    private static void BuildShortBreaks(PersonLife p, DemoRandom r, DemoContext c)
    {
        var seriesStart = DemoDates.Max(p.Birthday(5), c.AsOf.AddDays(-r.Between(365, 4 * 365)));
        if (seriesStart > c.AsOf.AddDays(-120)) seriesStart = c.AsOf.AddDays(-120);
        var inHome = r.Chance(0.7);
        var place = inHome ? "K2" : "U6";
        var urn = inHome ? OfstedUrn(r) : null;
        var unitPostcode = SyntheticIdentifiers.HomePostcode(r);
        var legal = r.Chance(0.75) ? "V4" : "V3";
        var longStay = r.Chance(0.15) ? r.Between(0, 8) : -1;
        var t = seriesStart;
        for (var n = 0; ; n++)
        {
            var nights = n == longStay ? r.Between(18, 30) : r.Between(1, 4);
            var end = t.AddDays(nights);
            if (end >= c.AsOf.AddDays(-1)) break;
            p.Episodes.Add(new CareEpisode
            {
                Start = t,
                Rne = "S",
                LegalStatus = legal,
                CategoryOfNeed = "N2",
                Placement = place,
                Provider = "PR1",
                End = end,
                Rec = r.Chance(0.7) ? "E13" : "E8",
                PlacementPostcode = unitPostcode,
                Urn = urn,
            });
            t = end.AddDays(r.Between(21, 45));
        }
    }

    /// <summary>One period of care from start to end (null = still looked after), split into episodes.</summary>
    private static void AddPeriod(PersonLife p, Involvement plan, DemoRandom r, DemoContext c, DateOnly start, DateOnly? end, Ending ending, Route route)
    {
        var limit = end ?? c.AsOf;
        if (limit <= start) limit = start.AddDays(1);
        if (end is not null) end = limit;

        // Legal status over the period.
        var legal = new List<(DateOnly From, string Status)>();
        DateOnly? adoptionPlacement = null;
        switch (route)
        {
            case Route.CareOrder:
                {
                    var t = start;
                    if (r.Chance(0.15))
                    {
                        legal.Add((t, r.Chance(0.5) ? "L1" : "L2"));
                        t = t.AddDays(r.Between(1, 8));
                    }
                    legal.Add((t, "C1"));
                    legal.Add((t.AddDays(r.Between(90, 330)), "C2"));
                    break;
                }
            case Route.Adoption:
                {
                    legal.Add((start, "C1"));
                    var orderDate = start.AddDays(r.Between(120, 300));
                    legal.Add((orderDate, "E1"));
                    var lastChance = limit.AddDays(-30);
                    if (end is not null) adoptionPlacement = orderDate < lastChance ? r.DateBetween(orderDate.AddDays(14), lastChance) : null;
                    else if (orderDate.AddDays(60) < limit && r.Chance(0.5)) adoptionPlacement = r.DateBetween(orderDate.AddDays(30), limit.AddDays(-1));
                    break;
                }
            case Route.Remand:
                legal.Add((start, r.Chance(0.8) ? "J2" : r.Chance(0.5) ? "J1" : "J3"));
                break;
            default:
                legal.Add((start, "V2"));
                if (route == Route.Uasc && r.Chance(0.05)) legal.Add((start.AddDays(r.Between(200, 500)), "C2"));
                break;
        }
        legal.RemoveAll(l => l.From >= limit && l.From != start);

        // Placement moves: roughly every 14-20 months, more often for teenagers.
        var moves = new List<DateOnly>();
        var next = start;
        while (true)
        {
            next = next.AddDays(Math.Max(7, r.ExponentialDays(p.AgeOn(next) < 12 ? 600 : 420)));
            if (next >= limit) break;
            moves.Add(next);
        }
        if (adoptionPlacement is { } ap && ap > start && ap < limit && !moves.Contains(ap)) moves.Add(ap);
        if (adoptionPlacement is not null) moves.RemoveAll(m => m > adoptionPlacement);

        var changes = legal.Skip(1).Select(l => l.From).Concat(moves).Where(d => d > start && d < limit).Distinct().Order().ToList();
        var category = plan.Uasc ? "N8" : p.Disabilities.Count > 0 && r.Chance(0.7) ? "N2" : DemoCodes.CategoryOfNeed.Pick(r);
        var currentLegal = legal[0].Status;
        var episode = NewEpisode(p, plan, r, start, "S", currentLegal, category, adoptionPlacement == start);
        p.Episodes.Add(episode);
        foreach (var date in changes)
        {
            var legalChange = legal.FindIndex(l => l.From == date);
            var placementChange = moves.Contains(date);
            if (legalChange >= 0) currentLegal = legal[legalChange].Status;
            var rne = legalChange >= 0 && placementChange ? (r.Chance(0.7) ? "B" : "U") : legalChange >= 0 ? "L" : r.Chance(0.85) ? "P" : "T";
            episode.End = date;
            episode.Rec = "X1";
            if (placementChange) episode.ReasonPlaceChange = ReasonPlaceChange.Pick(r);
            var previous = episode;
            // T: the placement type changes but the carer stays (e.g. foster care becoming long-term).
            var sameCarer = rne == "T" && previous.Placement.StartsWith('U') && adoptionPlacement != date;
            if (rne == "T" && !sameCarer) rne = "P";
            episode = placementChange && !sameCarer
                ? NewEpisode(p, plan, r, date, rne, currentLegal, category, adoptionPlacement == date)
                : new CareEpisode
                {
                    Start = date,
                    Rne = rne,
                    LegalStatus = currentLegal,
                    CategoryOfNeed = category,
                    Placement = sameCarer ? OtherFosterPlacement(previous.Placement, r) : previous.Placement,
                    Provider = previous.Provider,
                    PlacementPostcode = previous.PlacementPostcode,
                    Urn = previous.Urn,
                };
            p.Episodes.Add(episode);
        }

        if (end is null) return;
        episode.End = end;
        episode.Rec = EndReason(ending, r);
        // Staying put (E17) means the young person stays with their foster carers.
        if (episode.Rec == "E17" && !episode.Placement.StartsWith('U')) SetPlacement(episode, p, r, DemoCodes.FosterPlacement.Pick(r));
    }

    private static CareEpisode NewEpisode(PersonLife p, Involvement plan, DemoRandom r, DateOnly start, string rne, string legal, string category, bool placedForAdoption)
    {
        var episode = new CareEpisode { Start = start, Rne = rne, LegalStatus = legal, CategoryOfNeed = category };
        SetPlacement(episode, p, r, placedForAdoption ? (r.Chance(0.5) ? "A5" : "A6") : ChoosePlacement(p, plan, r, start, legal));
        return episode;
    }

    private static string OtherFosterPlacement(string current, DemoRandom r)
    {
        var relative = current is "U1" or "U2" or "U3";
        string[] options = relative ? ["U1", "U2", "U3"] : ["U4", "U5", "U6"];
        var next = r.Pick(options);
        return next == current ? options[(Array.IndexOf(options, next) + 1) % options.Length] : next;
    }

    private static string ChoosePlacement(PersonLife p, Involvement plan, DemoRandom r, DateOnly start, string legal)
    {
        var age = p.AgeOn(start);
        var roll = r.NextDouble();
        if (legal is "J1" or "J2" or "J3") return roll < 0.4 ? "R5" : roll < 0.7 ? "K1" : "K2";
        var severe = p.LearningDisability || p.PrimaryNeed is "PMLD" or "MSI" or "PD";
        if (severe && p.Disabilities.Count > 0 && age >= 8) return roll < 0.3 ? "S1" : roll < 0.6 ? "K2" : DemoCodes.FosterPlacement.Pick(r);
        if (age >= 16)
        {
            if (roll < 0.3 || (plan.Uasc && roll < 0.6)) return start >= SupportedAccommodationFrom ? "K3" : "H5";
            if (roll < 0.45) return "K2";
            if (roll < 0.5) return "P1";
            return DemoCodes.FosterPlacement.Pick(r);
        }
        if (age >= 11) return roll < 0.15 ? "K2" : roll < 0.2 ? "P1" : DemoCodes.FosterPlacement.Pick(r);
        if (age < 1 && roll < 0.08) return "R3";
        return roll < 0.06 ? "P1" : DemoCodes.FosterPlacement.Pick(r);
    }

    private static void SetPlacement(CareEpisode episode, PersonLife p, DemoRandom r, string place)
    {
        var roll = r.NextDouble();
        episode.Placement = place;
        episode.Provider = place switch
        {
            "U1" or "U2" or "U3" => "PR1",
            "U4" or "U5" or "U6" => roll < 0.6 ? "PR1" : "PR4",
            "K2" => roll < 0.3 ? "PR1" : roll < 0.95 ? "PR4" : "PR5",
            "K1" => roll < 0.5 ? "PR1" : "PR2",
            "S1" => roll < 0.6 ? "PR4" : roll < 0.9 ? "PR5" : "PR3",
            "H5" or "K3" => roll < 0.7 ? "PR4" : roll < 0.9 ? "PR1" : "PR5",
            "P1" => "PR0",
            "A5" or "A6" => roll < 0.7 ? "PR1" : "PR5",
            "R5" => "PR3",
            _ => "PR4",
        };
        episode.Urn = place switch
        {
            "K1" or "K2" or "R3" or "K3" => OfstedUrn(r),
            "S1" => SenSettings.ResidentialSchoolUrn(r),
            _ => null,
        };
        var outOfArea = place switch
        {
            "P1" => 0.0,
            "K2" or "S1" or "K1" or "R5" => 0.65,
            "A5" or "A6" => 0.5,
            _ => 0.3,
        };
        episode.PlacementPostcode = place == "P1" ? p.Postcode
            : r.Chance(outOfArea) ? SyntheticIdentifiers.OtherAreaPostcode(r) : SyntheticIdentifiers.HomePostcode(r);
    }

    private static string OfstedUrn(DemoRandom r) => "SC" + r.Between(100000, 999999).ToString(CultureInfo.InvariantCulture);

    private static string EndReason(Ending ending, DemoRandom r)
    {
        var roll = r.NextDouble();
        return ending switch
        {
            Ending.ReturnHome => roll < 0.65 ? "E4A" : roll < 0.9 ? "E13" : "E4B",
            Ending.Adoption => roll < 0.6 ? "E11" : "E12",
            Ending.SpecialGuardianship => roll < 0.55 ? "E45" : roll < 0.9 ? "E46" : roll < 0.95 ? "E47" : "E48",
            Ending.ChildArrangements => "E41",
            Ending.AtEighteen => roll < 0.3 ? "E5" : roll < 0.4 ? "E6" : roll < 0.62 ? "E17" : "E8",
            Ending.LeftAt16Or17 => roll < 0.35 ? "E5" : roll < 0.5 ? "E6" : roll < 0.85 ? "E4A" : "E8",
            Ending.RemandEnded => roll < 0.6 ? "E14" : "E9",
            Ending.Other => roll < 0.3 ? "E3" : roll < 0.85 ? "E8" : "E16",
            _ => "E8",
        };
    }

    /// <summary>Reviews at 20 days, 3 months, then every 6 months; missing spells for some teenagers.</summary>
    private static void AddReviewsAndMissing(PersonLife p, DemoRandom r, DemoContext c)
    {
        foreach (var (first, last) in Periods(p.Episodes))
        {
            var start = p.Episodes[first].Start;
            var end = p.Episodes[last].End ?? c.AsOf;
            if (p.Episodes[first].LegalStatus is "V3" or "V4") continue;
            var review = start.AddDays(20);
            for (var n = 0; review < end && review <= c.AsOf; n++)
            {
                var jitter = DemoDates.Min(review.AddDays(r.Between(-5, 5)), c.AsOf);
                var code = p.AgeOn(jitter) < 4 ? "PN0" : ReviewCode.Pick(r);
                if (jitter > start) p.Reviews.Add(new CareReview(jitter, code));
                review = review.AddDays(n == 0 ? 91 : 182);
            }

            var from = DemoDates.Max(start, p.Birthday(11));
            if (from >= end.AddDays(-2) || !r.Chance(0.12)) continue;
            var spells = new List<MissingSpell>();
            for (var n = r.Between(1, 5); n > 0; n--)
            {
                var spellStart = r.DateBetween(from, end.AddDays(-2));
                var spellEnd = DemoDates.Min(spellStart.AddDays(r.Between(0, 7)), end.AddDays(-1));
                spells.Add(new MissingSpell(r.Chance(0.75) ? "M" : "A", spellStart, spellEnd));
            }
            p.Missing.AddRange(spells.OrderBy(s => s.Start));
        }
    }

    /// <summary>OC3 for care leavers aged 17 to 21 who left care at 16 or later after at least 13 weeks.</summary>
    private static void AddCareLeaverContact(PersonLife p, DemoRandom r, DemoContext c)
    {
        var age = p.AgeOn(c.AsOf);
        var lastEpisode = p.Episodes[^1];
        if (age is < 17 or > 21 || lastEpisode.End is not { } left || lastEpisode.LegalStatus is "V3" or "V4") return;
        var periodStart = p.Episodes[Periods(p.Episodes).Last().First].Start;
        if (p.AgeOn(left) < 16 || left.DayNumber - periodStart.DayNumber < 91) return;

        var roll = r.NextDouble();
        var inTouch = roll < 0.86 ? "YES" : roll < 0.92 ? "NO" : roll < 0.95 ? "REFU" : roll < 0.97 ? "NREQ" : "RHOM";
        if (inTouch != "YES")
        {
            p.CareLeaver = new CareLeaverContact(inTouch, "0", "0");
            return;
        }
        string activity;
        if (p.LearningDisability) activity = r.Chance(0.5) ? "G4" : r.Chance(0.8) ? "F2" : "P2";
        else activity = r.Pick(["F1", "P1", "F2", "F2", "F2", "P2", "F4", "P4", "F5", "F5", "P5", "G4", "G5", "G5", "G5", "G6"]);
        var letter = lastEpisode.Rec == "E17" ? 'Z' : r.Pick("BBCDDEEKTUUUUUZXSVWYY".ToCharArray());
        var suitable = r.Chance(0.9) ? '1' : '2';
        p.CareLeaver = new CareLeaverContact(inTouch, activity, string.Concat(letter, suitable));
    }

    /// <summary>The episodes of each period of care (a period starts at every RNE S).</summary>
    public static IEnumerable<(int First, int Last)> Periods(List<CareEpisode> episodes)
    {
        var first = 0;
        for (var i = 1; i <= episodes.Count; i++)
        {
            if (i == episodes.Count || episodes[i].Rne == "S")
            {
                yield return (first, i - 1);
                first = i;
            }
        }
    }
}
