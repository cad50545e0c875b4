using Waypoint.Forecasting.Likelihood;

namespace Waypoint.Core.Demo;

/// <summary>
/// The known process by which the demo council's young people reach long-term adult social care (issue 9, point 2), so
/// tests can check that fitting the likelihood model recovers it. For everyone whose 18th birthday has passed and whom
/// children's services knew, whether long-term adult social care started within a year of 18 (the likelihood's label,
/// <see cref="LikelihoodOutcome"/>) is drawn from a logistic model on what the demo's files show of their childhood
/// (<see cref="Features"/>); the young people of 14-17 get their features the same way, their outcome is still to come.
/// Those not in care by 19 may still enter later (<see cref="LaterEntryShare"/>), and some young adults reach adult care
/// with no childhood records at all (Dorset: 6% of referrals), outside this process, at any age from 18 to 25 alike.
/// <para>
/// Only features that the files show alike for a 23-year-old and a 15-year-old are used. The SEN2 census names an EHC
/// plan's primary need only on a current plan, so for the many young adults whose plan has ceased it is not in the files;
/// the placement costs sheet covers only the finance system's last three years. Neither is used.
/// </para>
/// </summary>
public static class DemoAdultCareProcess
{
    /// <summary>
    /// Log-odds for a young person known to children's services with none of the features: about 1 in 100 (a child in
    /// need, or with a plan that ended, rarely needs long-term care at 18).
    /// </summary>
    public const double Intercept = -4.8;

