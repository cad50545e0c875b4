using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;
using Waypoint.Core.Linkage;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Imports source files into the store. One call is one batch and one transaction: everything valid commits,
/// or on a fatal problem nothing does. Files are read as streams and written in bulk; records are matched to
/// what is there by source key, so re-running an import updates and never duplicates.
/// </summary>
public sealed class Importer(WaypointDbContext db, TimeProvider time)
{
    /// <summary>The tables each file kind fills for its own records; they are replaced when a record is re-imported.</summary>
    private static readonly Dictionary<SourceFileKind, Type[]> OwnedTables = new()
    {
        [SourceFileKind.Ssda903Header] = [typeof(ParentInCare)],
        [SourceFileKind.Ssda903Xml] =
        [
            typeof(ParentInCare), typeof(CareEpisode), typeof(UnaccompaniedAsylumSeeker), typeof(HealthOutcome), typeof(CareLeaverContact),
            typeof(AdoptionDecision), typeof(AdoptionPlacement), typeof(PreviousPermanence), typeof(MissingEpisode), typeof(CareReview),
        ],
        [SourceFileKind.Cin] = [typeof(ChildDisability), typeof(CinReferral), typeof(CinAssessment), typeof(CinPlan), typeof(ChildProtectionPlan)],
        [SourceFileKind.Sen2] = [typeof(EhcRequest), typeof(EhcAssessment), typeof(EhcPlan), typeof(EhcActivePlan), typeof(EhcPlacement), typeof(EhcNeed)],
        [SourceFileKind.Cld] = [typeof(AdultCareEvent)],
        [SourceFileKind.Spreadsheet] = [typeof(ChildPlacementCost), typeof(HealthInvolvement)],
    };

    public async Task<ImportResult> ImportAsync(
        IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var reports = new List<FileReport>();
        try
        {
            foreach (var path in paths)
            {
                progress?.Report(new ImportProgress("Checking", Path.GetFileName(path), 0));
                reports.Add(options.Spreadsheets.ContainsKey(path) ? new FileReport(path, SourceFileKind.Spreadsheet) : Detect(path));
            }
            if (reports.Any(r => r.Kind == SourceFileKind.Unrecognised)) return new ImportResult(false, null, reports, null);
            var headerOf = HeadersFor903Tables(reports);
            var mappings = await MappingsForAsync(reports, options, cancellationToken);
            // A spreadsheet is the same import only through the same mapping: a corrected mapping reads the same bytes again.
            var hashes = reports.ToDictionary(r => r, r => mappings.TryGetValue(r, out var mapping) ? mapping.Fingerprint(Sha256(r.Path)) : Sha256(r.Path));
            return await WithLargeCacheAsync(() => ImportInTransactionAsync(reports, headerOf, hashes, mappings, options, progress, cancellationToken));
        }
        catch (ImportFatalException)
        {
            // The problem is already in its file's report; the transaction, if one began, has rolled back.
            db.ChangeTracker.Clear();
            return new ImportResult(false, null, reports, null);
        }
    }

