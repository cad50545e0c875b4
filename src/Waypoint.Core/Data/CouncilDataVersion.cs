using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Data;

/// <summary>
/// Which state of a council's data something kept in memory was worked out from (the tracker's rows, the fitted
/// forecast): its imports and link decisions, recorded milestones, cases' stages and any change to a case. Read in one
/// query, since every page about the cohort asks it; each part only grows (or, for the count of cases, changes) when
/// its data does, so what is kept is good, on any web node, while its parts are the same.
/// </summary>
public readonly record struct CouncilDataVersion(ImportedDataVersion Imported, long LastEvidence, CaseStagesVersion Cases, long LastCaseChange)
{
    public static async Task<CouncilDataVersion> ReadAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        string Max<T>() => $$"""(SELECT MAX("Id") FROM "{{Table<T>()}}" WHERE "CouncilCode" = {0})""";
        var sql = $$"""
            SELECT {{Max<ImportBatch>()}} AS "LastImport", {{Max<Linkage.LinkDecision>()}} AS "LastDecision",
                   {{Max<MilestoneEvidence>()}} AS "LastEvidence",
                   (SELECT COUNT(*) FROM "{{Table<TransitionsCase>()}}" WHERE "CouncilCode" = {0}) AS "Cases",
                   {{Max<TransitionsCaseMove>()}} AS "LastMove", {{Max<CaseEvent>()}} AS "LastCaseChange"
            """;
        var row = await db.Database.SqlQueryRaw<Row>(sql, council).SingleAsync(cancellationToken);
        return new(new(row.LastImport ?? 0, row.LastDecision ?? 0), row.LastEvidence ?? 0, new((int)row.Cases, row.LastMove ?? 0), row.LastCaseChange ?? 0);
    }

    private sealed record Row(long? LastImport, long? LastDecision, long? LastEvidence, long Cases, long? LastMove, long? LastCaseChange);
}
