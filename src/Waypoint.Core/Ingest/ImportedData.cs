using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Which state of a council's imported, linked data something was worked out from: the latest import batch and the latest
/// merge or split made by hand. Both only grow, and every change to the records or to who is who moves one of them, so
/// anything kept in memory (the tracker's rows, the measures' imported rows, the fitted forecast) is still good while
/// the version is the same, on any web node. A retention removal moves neither; what is kept says how it allows for that.
/// </summary>
public readonly record struct ImportedDataVersion(long LastImport, long LastDecision);

public static class ImportedData
{
    public static async Task<ImportedDataVersion> VersionAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new(
            await db.ImportBatches.Where(b => b.CouncilCode == council).MaxAsync(b => (long?)b.Id, cancellationToken) ?? 0,
            await db.LinkDecisions.Where(d => d.CouncilCode == council).MaxAsync(d => (long?)d.Id, cancellationToken) ?? 0);
    }
}
