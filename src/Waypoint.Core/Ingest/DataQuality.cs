using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>Which stored messages to show: null is any. Severity is "Error" or "Warning", as stored.</summary>
public sealed record DataQualityFilter(long? Batch = null, string? File = null, string? Severity = null, string? Rule = null);

/// <summary>One import call of a council, with how many files it read.</summary>
public sealed record ImportSummary(long Batch, DateTimeOffset CompletedAt, string UserName, int Files);

/// <summary>A stored message with the import and file it came from.</summary>
public sealed record DataQualityMessage(long Batch, string File, int Line, string Field, string Rule, string Severity, string Text);

/// <summary>How many messages one rule gave at one severity.</summary>
public sealed record RuleCount(string Rule, string Severity, int Count);

/// <summary>A file of an import, with how many of its messages pass the filter.</summary>
public sealed record FileCount(long Id, long Batch, string Name, int Count);

/// <summary>
/// What the data quality page shows about the messages that pass a filter: the council's imports (newest first), the
/// file names to filter by, the files the messages are in (newest import first, then as imported), counts by rule and
/// severity, and counts by rule in each of the latest imports (the trend, which the import filter leaves alone).
/// </summary>
public sealed record DataQualitySummary(
    IReadOnlyList<ImportSummary> Imports,
    IReadOnlyList<string> FileNames,
    IReadOnlyList<FileCount> Files,
    IReadOnlyList<RuleCount> Counts,
    IReadOnlyList<ImportSummary> TrendImports,
    IReadOnlyDictionary<(long Batch, string Rule), int> Trend)
{
    public int Total => Files.Sum(f => f.Count);
}

/// <summary>
/// The problems a council's imports found (the ImportMessages every import stores), for the data quality page and its
/// download. Counts come from one grouped query (a row per file, rule and severity: small however many messages there
/// are). Messages are read file by file in line order, each file through its own index, so a page reads only its
/// rows and a download streams them, with no sort of every message of the council.
/// </summary>
public static class DataQuality
{
    /// <summary>How many of the latest imports the trend compares.</summary>
    public const int TrendImports = 6;

    public static async Task<DataQualitySummary> SummaryAsync(WaypointDbContext db, string council, DataQualityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var imports = await db.ImportBatches.Where(b => b.CouncilCode == council).OrderByDescending(b => b.Id)
            .Select(b => new ImportSummary(b.Id, b.CompletedAt, b.UserName, db.ImportedFiles.Count(f => f.ImportBatchId == b.Id)))
            .ToListAsync(cancellationToken);
        var files = await db.ImportedFiles.Where(f => f.CouncilCode == council).OrderByDescending(f => f.ImportBatchId).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.ImportBatchId, f.FileName }).ToListAsync(cancellationToken);
        var batchOf = files.ToDictionary(f => f.Id, f => f.ImportBatchId);

        // The trend is across imports, so the counts are read for every import and the import filter applied here.
        var counts = await Messages(db, council, filter with { Batch = null })
            .GroupBy(m => new { m.ImportedFileId, m.Rule, m.Severity })
            .Select(g => new { Batch = 0L, File = g.Key.ImportedFileId, g.Key.Rule, g.Key.Severity, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byImport = counts.Select(c => c with { Batch = batchOf[c.File] }).ToList();

        var trendImports = imports.Where(i => i.Files > 0).Take(TrendImports).ToList();
        var inTrend = trendImports.Select(i => i.Batch).ToHashSet();
        var perFile = byImport.GroupBy(c => c.File).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var inBatch = files.Where(f => filter.Batch is null || f.ImportBatchId == filter.Batch).ToList();
        return new DataQualitySummary(
            imports,
            inBatch.Select(f => f.FileName).Distinct().Order(StringComparer.Ordinal).ToList(),
            inBatch.Where(f => perFile.ContainsKey(f.Id)).Select(f => new FileCount(f.Id, f.ImportBatchId, f.FileName, perFile[f.Id])).ToList(),
            byImport.Where(c => filter.Batch is null || c.Batch == filter.Batch)
                .GroupBy(c => (c.Rule, c.Severity)).Select(g => new RuleCount(g.Key.Rule, g.Key.Severity, g.Sum(c => c.Count)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Rule, StringComparer.Ordinal).ToList(),
            trendImports,
            byImport.Where(c => inTrend.Contains(c.Batch)).GroupBy(c => (c.Batch, c.Rule)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
    }

    /// <summary>A council's messages that pass the filter.</summary>
    public static IQueryable<ImportMessage> Messages(WaypointDbContext db, string council, DataQualityFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var messages = db.ImportMessages.Where(m => m.CouncilCode == council);
        if (filter.Batch is not null || filter.File is not null)
        {
            var files = db.ImportedFiles.Where(f => f.CouncilCode == council);
            if (filter.Batch is { } batch) files = files.Where(f => f.ImportBatchId == batch);
            if (filter.File is { } name) files = files.Where(f => f.FileName == name);
            var ids = files.Select(f => f.Id);
            messages = messages.Where(m => ids.Contains(m.ImportedFileId));
        }
        if (filter.Severity is { } severity) messages = messages.Where(m => m.Severity == severity);
        if (filter.Rule is { } rule) messages = messages.Where(m => m.Rule == rule);
        return messages;
    }

    /// <summary>One page of the messages of <see cref="DataQualitySummary.Files"/>: only the files it falls in are read.</summary>
    public static async Task<List<DataQualityMessage>> PageAsync(
        WaypointDbContext db, DataQualitySummary summary, DataQualityFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var page = new List<DataQualityMessage>(take);
        foreach (var file in summary.Files)
        {
            if (page.Count == take) break;
            if (skip >= file.Count)
            {
                skip -= file.Count;
                continue;
            }
            page.AddRange(await InFile(db, file, filter).Skip(skip).Take(take - page.Count).ToListAsync(cancellationToken));
            skip = 0;
        }
        return page;
    }

    /// <summary>Every message of <see cref="DataQualitySummary.Files"/>, in order, as it is read: for a download of any size.</summary>
    public static async IAsyncEnumerable<DataQualityMessage> AllAsync(
        WaypointDbContext db, DataQualitySummary summary, DataQualityFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var file in summary.Files)
        {
            await foreach (var message in InFile(db, file, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
                yield return message;
        }
    }

    /// <summary>One file's messages that pass the severity and rule filters, in line order (index ImportedFileId, Line).</summary>
    private static IQueryable<DataQualityMessage> InFile(WaypointDbContext db, FileCount file, DataQualityFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        var messages = db.ImportMessages.Where(m => m.ImportedFileId == file.Id);
        if (filter.Severity is { } severity) messages = messages.Where(m => m.Severity == severity);
        if (filter.Rule is { } rule) messages = messages.Where(m => m.Rule == rule);
        return messages.OrderBy(m => m.Line).ThenBy(m => m.Id)
            .Select(m => new DataQualityMessage(file.Batch, file.Name, m.Line, m.Field, m.Rule, m.Severity, m.Text));
    }
}
