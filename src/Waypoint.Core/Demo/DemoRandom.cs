namespace Waypoint.Core.Demo;

/// <summary>
/// A small seeded random number generator (xoshiro256**, seeded through SplitMix64).
/// Its sequence is fixed by this code rather than by the runtime's <see cref="Random"/>, so a
/// demo council stays byte-identical across .NET versions; one instance per person and stream
/// keeps people independent of each other and of the order they are generated in.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DemoRandom(int seed, long index, int stream)
    {
        var x = SplitMix(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
        x = SplitMix(x ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL));
        x = SplitMix(x ^ unchecked((ulong)stream * 0xA0761D6478BD642FUL));
        _s0 = SplitMix(x);
        _s1 = SplitMix(_s0);
        _s2 = SplitMix(_s1);
        _s3 = SplitMix(_s2);
    }

    /// <summary>A well-mixed 64-bit value from any 64-bit value (SplitMix64's finaliser).</summary>
    public static ulong SplitMix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var result = RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>0 &lt;= value &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary><paramref name="min"/> &lt;= value &lt;= <paramref name="maxInclusive"/>.</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An exponentially distributed number of days with the given mean, at least 1.</summary>
    public int ExponentialDays(double meanDays) => Math.Max(1, (int)(-Math.Log(1.0 - NextDouble()) * meanDays));

    /// <summary>A date from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public DateOnly DateBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(Next(to.DayNumber - from.DayNumber + 1));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>Items with relative weights, picked by a <see cref="DemoRandom"/>.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(params (T Item, double Weight)[] entries)
    {
        _items = new T[entries.Length];
        _cumulative = new double[entries.Length];
        var total = 0.0;
        for (var i = 0; i < entries.Length; i++)
        {
            total += entries[i].Weight;
            _items[i] = entries[i].Item;
            _cumulative[i] = total;
        }
        for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] /= total;
    }

    public T Pick(DemoRandom random) => PickAt(random.NextDouble());

    /// <summary>The item at a point in [0, 1) of the cumulative weights (used for stratified picks).</summary>
    public T PickAt(double point)
    {
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (point < _cumulative[i]) return _items[i];
        }
        return _items[^1];
    }
}
