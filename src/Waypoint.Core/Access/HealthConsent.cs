using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Access;

/// <summary>
/// The young person's consent (or, for a child who cannot give it, their parent's) to share their health information
/// with the council's staff working on their transition. Without it, health detail is for health practitioners only
/// (UK GDPR art. 9: health data is special category; common law duty of confidentiality).
/// </summary>
public sealed class HealthSharingConsent
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public long PersonId { get; set; }
    public DateOnly GivenOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawnBy { get; set; }
}

public sealed record ConsentView(DateOnly GivenOn, string RecordedBy, DateOnly? WithdrawnOn, string? WithdrawnBy)
{
    public bool Current => WithdrawnOn is null;
}

public static class HealthConsent
{
    /// <summary>The latest consent recorded for the person, withdrawn or not; null when none was ever recorded.</summary>
    public static async Task<ConsentView?> LatestAsync(WaypointDbContext db, string council, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == personId).OrderByDescending(c => c.Id)
            .Select(c => new ConsentView(c.GivenOn, c.RecordedBy, c.WithdrawnOn, c.WithdrawnBy)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether a viewer sees a person's health detail: a health permission, or a consent to share that stands. Nobody unnamed does.</summary>
    public static bool MaySee(Viewer? viewer, ConsentView? consent) => viewer is not null && (viewer.SeesHealth || consent is { Current: true });

    public static async Task RecordAsync(WaypointDbContext db, string council, long personId, DateOnly givenOn, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (givenOn > DateOnly.FromDateTime(at.UtcDateTime.AddDays(1))) throw new PathwayRefusedException("The date consent was given must be today or in the past.");
        if (await LatestAsync(db, council, personId, cancellationToken) is { Current: true })
            throw new PathwayRefusedException("Consent to share health information is already recorded.");
        db.HealthSharingConsents.Add(new HealthSharingConsent { CouncilCode = council, PersonId = personId, GivenOn = givenOn, RecordedBy = by, RecordedAt = at });
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task WithdrawAsync(WaypointDbContext db, string council, long personId, DateOnly withdrawnOn, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var consent = await db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == personId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (consent is not { WithdrawnOn: null }) throw new PathwayRefusedException("There is no consent to share health information to withdraw.");
        if (withdrawnOn < consent.GivenOn) throw new PathwayRefusedException("Consent cannot be withdrawn before the date it was given.");
        (consent.WithdrawnOn, consent.WithdrawnBy) = (withdrawnOn, by);
        await db.SaveChangesAsync(cancellationToken);
    }
}
