using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Web.Tracker;

/// <summary>
/// The tracker's rows for a council on a date, kept until the next import (or the next day) so paging, sorting and
/// filtering do not rebuild cohorts on every request. Each web node keeps its own; the key makes them agree.
/// </summary>
public sealed class TrackerCache
{
    private readonly Lock _lock = new();
    private (string Council, DateOnly AsOf, long LastBatch) _key;
    private List<TrackerRow>? _rows;

    public async Task<IReadOnlyList<TrackerRow>> RowsAsync(WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken)
    {
        var lastBatch = await db.ImportBatches.Where(b => b.CouncilCode == council).MaxAsync(b => (long?)b.Id, cancellationToken) ?? 0;
        var key = (council, asOf, lastBatch);
        lock (_lock)
        {
            if (_rows is not null && _key == key) return _rows;
        }
        var rows = await Core.People.Tracker.InScopeAsync(db, council, asOf, cancellationToken);
        lock (_lock)
        {
            _key = key;
            _rows = rows;
        }
        return rows;
    }
}
