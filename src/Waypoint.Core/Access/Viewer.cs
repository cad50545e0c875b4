namespace Waypoint.Core.Access;

/// <summary>
/// The member of staff asking to see a young person, as the access rules need them: who they are, their team, and
/// what their role allows. The web app builds one from the sign-in's claims; the role names stay there.
/// </summary>
/// <param name="Council">The council whose records they work with.</param>
/// <param name="UserName">The sign-in's user name, as cases, tasks and the audit record them.</param>
/// <param name="Role">Their role's id, recorded with each use of emergency access.</param>
/// <param name="Team">Their team as the identity provider names it; null when it names none.</param>
/// <param name="WorksTransitionsCohort">A transitions role: sees everyone in the transitions cohort (the tracker's people).</param>
/// <param name="SitsOnPanel">A panel chair or member: sees the young people brought to the panel.</param>
/// <param name="SeesHealth">A role with a health permission: sees health detail without a recorded consent to share.</param>
public sealed record Viewer(string Council, string UserName, string Role, string? Team, bool WorksTransitionsCohort, bool SitsOnPanel, bool SeesHealth);

/// <summary>Why a member of staff may see a young person: the first of these that holds.</summary>
public enum AccessBasis
{
    /// <summary>They are the young person's named worker, or own a task about them.</summary>
    Allocated,

    /// <summary>Someone in their team carries the case, owns a task or made the referral; or their team works with a cohort the young person is in.</summary>
    TeamInvolved,

    /// <summary>They hold a transitions role and the young person is in the transitions cohort.</summary>
    TransitionsCohort,

    /// <summary>They sit on the transitions panel and the young person's case came to it.</summary>
    Panel,

    /// <summary>Emergency access they asked for, with a reason, for a limited time; reviewed afterwards.</summary>
    BreakGlass,
}
