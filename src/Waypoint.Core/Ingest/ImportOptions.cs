namespace Waypoint.Core.Ingest;

/// <summary>How an import runs: for which council, who runs it, and the council's linking setting.</summary>
public sealed record ImportOptions(string CouncilCode)
{
    /// <summary>
    /// Linking:SharedPersonIds - true where one case system holds both children's and adults' records, so a CLD
    /// LA Person Unique Identifier is the same id as the 903 CHILD and CIN LAchildID. Default false.
    /// </summary>
    public bool SharedPersonIds { get; init; }

    /// <summary>Linking:AutoLinkAbove and Linking:ReviewAbove - the probabilistic linkage thresholds.</summary>
    public Linkage.LinkageSettings Linkage { get; init; } = new();

    /// <summary>
    /// Council spreadsheets in the call, by path, with the name of the saved mapping each is read through
    /// (formats.md section 5). Every other file's format is detected from its content.
    /// </summary>
    public IReadOnlyDictionary<string, string> Spreadsheets { get; init; } = new Dictionary<string, string>();

    public string UserName { get; init; } = "waypoint-cli";
    public string Role { get; init; } = "administrator";
}

/// <summary>What an import call did. <see cref="Committed"/> is false when a fatal problem rolled it back.</summary>
public sealed record ImportResult(bool Committed, long? BatchId, IReadOnlyList<FileReport> Files, LinkSummary? Links)
{
    public IEnumerable<ImportProblem> Problems => Files.SelectMany(f => f.Problems);
}

/// <summary>
/// What linking changed: the people the council's source records now form. <see cref="MatchedPeople"/> groups of
/// records were joined on their details rather than a shared key; <see cref="ForReview"/> pairs wait for a person to decide.
/// </summary>
public sealed record LinkSummary(
    int SourceRecords, int People, int NewPeople, int MergedPeople, int RelinkedRecords, int MatchedPeople = 0, int ForReview = 0, TimeSpan Took = default)
{
    /// <summary>Linking speed: every record of the council is linked again on each import.</summary>
    public double RecordsPerSecond => Took > TimeSpan.Zero ? SourceRecords / Took.TotalSeconds : 0;
}

/// <summary>Progress of a long import, for a progress bar: which file, and records read so far.</summary>
public sealed record ImportProgress(string Stage, string? File, int RecordsRead);

public static class Councils
{
    /// <summary>The synthetic demo council's code: not a real LA number.</summary>
    public const string DemoCouncilCode = "999";

    /// <summary>The demo council's postcode area: every home postcode the generator writes is in it.</summary>
    public const string DemoArea = "DM";
}
