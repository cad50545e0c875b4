using System.Collections.Frozen;

namespace Waypoint.Core.Ingest;

/// <summary>
/// The official code lists Waypoint checks values against (shared/design/formats.md).
/// A value outside its list is a warning and is kept as given; retired codes stay listed here
/// so that older files still import, and are marked where they draw a warning of their own.
/// </summary>
internal static class CodeLists
{
    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);

    // SSDA903
    public static readonly FrozenSet<string> Sex903 = Set("1", "2", "M", "F", "U");
    public static readonly FrozenSet<string> Ethnicity = Set(
        "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");
    public static readonly FrozenSet<string> ReasonNewEpisode = Set("S", "L", "P", "T", "B", "U");
    public static readonly FrozenSet<string> LegalStatus = Set("C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3");
    public static readonly FrozenSet<string> CategoryOfNeed = Set("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9");
    public static readonly FrozenSet<string> Placement = Set(
        "A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4",
        "U1", "U2", "U3", "U4", "U5", "U6", "Z11", "Z12", "Z13", "Z14");

    /// <summary>
    /// Historic PLACE codes, still met in older files: each with the first day of the collection year that replaced it
    /// (H5 by K3 from 2024-25, Z1 by Z11-Z14 from 2025-26), or null when it went out of use before either.
    /// </summary>
    public static readonly FrozenDictionary<string, DateOnly?> HistoricPlacement = new Dictionary<string, DateOnly?>
    {
        ["H5"] = new DateOnly(2024, 4, 1),
        ["Z1"] = new DateOnly(2025, 4, 1),
        ["P2"] = null,
        ["Q1"] = null,
        ["Q2"] = null,
        ["M1"] = null,
        ["M2"] = null,
        ["M3"] = null,
    }.ToFrozenDictionary(StringComparer.Ordinal);
    public static readonly FrozenSet<string> PlacementProvider = Set("PR0", "PR1", "PR2", "PR3", "PR4", "PR5");
    public static readonly FrozenSet<string> ReasonEpisodeCeased = Set(
        "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48", "E4A", "E4B",
        "E5", "E6", "E7", "E8", "E9");
    public static readonly FrozenSet<string> InTouch = Set("YES", "NO", "DIED", "REFU", "NREQ", "RHOM");
    public static readonly FrozenSet<string> Activity = Set("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0");

    /// <summary>OC3 activity codes retired from the return: kept, with a warning.</summary>
    public static readonly FrozenSet<string> RetiredActivity = Set("F3", "P3");

    /// <summary>OC3 ACCOM: a letter for the kind of accommodation then 1 (suitable) or 2 (not suitable), or 0.</summary>
    public static bool IsAccommodation(string code) =>
        code == "0" || (code.Length == 2 && "BCDEGHKRSTUVWXYZ".Contains(code[0], StringComparison.Ordinal) && code[1] is '1' or '2');

    // CIN census
    public static readonly FrozenSet<string> SexCin = Set("0", "1", "2", "9", "M", "F", "U");
    public static readonly FrozenSet<string> Disability = Set("NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA");
    public static readonly FrozenSet<string> ReasonForClosure = Set("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9");
    public static readonly FrozenSet<string> ReferralSource = Set(
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10");

    // SEN2
    public static readonly FrozenSet<string> SenType = Set("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "DS");
    public static readonly FrozenSet<string> SenSetting = Set("OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO");
    public static readonly FrozenSet<string> CeaseReason = Set("1", "2", "3", "4", "5", "6", "7", "8", "9");
}