    /// <summary>
    /// SQLite's default page cache is 2 MB; the indexes on random keys (identifiers, source keys) outgrow it early in
    /// a large import. The import's connection gets 128 MB, and the default back when the import ends, however it ends.
    /// </summary>
    private async Task<ImportResult> WithLargeCacheAsync(Func<Task<ImportResult>> import)
    {
        if (!db.Database.IsSqlite()) return await import();
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -131072");
            return await import();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every file is checked, so one call reports every file it cannot read, not just the first.</summary>
    private static FileReport Detect(string path)
    {
        try
        {
            return new FileReport(path, FormatDetector.Detect(path));
        }
        catch (ImportFatalException e)
        {
            var report = new FileReport(path, SourceFileKind.Unrecognised);
            report.Problems.Add(e.Problem);
            return report;
        }
    }

    /// <summary>The saved mapping each spreadsheet in the call is read through; a name the council has not saved is fatal.</summary>
    private async Task<Dictionary<FileReport, SpreadsheetMapping>> MappingsForAsync(List<FileReport> reports, ImportOptions options, CancellationToken cancellationToken)
    {
        var mappings = new Dictionary<FileReport, SpreadsheetMapping>();
        foreach (var report in reports.Where(r => r.Kind == SourceFileKind.Spreadsheet))
        {
            if (!File.Exists(report.Path)) throw report.Fatal(DataQualityRules.FileNotFound, 0, "(file)", "no such file");
            var name = options.Spreadsheets[report.Path];
            mappings[report] = await SpreadsheetMappings.FindAsync(db, options.CouncilCode, name, cancellationToken)
                ?? throw report.Fatal(DataQualityRules.MappingNotFound, 0, "(mapping)", $"council {options.CouncilCode} has no saved spreadsheet mapping named '{name}'");
        }
        return mappings;
    }

    /// <summary>
    /// The import tracks no entity changes of its own (rows go through the bulk writer), so change detection is off
    /// while it runs - and back on afterwards, for whatever the caller does next with the same context.
    /// </summary>
    private async Task<ImportResult> ImportInTransactionAsync(
        List<FileReport> reports, Dictionary<FileReport, FileReport> headerOf, Dictionary<FileReport, string> hashes,
        Dictionary<FileReport, SpreadsheetMapping> mappings, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await ImportWithoutChangeDetectionAsync(reports, headerOf, hashes, mappings, options, progress, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task<ImportResult> ImportWithoutChangeDetectionAsync(
        List<FileReport> reports, Dictionary<FileReport, FileReport> headerOf, Dictionary<FileReport, string> hashes,
        Dictionary<FileReport, SpreadsheetMapping> mappings, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var council = options.CouncilCode;
        var started = time.GetUtcNow();
        var today = DateOnly.FromDateTime(started.UtcDateTime);
        await using var transaction = await WaypointDatabase.BeginWriteAsync(db, cancellationToken);

        var known = hashes.Values.Distinct().ToList();
        var seenBefore = (await db.ImportedFiles.Where(f => f.CouncilCode == council && known.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(cancellationToken)).ToHashSet();
        var inThisCall = new HashSet<string>();
        foreach (var report in reports)
        {
            // The same bytes imported before, or twice in this call, are recognised and not read again.
            report.Skipped = seenBefore.Contains(hashes[report]) || !inThisCall.Add(hashes[report]);
        }

        var batch = new ImportBatch { CouncilCode = council, UserName = options.UserName, StartedAt = started, CompletedAt = started };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        var ids = await IdAllocator.LoadAsync(db, cancellationToken);
        await using var bulk = new BulkWriter(db);
        var recordsByFile = new Dictionary<FileReport, Dictionary<string, long>>();
        foreach (var report in reports.Where(r => !r.Skipped).OrderBy(r => r.Kind.Is903Table()).ThenBy(r => r.Kind))
        {
            // A 903 table's rows belong to its Header's records (read earlier in this call, or imported before).
            var owner = report.Kind.Is903Table() ? headerOf[report] : report;
            if (!recordsByFile.TryGetValue(owner, out var records))
                recordsByFile[owner] = records = await ExistingRecordsAsync(owner, council, cancellationToken);
            progress?.Report(new ImportProgress("Importing", report.File, 0));
            var context = new ParseContext(report, council, today, ids) { Mapping = mappings.GetValueOrDefault(report) };
            await ImportFileAsync(report, context, records, batch.Id, bulk, progress, cancellationToken);
        }

        // Nothing read means nothing to link: a re-run of the same files changes nothing.
        LinkSummary? links = null;
        if (reports.Any(r => !r.Skipped))
        {
            progress?.Report(new ImportProgress("Linking", null, 0));
            // Fresh statistics on the tables linking reads let the planners see that every row is this council's:
            // linking then reads its records in one pass over the table rather than through an index every row matches.
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"SourceRecords\"", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"SourceIdentifiers\"", cancellationToken);
            links = await Linker.LinkAsync(db, council, options.SharedPersonIds, options.Linkage, batch.Id, started, ids, bulk, reports, cancellationToken);
        }

        batch.CompletedAt = time.GetUtcNow();
        var files = reports.Where(r => !r.Skipped).Select(report => (report, file: new ImportedFile
        {
            ImportBatchId = batch.Id,
            CouncilCode = council,
            FileName = report.File,
            Format = report.Format,
            Sha256 = hashes[report],
            SizeBytes = new FileInfo(report.Path).Length,
            RecordsRead = report.RecordsRead,
            Imported = report.Imported,
            Rejected = report.Rejected,
            Warnings = report.Warnings,
        })).ToList();
        db.ImportedFiles.AddRange(files.Select(f => f.file));
        db.ImportBatches.Update(batch);
        db.AuditEvents.Add(new AuditEvent
        {
            At = batch.CompletedAt,
            CouncilCode = council,
            UserName = options.UserName,
            Role = options.Role,
            Action = "import",
            Detail = $"batch {batch.Id}: " + string.Join("; ", reports.Select(r =>
                $"{r.File} ({r.Format}{(r.Skipped ? ", already imported" : "")}): read {r.RecordsRead}, imported {r.Imported}, rejected {r.Rejected}, warnings {r.Warnings}")),
        });
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (report, file) in files)
        {
            db.ImportMessages.AddRange(report.Problems.Select(p => new ImportMessage
            {
                ImportedFileId = file.Id,
                CouncilCode = council,
                Line = p.Line,
                Field = p.Field,
                Severity = p.Severity.ToString(),
                Rule = p.Rule.Id,
                Text = p.Message,
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportResult(true, batch.Id, reports, links);
    }

    private async Task ImportFileAsync(
        FileReport report, ParseContext context, Dictionary<string, long> records, long batchId, BulkWriter bulk,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var firstNewRecord = context.Ids.FirstNew(typeof(SourceRecord));
        var replaced = new Dictionary<Type, HashSet<long>>();
        var updated = new List<SourceRecord>();
        void Replace(Type table, long recordId)
        {
            if (!replaced.TryGetValue(table, out var set)) replaced[table] = set = [];
            set.Add(recordId);
        }

        foreach (var item in Parse(context))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (item)
            {
                case ParsedRecord parsed:
                    {
                        var record = parsed.Record;
                        record.LastSeenBatchId = batchId;
                        record.FirstKnownOn = parsed.Details.Select(d => d switch
                        {
                            CinReferral r => r.ReferralDate,
                            EhcRequest r => r.ReceivedDate,
                            _ => (DateOnly?)null,
                        }).Min();
                        if (records.TryGetValue(record.LocalKey, out var existingId) && existingId < firstNewRecord)
                        {
                            // Same source key as before: update in place, replace its identifiers and the rows this file gives it.
                            record.Id = existingId;
                            updated.Add(record);
                            Replace(typeof(SourceIdentifier), existingId);
                            foreach (var table in OwnedTables.GetValueOrDefault(report.Kind, [])) Replace(table, existingId);
                        }
                        else
                        {
                            record.Id = context.Ids.Next<SourceRecord>();
                            record.FirstBatchId = batchId;
                            records[record.LocalKey] = record.Id;
                            await bulk.AddAsync(record, cancellationToken);
                        }
                        foreach (var identifier in parsed.Identifiers)
                        {
                            identifier.Id = context.Ids.Next<SourceIdentifier>();
                            identifier.SourceRecordId = record.Id;
                            await bulk.AddAsync(identifier, cancellationToken);
                        }
                        foreach (var detail in parsed.Details)
                        {
                            detail.SourceRecordId = record.Id;
                            await bulk.AddAsync(detail, cancellationToken);
                        }
                        report.Imported++;
                        break;
                    }
                case ParsedDetail parsed:
                    {
                        if (!records.TryGetValue(parsed.LocalKey, out var recordId))
                        {
                            var owner = report.Kind == SourceFileKind.Cld ? "person" : "CHILD";
                            report.Error(DataQualityRules.RowWithoutRecord, parsed.Detail.Line, report.Kind == SourceFileKind.Cld ? "LA Person Unique Identifier" : "CHILD",
                                $"{owner} {parsed.LocalKey} is not in {(report.Kind == SourceFileKind.Cld ? "this file" : "the Header")}; the row is rejected");
                            report.Rejected++;
                            break;
                        }
                        if (recordId < firstNewRecord) Replace(parsed.Detail.GetType(), recordId);
                        parsed.Detail.SourceRecordId = recordId;
                        await bulk.AddAsync(parsed.Detail, cancellationToken);
                        report.Imported++;
                        break;
                    }
            }
            if (report.RecordsRead % 16_384 == 0) progress?.Report(new ImportProgress("Importing", report.File, report.RecordsRead));
        }
        await bulk.FlushAsync(cancellationToken);

        // Rows from an earlier import of a record seen again are replaced by this file's rows: children first.
        foreach (var (table, recordIds) in replaced.OrderByDescending(t => bulk.DepthOf(t.Key)))
            await bulk.DeleteOlderRowsAsync(table, recordIds, context.Ids.FirstNew(table), cancellationToken);
        if (updated.Count > 0)
        {
            foreach (var record in updated)
            {
                var entry = db.SourceRecords.Attach(record);
                entry.State = EntityState.Modified;
                entry.Property(r => r.FirstBatchId).IsModified = false;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        progress?.Report(new ImportProgress("Imported", report.File, report.RecordsRead));
    }

    /// <summary>The parser for the file's format, streaming what it finds.</summary>
    internal static IEnumerable<ParsedItem> Parse(ParseContext context) => context.Report.Kind switch
    {
        SourceFileKind.Cin => CinParser.Parse(context.Report.Path, context),
        SourceFileKind.Sen2 => Sen2Parser.Parse(context.Report.Path, context),
        SourceFileKind.Cld => CldParser.Parse(context.Report.Path, context),
        SourceFileKind.Ssda903Xml => Ssda903XmlParser.Parse(context.Report.Path, context),
        SourceFileKind.Spreadsheet => SpreadsheetParser.Parse(context.Report.Path, context, context.Mapping!),
        _ => Ssda903Parser.Parse(context.Report.Path, context),
    };

    /// <summary>Local key to source record id for one file's records already in the database.</summary>
    private async Task<Dictionary<string, long>> ExistingRecordsAsync(FileReport report, string council, CancellationToken cancellationToken) =>
        await db.SourceRecords
            .Where(r => r.CouncilCode == council && r.Format == report.Format && r.FileName == report.File)
            .Select(r => new { r.LocalKey, r.Id })
            .ToDictionaryAsync(r => r.LocalKey, r => r.Id, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Every 903 table attaches to a Header in the same call: the one in its own folder, or the only one.
    /// Without one, its rows could not be tied to children, so the call stops before anything is written.
    /// </summary>
    private static Dictionary<FileReport, FileReport> HeadersFor903Tables(List<FileReport> reports)
    {
        var headers = reports.Where(r => r.Kind == SourceFileKind.Ssda903Header).ToList();
        foreach (var sameName in headers.GroupBy(h => h.File).Where(g => g.Count() > 1))
            throw sameName.Last().Fatal(DataQualityRules.HeaderNameClash, 1, "(file)", $"two 903 Header files named {sameName.Key} in one import would share source keys; import them separately");
        var map = new Dictionary<FileReport, FileReport>();
        foreach (var table in reports.Where(r => r.Kind.Is903Table()))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(table.Path));
            var inFolder = headers.Where(h => Path.GetDirectoryName(Path.GetFullPath(h.Path)) == folder).ToList();
            map[table] = inFolder.Count == 1 ? inFolder[0]
                : headers.Count == 1 ? headers[0]
                : throw table.Fatal(DataQualityRules.HeaderNotInImport, 1, "CHILD", headers.Count == 0
                    ? $"a {table.Kind.Title()} file needs its SSDA903 Header file in the same import, to know which children its rows belong to"
                    : $"more than one SSDA903 Header in this import and none in the same folder as this {table.Kind.Title()} file");
        }
        return map;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
