using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>
/// Which state of a council's transitions cases' stages something was worked out from: how many cases there are and
/// the latest move of any (opened, moved on, closed or reopened). Every move sets its case's stage time, so anything
/// kept in memory that reads who has an open case (the tracker's rows, the fitted forecast) is still good while this is
/// the same, on any web node. Other changes to a case (an allocation, a task) leave it as it is.
/// </summary>
public readonly record struct CaseStagesVersion(int Cases, DateTimeOffset LastStageChange);

public static class CaseStages
{
    public static async Task<CaseStagesVersion> VersionAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.TransitionsCases.Where(c => c.CouncilCode == council);
        return new(
            await cases.CountAsync(cancellationToken),
            // SQLite cannot take the maximum of a date-time offset; a council has hundreds of cases, not millions.
            (await cases.Select(c => c.StageChangedAt).ToListAsync(cancellationToken)).DefaultIfEmpty().Max());
    }
}
