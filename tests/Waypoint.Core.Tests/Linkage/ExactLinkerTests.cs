using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Linkage;

/// <summary>The exact-key rules of the data spine, one rule per test, on both stores.</summary>
public class ExactLinkerTests
{
    private const string Upn1 = "Q999000000011";
    private const string Upn2 = "T999000000022";
    private const string Nhs1 = "9434765919";

    private static async Task<HashSet<string>> LinkAsync(DatabaseProvider provider, ImportOptions options, Func<TempFolder, string[]> files)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var result = await ImporterTests.ImportAsync(database, options, files(folder));
        Assert.True(result.Committed, string.Join("\n", result.Problems));
        await using var db = database.Open();
        return await DatabaseSnapshot.PartitionAsync(db);
    }

    private static readonly ImportOptions NotShared = new("999") { SharedPersonIds = false };
    private static readonly ImportOptions Shared = new("999") { SharedPersonIds = true };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_ChildIdUpnAndFormerUpn_AreTransitive(DatabaseProvider provider)
    {
        // 903 and CIN share the child id; CIN's former UPN matches SEN2's UPN with the same birth date.
        var people = await LinkAsync(provider, NotShared, f =>
        [
            SourceFileBuilder.Header903(f, "header.csv", new ChildRow("10", "2009-05-05")),
            SourceFileBuilder.Cin(f, "cin.xml", "999", new ChildRow("10", "2009-05-05", Upn2, FormerUpn: Upn1)),
            SourceFileBuilder.Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", Upn1)),
        ]);
        Assert.Equal("903:header.csv:10|CIN:cin.xml:10|SEN2:sen2.xml:1", Assert.Single(people));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_SameUpnDifferentBirthDate_StaysApart(DatabaseProvider provider)
    {
        var people = await LinkAsync(provider, NotShared, f =>
        [
            SourceFileBuilder.Cin(f, "cin.xml", "999", new ChildRow("10", "2009-05-05", Upn1)),
            SourceFileBuilder.Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-06", Upn1)),
        ]);
        Assert.Equal(2, people.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_UnknownAndInvalidUpns_AreNeverKeys(DatabaseProvider provider)
    {
        var people = await LinkAsync(provider, NotShared, f =>
        [
            SourceFileBuilder.Header903(f, "header.csv", new ChildRow("1", "2009-05-05", "UN2"), new ChildRow("2", "2009-05-05", "UN2"),
                new ChildRow("3", "2010-01-01", "A999000000011"), new ChildRow("4", "2010-01-01", "A999000000011")),
        ]);
        Assert.Equal(4, people.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_AdultRecords_JoinOnNhsNumberAndPersonId(DatabaseProvider provider)
    {
        var people = await LinkAsync(provider, NotShared, f =>
        [
            SourceFileBuilder.Cld(f, "cld-2024.csv", new CldRow("A1", Nhs1, "2004-02-02"), new CldRow("A1", null, "2004-02-02", EventType: "Review")),
            SourceFileBuilder.Cld(f, "cld-2025.csv", new CldRow("A9", Nhs1, "2004-02-02"), new CldRow("A2", "1234567880", "2004-02-02"), new CldRow("A3", "1234567880", "2004-02-02")),
        ]);
        // A1 in two files joins on NHS number with A9; A2 and A3 share only an invalid NHS number.
        Assert.Contains("CLD:cld-2024.csv:A1|CLD:cld-2025.csv:A9", people);
        Assert.Equal(3, people.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_AdultToChild_OnlyWhenTheCouncilSharesPersonIds(DatabaseProvider provider)
    {
        string[] Files(TempFolder f) =>
        [
            SourceFileBuilder.Header903(f, "header.csv", new ChildRow("77", "2004-02-02")),
            SourceFileBuilder.Cld(f, "cld.csv", new CldRow("77", Nhs1, "2004-02-02")),
        ];
        Assert.Equal(2, (await LinkAsync(provider, NotShared, Files)).Count);
        Assert.Equal("903:header.csv:77|CLD:cld.csv:77", Assert.Single(await LinkAsync(provider, Shared, Files)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_OtherLea_IsAWarningAndNeverSplitsAPerson(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var result = await ImporterTests.ImportAsync(database, NotShared,
            SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("5", "2008-08-08")),
            SourceFileBuilder.Cin(folder, "cin.xml", "123", new ChildRow("5", "2008-08-08")));
        Assert.Contains(result.Problems, p => p.Severity == Severity.Warning && p.Field == "Message/Header/Source/LEA");
        await using var db = database.Open();
        Assert.Single(await DatabaseSnapshot.PartitionAsync(db));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_LaterImportJoiningTwoPeople_KeepsTheOlderPersonId(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await ImporterTests.ImportAsync(database, NotShared, SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("1", "2009-09-09", Upn1)));
        await ImporterTests.ImportAsync(database, NotShared, SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Sam", "Later", "2009-09-09", Upn2)));
        await using var before = database.Open();
        var first = await before.People.OrderBy(p => p.Id).Select(p => p.Reference).FirstAsync();
        Assert.Equal(2, await before.People.CountAsync());

        // A CIN record carrying both UPNs shows they are one person.
        await ImporterTests.ImportAsync(database, NotShared, SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("1", "2009-09-09", Upn2, FormerUpn: Upn1)));

        await using var after = database.Open();
        var person = await after.People.SingleAsync();
        Assert.Equal(first, person.Reference);
        Assert.Equal(("Sam", "Later"), (person.Forename, person.Surname));
        Assert.Equal(3, await after.RecordLinks.CountAsync(l => l.PersonId == person.Id));
    }
}
