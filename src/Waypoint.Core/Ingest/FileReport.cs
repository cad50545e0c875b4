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

    public void Warn(int line, string field, string message)
    {
        Warnings++;
        Problems.Add(new ImportProblem(File, line, field, Severity.Warning, message));
    }

    /// <summary>Records an error; the caller rejects the record or row it belongs to.</summary>
    public void Error(int line, string field, string message) =>
        Problems.Add(new ImportProblem(File, line, field, Severity.Error, message));

    public ImportFatalException Fatal(int line, string field, string message)
    {
        var problem = new ImportProblem(File, line, field, Severity.Fatal, message);
        Problems.Add(problem);
        return new ImportFatalException(problem);
    }
}
