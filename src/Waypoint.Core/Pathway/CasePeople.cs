using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Pathway;

/// <summary>Who a young person is on a work tray: their reference, the name the tracker shows, their date of birth.</summary>
public sealed record CasePerson(long Id, string Reference, string DisplayName, DateOnly? DateOfBirth);

/// <summary>The people behind a list of cases or tasks, named as the case page names them (903 and CIN give no names).</summary>
public static class CasePeople
{
    public static async Task<Dictionary<long, CasePerson>> OfAsync(WaypointDbContext db, IEnumerable<long> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new Dictionary<long, CasePerson>();
        // In batches: each id is a parameter of the query, and a database takes only so many (SQLite 32,766); the people
        // behind one number of a national dashboard can be more.
        foreach (var ids in personIds.Distinct().Chunk(5_000))
        {
            var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.Reference, p.Forename, p.Surname, p.DateOfBirth }).ToListAsync(cancellationToken);
            var childIds = (await db.RecordLinks.Where(l => ids.Contains(l.PersonId))
                    .Join(db.SourceIdentifiers.Where(i => i.Kind == IdentifierKind.CouncilChildId), l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => new { l.PersonId, i.Value })
                    .ToListAsync(cancellationToken))
                .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Select(c => c.Value).Min(StringComparer.Ordinal));
            foreach (var p in people) found[p.Id] = new CasePerson(p.Id, p.Reference, DisplayName.Of(p.Forename, p.Surname, childIds.GetValueOrDefault(p.Id), p.Reference), p.DateOfBirth);
        }
        return found;
    }
}
