using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>
/// The bulk writer binds values through SQLite's own API rather than Microsoft.Data.Sqlite's parameters. What it
/// stores must be exactly what EF Core would have stored, value and storage class, or queries and reads would differ
/// between imported rows and rows saved by the app.
/// </summary>
public class BulkWriterTests
{
    /// <summary>One of each kind of value bulk-written tables hold: text, whole numbers, flags, money, dates, nulls.</summary>
    private static object[] Rows(string council, long id) =>
    [
        new SourceRecord
        {
            Id = id, CouncilCode = council, SourceKey = "CIN:cin.xml:7", Format = SourceFormat.Cin, FileName = "cin.xml", LocalKey = "7", Line = 12,
            FirstBatchId = 1, LastSeenBatchId = 1, Forename = "Zoë", Surname = "O'Neill", DateOfBirth = new DateOnly(2009, 2, 28), Sex = "F", Postcode = null,
            FirstKnownOn = new DateOnly(2020, 1, 1),
        },
        new SourceIdentifier { Id = id, SourceRecordId = id, CouncilCode = council, Kind = IdentifierKind.Upn, Value = "A999000000001", IsValid = true },
        new SourceIdentifier { Id = id + 100, SourceRecordId = id, CouncilCode = council, Kind = IdentifierKind.NhsNumber, Value = "9434765919", IsValid = false },
        new CinReferral { Id = id, SourceRecordId = id, CouncilCode = council, Line = 13, ReferralDate = new DateOnly(2020, 1, 1), ReferralNfa = false },
        new CinReferral { Id = id + 100, SourceRecordId = id, CouncilCode = council, Line = 30, ReferralDate = new DateOnly(2021, 12, 31), ReferralNfa = true },
        new ChildPlacementCost { Id = id, SourceRecordId = id, CouncilCode = council, Line = 2, StartDate = new DateOnly(2025, 1, 1), WeeklyCost = 5200m },
        new ChildPlacementCost { Id = id + 100, SourceRecordId = id, CouncilCode = council, Line = 3, StartDate = new DateOnly(2025, 1, 1), WeeklyCost = 1234.5678m },
        new AdultCareEvent
        {
            Id = id, SourceRecordId = id, CouncilCode = council, Line = 2, EventType = "Service", StartDate = new DateOnly(2026, 4, 1),
            UnitCost = 0.5m, PlannedUnitsPerWeek = 37.25m, WeeklyCost = 18.625m,
        },
        new Person { Id = id, Reference = council + "REF", CouncilCode = council, Forename = "Zoë", DateOfBirth = new DateOnly(2009, 2, 28) },
        new RecordLink { SourceRecordId = id, PersonId = id, CouncilCode = council, Method = "exact", LinkedInBatchId = 1 },
    ];

    [Fact]
    public async Task BulkWrittenRows_AreStoredExactlyAsEfCoreStoresThem()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.Open())
        {
            db.ImportBatches.Add(new ImportBatch { Id = 1, CouncilCode = "998", UserName = "test" });
            db.AddRange(Rows("998", 1));
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using (var bulk = new BulkWriter(db, flushEvery: 3))
            {
                await bulk.AddRangeAsync(Rows("999", 2), CancellationToken.None);
                await bulk.FlushAsync(CancellationToken.None);
            }
            await transaction.CommitAsync();
        }

        await using var check = database.Open();
        var connection = (SqliteConnection)check.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var type in Rows("999", 2).Select(r => r.GetType()).Distinct())
        {
            var entity = check.Model.FindEntityType(type)!;
            // Keys and the council differ by design; every other column must match, as SQLite's quote() shows it
            // (storage class included: 'text' and 5200 and 5200.0 all differ).
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).Where(c => c is not ("Id" or "SourceRecordId" or "PersonId" or "CouncilCode" or "Reference")).ToList();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{entity.GetTableName()}\" ORDER BY \"CouncilCode\", rowid";
            var rows = new List<string[]>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) rows.Add(Enumerable.Range(0, columns.Count).Select(i => $"{columns[i]}={reader.GetString(i)}").ToArray());
            }
            Assert.Equal(rows.Count / 2 * 2, rows.Count);
            var byEf = rows.Take(rows.Count / 2).ToList();
            var byBulk = rows.Skip(rows.Count / 2).ToList();
            Assert.Equal(byEf, byBulk);
        }
    }
}
