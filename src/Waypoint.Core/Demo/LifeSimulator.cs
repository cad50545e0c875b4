namespace Waypoint.Core.Demo;

/// <summary>Everything the simulator needs that is the same for every person.</summary>
internal sealed class DemoContext
{
    public DemoContext(DemoOptions options)
    {
        Options = options;
        AsOf = options.AsOf;
        Population = new DemoPopulation(options.People ?? DemoPopulation.PeopleFor(options.Size), options.Seed);
        Ids = new SyntheticIdentifiers(options.Seed, options.CouncilCode);
        CldWindowStart = AsOf.AddYears(-5).AddDays(1);
    }

    public DemoOptions Options { get; }
    public DateOnly AsOf { get; }
    public int Seed => Options.Seed;
    public bool Noisy => Options.Noise == DemoNoise.Realistic;
    public DemoPopulation Population { get; }
    public SyntheticIdentifiers Ids { get; }

    /// <summary>CLD holds the last five years of events before the as-of date.</summary>
    public DateOnly CldWindowStart { get; }
}

internal enum CareStory { None, Current, Former, ShortBreaks }

internal enum EhcStory { None, Current, Ceased, Refused }

internal enum AdultStory { None, LearningDisability, MentalHealth, PhysicalOrSensory, NoOngoingService, TransitionRequest }

/// <summary>Which services know the person, decided before their histories are drawn.</summary>
internal sealed record Involvement(
    CareStory Care,
    EhcStory Ehc,
    bool ChildInNeed,
    bool Disabled,
    bool Uasc,
    AdultStory Adult,
    bool ResidentialAdultCareAt18,
    AdultEntry? Entry = null);

/// <summary>
/// Simulates one person's life from their index alone: segment, basic facts, needs, and then
/// each service's history. Random draws come from streams seeded by (seed, index), so a person
/// is the same whichever thread simulates them and whatever else is generated.
/// </summary>
internal sealed class LifeSimulator(DemoContext context)
{
    private const int LifeStream = 0;
    private const int NoiseStream = 1;
    private const int HouseholdStream = 2;
    private const int TwinStream = 3;
    private const int SheetsStream = 4;
    private const int AdultCareStream = 5;

    // Ages (on the as-of date) of each segment's members.
    private static readonly Weighted<int> LookedAfterAges = Ages((0, 0, 5), (1, 4, 3.25), (5, 9, 3.4), (10, 15, 6.3), (16, 16, 13), (17, 17, 14));
    private static readonly Weighted<int> LookedAfterWithPlanAges = Ages((2, 4, 1), (5, 9, 4), (10, 15, 8), (16, 17, 9));
    // Young adults to 30: past 25 they are adults, not the tracker's, but the forecast's backtest looks back five years to
    // when they were 25 or under (and the council keeps their records until six years after the 25th birthday).
    private static readonly Weighted<int> YoungAdultAges = Ages((18, 19, 1.2), (20, 20, 1.1), (21, 22, 1), (23, 24, 0.9), (25, 30, 0.8));
    private static readonly Weighted<int> TransitionAges = Ages((14, 17, 1));
    private static readonly Weighted<int> ShortBreakAges = Ages((6, 13, 1));

    // EHC plans rise through school age and tail off from 19 to 25.
    private static readonly Weighted<int> EhcPlanAges = Ages(
        (1, 1, 0.2), (2, 2, 1), (3, 3, 2.5), (4, 4, 4), (5, 5, 5.5), (6, 6, 6.5), (7, 7, 7), (8, 8, 7.5), (9, 9, 8),
        (10, 10, 8.5), (11, 11, 8.8), (12, 15, 9), (16, 16, 8), (17, 17, 7), (18, 18, 5.5), (19, 19, 4), (20, 20, 2.8),
        (21, 21, 2), (22, 22, 1.4), (23, 23, 1), (24, 24, 0.7), (25, 25, 0.4));

    private static readonly Weighted<int> FormerEhcAges = Ages((8, 15, 1), (16, 30, 1.4));
    private static readonly Weighted<int> FormerlyLookedAfterAges = Ages((2, 17, 1), (18, 30, 2));
    private static readonly Weighted<int> ChildInNeedAges = Ages((0, 17, 1.2), (18, 30, 0.7));

    private readonly DemoContext _context = context;

