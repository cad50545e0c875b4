namespace Waypoint.Core.Demo;

/// <summary>
/// The part of a council's population a person belongs to: it decides which services know
/// them and shapes the rest of their story. Each segment is sized from the figures in
/// domain.md (Leicester and Dorset) for a council of about 12,000 known young people aged 0 to
/// 25, with the adults of 26 to 30 those segments grow into (about 1,800 more).
/// </summary>
internal enum Segment
{
    /// <summary>Looked after on the as-of date and holding an EHC plan (Leicester: 124).</summary>
    LookedAfterWithPlan,

    /// <summary>Looked after on the as-of date, no current EHC plan (Leicester: 591 looked after in all).</summary>
    LookedAfter,

    /// <summary>
    /// Aged 18-30 with a learning disability profile in childhood; about 7 in 10 reach long-term adult care by the known
    /// process (<see cref="DemoAdultCareProcess"/>), which with a few from other segments gives Dorset's 172 aged 18-25 with a current service.
    /// </summary>
    AdultLearningDisability,

    /// <summary>Aged 18-30 with a mental health profile in childhood (most adults with mental health support come from other segments, mainly care leavers).</summary>
    AdultMentalHealth,

    /// <summary>Aged 18-30 with a physical or sensory profile in childhood.</summary>
    AdultPhysicalOrSensory,

    /// <summary>Aged 18-30, asked adult social care for help; mostly no ongoing service (the process decides).</summary>
    AdultNoOngoingService,

    /// <summary>Aged 14-17 and likely to need adult care (Dorset: 143 a year).</summary>
    LikelyAdultCare,

    /// <summary>Disabled children aged 6-13 having regular short breaks (903 V3/V4).</summary>
    ShortBreaks,

    /// <summary>A current EHC plan (Leicester: about 1,800 aged 0-25 in all).</summary>
    EhcPlan,

    /// <summary>An EHC plan that ended, or a request that did not lead to one.</summary>
    FormerEhc,

    /// <summary>Looked after in the past, not now (adopted, returned home, care leavers).</summary>
    FormerlyLookedAfter,

    /// <summary>Known to children's social care as a child in need only.</summary>
    ChildInNeed,
}

/// <summary>
/// Assigns each person index to a segment so that segment sizes are exact rather than left
/// to chance: a Weyl sequence (index times the golden ratio, mod 1) spreads the indexes evenly
/// over [0, 1), and each segment owns a slice of that interval. The position inside the slice
/// is also evenly spread, which lets a segment split its members exactly too (cost bands).
/// </summary>
internal sealed class DemoPopulation
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    // People per segment in a Council-sized demo; other sizes scale these. The segments with adults (their ages are
    // LifeSimulator's) hold as many aged 0-25 as when the demo stopped at 25 (458 young adults, 700 with a former
    // plan, 1,300 formerly looked after, 7,362 children in need), and those of 26-30 on top.
    private static readonly (Segment Segment, int People)[] CouncilPlan =
    [
        (Segment.LookedAfterWithPlan, 124),
        (Segment.LookedAfter, 466),
        (Segment.AdultLearningDisability, 347),
        (Segment.AdultMentalHealth, 45),
        (Segment.AdultPhysicalOrSensory, 149),
        (Segment.AdultNoOngoingService, 143),
        (Segment.LikelyAdultCare, 130),
        (Segment.ShortBreaks, 40),
        (Segment.EhcPlan, 1420),
        (Segment.FormerEhc, 923),
        (Segment.FormerlyLookedAfter, 1706),
        (Segment.ChildInNeed, 8307),
    ];

    public const int CouncilPeople = 13_800;

    private readonly ulong[] _upperBounds;
    private readonly ulong _offset;

    public static int PeopleFor(DemoSize size) => size switch
    {
        DemoSize.Small => 2_300,
        DemoSize.Council => CouncilPeople,
        DemoSize.National => 1_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown demo size."),
    };

    public DemoPopulation(int people, int seed)
    {
        if (people < 1) throw new ArgumentOutOfRangeException(nameof(people), people, "A demo council needs at least one person.");
        People = people;
        var total = CouncilPlan.Sum(s => (double)s.People);
        if ((int)total != CouncilPeople) throw new InvalidOperationException("The council plan must add up to its people.");
        _upperBounds = new ulong[CouncilPlan.Length];
        var cumulative = 0.0;
        for (var i = 0; i < CouncilPlan.Length; i++)
        {
            cumulative += CouncilPlan[i].People;
            _upperBounds[i] = i == CouncilPlan.Length - 1 ? ulong.MaxValue : (ulong)(cumulative / total * 18446744073709551615.0);
        }
        _offset = DemoRandom.SplitMix((ulong)(uint)seed ^ 0x504F_5055_4C41_5449UL);
    }

    /// <summary>Distinct people in the demo; every one appears in at least one file.</summary>
    public int People { get; }

    /// <summary>The person's segment and their position inside it, evenly spread over [0, 1).</summary>
    public (Segment Segment, double Position) SegmentOf(int index)
    {
        var point = unchecked((ulong)index * Golden + _offset);
        var lower = 0UL;
        for (var i = 0; i < _upperBounds.Length; i++)
        {
            if (point < _upperBounds[i] || i == _upperBounds.Length - 1)
            {
                var position = (double)(point - lower) / ((double)(_upperBounds[i] - lower) + 1.0);
                return (CouncilPlan[i].Segment, Math.Clamp(position, 0.0, 0.999999));
            }
            lower = _upperBounds[i];
        }
        throw new InvalidOperationException("Unreachable: the last segment takes every remaining point.");
    }
}
