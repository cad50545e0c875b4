using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

public static class Allocations
{
    /// <summary>
    /// Allocates a young person's case to a named worker (NICE NG43 and QS140: a named worker to coordinate transition
    /// support, through to transfer). The worker must have signed in to Waypoint, so that their work trays and
    /// reminders reach them; they are told in the app unless they allocated it to themselves. The statutory clock's
    /// named-worker milestone reads the allocation.
    /// </summary>
    public static async Task<TransitionsCase> AllocateAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, string worker, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(worker)) throw new PathwayRefusedException("Select who to allocate the case to.");
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null)
            throw new PathwayRefusedException("This young person has no transitions case to allocate. Refer them first.", $"/people/{personReference}/case");
        if (!Caseloads.IsOpen(transitionsCase.Stage))
            throw new PathwayRefusedException($"A case at {TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant()} is no longer worked, so it cannot be allocated.", $"/people/{personReference}/case");
        var member = await StaffDirectory.FindAsync(db, by.CouncilCode, worker, cancellationToken)
            ?? throw new PathwayRefusedException("There is nobody of that name in Waypoint's staff list. A worker can be allocated cases once they have signed in to Waypoint.");
        if (transitionsCase.NamedWorker == member.UserName)
            throw new PathwayRefusedException($"The case is already allocated to {member.DisplayName}.", $"/people/{personReference}/case");

        var names = await StaffDirectory.NamesAsync(db, by.CouncilCode, [by.UserName, .. transitionsCase.NamedWorker is { } was ? [was] : Array.Empty<string>()], cancellationToken);
        var previous = transitionsCase.NamedWorker is { } before ? names[before] : null;
        transitionsCase.NamedWorker = member.UserName;
        if (member.UserName != by.UserName)
        {
            db.Notifications.Add(new Notification
            {
                CouncilCode = by.CouncilCode,
                Recipient = member.UserName,
                Kind = NotificationKind.CaseAllocated,
                PersonId = transitionsCase.PersonId,
                What = $"{names[by.UserName]} allocated a case to you",
                ForDay = DateOnly.FromDateTime(at.UtcDateTime),
                CreatedAt = at,
            });
        }
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Allocated to {member.DisplayName}" + (previous is null ? "" : $" (was {previous})"), "case-allocate",
            previous is null ? "named worker recorded" : "named worker changed", at, cancellationToken);
        return transitionsCase;
    }
}
