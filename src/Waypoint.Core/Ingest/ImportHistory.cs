using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>A file an import read, with what became of its records.</summary>
public sealed record ImportedFileSummary(string FileName, string Format, int RecordsRead, int Imported, int Rejected, int Warnings);

/// <summary>One committed import of a council: when it finished, who ran it, and each file it read.</summary>
public sealed record RecentImport(long Batch, DateTimeOffset CompletedAt, string UserName, IReadOnlyList<ImportedFileSummary> Files)
{
    public int RecordsRead => Files.Sum(f => f.RecordsRead);
    public int Imported => Files.Sum(f => f.Imported);
    public int Rejected => Files.Sum(f => f.Rejected);
    public int Warnings => Files.Sum(f => f.Warnings);
}

/// <summary>A council's latest imports, newest first, for the list beside the upload form.</summary>
public static class ImportHistory
{
    public static async Task<IReadOnlyList<RecentImport>> RecentAsync(WaypointDbContext db, string council, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var batches = await db.ImportBatches.Where(b => b.CouncilCode == council).OrderByDescending(b => b.Id).Take(count)
            .Select(b => new { b.Id, b.CompletedAt, b.UserName }).ToListAsync(cancellationToken);
        var ids = batches.Select(b => b.Id).ToList();
        var files = (await db.ImportedFiles.Where(f => ids.Contains(f.ImportBatchId)).OrderBy(f => f.Id)
                .Select(f => new { f.ImportBatchId, File = new ImportedFileSummary(f.FileName, f.Format, f.RecordsRead, f.Imported, f.Rejected, f.Warnings) })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.ImportBatchId, f => f.File);
        return [.. batches.Select(b => new RecentImport(b.Id, b.CompletedAt, b.UserName, [.. files[b.Id]]))];
    }
}
