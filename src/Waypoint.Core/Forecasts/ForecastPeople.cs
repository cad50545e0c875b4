using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Demand;
using Waypoint.Forecasting.Likelihood;

namespace Waypoint.Core.Forecasts;

/// <summary>
/// The council's linked history as the forecasting models see it (issue 9): for each young person aged 7 to 31 on the
/// day, and anyone older who reached adult care, with a date of birth, what was known of them by 16 (<see cref="LikelihoodFeatures"/>), their
/// need group, whether children's services knew them, their first long-term adult social care, and where they were
/// at 16, 18, 21 and 25 as far as the council's records show. The statutory clock's facts (<see cref="ClockFacts"/>)
/// give most of it; adult care and care leavers' activity are read here.
/// </summary>
public static class ForecastPeople
{
    /// <summary>The oldest age the models forecast for: the cost-band table's young adults and the roadmap end at 25.</summary>
    public const int OldestAge = 25;

    /// <summary>
    /// Past 25 the history keeps everyone to this age, whether or not they reached adult care: the demand backtest
    /// forecasts from up to six years back (<see cref="DemandBacktest"/>), when they were 25 or under and could still
    /// start. Older people are kept only if they reached adult care (as past entrants).
    /// </summary>
    public const int OldestInHistory = OldestAge + 6;

    /// <summary>
    /// The youngest: those whose 18th birthday can fall in the last year of the longest forecast (ten years). The
    /// likelihood is shown from 14 (Year 9 planning); younger children count only in the demand forecast's later years.
    /// </summary>
    public const int YoungestAge = 7;

    private const string LongTermSupport = "Long term support:";

