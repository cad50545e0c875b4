using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>
/// Links a council's source records into people (formats.md section 6). First on exact keys: children's records on
/// the council child id, or a valid UPN (current or former) plus date of birth; SEN2 on a valid UPN plus date of
/// birth; adult records on a valid NHS number or the adult person id; adult to children's records on the person id
/// only where the council shares person ids. UN codes and invalid numbers are never keys. Then the people the keys
/// left apart are matched on their details (<see cref="ProbabilisticMatcher"/>): linked above the automatic
/// threshold, queued for review between the thresholds. Links are transitive. Person ids stay the same across
/// re-imports: a group keeps the oldest person it had.
/// </summary>
internal static class Linker
{
    public const string Exact = "exact";
    public const string Probabilistic = "probabilistic";

    public static async Task<LinkSummary> LinkAsync(
        WaypointDbContext db, string council, bool sharedPersonIds, LinkageSettings settings, long batchId, DateTimeOffset now, IdAllocator ids,
        BulkWriter bulk, IReadOnlyList<FileReport> files, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // A national council is over a million records: read row by row from the driver, only the columns linking and
        // the people's summaries use, with one copy of each repeated value (file names, codes, common names).
        var records = new List<SourceRecord>();
        var identifiers = new List<(long SourceRecordId, string Kind, string Value, bool IsValid)>();
        var codes = new FactCodes();
        await Task.Run(() =>
        {
            FactRow.ReadAll(db, db.SourceRecords.Where(r => r.CouncilCode == council).OrderBy(r => r.Id)
                    .Select(r => new { r.Id, r.Format, r.FileName, r.LocalKey, r.Forename, r.Surname, r.DateOfBirth, r.Sex, r.Ethnicity, r.Postcode, r.LastSeenBatchId, r.Line }),
                codes, r => records.Add(new SourceRecord
                {
                    Id = r.Long(0),
                    CouncilCode = council,
                    SourceKey = "",
                    Format = r.Code(1)!,
                    FileName = r.Code(2)!,
                    LocalKey = r.Text(3)!,
                    Forename = r.Code(4),
                    Surname = r.Code(5),
                    DateOfBirth = r.Date(6),
                    Sex = r.Code(7),
                    Ethnicity = r.Code(8),
                    Postcode = r.Text(9),
                    LastSeenBatchId = r.Long(10),
                    Line = r.Int(11),
                }), cancellationToken);
            FactRow.ReadAll(db, db.SourceIdentifiers
                    .Where(i => i.CouncilCode == council && (i.Kind == IdentifierKind.Upn || i.Kind == IdentifierKind.FormerUpn || i.Kind == IdentifierKind.NhsNumber))
                    .Select(i => new { i.SourceRecordId, i.Kind, i.Value, i.IsValid }),
                codes, r => identifiers.Add((r.Long(0), r.Code(1)!, r.Text(2)!, r.Bool(3))), cancellationToken);
        }, cancellationToken);
        var keys = identifiers.Where(i => i.IsValid).ToList();
        var index = new Dictionary<long, int>(records.Count);
        for (var i = 0; i < records.Count; i++) index[records[i].Id] = i;
        var links = await db.RecordLinks.AsNoTracking().Where(l => l.CouncilCode == council)
            .ToDictionaryAsync(l => l.SourceRecordId, l => l.PersonId, cancellationToken);

        var groups = new DisjointSets(records.Count);

        // What people decided comes first and wins over every key and weight: the latest decision about two records.
        var decisions = (await db.LinkDecisions.AsNoTracking().Where(d => d.CouncilCode == council).OrderBy(d => d.Id).ToListAsync(cancellationToken))
            .GroupBy(d => (Math.Min(d.RecordId, d.OtherRecordId), Math.Max(d.RecordId, d.OtherRecordId)))
            .Select(g => g.Last())
            .Where(d => index.ContainsKey(d.RecordId) && index.ContainsKey(d.OtherRecordId))
            .ToList();
        foreach (var d in decisions.Where(d => d.Decision == MatchStatus.DifferentPeople)) groups.Forbid(index[d.RecordId], index[d.OtherRecordId]);
        foreach (var d in decisions.Where(d => d.Decision == MatchStatus.SamePerson)) groups.TryUnion(index[d.RecordId], index[d.OtherRecordId]);

        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        void Join(string key, int record)
        {
            if (owners.TryGetValue(key, out var other)) groups.TryUnion(other, record);
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

        var identifiersOf = identifiers.ToLookup(i => i.SourceRecordId, i => (i.Kind, i.Value, i.IsValid));
        var linkRecords = records.Select(r => LinkRecord.From(r, identifiersOf[r.Id])).ToList();
        var matched = Match(linkRecords, groups, sharedPersonIds, settings, cancellationToken);

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
                    newLinks.Add(new RecordLink { SourceRecordId = record.Id, PersonId = personId, CouncilCode = council, Method = matched.Methods[i], LinkedInBatchId = batchId });
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
        var reportOf = files.Where(f => !f.Skipped).GroupBy(f => (f.Format, f.File)).ToDictionary(g => g.Key, g => g.First());
        foreach (var (personId, isNew, members) in touched)
        {
            var person = new Person { Id = personId, CouncilCode = council, Reference = isNew ? NewReference(usedReferences) : "" };
            PersonSummary.Apply(person, members);
            ReportDatesOfBirthThatDisagree(person, members, batchId, reportOf);
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

        // The review queue is replaced: what is still uncertain after this run, each side named by its oldest record.
        await db.PossibleMatches.Where(m => m.CouncilCode == council && m.Status == MatchStatus.Pending).ExecuteDeleteAsync(cancellationToken);
        foreach (var pair in matched.ForReview)
        {
            var (first, other) = (records[matched.Groups[pair.A][0]].Id, records[matched.Groups[pair.B][0]].Id);
            db.PossibleMatches.Add(new PossibleMatch
            {
                CouncilCode = council,
                RecordId = Math.Min(first, other),
                OtherRecordId = Math.Max(first, other),
                Weight = Math.Round(pair.Weight, 2),
                Probability = pair.Probability,
                Status = MatchStatus.Pending,
                Evidence = JsonSerializer.Serialize(matched.Model!.Explain(pair.Levels, pair.SameForename, pair.SameSurname)),
                FoundInBatchId = batchId,
                FoundAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);

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

        return new LinkSummary(
            records.Count, claimed.Count, newPeople, merged.Count, relinks.Count, matched.Joined, matched.ForReview.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// A person whose records give different dates of birth (formats.md section 6; data-quality rule
    /// date-of-birth-disagrees): one warning per record that differs from the date the person shows, put on the file of
    /// this import it came from - or, when the differing record came earlier, on this import's record it now disagrees with.
    /// </summary>
    private static void ReportDatesOfBirthThatDisagree(
        Person person, List<SourceRecord> members, long batchId, Dictionary<(string Format, string File), FileReport> reportOf)
    {
        if (person.DateOfBirth is not { } shown || members.All(m => m.DateOfBirth is null || m.DateOfBirth == shown)) return;
        var agreeing = members.Where(m => m.DateOfBirth == shown).ToList();
        var fromThisImport = agreeing.FirstOrDefault(m => m.LastSeenBatchId == batchId);
        foreach (var differing in members.Where(m => m.DateOfBirth is { } d && d != shown))
        {
            var (record, other) = differing.LastSeenBatchId == batchId ? (differing, agreeing[0]) : (fromThisImport, differing);
            if (record is null || !reportOf.TryGetValue((record.Format, record.FileName), out var report)) continue;
            report.Warn(DataQualityRules.DateOfBirthDisagrees, record.Line, DateOfBirthField(record.Format),
                $"date of birth {Rules.Dates.Format(record.DateOfBirth!.Value)} disagrees with {Rules.Dates.Format(other.DateOfBirth!.Value)} " +
                $"in {other.Format} file {other.FileName} line {other.Line}, a record linked to the same person; the person shows " +
                $"{Rules.Dates.Format(shown)} and both records are kept");
        }
    }

    /// <summary>Each format's name for a date of birth, as its parser reports it.</summary>
    private static string DateOfBirthField(string format) => format switch
    {
        SourceFormat.Ssda903 => "DOB",
        SourceFormat.Cin or SourceFormat.Sen2 => "PersonBirthDate",
        SourceFormat.Cld => "Date of Birth",
        _ => "date of birth",
    };

    /// <summary>What matching on details did: how each record is linked, how many groups it joined, what waits for review.</summary>
    private sealed record Matched(string[] Methods, int Joined, List<ScoredPair> ForReview, List<List<int>> Groups, MatchModel? Model);

    /// <summary>
    /// Matches the groups the exact keys made, joining those above the automatic threshold into <paramref name="records"/>'
    /// sets. Strongest pairs first, and a join is refused when the joined groups would hold two people (two council ids,
    /// two NHS numbers, two records of one file), so one weak pair cannot chain two people together.
    /// </summary>
    private static Matched Match(List<LinkRecord> records, DisjointSets sets, bool sharedPersonIds, LinkageSettings settings, CancellationToken cancellationToken)
    {
        var groupOf = new Dictionary<int, int>();
        var groups = new List<List<int>>();
        for (var i = 0; i < records.Count; i++)
        {
            var root = sets.Find(i);
            if (!groupOf.TryGetValue(root, out var g))
            {
                groupOf[root] = g = groups.Count;
                groups.Add([]);
            }
            groups[g].Add(i);
        }
        var methods = Enumerable.Repeat(Exact, records.Count).ToArray();
        if (groups.Count < 2) return new Matched(methods, 0, [], groups, null);

        var profiles = groups.Select(g => PersonProfile.Of(g.Select(i => records[i]).ToList(), sharedPersonIds)).ToArray();
        var matcher = new ProbabilisticMatcher(settings);
        var model = matcher.Estimate(records);
        var scored = matcher.Score(profiles, model, cancellationToken).OrderByDescending(p => p.Weight).ThenBy(p => p.A).ThenBy(p => p.B).ToList();
        var autoWeight = Math.Log2(settings.AutoLinkAbove / (1 - settings.AutoLinkAbove));

        // A group whose two best automatic matches cannot both be it (twins: one record, two likely people) is linked
        // to neither unless one is clearly better.
        var unclear = new HashSet<ScoredPair>();
        foreach (var mine in scored.Where(p => p.Weight >= autoWeight).SelectMany(p => new[] { (Group: p.A, Pair: p), (Group: p.B, Pair: p) }).GroupBy(x => x.Group))
        {
            var best = mine.Select(x => x.Pair).ToList();
            if (best.Count < 2) continue;
            var other0 = best[0].A == mine.Key ? best[0].B : best[0].A;
            var other1 = best[1].A == mine.Key ? best[1].B : best[1].A;
            if (PersonProfile.Conflict(profiles[other0], profiles[other1]) && best[0].Weight - best[1].Weight < settings.ClearWinnerBits)
                unclear.UnionWith(best);
        }

        var joined = new DisjointSets(groups.Count);
        var joins = 0;
        var review = new List<ScoredPair>();
        foreach (var pair in scored)
        {
            var (a, b) = (joined.Find(pair.A), joined.Find(pair.B));
            if (a == b) continue;
            if (pair.Weight < autoWeight || unclear.Contains(pair) || PersonProfile.Conflict(profiles[a], profiles[b]))
            {
                review.Add(pair);
                continue;
            }
            // A person decided these records are different people: never joined, never asked again.
            if (!sets.TryUnion(groups[pair.A][0], groups[pair.B][0])) continue;
            joined.Union(a, b);
            profiles[joined.Find(a)] = PersonProfile.Merge(profiles[a], profiles[b]);
            joins++;
        }

        // In each joined group, the records of the group holding the oldest record stay "exact"; the others were matched.
        foreach (var joinedGroups in Enumerable.Range(0, groups.Count).GroupBy(joined.Find).Where(g => g.Count() > 1))
        {
            var anchor = joinedGroups.MinBy(g => records[groups[g][0]].Id);
            foreach (var g in joinedGroups.Where(g => g != anchor))
            {
                foreach (var i in groups[g]) methods[i] = Probabilistic;
            }
        }

        // One pair per two people left apart: the strongest.
        var forReview = review.Where(p => joined.Find(p.A) != joined.Find(p.B) && sets.CanUnion(groups[p.A][0], groups[p.B][0]))
            .GroupBy(p => (Math.Min(joined.Find(p.A), joined.Find(p.B)), Math.Max(joined.Find(p.A), joined.Find(p.B))))
            .Select(g => g.First())
            .ToList();
        return new Matched(methods, joins, forReview, groups, model);
    }

    /// <summary>An opaque person reference: random, so it reveals nothing and cannot be guessed from another.</summary>
    internal static string NewReference(HashSet<string> used)
    {
        // No vowels, so a reference never spells a word; 30^10 values make collisions vanishingly rare.
        const string alphabet = "0123456789BCDFGHJKLMNPQRSTVWXZ";
        while (true)
        {
            var reference = RandomNumberGenerator.GetString(alphabet, 10);
            if (used.Add(reference)) return reference;
        }
    }

    /// <summary>
    /// Union-find with path halving and union by size, and pairs that must stay apart: a union that would put two
    /// records a person said are different people into one group is refused.
    /// </summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly int[] _size;
        private readonly Dictionary<int, List<int>> _apart = [];

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

        public void Union(int a, int b) => TryUnion(a, b);

        public void Forbid(int a, int b)
        {
            Apart(Find(a)).Add(b);
            Apart(Find(b)).Add(a);
        }

        public bool CanUnion(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b) return true;
            return !(_apart.TryGetValue(a, out var fromA) && fromA.Any(x => Find(x) == b))
                && !(_apart.TryGetValue(b, out var fromB) && fromB.Any(x => Find(x) == a));
        }

        public bool TryUnion(int a, int b)
        {
            if (!CanUnion(a, b)) return false;
            a = Find(a);
            b = Find(b);
            if (a == b) return true;
            if (_size[a] < _size[b]) (a, b) = (b, a);
            _parent[b] = a;
            _size[a] += _size[b];
            if (_apart.Remove(b, out var moved)) Apart(a).AddRange(moved);
            return true;
        }

        private List<int> Apart(int root) => _apart.TryGetValue(root, out var list) ? list : _apart[root] = [];
    }
}
