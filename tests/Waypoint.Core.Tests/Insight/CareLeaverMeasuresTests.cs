using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Insight;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;

namespace Waypoint.Core.Tests.Insight;

/// <summary>Care leavers at 19 to 21 from the 903 OC3, imported through the importer from two years' returns, worked out by hand below.</summary>
public class CareLeaverMeasuresTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One year's 903 return as CSV tables, its header named for the year so two years' returns are both kept.</summary>
    private static async Task ReturnAsync(TestDatabase database, string council, string year, DateOnly importedOn, params LookedAfterChild[] children)
    {
        using var folder = TestFiles.TempFolder();
        var files = SourceFileBuilder.Ssda903Tables(folder, children);
        var header = folder.File($"header-{year}.csv");
        File.Move(files[0], header);
        files[0] = header;
        await ImportAsync(database, new ImportOptions(council), importedOn, files);
    }

    private static LookedAfterChild Leaver(string child, string born, string inTouch, string activity, string accommodation) =>
        new(child, born) { CareLeaver = new CareLeaver903(inTouch, activity, accommodation) };

    /// <summary>
    /// Council 999. The 2023-24 return (its latest episode date 15 Mar 2024, so the year ending 31 Mar 2024; imported
    /// 10 Jul 2024) and the 2024-25 return (latest episode date 20 Feb 2025, the year ending 31 Mar 2025; imported
    /// 10 Jul 2025). Each OC3 is about the birthday in its return's year:
    /// 2024-25:
    ///   301 born 15 May 2005, 19 on 15 May 2024: in touch, F2 (education), B1 (suitable).
    ///   302 born 29 Feb 2004, 21 on 1 Mar 2025 (28 Feb by the other rule): in touch, G4 (not in education, employment or
    ///       training: illness or disability), C2 (not suitable).
    ///   303 born 1 Apr 2004, 20 on 1 Apr 2024, the year's first day: not in touch (NO), 0, 0.
    ///   304 born 31 Mar 2006, 19 on 31 Mar 2025, the year's last day: in touch, P4 (apprenticeship), 0 (not known).
    ///   305 born 10 Jun 2007, 17 on 10 Jun 2024: too young for the measure.
    ///   307 born 1 Oct 2004, 20 on 1 Oct 2024: died.
    ///   308 born 1 Nov 2003, 21 on 1 Nov 2024: in touch, F3 (a retired code of training or employment), Z1 (suitable).
    ///   309 born 5 Sep 2004, 20 on 5 Sep 2024: refuses contact (REFU), 0, 0.
    ///   310 born 1 Jan 2009, looked after 1 Apr 2024 to 20 Feb 2025.
    /// 2023-24: 301, 18 on 15 May 2023: in touch, G5, B2; 310 looked after 1 Jan to 15 Mar 2024.
    /// Council 998: 401 born 1 Jun 2005, 19 on 1 Jun 2024: in touch, F2, B1: never counted for 999.
    /// </summary>
    private static async Task<(TestDatabase, Dictionary<string, long>)> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await ReturnAsync(database, "999", "2024", new DateOnly(2024, 7, 10),
            Leaver("301", "2005-05-15", "YES", "G5", "B2"),
            new LookedAfterChild("310", "2009-01-01") { Episodes = [new Episode903("2024-01-01", "2024-03-15", ReasonCeased: "E11")] });
        await ReturnAsync(database, "999", "2025", new DateOnly(2025, 7, 10),
            Leaver("301", "2005-05-15", "YES", "F2", "B1"),
            Leaver("302", "2004-02-29", "YES", "G4", "C2"),
            Leaver("303", "2004-04-01", "NO", "0", "0"),
            Leaver("304", "2006-03-31", "YES", "P4", "0"),
            Leaver("305", "2007-06-10", "YES", "F2", "B1"),
            Leaver("307", "2004-10-01", "DIED", "0", "0"),
            Leaver("308", "2003-11-01", "YES", "F3", "Z1"),
            Leaver("309", "2004-09-05", "REFU", "0", "0"),
            new LookedAfterChild("310", "2009-01-01") { Episodes = [new Episode903("2024-04-01", "2025-02-20", ReasonCeased: "E11")] });
        await ReturnAsync(database, "998", "2025", new DateOnly(2025, 7, 10),
            Leaver("401", "2005-06-01", "YES", "F2", "B1"),
            new LookedAfterChild("410", "2009-01-01") { Episodes = [new Episode903("2024-04-01", "2025-02-20", ReasonCeased: "E11")] });
        return (database, await PeopleByKeyAsync(database, "999"));
    }

    private static MeasureScope Scope(int fromYear, int fromMonth, int toYear, int toMonth) => new("999", new CalendarMonth(fromYear, fromMonth), new CalendarMonth(toYear, toMonth));

    [Fact]
    public void TheCollectionYear_RunsFromAprilToMarch()
    {
        Assert.Equal(new DateOnly(2025, 3, 31), CareLeaverMeasures.CollectionYearEnd(new DateOnly(2025, 3, 31)));
        Assert.Equal(new DateOnly(2026, 3, 31), CareLeaverMeasures.CollectionYearEnd(new DateOnly(2025, 4, 1)));
        Assert.Equal(new DateOnly(2025, 3, 31), CareLeaverMeasures.CollectionYearEnd(new DateOnly(2024, 4, 1)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task At19To21_FromTheOc3OfTheReturnForTheYearOfTheBirthday_NotInTouchIsNotKnown(DatabaseProvider provider)
    {
        var (database, people) = await CouncilAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        string Keys(Counted counted) => string.Join(' ', counted.People.Select(id => people.Single(p => p.Value == id).Key).Order(StringComparer.Ordinal));

        // April 2024 to March 2025, the 2024-25 return: at 19, 301 (education, suitable) and 304 (apprenticeship,
        // accommodation not known); at 20, 303 (not in touch) and 309 (refuses contact), neither known, so neither share
        // has anyone to count; at 21, 302 (not in education, employment or training; not suitable) and 308 (training or
        // employment; suitable). 305 is 17; 307 died; 310 is not a care leaver in the OC3; 401 is another council's.
        // 301's 2023-24 OC3 is about the 18th birthday, not this year's.
        var year = await CareLeaverMeasures.At19To21Async(db, Scope(2024, 4, 2025, 3), Cancel);
        Assert.Equal(["Aged 19", "Aged 20", "Aged 21"], year.ByAge.Select(a => a.Label));
        var (at19, at20, at21) = (year.ByAge[0], year.ByAge[1], year.ByAge[2]);
        Assert.Equal(("301 304", "301 304", "", "301", "304"),
            (Keys(at19.CareLeavers), Keys(at19.InEducationEmploymentOrTraining), Keys(at19.ActivityNotKnown), Keys(at19.SuitablyAccommodated), Keys(at19.AccommodationNotKnown)));
        Assert.Equal(("100.0%", "100.0%"), (at19.InEducationEmploymentOrTrainingShare.Text, at19.SuitablyAccommodatedShare.Text));
        Assert.Equal(("303 309", "303 309", "303 309", "", "303 309"),
            (Keys(at20.CareLeavers), Keys(at20.NotInTouch), Keys(at20.ActivityNotKnown), Keys(at20.NotInEducationEmploymentOrTraining), Keys(at20.AccommodationNotKnown)));
        Assert.Equal((Share.NoOneToCount, Share.NoOneToCount), (at20.InEducationEmploymentOrTrainingShare.Text, at20.SuitablyAccommodatedShare.Text));
        Assert.Equal(("302 308", "308", "302", "308", "302"),
            (Keys(at21.CareLeavers), Keys(at21.InEducationEmploymentOrTraining), Keys(at21.NotInEducationEmploymentOrTraining), Keys(at21.SuitablyAccommodated), Keys(at21.NotSuitablyAccommodated)));
        Assert.Equal((50.0m, 50.0m), (at21.InEducationEmploymentOrTrainingShare.Percent, at21.SuitablyAccommodatedShare.Percent));

        // All six: in education, employment or training 301, 304 and 308 of the four whose activity is known (75.0%);
        // suitably housed 301 and 308 of the three whose accommodation is known (66.7%).
        Assert.Equal("301 302 303 304 308 309", Keys(year.All.CareLeavers));
        Assert.Equal((75.0m, 66.7m), (year.All.InEducationEmploymentOrTrainingShare.Percent, year.All.SuitablyAccommodatedShare.Percent));

        // April 2023 to March 2024: 301's 2023-24 OC3 is about the 18th birthday, so no one is counted.
        var before = await CareLeaverMeasures.At19To21Async(db, Scope(2023, 4, 2024, 3), Cancel);
        Assert.Equal(0, before.All.CareLeavers.Count);
        Assert.Null(before.All.InEducationEmploymentOrTrainingShare.Percent);

        // March 2025: 302 turns 21 on 1 March and 304 turns 19 on the 31st. Where 29 February birthdays fall on 28
        // February, 302's is in February, so only 304.
        Assert.Equal("302 304", Keys((await CareLeaverMeasures.At19To21Async(db, Scope(2025, 3, 2025, 3), Cancel)).All.CareLeavers));
        Assert.Equal("304", Keys((await CareLeaverMeasures.At19To21Async(db, Scope(2025, 3, 2025, 3), Cancel, LeapDayBirthday.TwentyEighthFebruary)).All.CareLeavers));

        // Only 301 and 302.
        var some = await CareLeaverMeasures.At19To21Async(db, Scope(2024, 4, 2025, 3) with { People = new HashSet<long> { people["301"], people["302"] } }, Cancel);
        Assert.Equal("301 302", Keys(some.All.CareLeavers));
        Assert.Equal("301", Keys(some.All.InEducationEmploymentOrTraining));
    }
}
