using System.Globalization;
using System.Text;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Insight;
using Waypoint.Core.People;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;

namespace Waypoint.Core.Tests.Insight;

/// <summary>
/// High-cost cases by age (children's placement costs from a council spreadsheet) and the cost-band table (adult social
/// care CLD), both imported through the importer from small files, with every answer worked out by hand below.
/// </summary>
public class CostMeasuresTests
{
    /// <summary>28 February in a year without a 29th: a 29 February birthday falls the next day, or this day by the other rule.</summary>
    private static readonly DateOnly AsOf = new(2025, 2, 28);

    private static readonly DateOnly Imported = new(2025, 3, 3);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Council 999's looked-after children (903 header) and their placements (the costs spreadsheet), on 28 Feb 2025:
    /// 101 born 29 Feb 2008 (16; 17 where the birthday falls on 28 February): two current placements, 500 a week each,
    ///     1,000 between them, 52,000 a year: high-cost, though neither is on its own.
    /// 102 born 1 Mar 2011 (13, 14 tomorrow): 2,000 a week: too young.
    /// 103 born 15 Jan 2011 (14): 961.54 a week, 50,000.08 a year: just above.
    /// 104 born 15 Jan 2010 (15): 961.53 a week, 49,999.56 a year: just below.
    /// 105 born 10 Oct 2007 (17): 3,000 a week until 27 Feb 2025 (ended), then 1,200 a week from 28 Feb 2025: 62,400.
    /// 106 born 1 Jan 2007 (18): 5,000 a week: too old.
    /// 107 born 1 Jun 2009 (15): 1,500 a week, the last day of which is 28 Feb 2025: 78,000.
    /// Council 998: 201 born 1 Jan 2010 (15), 3,000 a week: never counted for 999.
    /// </summary>
    private static async Task<(TestDatabase, Dictionary<string, long>)> PlacementsAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await Spreadsheets.SpreadsheetImportTests.SaveAsync(database, SheetBuilder.PlacementCosts(), SheetBuilder.PlacementCosts("998"));
        var header = SourceFileBuilder.Header903(folder, "header.csv",
            new ChildRow("101", "2008-02-29"), new ChildRow("102", "2011-03-01"), new ChildRow("103", "2011-01-15"), new ChildRow("104", "2010-01-15"),
            new ChildRow("105", "2007-10-10"), new ChildRow("106", "2007-01-01"), new ChildRow("107", "2009-06-01"));
        var start = new DateTime(2024, 9, 1);
        var costs = SheetBuilder.Xlsx(folder, "costs.xlsx", "Placements", [.. SheetBuilder.CostHeadings],
            ["101", start, null, 500, "CSC Placements", "Foster carer"],
            ["101", start, null, 500, "High Needs Block", "Oak House School"],
            ["102", start, null, 2000, "CSC Placements", "Children's home"],
            ["103", start, null, 961.54, "CSC Placements", "Children's home"],
            ["104", start, null, 961.53, "CSC Placements", "Children's home"],
            ["105", start, new DateTime(2025, 2, 27), 3000, "CSC Placements", "Secure children's home"],
            ["105", new DateTime(2025, 2, 28), null, 1200, "CSC Placements", "Children's home"],
            ["106", start, null, 5000, "CSC Placements", "Children's home"],
            ["107", start, new DateTime(2025, 2, 28), 1500, "High Needs Block", "Residential school"]);
        await ImportAsync(database, new ImportOptions("999") { Spreadsheets = new Dictionary<string, string> { [costs] = "placement costs" } }, Imported, header, costs);