    public PersonLife Simulate(int index)
    {
        var (segment, position) = _context.Population.SegmentOf(index);
        var random = new DemoRandom(_context.Seed, index, LifeStream);
        var person = new PersonLife(index, segment);

        person.DateOfBirth = DrawDateOfBirth(segment, random);
        var household = index;
        if (_context.Noisy && TwinOf(index, segment) is { } sibling)
        {
            // Twins share a birthday and a home, and (being in the same segment) mostly the same services.
            person.DateOfBirth = DrawDateOfBirth(segment, new DemoRandom(_context.Seed, sibling, LifeStream));
            household = sibling;
        }

        var plan = PlanInvolvement(person, random);
        ChooseWhoTheyAre(person, plan, random, new DemoRandom(_context.Seed, household, HouseholdStream));
        ChooseNeeds(person, plan, random);

        CareHistoryBuilder.Build(person, plan, random, _context);
        ChildInNeedBuilder.Build(person, plan, random, _context);
        SenHistoryBuilder.Build(person, plan, random, _context);
        // Adult care follows from the childhood just drawn (the known process), on a stream of its own.
        plan = DemoAdultCareProcess.Decide(person, plan, new DemoRandom(_context.Seed, index, AdultCareStream), _context);
        AdultCareBuilder.Build(person, plan, position, random, _context);

        if (person.In903 || person.InCin) person.ChildId = _context.Ids.ChildId(index);
        else if (person.InCld) person.AdultId = _context.Ids.AdultId(index);
        // Identifiers are only worked out for the sources that will show them.
        if (person.In903 || person.InCin || person.InSen2) person.Upn = _context.Ids.Upn(index);
        if (person.InSen2) person.Uln = _context.Ids.Uln(index);
        if (person.InCld) person.NhsNumber = _context.Ids.NhsNumber(index);
        if (person.InCin && random.Chance(0.01)) person.FormerUpn = _context.Ids.FormerUpn(index);
        IdentityNoise.Apply(person, _context, new DemoRandom(_context.Seed, index, NoiseStream));
        // The council's own spreadsheets draw from a stream of their own, so the statutory files stay as they were.
        CouncilSheetsBuilder.Build(person, _context, new DemoRandom(_context.Seed, index, SheetsStream));
        return person;
    }

    /// <summary>
    /// The twin of a few people (realistic noise only): the nearest earlier person in the same
    /// segment, unless that person is a twin themselves (their own birthday is borrowed).
    /// </summary>
    private int? TwinOf(int index, Segment segment)
    {
        if (!IsTwinCandidate(index)) return null;
        for (var sibling = index - 1; sibling >= Math.Max(0, index - 64); sibling--)
        {
            if (_context.Population.SegmentOf(sibling).Segment != segment) continue;
            return IsTwinCandidate(sibling) ? null : sibling;
        }
        return null;
    }

    private bool IsTwinCandidate(int index) => new DemoRandom(_context.Seed, index, TwinStream).Chance(0.008);

    private DateOnly DrawDateOfBirth(Segment segment, DemoRandom random)
    {
        var age = AgesOf(segment).Pick(random);
        var latest = _context.AsOf.AddYears(-age);
        var earliest = _context.AsOf.AddYears(-(age + 1)).AddDays(1);
        return random.DateBetween(earliest, latest);
    }

    private static Weighted<int> AgesOf(Segment segment) => segment switch
    {
        Segment.LookedAfterWithPlan => LookedAfterWithPlanAges,
        Segment.LookedAfter => LookedAfterAges,
        Segment.AdultLearningDisability or Segment.AdultMentalHealth or Segment.AdultPhysicalOrSensory or Segment.AdultNoOngoingService => YoungAdultAges,
        Segment.LikelyAdultCare => TransitionAges,
        Segment.ShortBreaks => ShortBreakAges,
        Segment.EhcPlan => EhcPlanAges,
        Segment.FormerEhc => FormerEhcAges,
        Segment.FormerlyLookedAfter => FormerlyLookedAfterAges,
        _ => ChildInNeedAges,
    };

