using System.Collections.Frozen;

namespace Waypoint.Core.Ingest;

/// <summary>
/// The coded fields of adult social care Client Level Data, each value in its release 2 spelling with the release 1
/// spellings that mean the same (formats.md section 4; NHS England's CLD specification, releases 1 and 2). A value in
/// either spelling is stored in the release 2 one. Values are compared case-insensitively, ignoring runs of spaces.
/// Fields not listed here are stored as given.
/// </summary>
internal static class CldValues
{
    /// <summary>(field, release 2 spelling, release 1 spellings that differ from it).</summary>
    public static readonly (string Field, string Release2, string[] Release1)[] Table =
    [
        ("Event Type", "Request", []),
        ("Event Type", "Assessment", []),
        ("Event Type", "Service", []),
        ("Event Type", "Review", []),

        ("Client Type", "Service user", ["Service User"]),
        ("Client Type", "Unpaid carer", ["Carer"]),
        ("Client Type", "Unpaid carer known by association", ["Carer known by association"]),

        // Gender becomes the record's sex: Male M, Female F, anything else known U. M and F are met in files too.
        ("Gender", "Male", ["M"]),
        ("Gender", "Female", ["F"]),
        ("Gender", "Other", []),
        ("Gender", "Unknown", ["Not known", "Not stated"]),

        ("Primary Support Reason", "Physical support: Access and mobility only", ["Physical Support: Access & mobility only"]),
        ("Primary Support Reason", "Physical support: Personal care support", ["Physical Support: Personal care support"]),
        ("Primary Support Reason", "Sensory support: Support for visual impairment", ["Sensory Support: Support for visual impairment"]),
        ("Primary Support Reason", "Sensory support: Support for hearing impairment", ["Sensory Support: Support for hearing impairment"]),
        ("Primary Support Reason", "Sensory support: Support for dual impairment", ["Sensory Support: Support for dual impairment"]),
        ("Primary Support Reason", "Support with memory and cognition", ["Support with Memory & Cognition"]),
        ("Primary Support Reason", "Learning disability support", ["Learning Disability Support"]),
        ("Primary Support Reason", "Mental health support", ["Mental Health Support"]),
        ("Primary Support Reason", "Social support: Substance misuse support", ["Social Support: Substance misuse support"]),
        ("Primary Support Reason", "Social support: Asylum seeker support", ["Social Support: Asylum seeker support"]),
        ("Primary Support Reason", "Social support: Support for social isolation or other", ["Social Support: Support for Social Isolation/Other"]),
        ("Primary Support Reason", "Social support: Support to unpaid carer", []),
        ("Primary Support Reason", "Unknown", ["PSR Not Known"]),

        ("Service Type", "Long term support: Community", ["Long Term Support: Community"]),
        ("Service Type", "Long term support: Nursing care", ["Long Term Support: Nursing Care"]),
        ("Service Type", "Long term support: Prison", ["Long Term Support: Prison"]),
        ("Service Type", "Long term support: Residential care", ["Long Term Support: Residential Care"]),
        ("Service Type", "Short term support: Ongoing low level", ["Short Term Support: Ongoing Low Level"]),
        ("Service Type", "Short term support: Other short term", ["Short Term Support: Other Short Term"]),
        ("Service Type", "Short term support: ST-Max", ["Short Term Support: ST-Max"]),
        ("Service Type", "Unpaid carer support: Direct to unpaid carer", ["Carer Support: Direct to Carer"]),
        ("Service Type", "Unpaid carer support: Support involving the person cared-for", ["Carer Support: Support involving the person cared-for"]),

        // Release 2 merged some release 1 outcomes ("Progress to ..." / "NFA - ..." became "Progress to ..." / "NFA: ...").
        ("Event Outcome", "Progress to reablement/ST-Max", ["Progress to Reablement/ST-Max"]),
        ("Event Outcome", "Progress to assessment, review or reassessment", ["Progress to Assessment", "Progress to Re-assessment / Unplanned Review"]),
        ("Event Outcome", "Progress to support planning or services", ["Progress to Support Planning / Services"]),
        ("Event Outcome", "Continuation of support or services", ["No change in package", "Provision of service"]),
        ("Event Outcome", "Admitted to hospital", []),
        ("Event Outcome", "NFA: Responsibility moved to another local authority", ["NFA - Moved to another LA"]),
        ("Event Outcome", "NFA: Referral to NHS services or NHS funded social care", ["NFA - 100% NHS funded care"]),
        ("Event Outcome", "NFA: Self-funded client or under 12wk disregard", ["NFA - Self-funded client (Inc. 12wk disregard)"]),
        ("Event Outcome", "NFA: Information and advice or signposting", ["NFA - Information & Advice / Signposting only"]),
        ("Event Outcome", "NFA: Referral to other service within the local authority", []),
        ("Event Outcome", "NFA: Support declined", ["NFA - Support declined"]),
        ("Event Outcome", "NFA: Deceased", ["NFA - Deceased"]),
        ("Event Outcome", "NFA: Support ended as planned", ["Service ended as planned"]),
        ("Event Outcome", "NFA: Support ended for other reason", ["NFA - Support ended: Other reason"]),
        ("Event Outcome", "NFA: No services offered for other reason", ["NFA - No services offered: Other reason"]),
        ("Event Outcome", "NFA: Other", ["NFA - Other", "NFA- Other"]),
        // Release 1 only, with no release 2 equivalent: kept in their own spelling.
        ("Event Outcome", "Progress to financial assessment", []),
        ("Event Outcome", "Progress to End of Life Care", []),

        ("Assessment Type", "Long term support needs assessment", ["Long Term Assessment"]),
        ("Assessment Type", "Short term support needs assessment", ["Short Term Assessment"]),
        ("Assessment Type", "Unpaid carer assessment", ["Carer Assessment"]),
        ("Assessment Type", "Financial assessment", ["Financial Assessment"]),

        ("Eligible Needs Identified", "Yes", []),
        ("Eligible Needs Identified", "No", []),

        ("Has Unpaid Carer", "Yes", []),
        ("Has Unpaid Carer", "No", []),
        ("Has Unpaid Carer", "Unknown", []),
    ];

    private static readonly FrozenDictionary<(string Field, string Key), string> ByKey = Table
        .SelectMany(e => e.Release1.Prepend(e.Release2).Select(spelling => (Key: (e.Field, Key(spelling)), e.Release2)))
        .DistinctBy(e => e.Key) // a release 1 spelling may differ from release 2 only in case
        .ToFrozenDictionary(e => e.Key, e => e.Release2);

    /// <summary>The release 2 spelling of a value of <paramref name="field"/> given in either release, or null if unknown.</summary>
    public static string? Release2(string field, string value) => ByKey.GetValueOrDefault((field, Key(value)));

    private static string Key(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