        using var elsewhere = TestFiles.TempFolder();
        var header998 = SourceFileBuilder.Header903(elsewhere, "header.csv", new ChildRow("201", "2010-01-01"));
        var costs998 = SheetBuilder.Xlsx(elsewhere, "costs.xlsx", "Placements", [.. SheetBuilder.CostHeadings], ["201", start, null, 3000, "CSC Placements", "Children's home"]);
        await ImportAsync(database, new ImportOptions("998") { Spreadsheets = new Dictionary<string, string> { [costs998] = "placement costs" } }, Imported, header998, costs998);
        return (database, await PeopleByKeyAsync(database, "999"));
    }

    /// <summary>Each age with the children counted at it, by their 903 CHILD ids: "16: 101 105".</summary>
    private static string[] Ages(HighCostCases result, Dictionary<string, long> people)
    {
        var keys = people.ToDictionary(p => p.Value, p => p.Key);
        return [.. result.ByAge.Select(a => string.Join(' ', a.Counted.People.Select(p => keys[p]).Order(StringComparer.Ordinal).Prepend(a.Label + ":")))];
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HighCostCases_CurrentPlacementsAddedUp_AboveTheThreshold_ByAgeOnTheDay(DatabaseProvider provider)
    {
        var (database, people) = await PlacementsAsync(provider);
        await using var _ = database;
        await using var db = database.Open();

        // Above 50,000 a year, aged 14 to 17: 103 at 14; 107 at 15 (104 is just below); 101 at 16; 105 at 17 (the ended
        // placement does not count, the one starting today does). 102 is 13, 106 is 18; 201 is another council's.
        var result = await CostMeasures.HighCostCasesAsync(db, "999", AsOf, null, Cancel);
        Assert.Equal(50_000m, result.AboveAYear);
        Assert.Equal(["14: 103", "15: 107", "16: 101", "17: 105"], Ages(result, people));
        Assert.Equal(4, result.Total.Count);

        // Where 29 February birthdays fall on 28 February, 101 is 17 today.
        var leap = await CostMeasures.HighCostCasesAsync(db, "999", AsOf, null, Cancel, leapDay: LeapDayBirthday.TwentyEighthFebruary);
        Assert.Equal(["14: 103", "15: 107", "16:", "17: 101 105"], Ages(leap, people));

        // A threshold of 52,000: 101's 52,000 is not above it, nor 103's 50,000.08.
        var higher = await CostMeasures.HighCostCasesAsync(db, "999", AsOf, null, Cancel, aboveAYear: 52_000m);
        Assert.Equal(["14:", "15: 107", "16:", "17: 105"], Ages(higher, people));

        // Only 101, 103 and 104.
        var some = await CostMeasures.HighCostCasesAsync(db, "999", AsOf, new HashSet<long> { people["101"], people["103"], people["104"] }, Cancel);
        Assert.Equal(["14: 103", "15:", "16: 101", "17:"], Ages(some, people));

        // On 1 January 2024 no placement had started.
        var before = await CostMeasures.HighCostCasesAsync(db, "999", new DateOnly(2024, 1, 1), null, Cancel);
        Assert.Equal([0, 0, 0, 0], before.ByAge.Select(a => a.Counted.Count));
    }

    /// <summary>A CLD file of service events: (person, date of birth, service type, weekly cost, start, end); dates yyyy-mm-dd.</summary>
    private static string Cld(TempFolder folder, string council, params (string Person, string Born, string Service, string? Weekly, string Start, string? End)[] events)
    {
        static string Uk(string? iso) => iso is null ? "" : DateOnly.Parse(iso, CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var text = new StringBuilder("LA Code,NHS Number,LA Person Unique Identifier,First Name,Last Name,Gender,Date of Birth,Client Type,Primary Support Reason,Event Type,Event Start Date,Event End Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week\n");
        foreach (var e in events)
        {
            var cost = e.Weekly is null ? ",," : $"{e.Weekly},Weekly,1";
            text.Append(CultureInfo.InvariantCulture,
                $"{council},,{e.Person},Adult{e.Person},Person{e.Person},Female,{Uk(e.Born)},Service User,Learning disability support,Service,{Uk(e.Start)},{Uk(e.End)},{e.Service},{cost}\n");
        }
        return folder.Write("cld.csv", text.ToString());
    }

    private const string Community = "Long term support: Community";

    /// <summary>
    /// Council 999's adult social care on 28 Feb 2025 (long-term services current that day, by age on the day):
    /// A1 born 29 Feb 2004 (20; 21 where the birthday falls on 28 February): community, 250 a week since 1 Apr 2021.
    /// A2 born 1 Jan 2000 (25): residential care, 2,000.00 a week, and short-term support 300 a week (not long-term).
    /// A3 born 1 Mar 1999 (25, 26 tomorrow): community, 99.99 a week.
    /// A4 born 1 Jan 1999 (26): community, 500 a week: too old.
    /// A5 born 1 Jun 2005 (19): community 100 and nursing care 2,000.01 a week, 2,100.01 between them; and 5,000 a week
    ///    that ended 27 Feb 2025.
    /// A6 born 1 Jun 2004 (20): community, no cost recorded.
    /// A7 born 1 Jun 2003 (21): community, 800 a week from 1 Mar 2025: not yet.
    /// A8 born 1 Jun 2006 (18): community, 800 a week, ending 28 Feb 2025: its last day.
    /// Council 998: B1 born 1 Jan 2004 (21), 1,000 a week: never counted for 999.
    /// </summary>
    private static async Task<(TestDatabase, Dictionary<string, long>)> AdultCareAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        const string from = "2024-04-01";
        using (var folder = TestFiles.TempFolder())
        {
            var cld = Cld(folder, "999",
                ("A1", "2004-02-29", Community, "250", "2021-04-01", null),
                ("A2", "2000-01-01", "Long term support: Residential care", "2000.00", from, null),
                ("A2", "2000-01-01", "Short term support: Other short term", "300", from, null),
                ("A3", "1999-03-01", Community, "99.99", from, null),
                ("A4", "1999-01-01", Community, "500", from, null),
                ("A5", "2005-06-01", Community, "100", from, null),
                ("A5", "2005-06-01", "Long term support: Nursing care", "2000.01", from, null),
                ("A5", "2005-06-01", Community, "5000", from, "2025-02-27"),
                ("A6", "2004-06-01", Community, null, from, null),
                ("A7", "2003-06-01", Community, "800", "2025-03-01", null),
                ("A8", "2006-06-01", Community, "800", from, "2025-02-28"));
            await ImportAsync(database, new ImportOptions("999"), Imported, cld);
        }
        using (var folder = TestFiles.TempFolder())
            await ImportAsync(database, new ImportOptions("998"), Imported, Cld(folder, "998", ("B1", "2004-01-01", Community, "1000", from, null)));
        return (database, await PeopleByKeyAsync(database, "999"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CostBands_YoungAdultsLongTermCareOnTheDay_FedIntoTheTable(DatabaseProvider provider)
    {
        var (database, people) = await AdultCareAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        string[] Keys(IEnumerable<long> ids) => [.. ids.Select(id => people.Single(p => p.Value == id).Key).Order(StringComparer.Ordinal)];

        // Aged 18 to 25 with long-term care today: A3 99.99 (0-99), A1 250 (100-299), A8 800 (800-999), A2 2,000
        // (1000-2000, its short-term support left out), A5 2,100.01 (2000+, the ended service left out); A6 has no cost.
        // A4 is 26; A7's care has not started; B1 is another council's. 5 people, 5,250.00 a week, 273,000 a year.
        // Shares of 5,250 in per cent: 1.9046, 4.7619, 15.2381, 38.0952 and 40.0002; rounded down to tenths they make
        // 99.8, and the two tenths missing go to the bands that lost most: 1000-2000 (0.0952) and 100-299 (0.0619).
        var result = await CostMeasures.CostBandsAsync(db, "999", AsOf, null, Cancel);
        Assert.Equal(
            [("0-99", 1, 99.99m, 1.9m), ("100-299", 1, 250m, 4.8m), ("300-499", 0, 0m, 0m), ("500-799", 0, 0m, 0m), ("800-999", 1, 800m, 15.2m), ("1000-2000", 1, 2000m, 38.1m), ("2000+", 1, 2100.01m, 40.0m)],
            result.Table.Rows.Select(r => (r.Band, r.People, r.WeeklyCost, r.ShareOfCost)));
        Assert.Equal((5, 5250.00m, 273_000.00m, 100.0m), (result.Table.Total.People, result.Table.Total.WeeklyCost, result.Table.Total.AnnualCost, result.Table.Total.ShareOfCost));
        Assert.Equal(["A3"], Keys(result.PeopleByBand[0].Counted.People));
        Assert.Equal(["A5"], Keys(result.PeopleByBand[6].Counted.People));
        Assert.Equal(result.Table.Rows.Select(r => r.People), result.PeopleByBand.Select(b => b.Counted.Count));
        Assert.Equal(["A6"], Keys(result.CostNotKnown.People));

        // On 28 Feb 2022 only A1's care had started. Born 29 Feb 2004, A1 is 17 that day (18 on 1 March), so no one is
        // counted; where 29 February birthdays fall on 28 February, A1 is 18 and is in 100-299.
        var earlier = new DateOnly(2022, 2, 28);
        Assert.Equal(0, (await CostMeasures.CostBandsAsync(db, "999", earlier, null, Cancel)).Table.Total.People);
        var leap = await CostMeasures.CostBandsAsync(db, "999", earlier, null, Cancel, LeapDayBirthday.TwentyEighthFebruary);
        Assert.Equal(["A1"], Keys(leap.PeopleByBand[1].Counted.People));
        Assert.Equal((1, 250m, 100.0m), (leap.Table.Total.People, leap.Table.Total.WeeklyCost, leap.Table.Rows[1].ShareOfCost));

        // Only A2, A4 and A6: A2 alone in the table (A4 is 26), A6 without a cost.
        var some = await CostMeasures.CostBandsAsync(db, "999", AsOf, new HashSet<long> { people["A2"], people["A4"], people["A6"] }, Cancel);
        Assert.Equal((1, 2000m, 100.0m), (some.Table.Total.People, some.Table.Total.WeeklyCost, some.Table.Rows[5].ShareOfCost));
        Assert.Equal(["A6"], Keys(some.CostNotKnown.People));

        // Before any care began: an empty table, every share 0.
        var before = await CostMeasures.CostBandsAsync(db, "999", new DateOnly(2021, 1, 1), null, Cancel);
        Assert.Equal((0, 0m, 0m), (before.Table.Total.People, before.Table.Total.WeeklyCost, before.Table.Total.ShareOfCost));
        Assert.All(before.PeopleByBand, b => Assert.Equal(0, b.Counted.Count));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CostBands_AnImportAfterAReading_IsCountedAtOnce(DatabaseProvider provider)
    {
        var (database, _) = await AdultCareAsync(provider);
        await using var _ = database;
        await using (var db = database.Open())
        {
            var first = await CostMeasures.CostBandsAsync(db, "999", AsOf, null, Cancel);
            Assert.Equal((5, 5250.00m), (first.Table.Total.People, first.Table.Total.WeeklyCost));
        }

        // The services read are kept between readings until the next import. A9, born 1 Jun 2004 (20), has had
        // community care at 400 a week since 1 Apr 2024: 6 people, 5,650 a week.
        using (var folder = TestFiles.TempFolder())
            await ImportAsync(database, new ImportOptions("999"), Imported, Cld(folder, "999", ("A9", "2004-06-01", Community, "400", "2024-04-01", null)));
        await using (var db = database.Open())
        {
            var result = await CostMeasures.CostBandsAsync(db, "999", AsOf, null, Cancel);
            Assert.Equal((6, 5650.00m), (result.Table.Total.People, result.Table.Total.WeeklyCost));
        }
    }
}
