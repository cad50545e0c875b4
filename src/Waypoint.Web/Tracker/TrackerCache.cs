using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Web.Tracker;

/// <summary>
/// The tracker's rows, with every person's statutory clock, for a council on a date. They are worked out again after
/// each import, each change to a transitions case or recorded milestone, each merge or split of people, and each new day (the as-of date moves), so
/// paging, sorting and filtering do not re-evaluate the rules on every request. Each web node keeps its own; the key
/// makes them agree.
/// </summary>
public sealed class TrackerCache(RulesPolicy policy) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private (string Council, DateOnly AsOf, CouncilDataVersion Data) _key;
    private List<TrackerRow>? _rows;
    private CohortIndex? _cohorts;

    private sealed record CohortIndex(IReadOnlyList<TrackerRow> Rows, IReadOnlyDictionary<long, IReadOnlyCollection<string>> Cohorts);

    /// <summary>The rows for the council's data as it is now: <paramref name="data"/>, when the caller has read it already (<see cref="RequestDataVersion"/>).</summary>
    public async Task<IReadOnlyList<TrackerRow>> RowsAsync(
        WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, CouncilDataVersion? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        // An import, a merge or split made by hand, a recorded milestone, or any saved change to a case (CouncilDataVersion).
        var key = (council, asOf, data ?? await CouncilDataVersion.ReadAsync(db, council, cancellationToken));
        if (Volatile.Read(ref _rows) is { } rows && _key == key) return rows;

        // One evaluation at a time: a burst of first requests waits for it rather than each doing it.
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_rows is not null && _key == key) return _rows;
            var fresh = await Core.People.Tracker.InScopeAsync(db, council, asOf, policy, cancellationToken);
            _key = key;
            Volatile.Write(ref _rows, fresh);
            return fresh;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The transitions cohort today, by person: their cohort flags. Someone not in it is not in the dictionary.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyCollection<string>>> CohortsAsync(
        WaypointDbContext db, string council, DateOnly asOf, CancellationToken cancellationToken, CouncilDataVersion? data = null)
    {
        var rows = await RowsAsync(db, council, asOf, cancellationToken, data);
        if (Volatile.Read(ref _cohorts) is { } index && ReferenceEquals(index.Rows, rows)) return index.Cohorts;
        var cohorts = rows.ToDictionary(r => r.Id, r => (IReadOnlyCollection<string>)r.Cohorts);
        Volatile.Write(ref _cohorts, new CohortIndex(rows, cohorts));
        return cohorts;
    }

    public void Dispose() => _building.Dispose();
}
