using Microsoft.Extensions.Caching.Memory;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// Each young person's record as last read for the single view, per web node: a transitions team opens the same young
/// people all day, and a record is the same for everyone until the council's imported data changes (an import or a link
/// decision) or the person's own case or recorded milestones do (<see cref="PersonRecordState"/>, read on every view
/// with their consent to share health information, which decides whether the health detail is shown).
/// </summary>
public sealed class PersonRecordCache(RulesPolicy policy) : IDisposable
{
    // Bounded, so a node keeps the young people opened most recently rather than a whole council (the demo's has 13,800).
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = 4_000 });

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    private readonly record struct Key(string Council, long PersonId, DateOnly AsOf, ImportedDataVersion Imported, int? CaseVersion, long? LastEvidence);

    /// <summary>
    /// The person the access rules let this request see (<see cref="RelationshipAccess.AllowedPerson"/>, read at the
    /// door with their case's version, latest milestone and consent), as the signed-in user may see them; null when
    /// there is no such person.
    /// </summary>
    public async Task<PersonDetail?> GetAsync(HttpContext context, WaypointDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AllowedPerson() is not { } state) return null;
        var (council, personId) = (context.User.Council(), state.PersonId);
        var key = new Key(council, personId, asOf, (await context.DataVersionAsync(db, cancellationToken)).Imported, state.CaseVersion, state.LastEvidence);
        if (!_kept.TryGetValue(key, out PersonRecordData? record) || record is null)
        {
            // The cohort flags come from the tracker's rows, which are worked out on the same imported data.
            var cohorts = await RelationshipAccess.CohortsAsync(context, db, cancellationToken);
            record = await PersonRecord.ReadAsync(db, council, personId, asOf, policy, cohorts, cancellationToken);
            if (record is null) return null;
            _kept.Set(key, record, Entry);
        }
        return PersonRecord.View(record, context.User.Viewer(), state.Consent);
    }

    public void Dispose() => _kept.Dispose();
}
