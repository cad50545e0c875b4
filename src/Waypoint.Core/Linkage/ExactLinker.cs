using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>
/// Links source records that share an exact key into one person (formats.md section 6, issue "data spine"):
/// children's records on the council child id, or a valid UPN (current or former) plus date of birth; SEN2 on a
/// valid UPN plus date of birth; adult records on a valid NHS number or the adult person id; adult to children's
/// records on the person id only where the council shares person ids. UN codes and invalid numbers are never
/// keys. Links are transitive. Person ids stay the same across re-imports: a group keeps the oldest person it had.
/// </summary>
internal static class ExactLinker
{
    public const string Method = "exact";

    public static async Task<LinkSummary> LinkAsync(
        WaypointDbContext db, string council, bool sharedPersonIds, long batchId, IdAllocator ids, BulkWriter bulk, CancellationToken cancellationToken)
    {
        var records = await db.SourceRecords.AsNoTracking().Where(r => r.CouncilCode == council).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var keys = await db.SourceIdentifiers.AsNoTracking()
            .Where(i => i.CouncilCode == council && i.IsValid && (i.Kind == IdentifierKind.Upn || i.Kind == IdentifierKind.FormerUpn || i.Kind == IdentifierKind.NhsNumber))
            .Select(i => new { i.SourceRecordId, i.Kind, i.Value })
            .ToListAsync(cancellationToken);
        var links = await db.RecordLinks.AsNoTracking().Where(l => l.CouncilCode == council)
            .ToDictionaryAsync(l => l.SourceRecordId, l => l.PersonId, cancellationToken);

        var index = new Dictionary<long, int>(records.Count);
        for (var i = 0; i < records.Count; i++) index[records[i].Id] = i;
        var groups = new DisjointSets(records.Count);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        void Join(string key, int record)
        {
            if (owners.TryGetValue(key, out var other)) groups.Union(other, record);
            else owners[key] = record;
        }

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            // The council's own person ids: one id space for 903 CHILD and CIN LAchildID; adults' ids join it only when shared.
            if (r.Format is SourceFormat.Ssda903 or SourceFormat.Cin) Join((sharedPersonIds ? "person:" : "child:") + r.LocalKey, i);
            else if (r.Format == SourceFormat.Cld) Join((sharedPersonIds ? "person:" : "adult:") + r.LocalKey, i);
        }
        // A council spreadsheet's child or adult ids (its person key, or another id column) join the same id spaces.
        var sheetIds = await db.SourceRecords.Where(r => r.CouncilCode == council && r.Format == SourceFormat.Spreadsheet)
            .Join(db.SourceIdentifiers.Where(i => i.Kind == IdentifierKind.CouncilChildId || i.Kind == IdentifierKind.AdultPersonId), r => r.Id, i => i.SourceRecordId, (r, i) => new { i.SourceRecordId, i.Kind, i.Value })
            .ToListAsync(cancellationToken);
        foreach (var id in sheetIds)
            Join((sharedPersonIds ? "person:" : id.Kind == IdentifierKind.CouncilChildId ? "child:" : "adult:") + id.Value, index[id.SourceRecordId]);
        foreach (var key in keys)
        {
            if (!index.TryGetValue(key.SourceRecordId, out var i)) continue;
            var r = records[i];
            if (key.Kind == IdentifierKind.NhsNumber) Join("nhs:" + key.Value, i);
            else if (r.DateOfBirth is { } dob && r.Format != SourceFormat.Cld) Join($"upn:{key.Value}|{dob:yyyy-MM-dd}", i);
        }

        // Each group keeps the oldest person any of its records had that no earlier group has claimed.
        var clusters = Enumerable.Range(0, records.Count).GroupBy(groups.Find).Select(g => g.ToList()).ToList();
        var claimed = new HashSet<long>();
        var ordered = clusters
            .Select(c => (Members: c, Existing: c.Select(i => links.GetValueOrDefault(records[i].Id)).Where(p => p != 0).Distinct().Order().ToList()))
            .OrderBy(c => c.Existing.Count == 0 ? long.MaxValue : c.Existing[0])
            .ThenBy(c => records[c.Members[0]].Id)
            .ToList();

