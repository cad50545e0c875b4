namespace Waypoint.Core.Ingest;

/// <summary>How bad a problem in a source file is (formats.md section 7).</summary>
public enum Severity
{
    /// <summary>The value is kept as given.</summary>
    Warning,

    /// <summary>That record or row is rejected; the rest import.</summary>
    Error,

    /// <summary>The whole import call is rolled back; nothing changes.</summary>
    Fatal,
}

/// <summary>
/// A problem found in a file, under one rule of <see cref="DataQualityRules"/>, which gives its severity.
/// <see cref="Field"/> is the column name for CSV and the element path for XML. Line 1 is a CSV file's heading row.
/// </summary>
public sealed record ImportProblem(string File, int Line, string Field, DataQualityRule Rule, string Message)
{
    public Severity Severity => Rule.Severity;

    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>A problem that stops the whole import call; it is rolled back.</summary>
public sealed class ImportFatalException(ImportProblem problem) : Exception(problem.ToString())
{
    public ImportProblem Problem { get; } = problem;
}
