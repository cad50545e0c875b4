using System.Collections.Frozen;

namespace Waypoint.Core.People;

/// <summary>Plain-English labels for the official codes a practitioner meets on a person's page.</summary>
public static class CodeLabels
{
    private static FrozenDictionary<string, string> Map(params (string Code, string Label)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Code, p => p.Label, StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, string> LegalStatus = Map(
        ("C1", "interim care order"), ("C2", "full care order"), ("D1", "freeing order"), ("E1", "placement order"),
        ("V2", "accommodated by agreement (s.20)"), ("V3", "single short break"), ("V4", "series of short breaks"),
        ("L1", "police protection"), ("L2", "emergency protection order"), ("L3", "child assessment order"),
        ("J1", "remanded to local authority accommodation"), ("J2", "placed under PACE"), ("J3", "sentenced to a supervision order with residence requirement"));

    public static readonly FrozenDictionary<string, string> Placement = Map(
        ("A3", "placed for adoption with parental consent"), ("A4", "placed for adoption with parental consent with current foster carer"),
        ("A5", "placed for adoption under a placement order"), ("A6", "placed for adoption under a placement order with current foster carer"),
        ("K1", "secure children's home"), ("K2", "children's home"), ("K3", "supported accommodation"),
        ("P1", "placed with own parents"), ("P3", "residential employment"), ("R1", "residential care home"), ("R2", "NHS or health trust"),
        ("R3", "family centre or mother and baby unit"), ("R5", "young offender institution or prison"), ("S1", "residential school"),
        ("T0", "temporary placement"), ("T1", "temporary: away from normal placement"), ("T2", "temporary: hospital"), ("T3", "temporary: holiday"), ("T4", "temporary: other"),
        ("U1", "foster care with a relative or friend (long term)"), ("U2", "foster care with a relative or friend (FFA or concurrent planning)"),
        ("U3", "foster care with a relative or friend (other)"), ("U4", "foster care with another carer (long term)"),
        ("U5", "foster care with another carer (FFA or concurrent planning)"), ("U6", "foster care with another carer (other)"),
        ("Z11", "other placement"), ("Z12", "other placement"), ("Z13", "other placement"), ("Z14", "other placement"));

    public static readonly FrozenDictionary<string, string> ReasonEpisodeCeased = Map(
        ("X1", "episode changed (care continues)"), ("E11", "adopted"), ("E12", "adopted"), ("E13", "left care to live with parents or relatives"),
        ("E14", "accommodation on remand ended"), ("E15", "age assessment: over 18"), ("E16", "child moved abroad"),
        ("E17", "aged 18 and stayed with former foster carers (staying put)"), ("E2", "died"), ("E3", "care taken over by another council"),
        ("E41", "residence order or child arrangements order"), ("E45", "special guardianship order to former foster carers"),
        ("E46", "special guardianship order to a relative or friend"), ("E47", "special guardianship order to another person"),
        ("E48", "special guardianship order to a former foster carer who is a relative or friend"),
        ("E4A", "returned home to live with parents as part of the care plan"), ("E4B", "returned home not as part of the care plan"),
        ("E5", "moved to independent living with support"), ("E6", "moved to independent living without support"),
        ("E7", "moved to residential care funded by adult social care"), ("E8", "period of care ended for another reason"), ("E9", "sentenced to custody"));

    public static readonly FrozenDictionary<string, string> CategoryOfNeed = Map(
        ("N0", "not stated"), ("N1", "abuse or neglect"), ("N2", "child's disability"), ("N3", "parental illness or disability"),
        ("N4", "family in acute stress"), ("N5", "family dysfunction"), ("N6", "socially unacceptable behaviour"),
        ("N7", "low income"), ("N8", "absent parenting"), ("N9", "not a child in need"));

    public static readonly FrozenDictionary<string, string> Disability = Map(
        ("NONE", "no disability"), ("MOB", "mobility"), ("HAND", "hand function"), ("PC", "personal care"), ("INC", "incontinence"),
        ("COMM", "communication"), ("LD", "learning"), ("HEAR", "hearing"), ("VIS", "vision"), ("BEH", "behaviour"),
        ("CON", "consciousness"), ("AUT", "autism or Asperger syndrome"), ("DDA", "other disability (Equality Act)"));

    public static readonly FrozenDictionary<string, string> SenType = Map(
        ("SPLD", "specific learning difficulty"), ("MLD", "moderate learning difficulty"), ("SLD", "severe learning difficulty"),
        ("PMLD", "profound and multiple learning difficulty"), ("SEMH", "social, emotional and mental health"),
        ("SLCN", "speech, language and communication needs"), ("HI", "hearing impairment"), ("VI", "vision impairment"),
        ("MSI", "multi-sensory impairment"), ("PD", "physical disability"), ("ASD", "autistic spectrum disorder"),
        ("OTH", "other difficulty or disability"), ("DS", "Down syndrome"));

    public static readonly FrozenDictionary<string, string> CeaseReason = Map(
        ("1", "reached maximum age"), ("2", "needs met without a plan"), ("3", "moved on to higher education"), ("4", "moved on to paid employment"),
        ("5", "moved to another council"), ("6", "no longer wished to engage in education or training"), ("7", "left England"),
        ("8", "died"), ("9", "other"));

    public static readonly FrozenDictionary<string, string> ReasonForClosure = Map(
        ("RC1", "adopted"), ("RC2", "died"), ("RC3", "child arrangements order"), ("RC4", "special guardianship order"),
        ("RC5", "transferred to another council"), ("RC6", "transferred to adult social care"), ("RC7", "services no longer needed"),
        ("RC8", "case closed after assessment, no further action"), ("RC9", "case closed after assessment, referred to early help"));

    /// <summary>"full care order (C2)", or the code alone when it has no label, or null.</summary>
    public static string? Describe(FrozenDictionary<string, string> labels, string? code) =>
        code is null ? null : labels.TryGetValue(code, out var label) ? $"{label} ({code})" : code;
}
