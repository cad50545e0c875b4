using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
    private static string? _sql;

    public static async Task<CouncilDataVersion> ReadAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A plain command, not a query EF composes: it is asked on every page, and EF's work to build it each time cost
        // more than the database's to answer it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = _sql ??= Sql(db);
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("council", council);
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            long Read(int column) => reader.IsDBNull(column) ? 0 : reader.GetInt64(column);
            return new(new(Read(0), Read(1)), Read(2), new((int)Read(3), Read(4)), Read(5));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Sql(WaypointDbContext db)
    {
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        string Max<T>() => $$"""(SELECT MAX("Id") FROM "{{Table<T>()}}" WHERE "CouncilCode" = @council)""";
        return $$"""
            SELECT {{Max<ImportBatch>()}}, {{Max<Linkage.LinkDecision>()}}, {{Max<MilestoneEvidence>()}},
                   (SELECT COUNT(*) FROM "{{Table<TransitionsCase>()}}" WHERE "CouncilCode" = @council),
                   {{Max<TransitionsCaseMove>()}}, {{Max<CaseEvent>()}}
            """;
    }
}
