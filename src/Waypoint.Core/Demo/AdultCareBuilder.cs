using System.Globalization;

namespace Waypoint.Core.Demo;

/// <summary>
/// Builds what adult social care recorded (CLD): requests, Care Act assessments, services with
/// weekly costs, and reviews. Only events in the five years before the as-of date are kept,
/// plus services still running, as a CLD extract would hold.
/// </summary>
internal static class AdultCareBuilder
{
    /// <summary>Dorset, November 2020: adults 18-25 with a learning disability by weekly cost band (domain.md).</summary>
    private static readonly (decimal From, decimal To, int People)[] LearningDisabilityCostBands =
    [
        (15m, 99.99m, 23), (100m, 299.99m, 43), (300m, 499.99m, 25), (500m, 799.99m, 21),
        (800m, 999.99m, 6), (1000m, 1999.99m, 27), (2000m, 9000m, 27),
    ];

    private const string Transition = "Planned entry (Transition)";
    private const string Community = "Community or other route";

    public static void Build(PersonLife p, Involvement plan, double position, DemoRandom r, DemoContext c)
    {
        if (plan.Adult == AdultStory.None) return;
        var care = new AdultCare
        {
            Employment = DemoCodes.EmploymentStatus.Pick(r),
            UnpaidCarer = r.Chance(0.55) ? "Yes" : r.Chance(0.8) ? "No" : "Unknown",
            GpPracticeCode = "Y9" + r.Between(1000, 1060).ToString(CultureInfo.InvariantCulture),
            FundingStatus = DemoCodes.FundingStatus.Pick(r),
            Autism = p.PrimaryNeed == "ASD",
            VisualImpairment = p.PrimaryNeed is "VI" or "MSI",
            HearingImpairment = p.PrimaryNeed is "HI" or "MSI",
        };
        care.GpPracticeName = "Demo Medical Practice " + care.GpPracticeCode[2..];
        var events = new List<CldEvent>();
        switch (plan.Adult)
        {
            case AdultStory.LearningDisability:
                care.SupportReason = DemoCodes.LearningDisabilitySupport;
                // Dorset's cost bands by position in the segment (exact shares); others entering draw a position.
                var band = p.Segment == Segment.AdultLearningDisability ? position : r.NextDouble();
                LongTermSupport(p, care, plan, r, c, events, LearningDisabilityCost(band, r));
                break;
            case AdultStory.MentalHealth:
                care.SupportReason = DemoCodes.MentalHealthSupport;
                LongTermSupport(p, care, plan, r, c, events, Money(r, 100m, 900m));
                break;
            case AdultStory.PhysicalOrSensory:
                care.SupportReason = DemoCodes.PhysicalOrSensorySupport.Pick(r);
                LongTermSupport(p, care, plan, r, c, events, Money(r, 150m, 1200m));
                break;
            case AdultStory.NoOngoingService:
                care.SupportReason = DemoCodes.NoServiceSupportReason.Pick(r);
                NoOngoingService(p, r, c, events, plan.Entry?.Transition ?? false);
                break;
            default:
                care.SupportReason = p.LearningDisability ? DemoCodes.LearningDisabilitySupport
                    : p.PrimaryNeed is "PD" or "PMLD" or "MSI" ? "Physical support: Personal care support" : DemoCodes.MentalHealthSupport;
                TransitionRequest(p, r, c, events);
                break;
        }
        var residential = events.Exists(e => e.End is null && e.ServiceType is "Long term support: Residential care" or "Long term support: Nursing care");
        care.Accommodation = residential ? "Registered care home" : DemoCodes.AccommodationStatus.Pick(r);
        care.Events.AddRange(events.Where(e => (e.End ?? c.AsOf) >= c.CldWindowStart && e.Start <= c.AsOf).OrderBy(e => e.Start));
        p.Adult = care;
    }

    /// <summary>A cost in the Dorset band that this person's position in the segment falls in: band sizes come out exact.</summary>
    private static decimal LearningDisabilityCost(double position, DemoRandom r)
    {
        var total = LearningDisabilityCostBands.Sum(b => b.People);
        var cumulative = 0;
        foreach (var (from, to, people) in LearningDisabilityCostBands)
        {
            cumulative += people;
            if (position < (double)cumulative / total)
            {
                // The top band is open-ended: most packages sit near 2,000-5,000, a few far above.
                if (from >= 2000m) return Math.Min(to, 2000m + (decimal)Math.Round(r.ExponentialDays(2200) + r.NextDouble(), 2));
                return Money(r, from, to);
            }
        }
        return Money(r, 2000m, 5000m);
    }

