using System.Globalization;

namespace Waypoint.Core.Demo;

/// <summary>
/// Builds a person's SEN2 history: requests for EHC needs assessments, assessments, named plans
/// (with start and cease dates) and, for a current plan, the active plan with its placement and
/// ranked needs.
/// </summary>
internal static class SenHistoryBuilder
{
    private static readonly string[] OtherCouncils = ["201", "316", "373", "850", "873", "925"];

    public static void Build(PersonLife p, Involvement plan, DemoRandom r, DemoContext c)
    {
        if (plan.Ehc == EhcStory.None || p.PrimaryNeed is null) return;
        var ageNow = p.AgeOn(c.AsOf);
        var earliest = p.DateOfBirth.AddDays(300);
        var latest = c.AsOf.AddDays(-20);
        if (latest <= earliest) return;

        if (plan.Ehc == EhcStory.Refused)
        {
            var from = DemoDates.Max(earliest, p.Birthday(2));
            var to = DemoDates.Min(latest.AddDays(-150), p.Birthday(19));
            if (to >= from) p.SenRequests.Add(RefusedRequest(r, r.DateBetween(from, to), c));
            return;
        }

        var planStart = PlanStart(p, r, ageNow, earliest, latest);
        var requestReceived = DemoDates.Max(p.DateOfBirth.AddDays(120), planStart.AddDays(-r.Between(98, 150)));
        if (r.Chance(0.12) && requestReceived > earliest.AddDays(540))
        {
            p.SenRequests.Add(RefusedRequest(r, r.DateBetween(earliest.AddDays(200), requestReceived.AddDays(-340)), c));
        }

        DateOnly? ceased = null;
        int? ceaseReason = null;
        if (plan.Ehc == EhcStory.Ceased)
        {
            var from = planStart.AddDays(365);
            var to = DemoDates.Min(latest, p.Birthday(26).AddDays(-1));
            ceased = from < to ? r.DateBetween(from, to) : to;
            if (ceased <= planStart) ceased = planStart.AddDays(1);
            ceaseReason = CeaseReason(p.AgeOn(ceased.Value), r);
        }

        var startPlacement = SenSettings.Choose(p, r, p.AgeOn(planStart), planStart);
        var residential = startPlacement.Urn is not null && SenSettings.IsResidential(startPlacement.Urn) ? "RSC" : null;
        var named = new NamedPlan(planStart, residential, ceased, ceaseReason, [startPlacement with { Entry = null, Leaving = null }]);
        var outcomeDate = planStart.AddDays(-r.Between(0, 14));
        var request = new SenRequest
        {
            Received = requestReceived,
            Source = RequestSource(p, requestReceived, r),
            InRelevantYouthAccommodation = p.AgeOn(requestReceived) >= 10 && r.Chance(0.005),
            OutcomeDate = DemoDates.Min(requestReceived.AddDays(r.Between(28, 42)), outcomeDate),
            Outcome = "A",
            Assessment = new SenAssessment("A", outcomeDate, r.Chance(0.07), named),
        };
        if (ceased is null) request.Active = ActivePlanOn(p, r, c, planStart);
        p.SenRequests.Add(request);
    }

    private static DateOnly PlanStart(PersonLife p, DemoRandom r, int ageNow, DateOnly earliest, DateOnly latest)
    {
        var (from, to) = p.PrimaryNeed switch
        {
            "SLD" or "PMLD" or "DS" or "MSI" => (2, 5),
            "ASD" => (3, 11),
            "SLCN" => (3, 8),
            "SEMH" => (6, 14),
            "PD" or "HI" or "VI" => (2, 8),
            _ => (5, 12),
        };
        var age = Math.Min(r.Between(from, to), ageNow);
        var start = p.Birthday(age).AddDays(r.Next(365));
        if (start > latest) start = r.DateBetween(DemoDates.Max(earliest, latest.AddDays(-300)), latest);
        return DemoDates.Max(start, earliest);
    }

    private static SenRequest RefusedRequest(DemoRandom r, DateOnly received, DemoContext c)
    {
        var refusedAtRequest = r.Chance(0.7);
        var outcome = DemoDates.Min(received.AddDays(r.Between(28, 42)), c.AsOf.AddDays(-1));
        var request = new SenRequest
        {
            Received = received,
            Source = r.Between(1, 6),
            OutcomeDate = outcome,
            Outcome = refusedAtRequest ? "B" : "A",
        };
        if (!refusedAtRequest)
        {
            var decided = DemoDates.Min(received.AddDays(r.Between(100, 140)), c.AsOf.AddDays(-1));
            request.Assessment = new SenAssessment("B", decided, r.Chance(0.07), null);
        }
        return request;
    }

    // Request sources as numbered in the SEN2 guide (1 parent, 2 young person, 3 education setting, 4 health, 5 social care, 6 other).
    private static int RequestSource(PersonLife p, DateOnly received, DemoRandom r)
    {
        if (p.AgeOn(received) >= 16 && r.Chance(0.3)) return 2;
        var roll = r.NextDouble();
        return roll < 0.45 ? 1 : roll < 0.8 ? 3 : roll < 0.9 ? 4 : roll < 0.97 ? 5 : 6;
    }

    private static int CeaseReason(int ageAtCease, DemoRandom r)
    {
        var roll = r.NextDouble();
        if (ageAtCease >= 25) return 1;
        if (ageAtCease < 16) return roll < 0.35 ? 2 : roll < 0.75 ? 5 : roll < 0.85 ? 7 : 9;
        if (ageAtCease < 19) return roll < 0.2 ? 2 : roll < 0.25 ? 4 : roll < 0.45 ? 5 : roll < 0.75 ? 6 : roll < 0.8 ? 3 : 9;
        return roll < 0.2 ? 2 : roll < 0.35 ? 3 : roll < 0.55 ? 4 : roll < 0.85 ? 6 : roll < 0.9 ? 7 : 9;
    }

