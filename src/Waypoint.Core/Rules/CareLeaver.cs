namespace Waypoint.Core.Rules;

/// <summary>Care-leaver categories, in Waypoint's order of precedence (not the statute's).</summary>
public enum CareLeaverStatus
{
    None,
    Eligible,
    Relevant,
    FormerRelevant,
    Qualifying,
}

/// <summary>
/// A person's care-leaver status on a date, with the day count and the episodes that decided it.
/// <see cref="BecameEligible"/> is the first day the person was an eligible child, where they ever were.
/// </summary>
public sealed record CareLeaverFinding(
    CareLeaverStatus Status,
    string Explanation,
    int DaysSince14,
    IReadOnlyList<EpisodeFact> Decisive,
    DateOnly? StatusSince = null,
    DateOnly? BecameEligible = null,
    string? ShortBreakProblem = null,
    EpisodeFact? LookedAfterAt18 = null)
{
    public string Id => CareLeaver.Id(Status);
}

/// <summary>
/// Care-leaver status from 903 episodes (Children Act 1989 as amended; Care Planning, Placement and Case Review
/// (England) Regulations 2010 "CPPCR"; Care Leavers (England) Regulations 2010). domain.md gives the definitions.
/// </summary>
public static class CareLeaver
{
    /// <summary>The 13 weeks of sch. 2 para 19B(2)(b), as days.</summary>
    public const int ThirteenWeeks = 91;

    /// <summary>A practitioner's record that a return home broke down, which makes the child relevant again.</summary>
    public const string HomeBreakdown = "home-breakdown";

    /// <summary>Evidence records about care-leaver status itself (not a milestone).</summary>
    public const string EvidenceRuleId = "CARE-LEAVER";

    public static string Id(CareLeaverStatus status) => status switch
    {
        CareLeaverStatus.Eligible => "eligible",
        CareLeaverStatus.Relevant => "relevant",
        CareLeaverStatus.FormerRelevant => "former-relevant",
        CareLeaverStatus.Qualifying => "qualifying",
        _ => "none",
    };

    public static string Label(CareLeaverStatus status) => status switch
    {
        CareLeaverStatus.Eligible => "Eligible child",
        CareLeaverStatus.Relevant => "Relevant child",
        CareLeaverStatus.FormerRelevant => "Former relevant child",
        CareLeaverStatus.Qualifying => "Qualifying care leaver",
        _ => "Not a care leaver",
    };

    private static readonly string[] CareOrders = ["C1", "C2"];
    private static readonly string[] ShortBreaks = ["V3", "V4"];

    // 903 REC codes: returned home to parents or others with parental responsibility; sentenced to custody; special
    // guardianship orders (to former foster carers, or to others).
    private static readonly string[] ReturnedHome = ["E4A", "E4B"];
    private const string SentencedToCustody = "E9";
    private static readonly string[] SpecialGuardianship = ["E45", "E46"];
    private const string PlacedWithParents = "P1";

