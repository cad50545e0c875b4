using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Core.Demo;

/// <summary>
/// Loads the demo council the way a council's own files are loaded: generated into a temporary folder in the real
/// formats, then imported by the importer (truth.csv stays out). The demo council shares person ids between its
/// children's and adults' systems, and reads its own placement costs and health involvement sheets through the
/// mappings saved here first. Running it again on the same day changes nothing: every file is skipped.
/// </summary>
public static class DemoImport
{
    public static async Task<ImportResult> GenerateAndImportAsync(
        WaypointDbContext db, TimeProvider time, DemoOptions options, string userName,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Directory.CreateTempSubdirectory("waypoint-demo-").FullName;
        try
        {
            progress?.Report(new ImportProgress("Generating the demo council", null, 0));
            var summary = DemoCouncilGenerator.Generate(options, folder, cancellationToken: cancellationToken);
            var import = new ImportOptions(options.CouncilCode) { SharedPersonIds = true, UserName = userName };
            return await ImportAsync(db, time, folder, summary, import, progress, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Imports a generated demo council from its folder in one call: every file but truth.csv, the council's own sheets
    /// through the demo mappings, which are saved for the council first (saving them again changes nothing).
    /// </summary>
    public static async Task<ImportResult> ImportAsync(
        WaypointDbContext db, TimeProvider time, string folder, DemoSummary summary, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var mapping in new[] { CouncilSheetsWriter.CostsMapping(options.CouncilCode), CouncilSheetsWriter.HealthMapping(options.CouncilCode) })
        {
            var problems = await SpreadsheetMappings.SaveAsync(db, mapping, options.UserName, options.Role, time, cancellationToken);
            if (problems.Count > 0) throw new InvalidOperationException($"The demo mapping '{mapping.Name}' is wrong: {string.Join(" ", problems)}");
        }
        var files = summary.Files.Select(f => f.File).Where(f => f != DemoCouncilGenerator.TruthFile).Select(f => Path.Combine(folder, f)).ToList();
        var sheets = new Dictionary<string, string>
        {
            [files.Single(f => Path.GetFileName(f).StartsWith("placement-costs.", StringComparison.Ordinal))] = CouncilSheetsWriter.CostsMappingName,
            [files.Single(f => Path.GetFileName(f) == CouncilSheetsWriter.HealthFile)] = CouncilSheetsWriter.HealthMappingName,
        };
        return await new Importer(db, time).ImportAsync(files, options with { Spreadsheets = sheets }, progress, cancellationToken);
    }
}
