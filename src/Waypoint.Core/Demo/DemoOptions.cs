namespace Waypoint.Core.Demo;

/// <summary>How many synthetic people the demo council has.</summary>
public enum DemoSize
{
    /// <summary>About 2,300 people: quick to load, for tests and first looks.</summary>
    Small,

    /// <summary>About 13,800 people, 12,000 of them aged 0 to 25: a city council like Leicester (formats and figures in domain.md).</summary>
    Council,

    /// <summary>About 1,000,000 people: load and performance testing.</summary>
    National,
}

/// <summary>Whether identifying details carry the imperfections real extracts have.</summary>
public enum DemoNoise
{
    /// <summary>Every identifier agrees across sources: exact linking must find every person.</summary>
    None,

    /// <summary>Missing and mistyped UPNs, name variants, moved postcodes, swapped dates of birth, twins.</summary>
    Realistic,
}

/// <summary>What to generate. <paramref name="AsOf"/> is the demo council's "today": nothing happens after it.</summary>
public sealed record DemoOptions(DemoSize Size, int Seed, DateOnly AsOf, DemoNoise Noise)
{
    /// <summary>The three-digit local authority code used in the files and inside every UPN.</summary>
    public string CouncilCode { get; init; } = "999";

    /// <summary>A number of people to use instead of the size's, for benchmarks at a chosen scale (same mix of people).</summary>
    public int? People { get; init; }
}

/// <summary>What was written: the number of distinct people, and the records in each file.</summary>
public sealed record DemoSummary(int People, IReadOnlyList<(string File, int Records)> Files);