    public static CareLeaverFinding Assess(PersonFacts person, DateOnly asOf, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(policy);
        if (person.DateOfBirth is not { } dob)
            return new(CareLeaverStatus.None, "No date of birth is recorded, so care-leaver status cannot be worked out.", 0, []);

        // What was known on the as-of date: later episodes are ignored, and an episode that ends after it is open.
        var episodes = person.Episodes.Where(e => e.Start <= asOf)
            .Select(e => e.End > asOf ? e with { End = null, ReasonCeased = null } : e)
            .OrderBy(e => e.Start).ToList();
        if (episodes.Count == 0)
            return new(CareLeaverStatus.None, "Not looked after: no 903 episodes.", 0, []);

        var b14 = policy.Turns(dob, 14);
        var b16 = policy.Turns(dob, 16);
        var b18 = policy.Turns(dob, 18);
        var b21 = policy.Turns(dob, 21);
        var b25 = policy.Turns(dob, 25);

        var (excluded, shortBreakProblem) = CheckShortBreaks(episodes, b14, asOf);
        var counted = episodes.Where(e => !excluded.Contains(e)).ToList();
        if (counted.Count == 0)
            return new(CareLeaverStatus.None, "Not a care leaver: looked after only for short breaks that meet the reg 48 conditions, which do not count.", 0, []);
        var days = CountedDays(counted, b14, asOf);
        var total = days.Sum(d => d.To.DayNumber - d.From.DayNumber);
        var decisive = counted.Where(e => End(e, asOf) > b14).ToList();
        var becameEligible = BecameEligible(days, b16, b18);

        var open = counted.LastOrDefault(e => e.End is null);
        var lastPeriod = LastPeriod(counted);
        var lastEnd = open is null ? lastPeriod.Last().End : null;
        var atEighteen = counted.LastOrDefault(e => e.Start < b18 && End(e, asOf) >= b18);
        var age = $"aged {People.Age.On(dob, asOf, policy.LeapDayBirthdays)}";
        var countText = $"looked after {total} days since the 14th birthday on {Dates.Format(b14)}";

        CareLeaverFinding Found(CareLeaverStatus status, string why, DateOnly? since) =>
            new(status, $"{Label(status)} ({age}): {why}", total, decisive, since, becameEligible, shortBreakProblem, atEighteen);

        // Eligible (sch. 2 para 19B; CPPCR reg 40): 16 or 17, looked after now, 13 weeks since 14 with a day after 16.
        if (open is not null && asOf >= b16 && asOf < b18 && becameEligible is { } eligibleFrom)
            return Found(CareLeaverStatus.Eligible, $"{countText}, at least {ThirteenWeeks} needed, and looked after on or after the 16th birthday; eligible since {Dates.Format(eligibleFrom)}.", eligibleFrom);

        // Relevant (s.23A; Care Leavers (England) Regs 2010 reg 3): was eligible before last ceasing to be looked after,
        // unless living at home for six continuous months; or detained on the 16th birthday after 13 weeks in care.
        var home = HomeSince(lastPeriod, lastEnd);
        var breakdown = home is { } since ? person.Latest(EvidenceRuleId, HomeBreakdown) is { } b && b.Date >= since ? b.Date : (DateOnly?)null : null;
        var settledAtHome = home is { } h && breakdown is null && asOf >= h.AddMonths(6);
        var leftEligible = lastEnd is { } left && becameEligible is { } e && e < left && left <= b18;
        var detained = lastEnd is { } d && d < b16 && lastPeriod.Last().ReasonCeased == SentencedToCustody
            && !CareOrders.Contains(lastPeriod.Last().LegalStatus) && total >= ThirteenWeeks;
        var homeText = home is { } hs
            ? breakdown is { } broke ? $" Went home on {Dates.Format(hs)}; that broke down on {Dates.Format(broke)}, so relevant again."
            : settledAtHome ? $" But has lived with a parent or person with parental responsibility since {Dates.Format(hs)}, six months or more (reg 3(3))."
            : $" Living at home since {Dates.Format(hs)}: no longer relevant from {Dates.Format(hs.AddMonths(6))} if that lasts six months (reg 3(3))."
            : "";
        var wasRelevant = (leftEligible && !settledAtHome) || detained;
        if (asOf >= b16 && asOf < b18 && open is null && wasRelevant)
        {
            return detained
                ? Found(CareLeaverStatus.Relevant, $"{countText} immediately before being sentenced to custody on {Dates.Format(lastEnd!.Value)} (903 REC E9), not under a care order, and taken to be detained on the 16th birthday (reg 3(2)); record it if released before then.", b16)
                : Found(CareLeaverStatus.Relevant, $"{countText}; left care on {Dates.Format(lastEnd!.Value)} as an eligible child (eligible since {Dates.Format(becameEligible!.Value)}).{homeText}", lastEnd);
        }

        // Former relevant (s.23C): 18 or over, and was relevant (and would still be), or looked after at 18 and eligible
        // immediately before. Personal adviser to 21, and to 25 through s.23C(7), s.23CA or s.23CZB.
        var eligibleAt18 = atEighteen is not null && becameEligible is { } e18 && e18 < b18;
        if (asOf >= b18 && asOf < b25 && (wasRelevant || eligibleAt18))
        {
            var route = eligibleAt18
                ? $"looked after on the 18th birthday ({Dates.Format(b18)}) and eligible immediately before"
                : detained ? "was a relevant child (detained on the 16th birthday)" : $"was a relevant child after leaving care on {Dates.Format(lastEnd!.Value)}";
            var duty = asOf < b21 ? $"a personal adviser and pathway plan to the 21st birthday on {Dates.Format(b21)}"
                : $"past 21, support continues while following the pathway plan's education or training (s.23C(7)), on returning to education or training (s.23CA), or with a personal adviser on request (s.23CZB), to the 25th birthday on {Dates.Format(b25)}";
            return Found(CareLeaverStatus.FormerRelevant, $"{route}; {countText}. Owed {duty}.{(eligibleAt18 ? "" : homeText)}", eligibleAt18 ? b18 : lastEnd is { } l && l > b18 ? l : b18);
        }

        // Qualifying (s.24): under 21 and looked after at some time after 16 while a child, but no longer; or 16 to 20
        // with a special guardianship order made when looked after immediately before.
        var lookedAfterAfter16 = days.Any(d => d.To > b16 && d.From < b18);
        var sgo = counted.LastOrDefault(x => SpecialGuardianship.Contains(x.ReasonCeased));
        if (asOf >= b16 && asOf < b21 && open is null && (lookedAfterAfter16 || sgo is not null))
        {
            var why = lookedAfterAfter16
                ? $"looked after after the 16th birthday, until {Dates.Format(lastEnd!.Value)}, but not an eligible, relevant or former relevant child; {countText}.{homeText} Advice and assistance to 21; help with education or training to 25 (s.23CA, s.24B)."
                : $"a special guardianship order was made on {Dates.Format(sgo!.End!.Value)} (903 REC {sgo.ReasonCeased}) when looked after immediately before. Advice and assistance to 21; help with education or training to 25 (s.24B).";
            return Found(CareLeaverStatus.Qualifying, why, lastEnd);
        }

        var none = open is not null && asOf < b18
            ? $"{countText}; an eligible child needs {ThirteenWeeks} days and to be looked after on or after the 16th birthday on {Dates.Format(b16)}."
            : asOf >= b25 ? "aged 25 or over: care-leaver duties have ended."
            : asOf >= b21 && open is null ? $"{countText}; qualifying care-leaver support ends at 21."
            : asOf < b16 ? $"{countText}; care-leaver status can begin at 16."
            : $"{countText}; not looked after on or after the 16th birthday.";
        return new(CareLeaverStatus.None, $"Not a care leaver: {none}", total, decisive, null, becameEligible, shortBreakProblem, atEighteen);
    }

