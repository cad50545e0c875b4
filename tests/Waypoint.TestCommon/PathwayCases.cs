using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;

namespace Waypoint.TestCommon;

/// <summary>
/// Brings a young person's case along the pathway through the same Core services the pages use - a referral, then
/// the moves through <see cref="CaseWork"/> - never by writing stage columns.
/// </summary>
public static class PathwayCases
{
    public static readonly ReferralRequest Referral = new(ReferralSource.SenTeam, "Oakfield School SENCO", new DateOnly(2026, 1, 5), "EHC plan; will need support with daily living after 18", ReferralUrgency.Routine);

    /// <summary>
    /// Refers a young person who has no case yet, runs a child's needs assessment and decides it eligible (two outcomes
    /// unable and both conditions); returns the case version, for the next change.
    /// </summary>
    public static async Task<int> ToDecidedAsync(WaypointDbContext db, Practitioner by, string reference, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var version = await ToAssessingAsync(db, by, reference, 0, at, cancellationToken);
        return await AssessAndDecideAsync(db, by, reference, version, at, eligible: true, cancellationToken);
    }

    /// <summary>Refers the young person (from a case at <paramref name="seenVersion"/>) and starts a child's needs assessment; returns the case version.</summary>
    public static async Task<int> ToAssessingAsync(WaypointDbContext db, Practitioner by, string reference, int seenVersion, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(at.Date);
        await Referrals.ReferAsync(db, by, reference, seenVersion, Referral with { ReceivedOn = today }, at, cancellationToken);
        await Assessments.StartAsync(db, by, reference, seenVersion + 1,
            new AssessmentStartRequest(AssessmentKind.ChildsNeeds, AssessmentFooting.Consent, "Consented at a home visit with a parent present", null, today), at, cancellationToken);
        return (await CaseRecord.GetAsync(db, by.CouncilCode, reference, cancellationToken))!.Version;
    }

    /// <summary>Records every outcome and the conditions of an assessment in progress, then decides; returns the case version.</summary>
    public static async Task<int> AssessAndDecideAsync(WaypointDbContext db, Practitioner by, string reference, int seenVersion, DateTimeOffset at, bool eligible, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var version = seenVersion;
        // Eligible: unable to manage nutrition and to use the community without help; not eligible: nutrition only.
        AdultOutcome[] unable = eligible ? [AdultOutcome.Nutrition, AdultOutcome.CommunityFacilitiesAndServices] : [AdultOutcome.Nutrition];
        foreach (var outcome in Enum.GetValues<AdultOutcome>())
        {
            IReadOnlyCollection<UnableBecause> ways = unable.Contains(outcome) ? [UnableBecause.NeedsAssistance] : [];
            await Assessments.RecordOutcomeAsync(db, by, reference, version++, new AssessedOutcomeRequest(outcome.ToString(), ways, false, true, false, "Seen at home and at college"), at, cancellationToken);
        }
        await Assessments.RecordConditionsAsync(db, by, reference, version++, new AssessmentConditionsRequest(true, null, true, "Learning disability; the needs affect daily life and well-being"), at, cancellationToken);
        await Assessments.DecideAsync(db, by, reference, version++, new AssessmentDecisionRequest(
            eligible, DateOnly.FromDateTime(at.Date), eligible ? "Unable to achieve two outcomes, with a significant impact on well-being" : "Unable to achieve one outcome only",
            null, eligible ? null : "Cooking skills course at the college; the community learning disability nurse's advice line"), at, cancellationToken);
        return version;
    }

    /// <summary>Moves the case one step through <see cref="CaseWork"/>, as a Core service does; returns the new version.</summary>
    public static async Task<int> MoveAsync(
        WaypointDbContext db, Practitioner by, string reference, int seenVersion, TransitionsStage to, string why, string action, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, reference, seenVersion, cancellationToken);
        transitionsCase!.MoveTo(to, by.UserName, at, why);
        await CaseWork.SaveAsync(db, by, transitionsCase, why, action, null, at, cancellationToken);
        return transitionsCase.Version;
    }
}
