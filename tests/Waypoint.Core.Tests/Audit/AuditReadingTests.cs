using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Audit;

/// <summary>Reading the trail for the data protection officer: a date range in the order written, and the list of exports.</summary>
public class AuditReadingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static AuditEvent Row(string council, DateTimeOffset at, string action, long? personId = null, string? detail = null) => new()
    {
        At = at,
        CouncilCode = council,
        UserName = "a.worker",
        Role = "transitions-worker",
        Action = action,
        PersonId = personId,
        Detail = detail,
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BetweenAsync_GivesTheCouncilsRowsInTheRangeInTheOrderWritten_ReadingPastEachBatch(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var person = new Person { Reference = "REF-ONE", CouncilCode = "999", DateOfBirth = new DateOnly(2009, 3, 10) };
        db.People.Add(person);
        await db.SaveChangesAsync(Ct);
        // One row an hour for three days, every third about the young person, and another council's row beside each.
        for (var hour = 0; hour < 72; hour++)
        {
            db.AuditEvents.Add(Row("999", Start.AddHours(hour), "view-case", hour % 3 == 0 ? person.Id : null, $"hour {hour}"));
            db.AuditEvents.Add(Row("998", Start.AddHours(hour), "view-case"));
        }
        // Written late, with a time inside the range: still in it, in the order written.
        db.AuditEvents.Add(Row("999", Start.AddHours(30).AddMinutes(30), "import-cancelled", detail: "late"));
        await db.SaveChangesAsync(Ct);
        await AuditChain.SealAsync(db, 1000, Ct);

        // From 01:00 on the second day (given in another offset) up to, not including, 00:00 on the third.
        var from = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.FromHours(1));
        var lines = new List<AuditLine>();
        await foreach (var line in AuditTrail.BetweenAsync(db, "999", from, Start.AddDays(2), batchSize: 7, Ct)) lines.Add(line);

        Assert.Equal([.. Enumerable.Range(25, 23).Select(h => $"hour {h}"), "late"], lines.Select(l => l.Detail));
        Assert.Equal(lines.Select(l => l.Id).Order(), lines.Select(l => l.Id));
        Assert.Equal(Start.AddHours(25), lines[0].At);
        // The young person by reference, never by Waypoint's internal id.
        Assert.All(lines, l => Assert.Equal(l.Detail is ['h', 'o', 'u', 'r', ' ', .. var h] && int.Parse(h, System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? "REF-ONE" : null, l.PersonReference));
        Assert.All(lines, l => Assert.True(l.Sequence is not null && l.Hash is { Length: 64 }));
        var none = new List<AuditLine>();
        await foreach (var line in AuditTrail.BetweenAsync(db, "999", Start.AddDays(10), Start.AddDays(11), Ct)) none.Add(line);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExportsAsync_ListsOnlyDownloads_NewestFirst_InPagesUpToTheLimit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var person = new Person { Reference = "REF-TWO", CouncilCode = "999", DateOfBirth = new DateOnly(2009, 3, 10) };
        db.People.Add(person);
        await db.SaveChangesAsync(Ct);
        db.AuditEvents.Add(Row("999", Start, Exports.DecisionRecord, person.Id, "assessment 1"));
        for (var i = 0; i < AuditTrail.Limit + 10; i++)
        {
            db.AuditEvents.Add(Row("999", Start.AddMinutes(i), "view-person", person.Id));
            db.AuditEvents.Add(Row("999", Start.AddMinutes(i), Exports.All[i % Exports.All.Count], detail: $"export {i}"));
            db.AuditEvents.Add(Row("998", Start.AddMinutes(i), Exports.Tracker));
        }
        await db.SaveChangesAsync(Ct);

        var first = await AuditTrail.ExportsAsync(db, "999", 1, Ct);
        Assert.Equal((1, AuditTrail.Limit / AuditTrail.PageSize, AuditTrail.Limit), (first.Page, first.PageCount, first.Total));
        Assert.Equal(Enumerable.Range(0, AuditTrail.PageSize).Select(i => $"export {AuditTrail.Limit + 9 - i}"), first.Lines.Select(l => l.Detail));
        Assert.All(first.Lines, l => Assert.Contains(l.Action, Exports.All));
        var last = await AuditTrail.ExportsAsync(db, "999", 99, Ct);
        Assert.Equal(first.PageCount, last.Page);
        Assert.Equal("export 10", last.Lines[^1].Detail);

        // Few enough to list them all: the letter about the young person comes last, by reference.
        var few = await AuditTrail.ExportsAsync(db, "997", 1, Ct);
        Assert.Equal((0, 1), (few.Total, few.PageCount));
        db.AuditEvents.RemoveRange(db.AuditEvents.Where(a => a.Action != "view-person" && a.Detail != "assessment 1" && a.Detail != "export 3"));
        await db.SaveChangesAsync(Ct);
        var two = await AuditTrail.ExportsAsync(db, "999", 1, Ct);
        Assert.Equal(new (string?, string?)[] { ("export 3", null), ("assessment 1", "REF-TWO") }, two.Lines.Select(l => (l.Detail, l.PersonReference)));
    }
}