    private static DateOnly End(EpisodeFact e, DateOnly asOf) => e.End ?? asOf.AddDays(1);

    /// <summary>
    /// Days looked after since the 14th birthday as merged [from, to) spans: each episode from the later of its start
    /// and the 14th birthday to its end (exclusive); an open episode counts the as-of date itself, since the child is
    /// looked after on it (the DfE's 903 validation convention).
    /// </summary>
    private static List<(DateOnly From, DateOnly To)> CountedDays(List<EpisodeFact> counted, DateOnly b14, DateOnly asOf)
    {
        var spans = new List<(DateOnly From, DateOnly To)>();
        foreach (var e in counted)
        {
            var from = e.Start > b14 ? e.Start : b14;
            var to = End(e, asOf);
            if (to <= from) continue;
            if (spans.Count > 0 && from <= spans[^1].To)
            {
                if (to > spans[^1].To) spans[^1] = (spans[^1].From, to);
            }
            else spans.Add((from, to));
        }
        return spans;
    }

    /// <summary>The first day, at 16 or 17, looked after with 91 days counted (that day included) and one on or after 16.</summary>
    private static DateOnly? BecameEligible(List<(DateOnly From, DateOnly To)> days, DateOnly b16, DateOnly b18)
    {
        var cumulative = 0;
        DateOnly? day91 = null;
        foreach (var (from, to) in days)
        {
            var length = to.DayNumber - from.DayNumber;
            if (cumulative + length >= ThirteenWeeks)
            {
                day91 = from.AddDays(ThirteenWeeks - cumulative - 1);
                break;
            }
            cumulative += length;
        }
        if (day91 is null) return null;
        // The first day looked after at 16 or over, on or after the 91st day.
        foreach (var (from, to) in days)
        {
            var candidate = new[] { from, b16, day91.Value }.Max();
            if (candidate < to) return candidate < b18 ? candidate : null;
        }
        return null;
    }

