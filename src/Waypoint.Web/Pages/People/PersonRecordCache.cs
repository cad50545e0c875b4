using Microsoft.Extensions.Caching.Memory;
using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// Each young person's record as last read for the single view, per web node, on the key the tracker's cache uses (the
/// council's data version on the day): a transitions team opens the same young people all day, and a record is the same
/// for everyone until an import, a link decision, a recorded milestone or a change to a case. Consent to share health
/// information is not in that version, so it is read on every view, and the health detail shown or not then.
/// </summary>
public sealed class PersonRecordCache(RulesPolicy policy) : IDisposable
{
    // Bounded, so a node keeps the young people opened most recently rather than a whole council (the demo's has 13,800).
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = 4_000 });

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    private readonly record struct Key(string Council, long PersonId, DateOnly AsOf, CouncilDataVersion Data);

    /// <summary>
    /// The person the access rules let this request see (<see cref="RelationshipAccess.AllowedPersonId"/>), as the
    /// signed-in user may see them; null when there is no such person.
    /// </summary>
    public async Task<PersonDetail?> GetAsync(HttpContext context, WaypointDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AllowedPersonId() is not { } personId) return null;
        var council = context.User.Council();
        var key = new Key(council, personId, asOf, await context.DataVersionAsync(db, cancellationToken));
        if (!_kept.TryGetValue(key, out PersonRecordData? record) || record is null)
        {
            var cohorts = await RelationshipAccess.CohortsAsync(context, db, cancellationToken);
            record = await PersonRecord.ReadAsync(db, council, personId, asOf, policy, cohorts, cancellationToken);
            if (record is null) return null;
            _kept.Set(key, record, Entry);
        }
        return PersonRecord.View(record, context.User.Viewer(), await HealthConsent.LatestAsync(db, council, personId, cancellationToken));
    }

    public void Dispose() => _kept.Dispose();
}
