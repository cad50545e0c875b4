using System.Runtime.CompilerServices;

namespace Waypoint.Core.Linkage;

/// <summary>One comparison level per <see cref="MatchField"/> for a pair of records or people.</summary>
[InlineArray(7)]
public struct MatchLevels : IEquatable<MatchLevels>
{
    private byte _level;

    public readonly bool Equals(MatchLevels other) => ((ReadOnlySpan<byte>)this).SequenceEqual(other);

    public override readonly bool Equals(object? obj) => obj is MatchLevels other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = 0;
        foreach (var level in (ReadOnlySpan<byte>)this) hash = (hash * 8) + level;
        return hash;
    }

    public static bool operator ==(MatchLevels left, MatchLevels right) => left.Equals(right);

    public static bool operator !=(MatchLevels left, MatchLevels right) => !left.Equals(right);

    public override readonly string ToString() => string.Join(",", ((ReadOnlySpan<byte>)this).ToArray());
}

/// <summary>One field's part of a match weight, for showing a reviewer why two records look alike.</summary>
public sealed record FieldEvidence(MatchField Field, string Level, double Weight);

/// <summary>
/// The Fellegi-Sunter model: for each field and level, m (how often the level is seen when two records are the same
/// person) and u (when they are not), and the prior chance that two records are the same person. A pair's match
/// weight is log2 of the prior odds plus, for each field, log2(m/u) for the level seen. Exact names are adjusted by
/// how common the name is (a shared "SMITH" says less than a shared "OKAFOR").
/// </summary>
public sealed record MatchModel
{
    private const double Floor = 1e-6;
    private const double MinimumEvidence = 20;

    public required double[][] M { get; init; }
    public required double[][] U { get; init; }

    /// <summary>The chance two records picked at random are the same person.</summary>
    public required double Prior { get; init; }