    /// <summary>The last period of care: consecutive episodes, each starting the day the one before ended.</summary>
    private static List<EpisodeFact> LastPeriod(List<EpisodeFact> counted)
    {
        if (counted.Count == 0) return [];
        var start = counted.Count - 1;
        while (start > 0 && counted[start - 1].End is { } end && end >= counted[start].Start) start--;
        return counted.GetRange(start, counted.Count - start);
    }

    /// <summary>
    /// Since when the child has lived with a parent or person with parental responsibility: placed with parents (P1) at
    /// the end of the last period (reg 3(3): the six months may begin before leaving care), or returned home (E4A/E4B).
    /// </summary>
    private static DateOnly? HomeSince(List<EpisodeFact> lastPeriod, DateOnly? lastEnd)
    {
        if (lastEnd is null || lastPeriod.Count == 0) return null;
        var i = lastPeriod.Count;
        while (i > 0 && lastPeriod[i - 1].Placement == PlacedWithParents) i--;
        if (i < lastPeriod.Count) return lastPeriod[i].Start;
        return ReturnedHome.Contains(lastPeriod[^1].ReasonCeased) ? lastEnd : null;
    }

    /// <summary>
    /// The short-break exclusion (CPPCR reg 48): V3/V4 episodes since the 14th birthday do not count while every
    /// condition holds. If one fails, they count like any other and the record is flagged (SHORT-BREAK-CHECK).
    /// </summary>
    private static (HashSet<EpisodeFact> Excluded, string? Problem) CheckShortBreaks(List<EpisodeFact> episodes, DateOnly b14, DateOnly asOf)
    {
        var series = episodes.Where(e => ShortBreaks.Contains(e.LegalStatus) && End(e, asOf) > b14).ToList();
        if (series.Count == 0) return ([], null);
        var problems = new List<string>();
        var first = series.Min(e => e.Start);
        var last = series.Max(e => End(e, asOf));
        if (episodes.FirstOrDefault(e => CareOrders.Contains(e.LegalStatus) && e.Start < last && End(e, asOf) > first) is { } order)
            problems.Add($"a care order was in force ({order.LegalStatus}, from {Dates.Format(order.Start)}) (reg 48(1)(a))");
        var places = series.Select(e => e.Urn ?? e.PlacementPostcode).Where(p => p is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (places > 1) problems.Add($"the breaks were with {places} different carers or places, not the same one (reg 48(1)(b))");
        if (series.FirstOrDefault(e => End(e, asOf).DayNumber - e.Start.DayNumber > 17) is { } longBreak)
            problems.Add($"the break from {Dates.Format(longBreak.Start)} lasted {End(longBreak, asOf).DayNumber - longBreak.Start.DayNumber} days, more than 17 (reg 48(1)(c))");
        if (series.FirstOrDefault(e => e.End is not null && !ReturnedHome.Contains(e.ReasonCeased)) is { } notHome)
            problems.Add($"the break ending {Dates.Format(notHome.End!.Value)} did not end with a return to a parent (903 REC {notHome.ReasonCeased ?? "blank"}) (reg 48(1)(d))");
        foreach (var start in series.Select(e => e.Start))
        {
            var windowEnd = start.AddYears(1);
            var inWindow = series.Sum(e => Math.Max(0, Math.Min(End(e, asOf).DayNumber, windowEnd.DayNumber) - Math.Max(e.Start.DayNumber, start.DayNumber)));
            if (inWindow <= 75) continue;
            problems.Add($"{inWindow} days of breaks in the 12 months from {Dates.Format(start)}, more than 75 (reg 48(1)(e))");
            break;
        }
        return problems.Count == 0
            ? (series.ToHashSet(), null)
            : ([], $"Short breaks (903 legal status V3/V4) that do not meet the reg 48 conditions, so their days count: {string.Join("; ", problems)}. Check the legal status recorded.");
    }
}
