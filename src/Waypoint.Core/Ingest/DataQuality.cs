using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>Which stored messages to show: null is any. Severity is "Error" or "Warning", as stored.</summary>
public sealed record DataQualityFilter(long? Batch = null, string? File = null, string? Severity = null, string? Rule = null);

/// <summary>One import call of a council, newest first in lists, with how many files it read.</summary>
public sealed record ImportSummary(long Batch, DateTimeOffset CompletedAt, string UserName, int Files);

/// <summary>A stored message with the import and file it came from.</summary>
public sealed record DataQualityMessage(long Batch, string File, int Line, string Field, string Rule, string Severity, string Text);

/// <summary>How many messages one rule gave, at one severity (and in one import, for trends).</summary>
public sealed record RuleCount(string Rule, string Severity, int Count);

public sealed record BatchRuleCount(long Batch, string Rule, int Count);

/// <summary>
/// The problems a council's imports found (the ImportMessages every import stores), for the data quality page and its
/// download. Queries stay queries, so a page reads one page of rows and a download streams them.
/// </summary>
public static class DataQuality
{
    public static async Task<List<ImportSummary>> ImportsAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ImportBatches.Where(b => b.CouncilCode == council).OrderByDescending(b => b.Id)
            .Select(b => new ImportSummary(b.Id, b.CompletedAt, b.UserName, db.ImportedFiles.Count(f => f.ImportBatchId == b.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The names of the files a council imported (in one import, if given), for the file filter.</summary>
    public static async Task<List<string>> FileNamesAsync(WaypointDbContext db, string council, long? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var files = db.ImportedFiles.Where(f => f.CouncilCode == council);
        if (batch is { } b) files = files.Where(f => f.ImportBatchId == b);
        return await files.Select(f => f.FileName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
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

    /// <summary>Messages with their import and file: newest import first, then in file and line order.</summary>
    public static IQueryable<DataQualityMessage> Listed(WaypointDbContext db, IQueryable<ImportMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(db);
        return messages.Join(db.ImportedFiles, m => m.ImportedFileId, f => f.Id, (m, f) => new { m, f })
            .OrderByDescending(x => x.f.ImportBatchId).ThenBy(x => x.f.Id).ThenBy(x => x.m.Line).ThenBy(x => x.m.Id)
            .Select(x => new DataQualityMessage(x.f.ImportBatchId, x.f.FileName, x.m.Line, x.m.Field, x.m.Rule, x.m.Severity, x.m.Text));
    }

    /// <summary>Counts by rule and severity, most frequent first.</summary>
    public static async Task<List<RuleCount>> CountsAsync(IQueryable<ImportMessage> messages, CancellationToken cancellationToken) =>
        (await messages.GroupBy(m => new { m.Rule, m.Severity }).Select(g => new { g.Key.Rule, g.Key.Severity, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(c => new RuleCount(c.Rule, c.Severity, c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Rule, StringComparer.Ordinal).ToList();

    /// <summary>Counts by rule in each of the given imports: how the files' quality changes from one import to the next.</summary>
    public static async Task<List<BatchRuleCount>> TrendAsync(WaypointDbContext db, IQueryable<ImportMessage> messages, IReadOnlyCollection<long> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await messages.Join(db.ImportedFiles.Where(f => batches.Contains(f.ImportBatchId)), m => m.ImportedFileId, f => f.Id, (m, f) => new { f.ImportBatchId, m.Rule })
            .GroupBy(x => new { x.ImportBatchId, x.Rule }).Select(g => new { g.Key.ImportBatchId, g.Key.Rule, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new BatchRuleCount(r.ImportBatchId, r.Rule, r.Count)).ToList();
    }
}