    /// <summary>
    /// Each feature's known effect on the log-odds, by <see cref="LikelihoodFeatures"/> code; a feature not listed has none.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> KnownEffects = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // An EHC plan (SEN2 named plan started before 16): needs lasting beyond school, but most with one do not need adult care.
        [LikelihoodFeatures.EhcPlan] = 1.4,
        // A learning disability (CIN disability LD) is the largest support reason among 18-25s in care (Dorset: 172).
        [LikelihoodFeatures.CinDisability("LD")] = 4.0,
        // Help with personal care is itself an eligible need (Care Act eligibility regulations 2015, reg. 2(2)(a)-(c)).
        [LikelihoodFeatures.CinDisability("PC")] = 1.3,
        // Mobility: a physical disability that lasts into adulthood (the route to physical support).
        [LikelihoodFeatures.CinDisability("MOB")] = 1.5,
        // Autism adds a little on top of the learning disability or plan that usually comes with it.
        [LikelihoodFeatures.CinDisability("AUT")] = 0.6,
        // Care leavers reach adult care, mostly for mental health support, more often than their peers.
        [LikelihoodFeatures.LookedAfterEver] = 1.0,
        // A residential school placement (903 S1) marks needs no day school could meet.
        [LikelihoodFeatures.ResidentialSchool] = 1.0,
        // A children's home (903 K2) rather than a family: more complex needs or behaviour.
        [LikelihoodFeatures.ChildrensHome] = 0.6,
    };

    /// <summary>
    /// For someone not in long-term care by a year after 18: the chance of entering in each later year of age (19 to 25)
    /// is this share of their process probability, so late entrants are mostly those who nearly went at 18.
    /// </summary>
    public const double LaterEntryShare = 0.1;

    /// <summary>The process's log-odds for a set of features (codes as <see cref="KnownEffects"/>; a missing code is 0).</summary>
    public static double LogOdds(IReadOnlyDictionary<string, double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var logOdds = Intercept;
        foreach (var (code, effect) in KnownEffects) logOdds += effect * features.GetValueOrDefault(code);
        return logOdds;
    }

    /// <summary>The process's probability of long-term adult social care within a year of 18.</summary>
    public static double Probability(IReadOnlyDictionary<string, double> features) => 1.0 / (1.0 + Math.Exp(-LogOdds(features)));

    /// <summary>
    /// The features of <see cref="KnownEffects"/> as the demo's files show them (1 where it applies; others left out):
    /// <list type="bullet">
    /// <item>ehc-plan: a SEN2 NamedPlan whose StartDate is before the 16th birthday (ceased plans are in the file too);</item>
    /// <item>cin-disability:X: the CIN census ChildCharacteristics/Disabilities of a child in the CIN file;</item>
    /// <item>looked-after:ever, placement:residential-school (S1), placement:childrens-home (K2): a 903 episode starting
    /// before the 16th birthday, short breaks (legal status V3/V4, which are K2 or U6 stays of a few nights) left out.</item>
    /// </list>
    /// </summary>
    internal static Dictionary<string, double> Features(PersonLife p)
    {
        var sixteen = p.Birthday(16);
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        if (p.SenRequests.Exists(r => r.Assessment?.Plan is { } plan && plan.Start < sixteen)) features[LikelihoodFeatures.EhcPlan] = 1;
        if (p.InCin)
        {
            foreach (var code in p.Disabilities) features[LikelihoodFeatures.CinDisability(code)] = 1;
        }
        var care = p.Episodes.Where(e => e.LegalStatus is not ("V3" or "V4") && e.Start < sixteen).ToList();
        if (care.Count > 0) features[LikelihoodFeatures.LookedAfterEver] = 1;
        if (care.Exists(e => e.Placement == "S1")) features[LikelihoodFeatures.ResidentialSchool] = 1;
        if (care.Exists(e => e.Placement == "K2")) features[LikelihoodFeatures.ChildrensHome] = 1;
        return features;
    }

    /// <summary>
    /// Decides a young adult's adult social care from their childhood as simulated (the plan's adult story is still
    /// None): within a year of 18 with the process's probability, else perhaps later, else perhaps a request that led to
    /// no ongoing service. Draws from the person's own stream, so nobody else's life changes it.
    /// </summary>
    internal static Involvement Decide(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        var turns18 = p.Birthday(18);
        var latestRequest = c.AsOf.AddDays(-150);
        if (turns18 > c.AsOf) return plan;
        if (!(p.In903 || p.InCin || p.InSen2))
        {
            if (plan.Adult is not (AdultStory.LearningDisability or AdultStory.MentalHealth or AdultStory.PhysicalOrSensory)) return plan;
            // Unknown to children's services: the request comes at any age from 18 to 25 alike (leaving time to assess and
            // start before 26); one still to come is not in any file yet, so the young adult is not in the demo.
            var request = r.DateBetween(turns18.AddDays(30), p.Birthday(26).AddDays(-200));
            return request > latestRequest ? plan with { Adult = AdultStory.None } : plan with { Entry = new AdultEntry(false, request, request) };
        }
        if (plan.Adult != AdultStory.None) return plan;
        var probability = Probability(Features(p));
        var story = p.Segment switch
        {
            Segment.AdultLearningDisability => AdultStory.LearningDisability,
            Segment.AdultMentalHealth => AdultStory.MentalHealth,
            Segment.AdultPhysicalOrSensory => AdultStory.PhysicalOrSensory,
            _ => StoryByNeeds(p),
        };
        if (r.Chance(probability))
        {
            // Most with a learning disability are planned for before 18 (Dorset); mental health support more often starts from a crisis.
            var transition = r.Chance(story switch
            {
                AdultStory.LearningDisability => 0.9,
                AdultStory.PhysicalOrSensory => 0.6,
                _ => 0.3,
            }) || turns18.AddDays(7) > latestRequest;
            // A request up to 150 days after 18 still gives a service within the year (assessment and planning take up to 210).
            var entry = transition
                ? new AdultEntry(true, turns18.AddDays(-275), DemoDates.Min(turns18.AddDays(-30), latestRequest))
                : new AdultEntry(false, turns18.AddDays(7), DemoDates.Min(turns18.AddDays(150), latestRequest));
            // Care leavers with a learning disability often move from care at 18 straight into adult residential care (903 E7).
            var last = p.Episodes.Count > 0 ? p.Episodes[^1] : null;
            var leftCareAt18 = last is { End: { } end, Rec: not "E17" } && end == turns18 && last.LegalStatus is not ("V3" or "V4");
            var residential = story == AdultStory.LearningDisability && leftCareAt18 && r.Chance(0.7);
            HandOver(p, residential, turns18);
            return plan with { Adult = story, Entry = entry, ResidentialAdultCareAt18 = residential };
        }
        for (var age = 19; age <= 25; age++)
        {
            var from = p.Birthday(age);
            if (from > latestRequest) break;
            if (r.Chance(LaterEntryShare * probability))
            {
                var entry = new AdultEntry(false, from, DemoDates.Min(p.Birthday(age + 1).AddDays(-1), latestRequest));
                return plan with { Adult = story, Entry = entry };
            }
        }
        // Asked adult social care for help but no ongoing service: the segment for it, and some others with a need profile.
        var asked = p.Segment == Segment.AdultNoOngoingService
            || (p.Segment is Segment.AdultLearningDisability or Segment.AdultMentalHealth or Segment.AdultPhysicalOrSensory && r.Chance(0.5));
        return asked ? plan with { Adult = AdultStory.NoOngoingService, Entry = new AdultEntry(r.Chance(0.4), turns18, turns18) } : plan;
    }

    /// <summary>The support reason a young person's childhood needs point to.</summary>
    internal static AdultStory StoryByNeeds(PersonLife p) =>
        p.LearningDisability ? AdultStory.LearningDisability
        : p.PrimaryNeed is "PD" or "PMLD" or "MSI" or "HI" or "VI" ? AdultStory.PhysicalOrSensory
        : AdultStory.MentalHealth;

    /// <summary>
    /// What children's services recorded when the young person moved on to adult care at 18: the disabled children's
    /// referral closed as "transferred to adult social care" (CIN RC6), and a move into adult residential care (903 E7).
    /// </summary>
    private static void HandOver(PersonLife p, bool residential, DateOnly turns18)
    {
        foreach (var referral in p.Referrals.Where(x => x.DisabledChildrenTeam && x.ClosureReason == "RC7")) referral.ClosureReason = "RC6";
        if (!residential) return;
        var last = p.Episodes[^1];
        if (last.End != turns18) return;
        last.Rec = "E7";
        if (p.CareLeaver is { InTouch: "YES" } contact) p.CareLeaver = contact with { Accommodation = "C" + contact.Accommodation[1..] };
    }
}

/// <summary>How a young adult's adult social care began: through planned transition or not, with the request between two dates.</summary>
internal sealed record AdultEntry(bool Transition, DateOnly RequestFrom, DateOnly RequestTo);
