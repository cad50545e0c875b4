using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Waypoint.Core.Ingest;

/// <summary>Where an import from the web has got to. The last four are the ends.</summary>
public enum ImportJobState
{
    /// <summary>A council spreadsheet came with the files: its preview waits for the user to import or cancel.</summary>
    AwaitingPreview,
    Queued,
    Running,
    Committed,

    /// <summary>A fatal problem: the importer rolled everything back.</summary>
    RolledBack,
    Cancelled,

    /// <summary>Something went wrong that is not a problem with the files (or the web node running it died); the transaction rolled back.</summary>
    Failed,
}

/// <summary>A file of an upload, under its own name (without any folder the browser sent) and its size.</summary>
public sealed record UploadedFile(string Name, long Bytes);

/// <summary>What an import did with one file, kept after the import ends: counts, what stopped the import, and the first rejected rows.</summary>
public sealed record FileOutcome(
    string File, string Format, bool Skipped, int RecordsRead, int Imported, int Rejected, int Warnings,
    IReadOnlyList<ImportProblem> Fatal, IReadOnlyList<ImportProblem> Errors, int ErrorCount);

/// <summary>
/// An import's result, without the every-warning list of <see cref="ImportResult"/>: a national import has hundreds of
/// thousands, kept in the data quality store; a job keeps only what its result page shows.
/// </summary>
public sealed record ImportOutcome(bool Committed, long? BatchId, IReadOnlyList<FileOutcome> Files, LinkSummary? Links)
{
    public const int ErrorsShownPerFile = 20;

    public static ImportOutcome From(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ImportOutcome(result.Committed, result.BatchId, [.. result.Files.Select(f =>
        {
            var errors = f.Problems.Where(p => p.Severity == Severity.Error).ToList();
            var format = f.Kind.Title();
            return new FileOutcome(f.File, char.ToUpperInvariant(format[0]) + format[1..], f.Skipped, f.RecordsRead, f.Imported, f.Rejected, f.Warnings,
                [.. f.Problems.Where(p => p.Severity == Severity.Fatal)], [.. errors.Take(ErrorsShownPerFile)], errors.Count);
        })], result.Links);
    }
}

/// <summary>
/// One upload from the web and its import, kept in the database while it waits, runs and for a day after, so that any
/// web node can show it, run it or cancel it (<see cref="ImportJobs"/> makes every change of state). Its files wait in
/// a private folder of their own under the upload folder, shared by the nodes, until the import ends. It holds no more
/// of anyone's details than its result page shows: file names, counts and the problems listed there (which are in the
/// data quality store anyway).
/// </summary>
public sealed class ImportJob
{
    public const int NodeLength = Operations.JobClaims.HolderLength;

    public Guid Id { get; set; }
    public required string CouncilCode { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }

    /// <summary>The upload's folder, by its name only: where the upload folder is, is each node's setting.</summary>
    public required string Folder { get; set; }

    /// <summary>The statutory files, read by their content.</summary>
    public IReadOnlyList<UploadedFile> Files { get; set; } = [];

    /// <summary>A council spreadsheet, read through <see cref="MappingName"/>.</summary>
    public UploadedFile? Spreadsheet { get; set; }

    public string? MappingName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public ImportJobState State { get; set; }

    /// <summary>The importer's latest report, written by the node running it every half second or so, and at the end.</summary>
    public ImportProgress? Progress { get; set; }

    /// <summary>Written with the job's end, so whoever sees the end sees the outcome.</summary>
    public ImportOutcome? Outcome { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Someone asked to stop it; the node running it stops at the importer's next step.</summary>
    public bool CancelRequested { get; set; }

    public string? CancelledByUser { get; set; }
    public string? CancelledByRole { get; set; }

    /// <summary>The web node running it (<see cref="Operations.JobClaims.NewNodeId"/>), while it runs and after.</summary>
    public string? Node { get; set; }

    /// <summary>Until when (UTC ticks, which SQLite can compare) its node holds it; the node renews it as it runs.</summary>
    public long LeaseUntilTicks { get; set; }

    /// <summary>Who asked to cancel (name, role); null for a job stopped because Waypoint was stopping.</summary>
    public (string UserName, string Role)? CancelledBy => CancelledByUser is { } user ? (user, CancelledByRole ?? "") : null;

    public bool Finished => State >= ImportJobState.Committed;

    public IEnumerable<UploadedFile> AllFiles => Spreadsheet is null ? Files : Files.Append(Spreadsheet);
}

/// <summary>
/// The job's lists and records as JSON text in one column each: they are only ever read and written whole. A problem's
/// rule is kept by its id and read back from the catalogue.
/// </summary>
internal static class ImportJobColumns
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new RuleById() } };

    public static ValueConverter<T, string> Converter<T>() => new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!);

    public static ValueComparer<T> Comparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);

    private sealed class RuleById : JsonConverter<DataQualityRule>
    {
        public override DataQualityRule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => DataQualityRules.Find(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, DataQualityRule value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
    }
}