    public static async Task<IReadOnlyList<ForecastPerson>> LoadAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policy);
        var facts = await ClockFacts.LoadAsync(db, council, cancellationToken);
        var links = db.RecordLinks.Where(l => l.CouncilCode == council);
        var children = (await links.Join(db.SourceRecords.Where(r => r.Format == SourceFormat.Ssda903 || r.Format == SourceFormat.Cin || r.Format == SourceFormat.Sen2),
                l => l.SourceRecordId, r => r.Id, (l, r) => l.PersonId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var services = (await db.AdultCareEvents.AsNoTracking()
                .Where(e => e.CouncilCode == council && e.EventType == "Service" && e.ServiceType != null && e.ServiceType.StartsWith(LongTermSupport))
                .Join(links, e => e.SourceRecordId, l => l.SourceRecordId, (e, l) => new AdultService(
                    l.PersonId, e.StartDate, e.EndDate, e.ServiceType!, e.ServiceComponent, e.PrimarySupportReason, e.WeeklyCost, e.AccommodationStatus))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.PersonId);
        var activities = (await CareLeaverMeasures.ContactsAsync(db, council, cancellationToken)).ToLookup(c => c.PersonId);

        var people = new List<ForecastPerson>();
        foreach (var person in facts.Values)
        {
            if (person.DateOfBirth is not { } born) continue;
            var age = Age.On(born, asOf, policy.LeapDayBirthdays);
            if (age < YoungestAge) continue;
            var known = children.Contains(person.PersonId);
            var theirServices = services[person.PersonId].OrderBy(s => s.Start).ToList();
            if (age > OldestInHistory && theirServices.Count == 0) continue;
            var features = Features(person, policy, asOf, DateMin(asOf, policy.Turns(born, 16)), child: age < 18);
            var care = theirServices.Count == 0 ? null : FirstCare(theirServices);
            people.Add(new ForecastPerson(person.PersonId, born, features, NeedGroup(person.EhcPrimaryNeed, person.Disabilities, care?.PrimarySupportReason),
                known, care, Routes(person, policy, asOf, theirServices, activities[person.PersonId])));
        }
        return people;
    }

    private sealed record AdultService(
        long PersonId, DateOnly Start, DateOnly? End, string ServiceType, string? Component, string? PrimarySupportReason, decimal? WeeklyCost, string? Accommodation)
    {
        public bool Residential => ServiceType.Contains("Residential", StringComparison.OrdinalIgnoreCase) || ServiceType.Contains("Nursing", StringComparison.OrdinalIgnoreCase);

        public bool CurrentOn(DateOnly day) => Start <= day && (End is null || End >= day);
    }

    /// <summary>
    /// The first long-term service's start, support reason and weekly cost (the services running that day, added up);
    /// ended when every long-term service has ended.
    /// </summary>
    private static AdultCareEntry FirstCare(List<AdultService> services)
    {
        var first = services[0];
        var that = services.Where(s => s.CurrentOn(first.Start)).ToList();
        var costed = that.Where(s => s.WeeklyCost is not null).ToList();
        var reason = services.Select(s => s.PrimarySupportReason).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)) ?? "Unknown";
        DateOnly? ended = services.All(s => s.End is not null) ? services.Max(s => s.End) : null;
        return new AdultCareEntry(first.Start, reason, costed.Count == 0 ? null : costed.Sum(s => s.WeeklyCost!.Value), ended, that.Any(s => s.Residential));
    }

    /// <summary>
    /// What was known of the young person by <paramref name="knownBy"/> (their 16th birthday, or today if sooner). The
    /// model is fitted on young adults and used on children, so it may only use facts the council's files hold alike
    /// for both. Two are held for current children only, so they are given to children (for the rules, which use them)
    /// and never to young adults, and the fitted model never sees them vary: the primary need, which SEN2 records on a
    /// current plan only; and placement costs, which the finance system keeps for a few years. So is a transitions case
    /// open on <paramref name="asOf"/>: the rule-based score counts it, as the rules engine does; a young adult's case is
    /// part of the road to the adult care the model learns to predict, so the model must not see it.
    /// </summary>
    private static Dictionary<string, double> Features(PersonFacts person, RulesPolicy policy, DateOnly asOf, DateOnly knownBy, bool child)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        void Set(string code) => features[code] = 1;
        if (person.EhcPlans.Any(p => p.Start is null || p.Start < knownBy))
        {
            Set(LikelihoodFeatures.EhcPlan);
            if (child && person.EhcPrimaryNeed is { Length: > 0 } need) Set(LikelihoodFeatures.EhcNeed(need));
            if (person.EhcPlans.Any(p => p.Residential && (p.Start is null || p.Start < knownBy))) Set(LikelihoodFeatures.ResidentialSetting);
        }
        if (child && person.Case is { Open: true } transitionsCase && transitionsCase.OpenedOn <= asOf) Set(LikelihoodFeatures.TransitionsCase);
        // The CIN file holds each child's whole history, closed referrals included; disabilities carry no date.
        foreach (var code in person.Disabilities) Set(LikelihoodFeatures.CinDisability(code));
        // Short breaks (legal status V3, V4: a few nights at a time) are not being looked after in this sense.
        var episodes = person.Episodes.Where(e => e.Start < knownBy && e.LegalStatus is not ("V3" or "V4")).ToList();
        if (episodes.Count > 0) Set(LikelihoodFeatures.LookedAfterEver);
        if (episodes.Any(e => e.End is null || e.End >= knownBy)) Set(LikelihoodFeatures.LookedAfterAt16);
        // 903 PLACE S1 residential school; K2 children's home.
        if (episodes.Any(e => e.Placement == "S1")) Set(LikelihoodFeatures.ResidentialSchool);
        if (episodes.Any(e => e.Placement == "K2")) Set(LikelihoodFeatures.ChildrensHome);
        // High cost: placements current together on some day from 14 to the day features are known, above the
        // council's threshold at 52 weeks (RulesPolicy.HighCostPerYear; domain.md: Dorset's 50,000 a year).
        if (child)
        {
            var from = policy.Turns(person.DateOfBirth!.Value, 14);
            var days = person.PlacementCosts.Select(c => c.Start < from ? from : c.Start).Where(d => d <= knownBy).Distinct();
            if (days.Any(d => person.PlacementCosts.Where(c => c.Start <= d && (c.End is null || c.End >= d)).Sum(c => c.WeeklyCost) * CostBands.WeeksInAYear > policy.HighCostPerYear))
                Set(LikelihoodFeatures.HighCost);
        }
        return features;
    }

    /// <summary>
    /// The need group: from the EHC plan's primary need, else the CIN disability codes, else adult care's primary
    /// support reason. Learning disability takes in severe, profound and moderate learning difficulty and Down syndrome.
    /// </summary>
    public static string NeedGroup(string? ehcPrimaryNeed, IReadOnlyList<string> disabilities, string? primarySupportReason)
    {
        ArgumentNullException.ThrowIfNull(disabilities);
        switch (ehcPrimaryNeed)
        {
            case "SLD" or "PMLD" or "MLD" or "DS": return NeedGroups.LearningDisability;
            case "ASD": return NeedGroups.Autism;
            case "PD" or "HI" or "VI" or "MSI": return NeedGroups.PhysicalOrSensory;
            case "SEMH": return NeedGroups.MentalHealth;
        }
        if (disabilities.Contains("LD")) return NeedGroups.LearningDisability;
        if (disabilities.Contains("AUT")) return NeedGroups.Autism;
        if (disabilities.Any(d => d is "MOB" or "HAND" or "HEAR" or "VIS" or "PC")) return NeedGroups.PhysicalOrSensory;
        if (disabilities.Contains("BEH")) return NeedGroups.MentalHealth;
        return primarySupportReason switch
        {
            { } r when r.StartsWith("Learning disability", StringComparison.OrdinalIgnoreCase) => NeedGroups.LearningDisability,
            { } r when r.StartsWith("Mental health", StringComparison.OrdinalIgnoreCase) => NeedGroups.MentalHealth,
            { } r when r.StartsWith("Physical", StringComparison.OrdinalIgnoreCase) || r.StartsWith("Sensory", StringComparison.OrdinalIgnoreCase) => NeedGroups.PhysicalOrSensory,
            _ => NeedGroups.Other,
        };
    }

    /// <summary>
    /// Where the young person was on each roadmap birthday already reached, as the council's records show it, the first
    /// that applies: residential or nursing care; supported living (a community service of supported living, or
    /// supported accommodation); other long-term support in the community; an EHC plan (education with it); a care
    /// leaver's activity around that birthday (903 OC3: G4-G6 not in education, employment or training; F4, P4 an
    /// apprenticeship; F5, P5 training or work); otherwise no ongoing services. Adult social care's extract holds five years of events
    /// (and services still running), so a birthday before that, with no service running, is left out: it is not known.
    /// </summary>
    private static Dictionary<int, RouteState> Routes(
        PersonFacts person, RulesPolicy policy, DateOnly asOf, List<AdultService> services, IEnumerable<CareLeaverMeasures.Contact> contacts)
    {
        var routes = new Dictionary<int, RouteState>();
        var seenFrom = asOf.AddYears(-5);
        var activities = contacts.ToList();
        foreach (var age in ForecastPerson.RouteAges)
        {
            var day = policy.Turns(person.DateOfBirth!.Value, age);
            if (day > asOf) break;
            var current = services.Where(s => s.CurrentOn(day)).ToList();
            var activity = activities.Where(c => Age.On(c.DateOfBirth, c.CollectionYearEnd, policy.LeapDayBirthdays) == age && c.InTouch == "YES")
                .OrderByDescending(c => c.Id).Select(c => c.Activity).FirstOrDefault();
            RouteState? state =
                current.Any(s => s.Residential) ? RouteState.ResidentialOrNursingCare
                : current.Any(s => s.Component == "Supported living" || s.Accommodation == "Supported accommodation") ? RouteState.SupportedLiving
                : current.Count > 0 ? RouteState.AdultCommunitySupport
                : person.EhcPlans.Any(p => (p.Start is null || p.Start <= day) && (p.Ceased is null || p.Ceased >= day)) ? RouteState.EducationWithEhcPlan
                : activity is "G4" or "G5" or "G6" ? RouteState.NotInEducationOrWork
                : activity is "F4" or "P4" ? RouteState.SupportedInternshipOrApprenticeship
                : activity is "F5" or "P5" ? RouteState.Employment
                : day >= seenFrom || activity is not null ? RouteState.NoOngoingServices
                : null;
            if (state is { } known) routes[age] = known;
        }
        return routes;
    }

    private static DateOnly DateMin(DateOnly a, DateOnly b) => a < b ? a : b;
}
