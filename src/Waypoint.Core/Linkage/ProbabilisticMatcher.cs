using System.Collections.Concurrent;

namespace Waypoint.Core.Linkage;

/// <summary>Thresholds for probabilistic links, as match probabilities (configurable per council).</summary>
public sealed record LinkageSettings
{
    /// <summary>At or above this, two people are linked without asking.</summary>
    public double AutoLinkAbove { get; init; } = 0.99;

    /// <summary>At or above this (and below <see cref="AutoLinkAbove"/>), a person who knows the families decides.</summary>
    public double ReviewAbove { get; init; } = 0.2;

    /// <summary>
    /// A person who matches two others, each above the automatic threshold, is linked to the better only when it is
    /// this many times more likely (in bits: 6 is 64 times); otherwise both go to review. Twins share a birthday and a
    /// home, so one record can look like either.
    /// </summary>
    public double ClearWinnerBits { get; init; } = 6;

    /// <summary>Blocks larger than this are skipped (a placeholder date of birth shared by thousands says nothing).</summary>
    public int LargestBlock { get; init; } = 5000;
}

/// <summary>A scored pair of people (exact-linked groups of records), by index into the groups.</summary>
internal sealed record ScoredPair(int A, int B, double Weight, MatchLevels Levels, string? SameForename, string? SameSurname)
{
    public double Probability => MatchModel.Probability(Weight);
}

/// <summary>
/// Fellegi-Sunter matching of people the exact keys left apart. The model is estimated from the council's own records
/// each time: u from random pairs, m by expectation-maximisation within blocks (once blocked on date of birth, to learn
/// every other field; once on UPN, to learn date of birth). Then only people who share a block are compared: same date
/// of birth, same date of birth with day and month swapped, same full name, same UPN apart from its check letter, or
/// same postcode and year of birth.
/// </summary>
internal sealed class ProbabilisticMatcher(LinkageSettings settings)
{
    private const int SampleSize = 200_000;

    // Fewer records (or pairs within date-of-birth blocks) than this are too few to learn a model from.
    private const int MinimumRecords = 1000;

    public MatchModel Estimate(IReadOnlyList<LinkRecord> records)
    {
        var random = new Random(20261122); // fixed: the same records always give the same model and the same links
        var forenames = Frequencies(records.Select(r => r.Forename));
        var surnames = Frequencies(records.Select(r => r.Surname));

        var byDateOfBirth = PairsWithin(records.Where(r => r.DateOfBirth is not null).GroupBy(r => r.DateOfBirth), random);
        if (records.Count < MinimumRecords || byDateOfBirth.Total < MinimumRecords) return MatchModel.Default with { Forenames = forenames, Surnames = surnames };

        var randomPairs = new List<MatchLevels>();
        for (var i = 0; i < SampleSize; i++)
        {
            var a = records[random.Next(records.Count)];
            var b = records[random.Next(records.Count)];
            if (a != b) randomPairs.Add(LinkRecord.Compare(a, b));
        }
        var u = MatchModel.EstimateU(randomPairs);
        var (m, lambdaInBlocks) = MatchModel.EstimateM(byDateOfBirth.Pairs, u, MatchModel.StartingM(), 0.1, new HashSet<MatchField> { MatchField.DateOfBirth });
        var byUpn = PairsWithin(records.SelectMany(r => r.Upns.Select(upn => (upn, r))).GroupBy(x => x.upn, x => x.r), random);
        var (mFromUpn, _) = MatchModel.EstimateM(byUpn.Pairs, u, m, 0.5, new HashSet<MatchField> { MatchField.Upn });
        m[(int)MatchField.DateOfBirth] = mFromUpn[(int)MatchField.DateOfBirth];

        // Matches found within date-of-birth blocks, as a share of every possible pair: the prior for any two records.
        double all = records.Count * (records.Count - 1.0) / 2;
        var prior = all == 0 ? 0.5 : Math.Clamp(lambdaInBlocks * byDateOfBirth.Total / all, 1e-9, 0.5);
        return new MatchModel { M = m, U = u, Prior = prior, Forenames = forenames, Surnames = surnames };
    }

    private static Dictionary<string, double> Frequencies(IEnumerable<string?> names)
    {
        var counts = names.OfType<string>().CountBy(n => n, StringComparer.Ordinal).ToList();
        double total = counts.Sum(c => c.Value);
        return counts.ToDictionary(c => c.Key, c => c.Value / total, StringComparer.Ordinal);
    }

    /// <summary>Pairs of records within each block, from blocks taken in random order until the sample is full.</summary>
    private (Dictionary<MatchLevels, int> Pairs, double Total) PairsWithin<TKey>(IEnumerable<IGrouping<TKey, LinkRecord>> blocks, Random random)
    {
        var all = blocks.Select(b => b.ToArray()).Where(b => b.Length > 1 && b.Length <= settings.LargestBlock).ToList();
        double total = all.Sum(b => b.Length * (b.Length - 1.0) / 2);
        var pairs = new Dictionary<MatchLevels, int>();
        var taken = 0;
        foreach (var block in all.OrderBy(_ => random.Next()))
        {
            for (var i = 0; i < block.Length; i++)
            {
                for (var j = i + 1; j < block.Length; j++)
                {
                    var levels = LinkRecord.Compare(block[i], block[j]);
                    pairs[levels] = pairs.GetValueOrDefault(levels) + 1;
                    taken++;
                }
            }
            if (taken >= SampleSize) break;
        }
        return (pairs, total);
    }

