namespace Waypoint.Core.Demo;

/// <summary>One row of the council's children's placement costs sheet, in the finance team's own words.</summary>
internal sealed record PlacementCostRow(DateOnly Start, DateOnly? End, decimal WeeklyCost, string Type, string Provider, string Funding);

/// <summary>One row of the council's health involvement sheet, in the health team's own words.</summary>
internal sealed record HealthRow(
    string Service, DateOnly? Referred, DateOnly? Checklist, string? ChecklistOutcome, string? Decision, DateOnly? Decided, DateOnly? Ended);

/// <summary>
/// What a council's own spreadsheets say about a person, drawn from the life already simulated: a cost for each paid
/// 903 placement in the finance system's last three years (residential care, residential schools and secure homes
/// cost many times foster care), and the health team's records (a continuing healthcare checklist around 17 for
/// complex health needs, CAMHS, the learning disability register). Health rows are kept for people the council's
/// own ids or an NHS number in CLD can tie to their other records.
/// </summary>
internal static class CouncilSheetsBuilder
{
    // The local words the sheets use; the demo's saved mappings turn them into Waypoint's codes.
    public const string SocialCareFunding = "CSC Placements";
    public const string EducationFunding = "High Needs Block";
    public const string JointFunding = "Tripartite (CSC/SEN/ICB)";
    public const string ContinuingHealthcare = "Continuing Healthcare";
    public const string Camhs = "CAMHS";
    public const string LearningDisabilityRegister = "LD Register";
    public const string FullAssessment = "Full assessment required";
    public const string ScreenedOut = "Screened out";
    public const string Eligible = "Eligible";
    public const string NotEligible = "Not eligible";

    private static readonly string[] PrivateHomes = ["Oakfield Care Ltd", "Brightwater Children's Services", "Hillside Homes", "Northgate Care Group", "Willow House Ltd"];
    private static readonly string[] Agencies = ["Meadowview Fostering", "Horizon Foster Care", "Kindred Fostering Agency"];
    private static readonly string[] Schools = ["Hollybank School", "Chestnut Lodge School", "Riverside College (residential)"];

    public static void Build(PersonLife p, DemoContext c, DemoRandom r)
    {
        if (p.ChildId is not null) AddPlacementCosts(p, c, r);
        if (p.ChildId is not null || p.InCld) AddHealth(p, c, r);
        // Everyone has an NHS number; the demo works one out only for the sources that show it.
        if (p.Health.Count > 0 && p.NhsNumber.Length == 0) p.NhsNumber = c.Ids.NhsNumber(p.Index);
    }

    private static void AddPlacementCosts(PersonLife p, DemoContext c, DemoRandom r)
    {
        var from = c.AsOf.AddYears(-3);
        for (var i = 0; i < p.Episodes.Count; i++)
        {
            var first = p.Episodes[i];
            // One cost line per placement: episodes that only change legal status keep the same placement and carer.
            while (i + 1 < p.Episodes.Count && p.Episodes[i + 1].Rne == "L") i++;
            var last = p.Episodes[i];
            if (last.End is { } ended && ended <= from) continue;
            if (Cost(first, p, r) is not { } cost) continue;
            var end = last.End?.AddDays(-1);
            p.PlacementCosts.Add(cost with { Start = first.Start, End = end < first.Start ? first.Start : end });
        }
    }

    /// <summary>A weekly cost by placement and provider, rounded to the pound; null for placements the council does not pay for.</summary>
    private static PlacementCostRow? Cost(CareEpisode e, PersonLife p, DemoRandom r)
    {
        var inHouse = e.Provider is "PR1" or "PR0";
        var complexHealth = HasComplexHealthNeeds(p);
        (string Type, int Low, int High, string Provider, string Funding)? line = e.Placement switch
        {
            "U1" or "U2" or "U3" => ("Family & Friends", 250, 450, "Connected carers", SocialCareFunding),
            "U4" or "U5" or "U6" when inHouse => ("Foster Care - In House", 350, 650, "In-house fostering", SocialCareFunding),
            "U4" or "U5" or "U6" => ("Foster Care - IFA", 750, 1150, r.Pick(Agencies), SocialCareFunding),
            "K2" when inHouse => ("Residential", 3800, 5500, "Council children's home", complexHealth ? JointFunding : SocialCareFunding),
            "K2" or "R1" => ("Residential", 4500, 9000, r.Pick(PrivateHomes), complexHealth ? JointFunding : SocialCareFunding),
            "K1" => ("Secure", 7000, 10500, "Secure children's home", SocialCareFunding),
            "S1" => ("Residential School", 4000, 8000, r.Pick(Schools), complexHealth || r.Chance(0.4) ? JointFunding : EducationFunding),
            "H5" or "K3" => ("Supported Accommodation", 600, 2000, inHouse ? "Council supported lodgings" : r.Pick(PrivateHomes), SocialCareFunding),
            "R3" => ("Parent & Baby", 1500, 3000, r.Pick(PrivateHomes), SocialCareFunding),
            "Z1" or "Z11" or "Z12" or "Z13" or "Z14" => ("Other", 500, 1500, r.Pick(PrivateHomes), SocialCareFunding),
            _ => null,
        };
        if (line is not { } l || e.LegalStatus is "V3" or "V4") return null;
        return new PlacementCostRow(e.Start, e.End, r.Between(l.Low, l.High), l.Type, l.Provider, l.Funding);
    }

    /// <summary>Profound and multiple learning difficulties, or a learning disability with a condition affecting consciousness.</summary>
    private static bool HasComplexHealthNeeds(PersonLife p) =>
        p.PrimaryNeed == "PMLD" || (p.LearningDisability && p.Disabilities.Contains("CON"));

    private static void AddHealth(PersonLife p, DemoContext c, DemoRandom r)
    {
        var today = c.AsOf;
        // Adult NHS continuing healthcare: the checklist comes from the 16th birthday, most often around 17; most but
        // not all young people with complex health needs have one.
        if (HasComplexHealthNeeds(p) && r.Chance(0.85))
        {
            var checklist = p.Birthday(16).AddDays(r.Between(90, 500));
            if (checklist <= today)
            {
                var referred = checklist.AddDays(-r.Between(14, 60));
                var positive = r.Chance(0.7);
                var decided = checklist.AddDays(r.Between(28, 150));
                p.Health.Add(positive && decided <= today
                    ? new HealthRow(ContinuingHealthcare, referred, checklist, FullAssessment, r.Chance(0.6) ? Eligible : NotEligible, decided, null)
                    : new HealthRow(ContinuingHealthcare, referred, checklist, positive ? FullAssessment : ScreenedOut, null, null, null));
            }
        }
        // CAMHS for some young people with social, emotional and mental health needs, between 13 and 18.
        if (p.PrimaryNeed == "SEMH" && p.AgeOn(today) >= 13 && r.Chance(0.4))
        {
            var start = r.DateBetween(p.Birthday(13), DemoDates.Min(p.Birthday(18), today).AddDays(-1));
            var end = start.AddDays(r.Between(120, 720));
            p.Health.Add(new HealthRow(Camhs, start, null, null, null, null, end <= today ? end : null));
        }
        // The GP learning disability register (annual health checks from 14).
        if (p.LearningDisability && p.AgeOn(today) >= 14 && r.Chance(0.6))
            p.Health.Add(new HealthRow(LearningDisabilityRegister, DemoDates.Min(r.DateBetween(p.Birthday(14), p.Birthday(15)), today), null, null, null, null, null));
    }
}
