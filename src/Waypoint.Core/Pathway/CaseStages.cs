namespace Waypoint.Core.Pathway;

/// <summary>
/// Which state of a council's transitions cases' stages something was worked out from: how many cases there are and
/// the latest move of any (opened, moved on, closed or reopened: each is a row of its case's moves). Anything kept in
/// memory that reads who has an open case (the tracker's rows, the fitted forecast) is still good while this is the
/// same, on any web node. Other changes to a case (an allocation, a task) leave it as it is. Read with the rest of the
/// council's data version (<see cref="Data.CouncilDataVersion"/>).
/// </summary>
public readonly record struct CaseStagesVersion(int Cases, long LastMove);
