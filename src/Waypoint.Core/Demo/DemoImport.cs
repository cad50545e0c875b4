using Waypoint.Core.Data;
using Waypoint.Core.Ingest;

namespace Waypoint.Core.Demo;

/// <summary>
/// Loads the demo council the way a council's own files are loaded: generated into a temporary folder in the real
/// formats, then imported by the importer (truth.csv stays out). The demo council shares person ids between its
/// children's and adults' systems. Running it again on the same day changes nothing: every file is skipped.
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
            var files = summary.Files.Select(f => f.File).Where(f => f != DemoCouncilGenerator.TruthFile).Select(f => Path.Combine(folder, f)).ToList();
            var import = new ImportOptions(options.CouncilCode) { SharedPersonIds = true, UserName = userName };
            return await new Importer(db, time).ImportAsync(files, import, progress, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
