namespace Waypoint.Core.Demo;

/// <summary>Code values (formats.md) with the rough shares a city council sees.</summary>
internal static class DemoCodes
{
    public static readonly Weighted<string> Ethnicity = new(
        ("WBRI", 55), ("WIRI", 0.6), ("WIRT", 0.4), ("WROM", 0.6), ("WOTH", 4.5),
        ("MWBC", 3), ("MWBA", 1), ("MWAS", 1.5), ("MOTH", 2.2),
        ("AIND", 12), ("APKN", 3), ("ABAN", 1), ("AOTH", 3), ("CHNE", 0.5),
        ("BCRB", 2), ("BAFR", 5), ("BOTH", 1), ("OOTH", 2), ("REFU", 0.7), ("NOBT", 1));

    /// <summary>Ethnicities of unaccompanied asylum-seeking children.</summary>
    public static readonly Weighted<string> UascEthnicity = new(("OOTH", 35), ("AOTH", 25), ("BAFR", 30), ("BOTH", 10));

    // EHC plan primary needs (SENtype). Autism is the largest need nationally, then SEMH and SLCN.
    public static readonly Weighted<string> NeedCurrentChild = new(
        ("ASD", 33), ("SEMH", 18), ("SLCN", 16.5), ("MLD", 10.5), ("SLD", 5.5), ("SPLD", 5.5), ("PD", 4.5),
        ("PMLD", 2), ("HI", 1.6), ("VI", 1), ("MSI", 0.45), ("OTH", 0.35), ("DS", 0.25));

    /// <summary>Young adults keeping a plan without needing adult care: milder needs.</summary>
    public static readonly Weighted<string> NeedCurrentAdult = new(
        ("ASD", 30), ("SEMH", 18), ("MLD", 19), ("SLCN", 10), ("SPLD", 10), ("PD", 5), ("SLD", 3), ("HI", 2), ("VI", 1.5), ("OTH", 1));

    /// <summary>Looked-after children with plans: social, emotional and mental health leads.</summary>
    public static readonly Weighted<string> NeedLookedAfter = new(
        ("SEMH", 45), ("ASD", 17), ("MLD", 11), ("SLCN", 10), ("SLD", 6), ("SPLD", 3), ("PD", 3), ("PMLD", 2), ("HI", 1), ("VI", 1), ("OTH", 1));

    /// <summary>Children whose needs make adult care likely.</summary>
    public static readonly Weighted<string> NeedSevere = new(
        ("SLD", 30), ("ASD", 28), ("PMLD", 16), ("MLD", 8), ("PD", 8), ("SLCN", 4), ("DS", 3), ("MSI", 3));

    public static readonly Weighted<string> NeedAdultLearningDisability = new(
        ("SLD", 32), ("ASD", 25), ("MLD", 20), ("PMLD", 12), ("DS", 5), ("PD", 3), ("SLCN", 3));

    public static readonly Weighted<string> NeedAdultMentalHealth = new(("SEMH", 60), ("ASD", 30), ("MLD", 5), ("SLCN", 5));

    public static readonly Weighted<string> NeedAdultPhysical = new(("PD", 60), ("HI", 15), ("VI", 15), ("MSI", 5), ("PMLD", 5));

    public static readonly Weighted<string> NeedMild = new(
        ("SEMH", 25), ("ASD", 22), ("MLD", 18), ("SLCN", 15), ("SPLD", 12), ("PD", 4), ("HI", 2), ("VI", 1), ("OTH", 1));

    public static readonly string[] SecondaryNeeds = ["SLCN", "SEMH", "MLD", "SPLD", "ASD", "PD", "OTH"];

    // 903 placement types: foster care dominates; U1-U3 are with relatives or friends.
    public static readonly Weighted<string> FosterPlacement = new(("U1", 8), ("U2", 3), ("U3", 10), ("U4", 30), ("U5", 2), ("U6", 47));

    public static readonly Weighted<string> CategoryOfNeed = new(
        ("N1", 62), ("N3", 4), ("N4", 8), ("N5", 16), ("N6", 3), ("N7", 0.5), ("N8", 5), ("N2", 1.5));

    public static readonly Weighted<string> ReferralSource = new(
        ("1A", 5), ("1B", 1), ("1C", 2), ("1D", 1), ("2A", 17), ("2B", 2), ("3A", 4), ("3B", 3), ("3C", 1), ("3D", 3),
        ("3E", 3), ("3F", 4), ("4", 2), ("5A", 8), ("5B", 2), ("5C", 3), ("5D", 5), ("6", 28), ("7", 2), ("8", 2), ("9", 1), ("10", 1));

