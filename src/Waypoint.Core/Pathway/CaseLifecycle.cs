using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>
/// The moves that are not a piece of pathway work of their own: identifying a young person as likely to need
/// transition support, and closing a case (they moved away, died, or no longer need it). Each needs a reason.
/// </summary>
public static class CaseLifecycle
{
    /// <summary>
    /// Marks a young person as identified (domain.md: by a rule or score, or by hand), opening their case - or reopening a
    /// closed one - so they show on the tracker as someone to plan for before anyone has referred them.
    /// </summary>
    public static async Task IdentifyAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, string why, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null)
        {
            transitionsCase = TransitionsCase.Open(person.Id, by.CouncilCode, TransitionsStage.Identified, by.UserName, at, why);
            db.TransitionsCases.Add(transitionsCase);
        }
        else
        {
            transitionsCase.MoveTo(TransitionsStage.Identified, by.UserName, at, why);
        }
        await CaseWork.SaveAsync(db, by, transitionsCase, "Identified as likely to need transition support: " + why.Trim(), "case-identify", null, at, cancellationToken);
    }

    /// <summary>Closes a case from any opened stage, with the reason; a new identification or referral reopens it.</summary>
    public static async Task CloseAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, string why, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (_, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is null) throw new PathwayRefusedException("This young person has no transitions case to close.");
        transitionsCase.MoveTo(TransitionsStage.Closed, by.UserName, at, why);
        await CaseWork.SaveAsync(db, by, transitionsCase, "Case closed: " + why.Trim(), "case-close", null, at, cancellationToken);
    }
}