    private static ActivePlan ActivePlanOn(PersonLife p, DemoRandom r, DemoContext c, DateOnly planStart)
    {
        DateOnly? lastReview = null;
        DateOnly? decision = null;
        string? outcome = null;
        var years = DemoDates.Age(planStart, c.AsOf);
        if (years >= 1)
        {
            lastReview = DemoDates.Min(planStart.AddYears(years).AddDays(-r.Between(0, 30)), c.AsOf);
            decision = DemoDates.Min(lastReview.Value.AddDays(r.Between(0, 28)), c.AsOf);
            outcome = r.Chance(0.62) ? "1" : "2";
        }
        var ageNow = p.AgeOn(c.AsOf);
        var placement = SenSettings.Choose(p, r, ageNow, c.AsOf);
        var entry = DemoDates.Max(planStart, SenSettings.PhaseStart(p, ageNow));
        var placements = new List<SenPlacement> { placement with { Rank = 1, Entry = DemoDates.Min(entry, c.AsOf), Leaving = null } };
        if (r.Chance(0.05)) placements.Add(SenSettings.Choose(p, r, ageNow, c.AsOf) with { Rank = 2, Entry = DemoDates.Min(entry, c.AsOf), Leaving = null });
        var needs = new List<string> { p.PrimaryNeed! };
        if (p.SecondaryNeed is not null) needs.Add(p.SecondaryNeed);
        var transfer = r.Chance(0.02) ? r.Pick(OtherCouncils) : null;
        return new ActivePlan(transfer, decision, outcome, lastReview, placements, needs);
    }
}

/// <summary>Where a child or young person with a plan is educated: schools by URN, colleges by UKPRN, otherwise a setting code.</summary>
internal static class SenSettings
{
    private static readonly string[] MainstreamUrns = Pool(120, 110_000, 97);
    private static readonly string[] SpecialSchoolUrns = Pool(8, 140_100, 11);
    private static readonly string[] IndependentSpecialUrns = Pool(12, 150_200, 13);
    private static readonly string[] CollegeUkprns = Pool(10, 10_004_000, 173);
    private static readonly string[] SpecialistPost16Ukprns = Pool(6, 10_080_000, 59);

    // Likelihood of a specialist setting by primary need (Leicester: about half in specialist provision).
    private static double SpecialistShare(string? need) => need switch
    {
        "SLD" or "PMLD" or "MSI" or "DS" => 0.9,
        "ASD" => 0.55,
        "SEMH" or "MLD" => 0.45,
        "PD" => 0.4,
        "HI" or "VI" => 0.3,
        "SLCN" => 0.2,
        _ => 0.1,
    };

    public static SenPlacement Choose(PersonLife p, DemoRandom r, int age, DateOnly on)
    {
        var roll = r.NextDouble();
        var specialist = r.Chance(SpecialistShare(p.PrimaryNeed));
        if (age < 4) return roll < 0.55 ? Setting("EYP") : Urn(r.Pick(MainstreamUrns));
        if (age < 16)
        {
            if (roll < 0.01) return Setting("EHE");
            if (roll < 0.02) return Setting("OLA");
            if (!specialist) return Urn(r.Pick(MainstreamUrns));
            return r.Chance(0.2) ? Urn(r.Pick(IndependentSpecialUrns)) : Urn(r.Pick(SpecialSchoolUrns));
        }
        if (age < 19)
        {
            if (roll < 0.05) return Setting("NEET");
            if (specialist) return r.Chance(0.6) ? Urn(r.Pick(SpecialSchoolUrns)) : Ukprn(r.Pick(SpecialistPost16Ukprns));
            return r.Chance(0.7) ? Ukprn(r.Pick(CollegeUkprns)) : Urn(r.Pick(MainstreamUrns));
        }
        if (roll < 0.15) return Setting("NEET");
        if (roll < 0.2) return Setting("OTH");
        if (roll < 0.25) return Setting("OLA");
        return specialist && r.Chance(0.3) ? Ukprn(r.Pick(SpecialistPost16Ukprns)) : Ukprn(r.Pick(CollegeUkprns));
    }

    /// <summary>A residential special school URN (903 placement S1).</summary>
    public static string ResidentialSchoolUrn(DemoRandom r) => r.Pick(IndependentSpecialUrns);

    public static bool IsResidential(string urn) => Array.IndexOf(IndependentSpecialUrns, urn) >= 0;

    /// <summary>1 September of the year the current phase began (reception, year 7, post-16, post-19).</summary>
    public static DateOnly PhaseStart(PersonLife p, int ageNow)
    {
        var phaseAge = ageNow switch { < 4 => 0, < 11 => 4, < 16 => 11, < 19 => 16, _ => 19 };
        // A school year holds children born from 1 September to 31 August.
        var schoolYearOfBirth = p.DateOfBirth.Month >= 9 ? p.DateOfBirth.Year + 1 : p.DateOfBirth.Year;
        return phaseAge == 0 ? p.DateOfBirth : new DateOnly(schoolYearOfBirth + phaseAge, 9, 1);
    }

    private static SenPlacement Urn(string urn) => new(urn, null, null, 1, null, null);

    private static SenPlacement Ukprn(string ukprn) => new(null, ukprn, null, 1, null, null);

    private static SenPlacement Setting(string code) => new(null, null, code, 1, null, null);

    private static string[] Pool(int count, int first, int step) =>
        [.. Enumerable.Range(0, count).Select(k => (first + (k * step)).ToString(CultureInfo.InvariantCulture))];
}