    private static decimal Money(DemoRandom r, decimal from, decimal to) =>
        Math.Round(from + ((to - from) * (decimal)r.NextDouble()), 2);

    /// <summary>
    /// Long-term support from a request in the plan's entry window (<see cref="DemoAdultCareProcess"/>); with no window
    /// (a young adult unknown to children's services) the request comes after 18 by the community route.
    /// </summary>
    private static void LongTermSupport(PersonLife p, AdultCare care, Involvement plan, DemoRandom r, DemoContext c, List<CldEvent> events, decimal weeklyCost)
    {
        var latestRequest = c.AsOf.AddDays(-150);
        var entry = plan.Entry ?? new AdultEntry(false, p.Birthday(18).AddDays(30), latestRequest);
        var transition = entry.Transition;
        if (!transition && entry.RequestFrom > latestRequest) transition = true;
        var requestDate = transition && plan.Entry is null
            ? r.DateBetween(p.Birthday(17).AddDays(90), DemoDates.Min(p.Birthday(18).AddDays(-30), latestRequest))
            : r.DateBetween(entry.RequestFrom, DemoDates.Min(entry.RequestTo, latestRequest));
        events.Add(new CldEvent
        {
            Type = "Request",
            Start = requestDate,
            End = requestDate,
            Description = "Request for support",
            RouteOfAccess = transition ? Transition : Community,
            Outcome = "Progress to assessment, review or reassessment",
        });
        var assessmentStart = requestDate.AddDays(r.Between(14, 60));
        var assessmentEnd = DemoDates.Min(assessmentStart.AddDays(r.Between(14, 90)), c.AsOf.AddDays(-30));
        events.Add(Assessment(r, assessmentStart, assessmentEnd, eligible: true));

        var serviceStart = transition ? DemoDates.Max(p.Birthday(18), assessmentEnd.AddDays(7)) : assessmentEnd.AddDays(r.Between(14, 60));
        serviceStart = DemoDates.Min(serviceStart, c.AsOf.AddDays(-7));
        care.LongTermFrom = serviceStart;
        if (serviceStart.DayNumber + 400 < c.AsOf.DayNumber && r.Chance(0.35))
        {
            // The first package was smaller; it changed to the current one later, within CLD's five years, so the
            // extract still shows when long-term support began.
            var change = r.DateBetween(DemoDates.Max(serviceStart.AddDays(180), c.CldWindowStart), c.AsOf.AddDays(-60));
            events.Add(Service(p, plan, r, serviceStart, change, Math.Round(weeklyCost * (decimal)(0.6 + (0.35 * r.NextDouble())), 2)));
            serviceStart = change;
        }
        events.Add(Service(p, plan, r, serviceStart, null, weeklyCost));

        for (var review = serviceStart.AddDays(r.Between(300, 400)); review < c.AsOf; review = review.AddDays(r.Between(330, 400)))
        {
            events.Add(new CldEvent
            {
                Type = "Review",
                Start = review,
                End = review,
                Description = "Planned review",
                ReviewReason = "Planned",
                ReviewOutcomes = r.Chance(0.6) ? "Fully achieved" : "Partially achieved",
                MethodOfReview = r.Chance(0.8) ? "Face to face" : "Video call",
                Outcome = "Continuation of support or services",
            });
        }
    }

    private static CldEvent Assessment(DemoRandom r, DateOnly start, DateOnly? end, bool? eligible) => new()
    {
        Type = "Assessment",
        Start = start,
        End = end,
        Description = "Care Act needs assessment",
        AssessmentType = "Long term support needs assessment",
        EligibleNeeds = eligible switch { true => "Yes", false => "No", null => null },
        MethodOfAssessment = r.Pick(["Face to face", "Face to face", "Video call", "Telephone"]),
        Outcome = eligible switch
        {
            true => "Progress to support planning or services",
            false => "NFA: Information and advice or signposting",
            null => null,
        },
    };