    public static readonly Weighted<string> DisabilityReferralSource = new(("3F", 30), ("3D", 15), ("2A", 25), ("1A", 15), ("5A", 10), ("2B", 5));

    public static readonly Weighted<string> ChildInNeedPrimaryNeed = new(
        ("N1", 50), ("N3", 4), ("N4", 12), ("N5", 18), ("N6", 5), ("N7", 1), ("N8", 2), ("N9", 8));

    // Factors identified at assessment (CIN). 5A/6A/4A/7A are the ones Waypoint reads.
    public static readonly Weighted<string> FamilyFactor = new(
        ("3A", 14), ("3B", 10), ("4B", 12), ("2B", 7), ("1B", 6), ("16A", 10), ("17A", 8), ("18B", 3), ("19B", 1.5),
        ("14A", 4), ("5B", 2), ("6B", 2), ("20", 6), ("21", 5), ("10A", 2), ("24A", 1.5), ("11A", 1), ("22A", 0.2), ("23A", 0.3));

    public static readonly Weighted<string> CategoryOfAbuse = new(("NEG", 50), ("EMO", 35), ("PHY", 8), ("SAB", 4), ("MUL", 3));

    public static readonly string[] UnknownUpnCodes = ["UN1", "UN2", "UN3", "UN4", "UN5"];

    // Adult social care (CLD release 2 spellings).
    public const string LearningDisabilitySupport = "Learning disability support";
    public const string MentalHealthSupport = "Mental health support";

    public static readonly Weighted<string> PhysicalOrSensorySupport = new(
        ("Physical support: Personal care support", 55), ("Physical support: Access and mobility only", 20),
        ("Sensory support: Support for visual impairment", 11), ("Sensory support: Support for hearing impairment", 10),
        ("Sensory support: Support for dual impairment", 4));

    public static readonly Weighted<string> NoServiceSupportReason = new(
        (LearningDisabilitySupport, 25), (MentalHealthSupport, 35), ("Physical support: Personal care support", 10),
        ("Physical support: Access and mobility only", 5), ("Social support: Support for social isolation or other", 12),
        ("Social support: Substance misuse support", 3), ("Unknown", 10));

    public static readonly Weighted<string> AccommodationStatus = new(
        ("Living with family", 45), ("Supported accommodation", 20), ("Tenant", 12), ("Shared Lives scheme", 5),
        ("Registered care home", 8), ("Settled mainstream housing with family or friends", 7), ("Unknown", 3));

    public static readonly Weighted<string> EmploymentStatus = new(
        ("Not in paid employment (not actively seeking work or retired)", 50), ("Unemployed but seeking work", 12),
        ("In paid employment (less than 16 hours a week)", 8), ("In paid employment (16 or more hours a week)", 4),
        ("Voluntary work only", 8), ("Unknown", 18));

    public static readonly Weighted<string> FundingStatus = new(
        ("Fully local authority funded", 70), ("Partially funded by the local authority (client contribution)", 20),
        ("Jointly funded with the NHS", 10));

    public static readonly Weighted<string> CommunityComponent = new(
        ("Supported living", 35), ("Day care", 20), ("Home care or home support", 15), ("Direct payment", 20), ("Shared Lives", 10));

    /// <summary>CLD ethnicity text for a 903/CIN code.</summary>
    public static string CldEthnicity(string code) => code switch
    {
        "WBRI" => "White: English, Welsh, Scottish, Northern Irish or British",
        "WIRI" => "White: Irish",
        "WIRT" => "White: Gypsy or Irish Traveller",
        "WROM" => "White: Roma",
        "WOTH" => "White: Any other White background",
        "MWBC" => "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "MWBA" => "Mixed or Multiple ethnic groups: White and Black African",
        "MWAS" => "Mixed or Multiple ethnic groups: White and Asian",
        "MOTH" => "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background",
        "AIND" => "Asian or Asian British: Indian",
        "APKN" => "Asian or Asian British: Pakistani",
        "ABAN" => "Asian or Asian British: Bangladeshi",
        "CHNE" => "Asian or Asian British: Chinese",
        "AOTH" => "Asian or Asian British: Any other Asian background",
        "BCRB" => "Black, Black British, Caribbean or African: Caribbean",
        "BAFR" => "Black, Black British, Caribbean or African: African",
        "BOTH" => "Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background",
        "OOTH" => "Other ethnic group: Any other ethnic group",
        "REFU" => "Refused",
        _ => "Undeclared",
    };
}