    private Involvement PlanInvolvement(PersonLife person, DemoRandom r)
    {
        var age = person.AgeOn(_context.AsOf);
        switch (person.Segment)
        {
            case Segment.LookedAfterWithPlan:
                return new(CareStory.Current, EhcStory.Current, true, false, false, AdultStory.None, false);
            case Segment.LookedAfter:
                var ehc = r.Chance(0.04) ? EhcStory.Refused : age >= 8 && r.Chance(0.03) ? EhcStory.Ceased : EhcStory.None;
                return new(CareStory.Current, ehc, true, r.Chance(0.03), age >= 14 && r.Chance(0.22), AdultStory.None, false);
            case Segment.AdultLearningDisability:
                return AdultPlan(r, age, AdultStory.LearningDisability, ehc: 0.9, cin: 0.85, care: 0.12, known: 0.94, disabled: true);
            case Segment.AdultMentalHealth:
                return AdultPlan(r, age, AdultStory.MentalHealth, ehc: 0.3, cin: 0.75, care: 0.35, known: 0.94, disabled: false);
            case Segment.AdultPhysicalOrSensory:
                return AdultPlan(r, age, AdultStory.PhysicalOrSensory, ehc: 0.7, cin: 0.55, care: 0.05, known: 0.94, disabled: true);
            case Segment.AdultNoOngoingService:
                return AdultPlan(r, age, AdultStory.NoOngoingService, ehc: 0.35, cin: 0.6, care: 0.2, known: 0.85, disabled: false);
            case Segment.LikelyAdultCare:
                var adult = age == 17 && r.Chance(0.5) ? AdultStory.TransitionRequest : AdultStory.None;
                var care = r.Chance(0.35) ? CareStory.ShortBreaks : r.Chance(0.05) ? CareStory.Former : CareStory.None;
                var disabled = care == CareStory.ShortBreaks || r.Chance(0.85);
                return new(care, EhcStory.Current, disabled, disabled, false, adult, false);
            case Segment.ShortBreaks:
                return new(CareStory.ShortBreaks, r.Chance(0.7) ? EhcStory.Current : EhcStory.None, true, true, false, AdultStory.None, false);
            case Segment.EhcPlan:
                var withCin = r.Chance(0.2);
                return new(r.Chance(0.04) ? CareStory.Former : CareStory.None, EhcStory.Current, withCin, withCin && r.Chance(0.4), false, AdultStory.None, false);
            case Segment.FormerEhc:
                return new(r.Chance(0.05) ? CareStory.Former : CareStory.None, r.Chance(0.6) ? EhcStory.Ceased : EhcStory.Refused, r.Chance(0.25), false, false, AdultStory.None, false);
            case Segment.FormerlyLookedAfter:
                var formerEhc = age >= 10 && r.Chance(0.1) ? EhcStory.Ceased : age >= 5 && r.Chance(0.05) ? EhcStory.Refused : EhcStory.None;
                return new(CareStory.Former, formerEhc, true, false, r.Chance(0.06), AdultStory.None, false);
            default:
                return new(CareStory.None, EhcStory.None, true, r.Chance(0.03), false, AdultStory.None, false);
        }
    }

    /// <summary>
    /// A young adult with one of the childhood profiles that often lead to adult care. Whether it did is decided from
    /// their childhood records by <see cref="DemoAdultCareProcess"/>; only those unknown to children's services come to
    /// adult care straight away (Dorset: 6% of transitions referrals were not known to children's services or education).
    /// </summary>
    private static Involvement AdultPlan(DemoRandom r, int age, AdultStory adult, double ehc, double cin, double care, double known, bool disabled)
    {
        if (!r.Chance(known)) return new(CareStory.None, EhcStory.None, false, false, false, adult, false);
        var withEhc = r.Chance(ehc);
        // An EHC plan ends before the 26th birthday (Children and Families Act 2014 s.46).
        var current = withEhc && age <= 25 && r.Chance(age <= 22 ? 0.5 : 0.2);
        var withCare = r.Chance(care);
        var withCin = r.Chance(cin) || (!withEhc && !withCare);
        return new(
            withCare ? CareStory.Former : CareStory.None,
            withEhc ? (current ? EhcStory.Current : EhcStory.Ceased) : EhcStory.None,
            withCin,
            disabled && withCin,
            false,
            AdultStory.None,
            false);
    }

    private static void ChooseWhoTheyAre(PersonLife person, Involvement plan, DemoRandom r, DemoRandom household)
    {
        var learningDisabilityLikely = person.Segment is Segment.AdultLearningDisability or Segment.LikelyAdultCare or Segment.ShortBreaks;
        person.Sex = r.Chance(learningDisabilityLikely ? 0.66 : plan.Uasc ? 0.9 : 0.52) ? 'M' : 'F';
        person.Forename = r.Pick(person.Sex == 'M' ? NameLists.MaleFirstNames : NameLists.FemaleFirstNames);
        person.Surname = household.Pick(NameLists.Surnames);
        person.Postcode = SyntheticIdentifiers.HomePostcode(household);
        person.Ethnicity = DemoCodes.Ethnicity.Pick(household);
        if (plan.Uasc) person.Ethnicity = DemoCodes.UascEthnicity.Pick(r);
    }

