namespace Waypoint.Core.Ingest;

/// <summary>What an import did with one file: counts and every problem found, in file order.</summary>
public sealed class FileReport(string path, SourceFileKind kind)
{
    public string Path { get; } = path;
    public string File { get; } = System.IO.Path.GetFileName(path);
    public SourceFileKind Kind { get; } = kind;
    public string Format => Kind.Format();

    /// <summary>True when the same bytes were imported before: the file was recognised and not read again.</summary>
    public bool Skipped { get; set; }

    public int RecordsRead { get; set; }
    public int Imported { get; set; }
    public int Rejected { get; set; }
    public int Warnings { get; private set; }
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Records a warning under a warning rule; the value is kept.</summary>
    public void Warn(DataQualityRule rule, int line, string field, string message)
    {
        Add(rule, Severity.Warning, line, field, message);
        Warnings++;
    }

    /// <summary>Records an error under an error rule; the caller rejects the record or row it belongs to.</summary>
    public void Error(DataQualityRule rule, int line, string field, string message) => Add(rule, Severity.Error, line, field, message);

    /// <summary>Records a fatal problem under a fatal rule, for the caller to throw: the import call is rolled back.</summary>
    public ImportFatalException Fatal(DataQualityRule rule, int line, string field, string message) =>
        new(Add(rule, Severity.Fatal, line, field, message));

    /// <summary>The catalogue decides the severity; a call that disagrees with it is a bug, not a data problem.</summary>
    private ImportProblem Add(DataQualityRule rule, Severity severity, int line, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Severity != severity)
            throw new InvalidOperationException($"Rule {rule.Id} is a {rule.Severity.ToString().ToLowerInvariant()}, not a {severity.ToString().ToLowerInvariant()}.");
        var problem = new ImportProblem(File, line, field, rule, message);
        Problems.Add(problem);
        return problem;
    }
}
