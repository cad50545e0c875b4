using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;

namespace Waypoint.Core.Demo;

/// <summary>
/// How well linkage did on a generated council, scored against its truth.csv: pairwise precision and recall (of
/// every pair of source records, how many the links put together rightly, and how many true pairs they found).
/// Scored twice: the links made automatically, and those plus the review queue decided as a reviewer who knows the
/// families would (a pending pair joined when truth says it is one person).
/// </summary>
public sealed record LinkageAccuracy(
    int SourceRecords, int People, double Precision, double Recall, int ForReview, int ReviewedSame,
    double PrecisionWithReview, double RecallWithReview)
{
    public double ReviewShareOfPeople => People == 0 ? 0 : (double)ForReview / People;

    public static async Task<LinkageAccuracy> ScoreAsync(WaypointDbContext db, string council, string truthFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var truth = File.ReadLines(truthFile).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var records = await db.SourceRecords.Where(r => r.CouncilCode == council)
            .Join(db.RecordLinks, r => r.Id, l => l.SourceRecordId, (r, l) => new { r.Id, r.SourceKey, l.PersonId })
            .ToListAsync(cancellationToken);
        var scored = records.Where(r => truth.ContainsKey(r.SourceKey)).ToList();
        var personOf = records.ToDictionary(r => r.Id, r => r.PersonId);
        var truthOf = records.ToDictionary(r => r.Id, r => truth.GetValueOrDefault(r.SourceKey));
        var (precision, recall) = Pairwise(scored.Select(r => (truth[r.SourceKey], r.PersonId)).ToList());

        // The review queue decided by truth: a pair that is one person joins its two people.
        var pending = await db.PossibleMatches.Where(m => m.CouncilCode == council && m.Status == MatchStatus.Pending)
            .Select(m => new { m.RecordId, m.OtherRecordId }).ToListAsync(cancellationToken);
        var survivor = new Dictionary<long, long>();
        long Find(long p)
        {
            while (survivor.TryGetValue(p, out var next)) p = next;
            return p;
        }
        var same = 0;
        foreach (var m in pending.Where(m => truthOf[m.RecordId] is { } t && t == truthOf[m.OtherRecordId]))
        {
            same++;
            var (a, b) = (Find(personOf[m.RecordId]), Find(personOf[m.OtherRecordId]));
            if (a != b) survivor[b] = a;
        }
        var (precisionReviewed, recallReviewed) = Pairwise(scored.Select(r => (truth[r.SourceKey], Find(r.PersonId))).ToList());
        return new LinkageAccuracy(records.Count, records.Select(r => r.PersonId).Distinct().Count(), precision, recall, pending.Count, same, precisionReviewed, recallReviewed);
    }

    /// <summary>Pairwise precision and recall of predicted clusters against true ones, counted without listing pairs.</summary>
    public static (double Precision, double Recall) Pairwise(IReadOnlyList<(string Truth, long Predicted)> records)
    {
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var truePairs = Pairs(records.GroupBy(r => r.Truth).Select(g => g.Count()));
        var predictedPairs = Pairs(records.GroupBy(r => r.Predicted).Select(g => g.Count()));
        var both = Pairs(records.GroupBy(r => r).Select(g => g.Count()));
        return (predictedPairs == 0 ? 1 : (double)both / predictedPairs, truePairs == 0 ? 1 : (double)both / truePairs);
    }
}
