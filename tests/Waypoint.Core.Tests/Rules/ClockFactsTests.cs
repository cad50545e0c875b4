using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Ingest;
using Waypoint.Core.Rules;
using Waypoint.Core.Tests.Ingest;
using Waypoint.Core.Tests.Spreadsheets;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Rules;

/// <summary>The clock's facts read back from a real store, on SQLite and on PostgreSQL.</summary>
public class ClockFactsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LoadAsync_GathersEveryLinkedRecord_AndKeepsOneCopyOfAnEpisodeInTwoYearsFiles(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var child = new ChildRow("100", "2010-05-03", "Q999000000011");
        await ImporterTests.ImportAsync(database, new ImportOptions("999") { SharedPersonIds = true },
            SourceFileBuilder.Header903(folder, "2025-header.csv", child),
            SourceFileBuilder.Episodes903(folder, "2025-episodes.csv", new EpisodeRow("100", "2024-06-01")),
            SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2010-05-03", "Q999000000011", "SLD", "2015-03-20")),
            SourceFileBuilder.Cin(folder, "cin.xml", "999", child));
        // The next year's return (with another child, so the file is new): the same episode, now ended.
        using var later = TestFiles.TempFolder();
        await ImporterTests.ImportAsync(database, new ImportOptions("999") { SharedPersonIds = true },
            SourceFileBuilder.Header903(later, "2026-header.csv", child, new ChildRow("200", "2012-01-01")),
            SourceFileBuilder.Episodes903(later, "2026-episodes.csv", new EpisodeRow("100", "2024-06-01", "2026-09-01", ReasonCeased: "E5")));

        await using var db = database.Open();
        var council = await ClockFacts.LoadAsync(db, "999", CancellationToken.None);
        Assert.Equal(2, council.Count);
        var facts = council.Values.Single(f => f.EhcPlans.Count > 0);
        var episode = Assert.Single(facts.Episodes);
        Assert.Equal((new DateOnly(2026, 9, 1), "E5"), (episode.End, episode.ReasonCeased));
        Assert.Equal("SLD", facts.EhcPrimaryNeed);
        Assert.Single(facts.EhcPlans);
        Assert.Equal(new DateOnly(2015, 3, 20), facts.EhcPlans[0].Start);

        // First known: the earliest of the episodes, CIN referrals and SEN2 requests, kept on each record at import.
        var earliest = new[]
        {
            await db.CinReferrals.MinAsync(r => (DateOnly?)r.ReferralDate),
            await db.EhcRequests.MinAsync(r => r.ReceivedDate),
            new DateOnly(2024, 6, 1),
        }.Min();
        Assert.Equal(earliest, facts.FirstKnownToChildrensServices);
        Assert.True(await db.SourceRecords.Where(r => r.Format == "CIN" || r.Format == "SEN2").AllAsync(r => r.FirstKnownOn != null));

        // One person's facts are the same as the council's view of them.
        var one = Assert.Single((await ClockFacts.LoadAsync(db, "999", CancellationToken.None, facts.PersonId)).Values);
        Assert.Equal(facts.Episodes, one.Episodes);
        Assert.Equal(facts.EhcPlans, one.EhcPlans);
        Assert.Equal((facts.FirstKnownToChildrensServices, facts.Disabilities.Count), (one.FirstKnownToChildrensServices, one.Disabilities.Count));

        var clock = StatutoryClock.Evaluate(facts, new DateOnly(2026, 11, 22), new RulesPolicy());
        Assert.Equal(CareLeaverStatus.Relevant, clock.CareLeaver.Status);
        Assert.Equal("EHC plan with primary need severe learning difficulty (SLD)", clock.LikelyNeeds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LoadAsync_ReadsPlacementCostsAndContinuingHealthcareFromCouncilSheets_WithTheirFileAndLine(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        await SpreadsheetImportTests.SaveAsync(database, SheetBuilder.PlacementCosts(), SheetBuilder.HealthInvolvement());
        var costs = SheetBuilder.Xlsx(folder, "costs.xlsx", "Placements", [.. SheetBuilder.CostHeadings],
            ["100", new DateTime(2024, 1, 1), new DateTime(2025, 3, 31), 900.5, "CSC Placements", "Foster carer"],
            ["100", new DateTime(2025, 4, 1), null, 5200, "High Needs Block", "Oak House School"]);
        var health = SheetBuilder.Csv(folder, "health.csv", SheetBuilder.HealthHeadings,
            ["9434765919", "100", "", "CAMHS", "", "", "", ""],
            ["9434765919", "100", "", "Continuing Healthcare", "10/06/2026", "Full assessment", "Eligible", "10/05/2027"]);
        var options = new ImportOptions("999") { Spreadsheets = new Dictionary<string, string> { [costs] = "placement costs", [health] = "health involvement" } };
        await ImporterTests.ImportAsync(database, options, SourceFileBuilder.Header903(folder, "header.csv", new ChildRow("100", "2010-05-03")), costs, health);
        await using var db = database.Open();

        var facts = Assert.Single((await ClockFacts.LoadAsync(db, "999", CancellationToken.None)).Values);

        Assert.Equal(
            [new PlacementCostFact(new DateOnly(2024, 1, 1), new DateOnly(2025, 3, 31), 900.50m, "costs.xlsx", 4), new PlacementCostFact(new DateOnly(2025, 4, 1), null, 5200m, "costs.xlsx", 5)],
            facts.PlacementCosts.OrderBy(c => c.Line));
        Assert.Equal([new ContinuingHealthcareFact(new DateOnly(2026, 6, 10), "positive", new DateOnly(2027, 5, 10), "eligible", "health.csv", 3)], facts.ContinuingHealthcare);
        var one = Assert.Single((await ClockFacts.LoadAsync(db, "999", CancellationToken.None, facts.PersonId)).Values);
        Assert.Equal(facts.PlacementCosts.OrderBy(c => c.Line), one.PlacementCosts.OrderBy(c => c.Line));
        Assert.Equal(facts.ContinuingHealthcare, one.ContinuingHealthcare);

        var clock = StatutoryClock.Evaluate(facts, new DateOnly(2027, 6, 1), new RulesPolicy());
        Assert.Contains("£5,200 a week, costs.xlsx line 5", Assert.Single(clock.Flags, f => f.Rule.Id == "HIGH-COST").Explanation, StringComparison.Ordinal);
        Assert.Equal(MilestoneStatus.Met, clock.Milestones.Single(m => m.Rule.Id == "CHC-DECIDE").Status);
    }

    /// <summary>
    /// A council's facts are read row by row from the driver (on SQLite through its own API), one person's through the
    /// provider's async reader: both must give every person the same clock, column for column.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LoadAsync_ForTheCouncilAndForEachPerson_GivesEveryPersonTheSameClock(DatabaseProvider provider)
    {
        using var folder = TestFiles.TempFolder();
        var asOf = new DateOnly(2026, 11, 22);
        var summary = DemoCouncilGenerator.Generate(new DemoOptions(DemoSize.Small, 5, asOf, DemoNoise.None), folder.Path);
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImporterTests.ImportDemoAsync(database, folder, summary);
        await using var db = database.Open();
        var policy = new RulesPolicy().ForCouncil(Councils.DemoCouncilCode);

        var council = await ClockFacts.LoadAsync(db, Councils.DemoCouncilCode, CancellationToken.None);

        Assert.Equal(await db.People.CountAsync(), council.Count);
        // The demo has something in every table the clock reads, so every column is compared.
        Assert.Contains(council.Values, f => f.Episodes.Count > 0 && f.Episodes.Any(e => e.PlacementPostcode != null));
        Assert.Contains(council.Values, f => f.AdultEvents.Any(e => e.WeeklyCost != null));
        Assert.Contains(council.Values, f => f.EhcPrimaryNeed != null && f.EhcReviews.Count > 0);
        Assert.Contains(council.Values, f => f.Disabilities.Count > 0);
        Assert.Contains(council.Values, f => f.PlacementCosts.Count > 0);
        Assert.Contains(council.Values, f => f.ContinuingHealthcare.Count > 0);
        // Read by position, each column lands in its own field: the same values as EF's own entities.
        var episodes = await db.CareEpisodes.ToDictionaryAsync(e => (e.SourceRecordId, e.StartDate));
        foreach (var fact in council.Values.SelectMany(f => f.Episodes))
        {
            var e = episodes[(fact.Record, fact.Start)];
            Assert.Equal((e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased, e.PlacementPostcode, e.Urn, e.Line),
                (fact.End, fact.LegalStatus, fact.Placement, fact.ReasonCeased, fact.PlacementPostcode, fact.Urn, fact.Line));
        }
        var adultEvents = (await db.AdultCareEvents.ToListAsync()).Select(e => new AdultEventFact(e.EventType, e.StartDate, e.EndDate, e.EligibleNeedsIdentified, e.WeeklyCost));
        Assert.Equal(adultEvents.Select(e => e.ToString()).Order(), council.Values.SelectMany(f => f.AdultEvents).Select(e => e.ToString()).Order());
        var people = await db.People.ToDictionaryAsync(p => p.Id);
        Assert.All(council.Values, f => Assert.Equal((people[f.PersonId].Reference, people[f.PersonId].DateOfBirth), (f.Reference, f.DateOfBirth)));

        foreach (var facts in council.Values.Take(150))
        {
            var one = Assert.Single((await ClockFacts.LoadAsync(db, Councils.DemoCouncilCode, CancellationToken.None, facts.PersonId)).Values);
            Assert.Equal(Describe(StatutoryClock.Evaluate(facts, asOf, policy)), Describe(StatutoryClock.Evaluate(one, asOf, policy)));
            Assert.Equal(facts.Episodes, one.Episodes);
            Assert.Equal(facts.AdultEvents, one.AdultEvents);
            Assert.Equal(facts.PlacementCosts.OrderBy(c => (c.File, c.Line)), one.PlacementCosts.OrderBy(c => (c.File, c.Line)));
            Assert.Equal(facts.ContinuingHealthcare.OrderBy(c => c.Line), one.ContinuingHealthcare.OrderBy(c => c.Line));
        }
    }

    private static string Describe(PersonClock clock) =>
        string.Join("\n", clock.Milestones.Select(m => $"{m.Rule.Id} {m.Status} {m.Due} {m.Explanation}")
            .Concat(clock.Flags.Select(f => $"{f.Rule.Id} {f.Explanation}")).Append($"{clock.CareLeaver.Status} {clock.LikelyNeeds}"));
}