    /// <summary>How common each (normalised) forename and surname is among the council's records.</summary>
    public IReadOnlyDictionary<string, double> Forenames { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> Surnames { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// For a store with too few records to learn from (a first small import, a test): the model learned from the
    /// generated council (`waypoint demo generate --size council --noise realistic`), rounded, with every level
    /// given some chance (real data has errors the generator does not make).
    /// </summary>
    public static MatchModel Default { get; } = new()
    {
        M =
        [
            [0, 0.87, 0.015, 0.03, 0.025, 0.06],
            [0, 0.97, 0.005, 0.005, 0.02],
            [0, 0.99, 0.005, 0.004, 0.001],
            [0, 0.998, 0.002],
            [0, 0.93, 0.01, 0.01, 0.05],
            [0, 0.87, 0.03, 0.1],
            [0, 0.95, 0.05],
        ],
        U =
        [
            [0, 0.003, 0.0006, 0.0003, 0.054, 0.9421],
            [0, 0.003, 0.0006, 0.0001, 0.9963],
            [0, 0.00016, 0.00006, 0.0069, 0.99288],
            [0, 0.5, 0.5],
            [0, 0.0001, 0.012, 0.1, 0.8879],
            [0, 0.00004, 0.00001, 0.99995],
            [0, 0.0001, 0.9999],
        ],
        Prior = 4e-5,
    };

    public double PriorWeight => Math.Log2(Prior / (1 - Prior));

    public double Weight(MatchField field, byte level, string? exactValue = null)
    {
        if (level == Comparisons.Missing) return 0;
        var m = Math.Max(M[(int)field][level], Floor);
        var u = Math.Max(U[(int)field][level], Floor);
        if (level == 1 && exactValue is not null && Frequencies(field)?.GetValueOrDefault(exactValue) is > 0 and var tf) u = Math.Max(tf, Floor);
        return Math.Log2(m / u);
    }

    /// <summary>The total match weight: prior plus every field's weight.</summary>
    public double Score(in MatchLevels levels, string? sameForename = null, string? sameSurname = null)
    {
        var total = PriorWeight;
        for (var f = 0; f < Comparisons.Fields.Length; f++)
        {
            var field = (MatchField)f;
            total += Weight(field, levels[f], field switch { MatchField.Forename => sameForename, MatchField.Surname => sameSurname, _ => null });
        }
        return total;
    }

    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    public IReadOnlyList<FieldEvidence> Explain(in MatchLevels levels, string? sameForename = null, string? sameSurname = null)
    {
        var evidence = new List<FieldEvidence>();
        for (var f = 0; f < Comparisons.Fields.Length; f++)
        {
            var field = (MatchField)f;
            var exact = field switch { MatchField.Forename => sameForename, MatchField.Surname => sameSurname, _ => null };
            evidence.Add(new FieldEvidence(field, Comparisons.Label(field, levels[f]), Math.Round(Weight(field, levels[f], exact), 2)));
        }
        return evidence;
    }

    private IReadOnlyDictionary<string, double>? Frequencies(MatchField field) => field switch
    {
        MatchField.Forename => Forenames,
        MatchField.Surname => Surnames,
        _ => null,
    };

    /// <summary>
    /// u from pairs of records drawn at random: almost all are different people, so how often each level turns up
    /// among them is its u. Every level gets at least one count, so no level is impossible.
    /// </summary>
    public static double[][] EstimateU(IEnumerable<MatchLevels> randomPairs)
    {
        var counts = NewTable(1);
        foreach (var pair in randomPairs)
        {
            for (var f = 0; f < Comparisons.Fields.Length; f++) counts[f][pair[f]]++;
        }
        return Normalise(counts);
    }

    /// <summary>
    /// m by expectation-maximisation over blocked pairs, with u held fixed (Splink's approach). A field used to make the
    /// blocks always agrees within them, so it says nothing there: <paramref name="blockedOn"/> fields are left out and
    /// keep <paramref name="startM"/>. Returns m and the share of the pairs that are matches.
    /// </summary>
    public static (double[][] M, double Lambda) EstimateM(
        IReadOnlyDictionary<MatchLevels, int> pairs, double[][] u, double[][] startM, double startLambda,
        IReadOnlySet<MatchField> blockedOn, int maxIterations = 50)
    {
        var m = startM.Select(row => row.ToArray()).ToArray();
        var lambda = startLambda;
        var total = pairs.Values.Sum();
        if (total == 0) return (m, lambda);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var counts = NewTable(0);
            double matches = 0;
            foreach (var (levels, count) in pairs)
            {
                double matchOdds = lambda, otherOdds = 1 - lambda;
                for (var f = 0; f < Comparisons.Fields.Length; f++)
                {
                    var level = levels[f];
                    if (level == Comparisons.Missing || blockedOn.Contains((MatchField)f)) continue;
                    matchOdds *= Math.Max(m[f][level], Floor);
                    otherOdds *= Math.Max(u[f][level], Floor);
                }
                var posterior = matchOdds / (matchOdds + otherOdds);
                matches += posterior * count;
                for (var f = 0; f < Comparisons.Fields.Length; f++) counts[f][levels[f]] += posterior * count;
            }
            var change = Math.Abs((matches / total) - lambda);
            lambda = Math.Clamp(matches / total, Floor, 1 - Floor);
            var next = Normalise(counts);
            for (var f = 0; f < Comparisons.Fields.Length; f++)
            {
                // Too few likely matches with the field on both sides to learn from: it keeps its starting m (an NHS
                // number is on adult records only, and two adult records of one file are never one person).
                if (blockedOn.Contains((MatchField)f) || counts[f].Skip(1).Sum() < MinimumEvidence) continue;
                for (var l = 1; l < m[f].Length; l++)
                {
                    change = Math.Max(change, Math.Abs(next[f][l] - m[f][l]));
                    m[f][l] = next[f][l];
                }
            }
            if (change < 1e-5) break;
        }
        return (m, lambda);
    }

    /// <summary>A starting m: agreement likely, every other level possible.</summary>
    public static double[][] StartingM() =>
        Comparisons.Fields.Select(f =>
        {
            var levels = Comparisons.LevelCount(f);
            var row = new double[levels];
            row[1] = 0.9;
            for (var l = 2; l < levels; l++) row[l] = 0.1 / (levels - 2);
            return row;
        }).ToArray();

    private static double[][] NewTable(double start) =>
        Comparisons.Fields.Select(f => Enumerable.Repeat(start, Comparisons.LevelCount(f)).ToArray()).ToArray();

    /// <summary>Each field's counts as shares of the pairs where the field was present on both sides.</summary>
    private static double[][] Normalise(double[][] counts) =>
        counts.Select(row =>
        {
            var present = row.Skip(1).Sum();
            return row.Select((c, l) => l == 0 || present == 0 ? 0 : c / present).ToArray();
        }).ToArray();
}