    private static CldEvent Service(PersonLife p, Involvement plan, DemoRandom r, DateOnly start, DateOnly? end, decimal weeklyCost)
    {
        string type, component, delivery;
        if (plan.ResidentialAdultCareAt18 || (weeklyCost >= 2000m && r.Chance(0.45)))
        {
            var nursing = weeklyCost >= 3500m && p.PrimaryNeed is "PMLD" && r.Chance(0.5);
            type = nursing ? "Long term support: Nursing care" : "Long term support: Residential care";
            component = nursing ? "Nursing care" : "Residential care";
            delivery = "CASSR commissioned support";
        }
        else
        {
            type = "Long term support: Community";
            component = DemoCodes.CommunityComponent.Pick(r);
            delivery = component == "Direct payment" ? "Direct payment" : r.Chance(0.7) ? "CASSR commissioned support" : "CASSR managed personal budget";
        }
        var provider = r.Between(1, 40);
        return new CldEvent
        {
            Type = "Service",
            Start = start,
            End = end,
            Description = component,
            ServiceType = type,
            ServiceComponent = component,
            DeliveryMechanism = delivery,
            ProviderName = component == "Direct payment" ? null : "Demo Care Provider " + provider.ToString(CultureInfo.InvariantCulture),
            ProviderId = component == "Direct payment" ? null : "1-9" + (100000 + (provider * 7919)).ToString(CultureInfo.InvariantCulture),
            WeeklyCost = weeklyCost,
        };
    }

    private static void NoOngoingService(PersonLife p, DemoRandom r, DemoContext c, List<CldEvent> events, bool transition)
    {
        var from = DemoDates.Max(c.CldWindowStart, transition ? p.Birthday(17).AddDays(180) : p.Birthday(18));
        var to = c.AsOf.AddDays(-60);
        if (from > to) from = to.AddDays(-30);
        var requestDate = r.DateBetween(from, to);
        var roll = r.NextDouble();
        var nfa = roll < 0.4;
        events.Add(new CldEvent
        {
            Type = "Request",
            Start = requestDate,
            End = requestDate,
            Description = "Request for support",
            RouteOfAccess = transition ? Transition : Community,
            Outcome = nfa ? "NFA: Information and advice or signposting" : "Progress to assessment, review or reassessment",
        });
        if (nfa) return;
        var assessmentStart = requestDate.AddDays(r.Between(7, 40));
        var assessmentEnd = DemoDates.Min(assessmentStart.AddDays(r.Between(7, 60)), c.AsOf.AddDays(-1));
        var eligible = roll >= 0.8;
        events.Add(Assessment(r, assessmentStart, assessmentEnd, eligible));
        if (!eligible) return;
        // Short-term help that has ended: known to adult care, but no ongoing service.
        var serviceStart = DemoDates.Min(assessmentEnd.AddDays(r.Between(3, 20)), c.AsOf.AddDays(-2));
        var serviceEnd = DemoDates.Min(serviceStart.AddDays(r.Between(14, 120)), c.AsOf.AddDays(-1));
        var shortTerm = r.Chance(0.5) ? "Short term support: Other short term" : "Short term support: Ongoing low level";
        events.Add(new CldEvent
        {
            Type = "Service",
            Start = serviceStart,
            End = serviceEnd,
            Description = "Short-term support",
            ServiceType = shortTerm,
            ServiceComponent = "Home care or home support",
            DeliveryMechanism = "CASSR commissioned support",
            ProviderName = "Demo Care Provider 3",
            ProviderId = "1-9123757",
            WeeklyCost = Money(r, 50m, 400m),
        });
    }

    /// <summary>Aged 17: a transition request already made, sometimes with the assessment under way.</summary>
    private static void TransitionRequest(PersonLife p, DemoRandom r, DemoContext c, List<CldEvent> events)
    {
        var requestDate = r.DateBetween(DemoDates.Max(p.Birthday(17), c.AsOf.AddDays(-300)), c.AsOf.AddDays(-1));
        events.Add(new CldEvent
        {
            Type = "Request",
            Start = requestDate,
            End = requestDate,
            Description = "Request for support",
            RouteOfAccess = Transition,
            Outcome = "Progress to assessment, review or reassessment",
        });
        var assessmentStart = requestDate.AddDays(r.Between(14, 60));
        if (assessmentStart < c.AsOf && r.Chance(0.5)) events.Add(Assessment(r, assessmentStart, null, eligible: null));
    }
}
