using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Access;

/// <summary>
/// Emergency access to a young person's record that the member of staff's team has no involvement with: asked for
/// with a reason, lasting a limited time, and reviewed afterwards by a manager or the data protection officer
/// (UK GDPR art. 5(1)(f) and 32: access beyond need must be exceptional and accountable).
/// </summary>
public sealed class BreakGlassAccess
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public long PersonId { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    public string? Team { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset Until { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
}

/// <summary>A use of emergency access as its reviewers see it: the young person by opaque reference only.</summary>
public sealed record BreakGlassUse(
    long Id, string PersonReference, string UserName, string Role, string? Team, string Reason, DateTimeOffset At, DateTimeOffset Until,
    string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote);

public static class BreakGlass
{
    public const int ReasonLength = 1000;
    public const int ReviewNoteLength = 2000;

    /// <summary>How long emergency access lasts unless the council sets otherwise: long enough for a visit or a call, not a standing right.</summary>
    public static readonly TimeSpan DefaultLasts = TimeSpan.FromHours(2);

    public static async Task<BreakGlassAccess> OpenAsync(
        WaypointDbContext db, Viewer viewer, long personId, string? reason, DateTimeOffset at, TimeSpan lasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        var why = Answers.Required(reason, "Enter why you need to see this young person's record now", ReasonLength, "The reason");
        var access = new BreakGlassAccess
        {
            CouncilCode = viewer.Council,
            PersonId = personId,
            UserName = viewer.UserName,
            Role = viewer.Role,
            Team = viewer.Team,
            Reason = why,
            At = at,
            Until = at + lasts,
        };
        db.BreakGlassAccesses.Add(access);
        await db.SaveChangesAsync(cancellationToken);
        return access;
    }

    /// <summary>Every use (or only the use <paramref name="only"/>), those still to review first, then newest first.</summary>
    public static async Task<List<BreakGlassUse>> UsesAsync(WaypointDbContext db, string council, bool toReviewOnly, CancellationToken cancellationToken, long? only = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var uses = await db.BreakGlassAccesses.Where(b => b.CouncilCode == council && (!toReviewOnly || b.ReviewedAt == null) && (only == null || b.Id == only))
            .Select(b => new BreakGlassUse(
                b.Id, db.People.Where(p => p.Id == b.PersonId).Select(p => p.Reference).FirstOrDefault() ?? "(record removed)",
                b.UserName, b.Role, b.Team, b.Reason, b.At, b.Until, b.ReviewedBy, b.ReviewedAt, b.ReviewNote))
            .ToListAsync(cancellationToken);
        return uses.OrderBy(u => u.ReviewedAt is not null).ThenByDescending(u => u.At).ThenByDescending(u => u.Id).ToList();
    }

    /// <summary>A reviewer's conclusion on one use. Nobody reviews their own emergency access.</summary>
    public static async Task ReviewAsync(
        WaypointDbContext db, string council, long id, string reviewer, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var access = await db.BreakGlassAccesses.SingleOrDefaultAsync(b => b.CouncilCode == council && b.Id == id, cancellationToken)
            ?? throw new PathwayRefusedException("There is no such use of emergency access.");
        if (access.ReviewedAt is not null) throw new PathwayRefusedException($"This use of emergency access was reviewed by {access.ReviewedBy} already.");
        if (access.UserName == reviewer) throw new PathwayRefusedException("You cannot review your own use of emergency access. Ask another manager or the data protection officer.");
        access.ReviewNote = Answers.Required(note, "Enter what the review found", ReviewNoteLength, "What the review found");
        (access.ReviewedBy, access.ReviewedAt) = (reviewer, at);
        await db.SaveChangesAsync(cancellationToken);
    }
}
