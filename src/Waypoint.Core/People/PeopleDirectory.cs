using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Rules;

namespace Waypoint.Core.People;

/// <summary>One source record and the person it is linked to, by their outside-facing ids.</summary>
public sealed record LinkView(string SourceKey, string PersonId);

public sealed record NameView(string? Forename, string? Surname);

/// <summary>Identifiers of a person gathered from all their records; "upn" holds current and former UPNs.</summary>
public sealed record IdentifiersView(
    IReadOnlyList<string> CouncilChildId, IReadOnlyList<string> Upn, IReadOnlyList<string> Uln,
    IReadOnlyList<string> NhsNumber, IReadOnlyList<string> AdultPersonId);

/// <summary>A person as the CLI and API show them.</summary>
public sealed record PersonView(
    string PersonId, string CouncilCode, IReadOnlyList<NameView> Names, DateOnly? DateOfBirth, string? Sex,
    IdentifiersView Identifiers, IReadOnlyList<string> Cohorts, IReadOnlyList<string> SourceKeys);

/// <summary>Reads people and links for output. Callers audit what they show.</summary>
public static class PeopleDirectory
{
    public static async Task<List<LinkView>> ListLinksAsync(WaypointDbContext db, string? council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SourceRecords.Where(r => council == null || r.CouncilCode == council)
            .Join(db.RecordLinks, r => r.Id, l => l.SourceRecordId, (r, l) => new { r.SourceKey, l.PersonId })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.SourceKey, p.Reference })
            .OrderBy(v => v.SourceKey)
            .Select(v => new LinkView(v.SourceKey, v.Reference))
            .ToListAsync(cancellationToken);
    }

    public static async Task<List<PersonView>> ListPeopleAsync(WaypointDbContext db, string? council, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.AsNoTracking().Where(p => council == null || p.CouncilCode == council).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var records = (await db.RecordLinks.Where(l => council == null || l.CouncilCode == council)
                .Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => new { l.PersonId, r.Id, r.SourceKey, r.Forename, r.Surname })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.PersonId);
        var identifiers = (await db.RecordLinks.Where(l => council == null || l.CouncilCode == council)
                .Join(db.SourceIdentifiers, l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => new { l.PersonId, i.Kind, i.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.PersonId);
        var cohorts = new Dictionary<long, SortedSet<string>>();
        foreach (var code in people.Select(p => p.CouncilCode).Distinct())
        {
            var policy = new RulesPolicy().ForCouncil(code);
            var careLeavers = (await ClockFacts.LoadAsync(db, code, cancellationToken)).Values
                .Where(f => f.Episodes.Count > 0 && CareLeaver.Assess(f, asOf, policy).Status != CareLeaverStatus.None).Select(f => f.PersonId).ToList();
            foreach (var (person, flags) in await Cohort.FlagsAsync(db, code, asOf, careLeavers, cancellationToken)) cohorts[person] = flags;
        }

        return people.Select(p =>
        {
            var ids = identifiers[p.Id].ToList();
            List<string> Of(params string[] kinds) => ids.Where(i => kinds.Contains(i.Kind)).Select(i => i.Value).Distinct().Order(StringComparer.Ordinal).ToList();
            var own = records[p.Id].OrderBy(r => r.Id).ToList();
            return new PersonView(
                p.Reference,
                p.CouncilCode,
                own.Where(r => r.Forename is not null || r.Surname is not null).Select(r => new NameView(r.Forename, r.Surname)).Distinct().ToList(),
                p.DateOfBirth,
                p.Sex,
                new IdentifiersView(
                    Of(IdentifierKind.CouncilChildId), Of(IdentifierKind.Upn, IdentifierKind.FormerUpn), Of(IdentifierKind.Uln),
                    Of(IdentifierKind.NhsNumber), Of(IdentifierKind.AdultPersonId)),
                cohorts.TryGetValue(p.Id, out var flags) ? [.. flags] : [],
                own.Select(r => r.SourceKey).Order(StringComparer.Ordinal).ToList());
        }).ToList();
    }
}
