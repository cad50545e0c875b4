using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Linkage;
using Waypoint.Core.Pathway;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Linkage;

/// <summary>
/// Review decisions, merges and splits: nothing is lost, person ids stay the same, and a later import keeps to what
/// people decided (it neither asks again nor undoes it).
/// </summary>
public class LinkReviewTests
{
    private const string Upn = "Q999000000011";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly ImportOptions Options = new("999");

    /// <summary>A child in CIN and a SEN2 record sharing only a birth date and sex: a possible match.</summary>
    private static async Task<TestDatabase> WeakPairAsync(DatabaseProvider provider, TempFolder folder)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await ImporterTests.ImportAsync(database, Options,
            SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("10", "2009-05-05", Sex: "F")),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", null)));
        return database;
    }

    /// <summary>A later import of an unrelated file: linking runs again over everyone.</summary>
    private static Task<ImportResult> ImportSomethingElseAsync(TestDatabase database, TempFolder folder, string name = "cld.csv") =>
        ImporterTests.ImportAsync(database, Options, SourceFileBuilder.Cld(folder, name, new CldRow(Path.GetFileNameWithoutExtension(name), null, "1990-01-01")));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Decide_SamePerson_MergesNow_AndAReimportKeepsItWithoutAskingAgain(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        await using var database = await WeakPairAsync(provider, folder);
        await using var db = database.Open();
        var match = Assert.Single((await LinkReview.QueueAsync(db, "999", CancellationToken.None)).Page);
        Assert.Equal(2, match.Person.Records.Count + match.Other.Records.Count);
        var peopleBefore = await db.People.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();

        var change = await LinkReview.DecideAsync(db, "999", match.Id, samePerson: true, "Same school and address in the case notes", "reviewer", Now, CancellationToken.None);

        Assert.Equal(peopleBefore[0], change.PersonId); // the older person keeps its id
        Assert.Equal("CIN:cin.xml:10|SEN2:sen2.xml:1", Assert.Single(await DatabaseSnapshot.PartitionAsync(db)));
        Assert.Equal(2, await db.SourceRecords.CountAsync()); // nothing lost
        var decision = Assert.Single(await db.LinkDecisions.ToListAsync());
        Assert.Equal((MatchStatus.SamePerson, "reviewer", match.Id), (decision.Decision, decision.DecidedBy, decision.PossibleMatchId));

        var again = await ImportSomethingElseAsync(database, folder);
        Assert.True(again.Committed);
        await using var after = database.Open();
        Assert.Contains("CIN:cin.xml:10|SEN2:sen2.xml:1", await DatabaseSnapshot.PartitionAsync(after));
        Assert.Equal(peopleBefore[0], await after.RecordLinks.Where(l => l.SourceRecordId == decision.RecordId).Select(l => l.PersonId).SingleAsync());
        Assert.Empty((await LinkReview.QueueAsync(after, "999", CancellationToken.None)).Page);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Decide_DifferentPeople_KeepsThemApart_AndIsNeverAskedAgain(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        await using var database = await WeakPairAsync(provider, folder);
        await using var db = database.Open();
        var match = Assert.Single((await LinkReview.QueueAsync(db, "999", CancellationToken.None)).Page);

        await LinkReview.DecideAsync(db, "999", match.Id, samePerson: false, "Different parents", "reviewer", Now, CancellationToken.None);
        await Assert.ThrowsAsync<LinkChangeRefusedException>(() =>
            LinkReview.DecideAsync(db, "999", match.Id, samePerson: true, "changed my mind", "someone else", Now, CancellationToken.None));

        await ImportSomethingElseAsync(database, folder);
        await using var after = database.Open();
        Assert.Equal(3, (await DatabaseSnapshot.PartitionAsync(after)).Count);
        Assert.Empty((await LinkReview.QueueAsync(after, "999", CancellationToken.None)).Page);
        Assert.Equal(MatchStatus.DifferentPeople, (await after.PossibleMatches.SingleAsync()).Status); // the decided row is kept as history
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Split_MovesRecordsToANewPerson_AndNoKeyJoinsThemAgain(DatabaseProvider provider)
    {
        // 903 and CIN share the child id; SEN2 joins on UPN and birth date: one person on exact keys.
        using var folder = TestFiles.TempFolder();
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImporterTests.ImportAsync(database, Options,
            SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("10", "2009-05-05", Upn)),
            SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("10", "2009-05-05", Upn)),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", Upn)));
        await using var db = database.Open();
        var person = await db.People.SingleAsync();
        var sen2 = await db.SourceRecords.SingleAsync(r => r.Format == "SEN2");

        var change = await LinkReview.SplitAsync(db, "999", person.Reference, [sen2.Id], "Another child with a reused UPN", "reviewer", Now, CancellationToken.None);

        var people = await DatabaseSnapshot.PartitionAsync(db);
        Assert.Equal(["903:header.csv:10|CIN:cin.xml:10", "SEN2:sen2.xml:1"], people.Order(StringComparer.Ordinal));
        Assert.Equal(person.Id, change.PersonId);
        Assert.Equal(2, await db.LinkDecisions.CountAsync(d => d.Decision == MatchStatus.DifferentPeople));
        Assert.Equal("Amy", (await db.People.SingleAsync(p => p.Reference == change.Reference)).Forename); // summaries follow the records
        Assert.Null((await db.People.SingleAsync(p => p.Id == person.Id)).Forename);

        await ImportSomethingElseAsync(database, folder);
        await using var after = database.Open();
        Assert.Equal(3, (await DatabaseSnapshot.PartitionAsync(after)).Count);
        Assert.Equal(change.OtherPersonId, await after.RecordLinks.Where(l => l.SourceRecordId == sen2.Id).Select(l => l.PersonId).SingleAsync());
        await Assert.ThrowsAsync<LinkChangeRefusedException>(() =>
            LinkReview.SplitAsync(after, "999", change.Reference, [sen2.Id], "every record", "reviewer", Now, CancellationToken.None));

        // Merged back by hand: the earlier "different people" decisions are superseded, so the next import keeps them together.
        await LinkReview.MergeAsync(after, "999", change.Reference, person.Reference, "It was the same child after all", "reviewer", Now, CancellationToken.None);
        await ImportSomethingElseAsync(database, folder, "cld-2.csv");
        await using var last = database.Open();
        Assert.Contains("903:header.csv:10|CIN:cin.xml:10|SEN2:sen2.xml:1", await DatabaseSnapshot.PartitionAsync(last));
        Assert.Equal(person.Id, await last.RecordLinks.Where(l => l.SourceRecordId == sen2.Id).Select(l => l.PersonId).SingleAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Merge_ByReference_KeepsTheOlderPersonAndTheirCase_AndRefusesTwoCases(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        await using var database = await WeakPairAsync(provider, folder);
        await using var db = database.Open();
        var people = await db.People.OrderBy(p => p.Id).ToListAsync();
        db.TransitionsCases.Add(new TransitionsCase { PersonId = people[1].Id, CouncilCode = "999", OpenedAt = Now, StageChangedAt = Now });
        await db.SaveChangesAsync();

        var change = await LinkReview.MergeAsync(db, "999", people[1].Reference, people[0].Reference, "Known to the team as one child", "manager", Now, CancellationToken.None);

        Assert.Equal(people[0].Id, change.PersonId);
        Assert.Equal(people[0].Id, (await db.TransitionsCases.SingleAsync()).PersonId); // the case follows the records
        Assert.False(await db.People.AnyAsync(p => p.Id == people[1].Id));
        Assert.Empty((await LinkReview.QueueAsync(db, "999", CancellationToken.None)).Page); // the pending pair is settled

        await ImportSomethingElseAsync(database, folder);
        await using var after = database.Open();
        Assert.Contains("CIN:cin.xml:10|SEN2:sen2.xml:1", await DatabaseSnapshot.PartitionAsync(after));

        // Two people who both have a case are not merged until one case is closed.
        var adult = await after.People.SingleAsync(p => p.Id != people[0].Id);
        after.TransitionsCases.Add(new TransitionsCase { PersonId = adult.Id, CouncilCode = "999", OpenedAt = Now, StageChangedAt = Now });
        await after.SaveChangesAsync();
        var refused = await Assert.ThrowsAsync<LinkChangeRefusedException>(() =>
            LinkReview.MergeAsync(after, "999", adult.Reference, people[0].Reference, "test", "manager", Now, CancellationToken.None));
        Assert.Contains("Both people have a transitions case", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await after.People.CountAsync());
    }
}
