using Waypoint.Core.Data;
using Waypoint.Core.Pathway;

namespace Waypoint.TestCommon;

/// <summary>
/// Brings a young person's case along the pathway through the same Core services the pages use - a referral, then
/// the moves through <see cref="CaseWork"/> - never by writing stage columns.
/// </summary>
public static class PathwayCases
{
    public static readonly ReferralRequest Referral = new(ReferralSource.SenTeam, "Oakfield School SENCO", new DateOnly(2026, 1, 5), "EHC plan; will need support with daily living after 18", ReferralUrgency.Routine);

    /// <summary>
    /// Refers a young person who has no case yet, starts the assessment and records the decision; returns the case
    /// version, for the next change.
    /// </summary>
    public static async Task<int> ToDecidedAsync(WaypointDbContext db, Practitioner by, string reference, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await Referrals.ReferAsync(db, by, reference, 0, Referral with { ReceivedOn = DateOnly.FromDateTime(at.Date) }, at, cancellationToken);
        var version = await MoveAsync(db, by, reference, 1, TransitionsStage.AssessmentInProgress, "Transition assessment started", "case-assess", at, cancellationToken);
        return await MoveAsync(db, by, reference, version, TransitionsStage.Decided, "Eligible for care and support (test)", "case-decide", at, cancellationToken);
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