    private void ChooseNeeds(PersonLife person, Involvement plan, DemoRandom r)
    {
        var age = person.AgeOn(_context.AsOf);
        var table = person.Segment switch
        {
            Segment.LookedAfterWithPlan => DemoCodes.NeedLookedAfter,
            Segment.AdultLearningDisability => DemoCodes.NeedAdultLearningDisability,
            Segment.AdultMentalHealth => DemoCodes.NeedAdultMentalHealth,
            Segment.AdultPhysicalOrSensory => DemoCodes.NeedAdultPhysical,
            Segment.LikelyAdultCare or Segment.ShortBreaks => DemoCodes.NeedSevere,
            Segment.EhcPlan => age < 18 ? DemoCodes.NeedCurrentChild : DemoCodes.NeedCurrentAdult,
            _ => DemoCodes.NeedMild,
        };
        var need = table.Pick(r);
        var hasNeedProfile = plan.Ehc != EhcStory.None || plan.Disabled || person.Segment is Segment.AdultLearningDisability
            or Segment.AdultMentalHealth or Segment.AdultPhysicalOrSensory;
        if (hasNeedProfile)
        {
            if (plan.Ehc is EhcStory.None && person.Segment is Segment.ChildInNeed or Segment.LookedAfter) need = r.Pick(["SEMH", "SLCN", "ASD", "MLD"]);
            person.PrimaryNeed = need;
            if (r.Chance(0.45))
            {
                var second = r.Pick(DemoCodes.SecondaryNeeds);
                if (second != need) person.SecondaryNeed = second;
            }
        }

        person.LearningDisability = person.Segment == Segment.AdultLearningDisability
            || need is "SLD" or "PMLD" or "DS" or "MLD" && hasNeedProfile
            || (need == "ASD" && hasNeedProfile && person.Segment is Segment.LikelyAdultCare or Segment.ShortBreaks && r.Chance(0.6));

        var severe = need is "SLD" or "PMLD" or "MSI" or "DS" || (need == "ASD" && person.LearningDisability);
        person.LikelyToNeedAdultCare = age is >= 14 and <= 17
            && (person.Segment == Segment.LikelyAdultCare || (person.Segment == Segment.LookedAfterWithPlan && severe));

        if (plan.Disabled || (plan.ChildInNeed && severe && hasNeedProfile)) AddDisabilities(person, r);
    }

    private static void AddDisabilities(PersonLife person, DemoRandom r)
    {
        var codes = person.Disabilities;
        if (person.LearningDisability) codes.Add("LD");
        switch (person.PrimaryNeed)
        {
            case "ASD": codes.Add("AUT"); if (r.Chance(0.5)) codes.Add("COMM"); if (r.Chance(0.3)) codes.Add("BEH"); break;
            case "PMLD": codes.AddRange(["MOB", "HAND", "PC", "INC", "COMM"]); break;
            case "SLD": codes.Add("COMM"); if (r.Chance(0.4)) codes.Add("PC"); if (r.Chance(0.3)) codes.Add("INC"); break;
            case "PD": codes.Add("MOB"); if (r.Chance(0.5)) codes.Add("HAND"); if (r.Chance(0.3)) codes.Add("PC"); break;
            case "HI": codes.Add("HEAR"); break;
            case "VI": codes.Add("VIS"); break;
            case "MSI": codes.AddRange(["HEAR", "VIS"]); break;
            case "SEMH": codes.Add(r.Chance(0.6) ? "BEH" : "CON"); break;
            case "SLCN": codes.Add("COMM"); break;
            case "DS": codes.Add("COMM"); if (r.Chance(0.3)) codes.Add("CON"); break;
            default: break;
        }
        if (codes.Count == 0) codes.Add(r.Pick(["BEH", "COMM", "CON", "DDA"]));
    }

    private static Weighted<int> Ages(params (int From, int To, double Weight)[] ranges)
    {
        var entries = new List<(int, double)>();
        foreach (var (from, to, weight) in ranges)
        {
            for (var age = from; age <= to; age++) entries.Add((age, weight));
        }
        return new Weighted<int>([.. entries]);
    }
}