        var existingPeople = links.Values.ToHashSet();
        var references = await db.People.Where(p => p.CouncilCode == council).Select(p => p.Reference).ToListAsync(cancellationToken);
        var usedReferences = references.ToHashSet(StringComparer.Ordinal);
        var newPeople = 0;
        var touched = new List<(long PersonId, bool IsNew, List<SourceRecord> Members)>();
        var relinks = new List<(long RecordId, long PersonId)>();
        var newLinks = new List<RecordLink>();
        var survivorOf = new Dictionary<long, long>();
        foreach (var (members, existing) in ordered)
        {
            var personId = existing.FirstOrDefault(p => !claimed.Contains(p));
            var isNew = personId == 0;
            if (isNew)
            {
                personId = ids.Next<Person>();
                newPeople++;
            }
            claimed.Add(personId);
            foreach (var other in existing) survivorOf.TryAdd(other, personId);
            var changed = isNew;
            foreach (var i in members)
            {
                var record = records[i];
                if (!links.TryGetValue(record.Id, out var linkedTo))
                {
                    newLinks.Add(new RecordLink { SourceRecordId = record.Id, PersonId = personId, CouncilCode = council, Method = Method, LinkedInBatchId = batchId });
                    changed = true;
                }
                else if (linkedTo != personId)
                {
                    relinks.Add((record.Id, personId));
                    changed = true;
                }
                changed |= record.LastSeenBatchId == batchId;
            }
            if (changed) touched.Add((personId, isNew, members.Select(i => records[i]).ToList()));
        }

        // New people are written before their links; summaries of people who changed are recomputed from their records.
        var updates = new List<Person>();
        foreach (var (personId, isNew, members) in touched)
        {
            var person = new Person { Id = personId, CouncilCode = council, Reference = isNew ? NewReference(usedReferences) : "" };
            PersonSummary.Apply(person, members);
            if (isNew) await bulk.AddAsync(person, cancellationToken);
            else updates.Add(person);
        }
        await bulk.FlushAsync(cancellationToken);
        await bulk.AddRangeAsync(newLinks, cancellationToken);
        await bulk.FlushAsync(cancellationToken);

        foreach (var (recordId, personId) in relinks)
        {
            await db.RecordLinks.Where(l => l.SourceRecordId == recordId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.PersonId, personId).SetProperty(l => l.LinkedInBatchId, batchId), cancellationToken);
        }
        foreach (var person in updates)
        {
            await db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Forename, person.Forename).SetProperty(p => p.Surname, person.Surname)
                .SetProperty(p => p.DateOfBirth, person.DateOfBirth).SetProperty(p => p.Sex, person.Sex)
                .SetProperty(p => p.Ethnicity, person.Ethnicity).SetProperty(p => p.Postcode, person.Postcode), cancellationToken);
        }

        // People whose records all joined another person are gone; their transitions case and the milestones recorded
        // for them follow the records.
        var merged = existingPeople.Except(claimed).ToList();
        foreach (var gone in merged)
        {
            var survivor = survivorOf[gone];
            await db.MilestoneEvidence.Where(m => m.PersonId == gone).ExecuteUpdateAsync(s => s.SetProperty(m => m.PersonId, survivor), cancellationToken);
            var hasCase = await db.TransitionsCases.AnyAsync(c => c.PersonId == gone, cancellationToken);
            if (hasCase && !await db.TransitionsCases.AnyAsync(c => c.PersonId == survivor, cancellationToken))
                await db.TransitionsCases.Where(c => c.PersonId == gone).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, survivor), cancellationToken);
            if (!await db.TransitionsCases.AnyAsync(c => c.PersonId == gone, cancellationToken))
                await db.People.Where(p => p.Id == gone).ExecuteDeleteAsync(cancellationToken);
        }

        return new LinkSummary(records.Count, claimed.Count, newPeople, merged.Count, relinks.Count);
    }

    /// <summary>An opaque person reference: random, so it reveals nothing and cannot be guessed from another.</summary>
    private static string NewReference(HashSet<string> used)
    {
        // No vowels, so a reference never spells a word; 30^10 values make collisions vanishingly rare.
        const string alphabet = "0123456789BCDFGHJKLMNPQRSTVWXZ";
        while (true)
        {
            var reference = RandomNumberGenerator.GetString(alphabet, 10);
            if (used.Add(reference)) return reference;
        }
    }

    /// <summary>Union-find with path halving and union by size.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly int[] _size;

        public DisjointSets(int count)
        {
            _parent = new int[count];
            _size = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
                _size[i] = 1;
            }
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        public void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b) return;
            if (_size[a] < _size[b]) (a, b) = (b, a);
            _parent[b] = a;
            _size[a] += _size[b];
        }
    }
}
