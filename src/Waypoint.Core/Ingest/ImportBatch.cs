namespace Waypoint.Core.Ingest;

/// <summary>One call of the importer: one transaction that committed.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public List<ImportedFile> Files { get; set; } = [];
}

/// <summary>A file read by an import batch; its SHA-256 lets a re-import of the same bytes be skipped.</summary>
public sealed class ImportedFile
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    public required string CouncilCode { get; set; }
    public required string FileName { get; set; }
    public required string Format { get; set; }
    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public int RecordsRead { get; set; }
    public int Imported { get; set; }
    public int Rejected { get; set; }
    public int Warnings { get; set; }
}

/// <summary>A problem found in a file, kept for the data quality view.</summary>
public sealed class ImportMessage
{
    public long Id { get; set; }
    public long ImportedFileId { get; set; }
    public required string CouncilCode { get; set; }
    public int Line { get; set; }
    public required string Field { get; set; }
    public required string Severity { get; set; }

    /// <summary>The id of its rule in <see cref="DataQualityRules"/>; "unclassified" for messages stored before rules had ids.</summary>
    public required string Rule { get; set; }

    public required string Text { get; set; }
}