    /// <summary>Every pair of people who share a block, do not conflict, and score at or above the review threshold.</summary>
    public List<ScoredPair> Score(IReadOnlyList<PersonProfile> people, MatchModel model, CancellationToken cancellationToken)
    {
        var reviewWeight = Math.Log2(settings.ReviewAbove / (1 - settings.ReviewAbove));
        // Each person's blocks under each rule, so a pair met under an earlier rule is not scored twice.
        var blocksOf = new int[people.Count][][];
        for (var p = 0; p < people.Count; p++) blocksOf[p] = new int[Rules][];
        var blocks = new List<int[]>();
        var ruleOf = new List<int>();
        var keys = new List<long>();
        for (var r = 0; r < Rules; r++)
        {
            var members = new Dictionary<long, List<int>>();
            for (var p = 0; p < people.Count; p++)
            {
                keys.Clear();
                BlockKeys(people[p], r, keys);
                foreach (var key in keys.Distinct())
                {
                    if (!members.TryGetValue(key, out var list)) members[key] = list = [];
                    list.Add(p);
                }
            }
            var ids = new Dictionary<int, List<int>>();
            foreach (var list in members.Values.Where(l => l.Count > 1 && l.Count <= settings.LargestBlock))
            {
                foreach (var p in list) (ids.TryGetValue(p, out var mine) ? mine : ids[p] = []).Add(blocks.Count);
                blocks.Add([.. list]);
                ruleOf.Add(r);
            }
            foreach (var (p, mine) in ids) blocksOf[p][r] = [.. mine];
        }
        var found = new ConcurrentBag<ScoredPair>();
        Parallel.For(0, blocks.Count, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var block = blocks[b];
            var rule = ruleOf[b];
            for (var i = 0; i < block.Length; i++)
            {
                for (var j = i + 1; j < block.Length; j++)
                {
                    var (x, y) = (block[i], block[j]);
                    var a = people[x];
                    var c = people[y];
                    if (PersonProfile.Conflict(a, c) || SharedEarlier(blocksOf[x], blocksOf[y], rule)) continue;
                    var (levels, forename, surname) = PersonProfile.Compare(a, c);
                    var weight = model.Score(levels, forename, surname);
                    if (weight >= reviewWeight) found.Add(new ScoredPair(Math.Min(x, y), Math.Max(x, y), weight, levels, forename, surname));
                }
            }
        });
        return [.. found];
    }

    private const int Rules = 5;

    /// <summary>
    /// The blocks a person is in under each rule: 0 same date of birth; 1 same year with day and month either way round;
    /// 2 same full name; 3 same UPN apart from its check letter; 4 same postcode and year of birth. Keys are 64-bit
    /// numbers (text hashed): two values sharing a hash only make a block larger, never a wrong match.
    /// </summary>
    private static void BlockKeys(PersonProfile p, int rule, List<long> keys)
    {
        switch (rule)
        {
            case 0:
                foreach (var d in p.DatesOfBirth) keys.Add(d.DayNumber);
                break;
            case 1:
                foreach (var d in p.DatesOfBirth.Where(d => d.Day <= 12)) keys.Add((d.Year * 10_000L) + (Math.Min(d.Day, d.Month) * 100) + Math.Max(d.Day, d.Month));
                break;
            case 2:
                foreach (var f in p.Forenames)
                {
                    foreach (var s in p.Surnames) keys.Add(Hash(s, Hash(f)));
                }
                break;
            case 3:
                foreach (var u in p.Upns) keys.Add(Hash(u.AsSpan(1)));
                break;
            default:
                foreach (var pc in p.Postcodes)
                {
                    foreach (var d in p.DatesOfBirth) keys.Add(Hash(pc) ^ d.Year);
                }
                break;
        }
    }

    /// <summary>64-bit FNV-1a.</summary>
    private static long Hash(ReadOnlySpan<char> text, long seed = unchecked((long)14695981039346656037))
    {
        var hash = seed;
        foreach (var c in text) hash = unchecked((hash ^ c) * 1099511628211);
        return hash;
    }

    /// <summary>True when the two share a block under a rule before <paramref name="rule"/>.</summary>
    private static bool SharedEarlier(int[][] a, int[][] b, int rule)
    {
        for (var r = 0; r < rule; r++)
        {
            if (a[r] is not { } x || b[r] is not { } y) continue;
            foreach (var block in x)
            {
                if (Array.IndexOf(y, block) >= 0) return true;
            }
        }
        return false;
    }
}
