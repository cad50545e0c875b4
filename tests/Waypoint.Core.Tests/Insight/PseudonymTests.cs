using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Insight;

/// <summary>Stable keyed pseudonyms, and the analyst's rows that carry them in place of who a young person is.</summary>
public class PseudonymTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ForCouncilAsync_MakesOneKeyPerCouncilOnFirstUseAndKeepsIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string first;
        await using (var db = database.Open())
        {
            Assert.Equal(0, await db.PseudonymKeys.CountAsync(Ct));
            first = (await Pseudonyms.ForCouncilAsync(db, "999", Now, Ct)).Of("BCDFGHJKLM");
        }

        // A new context (a restart, another node) reads the same key, so the same person keeps the same pseudonym.
        await using (var db = database.Open())
        {
            var again = await Pseudonyms.ForCouncilAsync(db, "999", Now.AddDays(1), Ct);
            Assert.Equal(first, again.Of("BCDFGHJKLM"));
            Assert.NotEqual(first, again.Of("BCDFGHJKLN"));
            Assert.NotEqual(first, (await Pseudonyms.ForCouncilAsync(db, "888", Now, Ct)).Of("BCDFGHJKLM"));
            var keys = await db.PseudonymKeys.OrderBy(k => k.CouncilCode).ToListAsync(Ct);
            Assert.Equal(["888", "999"], keys.Select(k => k.CouncilCode));
            Assert.All(keys, k => Assert.Equal(32, k.Secret.Length));
            Assert.NotEqual(keys[0].Secret, keys[1].Secret);
        }
        Assert.Matches("^YP-[0-9A-HJKMNP-TV-Z]{10}$", first);

        // Another database has another key: the pseudonym depends on the secret, not on the reference alone.
        await using var other = await TestDatabase.CreateAsync(provider);
        await using var otherDb = other.Open();
        Assert.NotEqual(first, (await Pseudonyms.ForCouncilAsync(otherDb, "999", Now, Ct)).Of("BCDFGHJKLM"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ForCouncilAsync_TwoFirstUsesAtOnce_AgreeOnOneKey(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var contexts = Enumerable.Range(0, 4).Select(_ => database.Open()).ToList();
        try
        {
            var made = await Task.WhenAll(contexts.Select(db => Pseudonyms.ForCouncilAsync(db, "999", Now, Ct)));
            Assert.Single(made.Select(p => p.Of("BCDFGHJKLM")).Distinct());
            Assert.Equal(1, await contexts[0].PseudonymKeys.CountAsync(Ct));
        }
        finally
        {
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }

    [Fact]
    public void Of_TenThousandReferences_GivesTenThousandPseudonymsOfTheAlphabet()
    {
        var pseudonyms = PseudonymsFor();
        var all = Enumerable.Range(0, 10_000).Select(i => pseudonyms.Of($"R{i:D9}")).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, p => Assert.Matches("^YP-[0-9A-HJKMNP-TV-Z]{10}$", p));
        // Every character of the alphabet turns up in every place: the bits are spread, not stuck.
        for (var i = 3; i < 13; i++) Assert.Equal(32, all.Select(p => p[i]).Distinct().Count());
    }

    [Fact]
    public void PseudonymisedRows_CarryNoNameReferenceIdentifierDayOfBirthOrFullPostcode()
    {
        var row = Row(1, "BCDFGHJKLM", "Ada Example", new DateOnly(2009, 3, 17), 17, [Cohort.EhcPlan, Cohort.CareLeaver], TransitionsStage.Referred,
            identifiers: ["A123456789012", "9434765919", "CH1234"], sex: "F", postcode: "LE1 5WW", likely: "EHC plan primary need SLD",
            overdue: StatutoryClock.Adviser21, flag: StatutoryClock.TurningEighteen, careLeaver: CareLeaverStatus.Relevant);
        var pseudonyms = PseudonymsFor();

        var found = Assert.Single(PseudonymisedRows.Of([row], pseudonyms));

        Assert.Equal((pseudonyms.Of("BCDFGHJKLM"), 17, "16-17", "2009-03", "F", "SLD", TransitionsStage.Referred, CareLeaverStatus.Relevant, true, "LE1"),
            (found.Pseudonym, found.Age, found.AgeBand, found.BirthMonth, found.Sex, found.EhcPrimaryNeed, found.Stage, found.CareLeaver, found.LikelyToNeedAdultCare, found.PostcodeDistrict));
        Assert.Equal(row.Cohorts, found.Cohorts);
        Assert.Equal([StatutoryClock.Adviser21.Id], found.Overdue);
        Assert.Equal([StatutoryClock.TurningEighteen.Id], found.Flags);
        var text = string.Join("|", typeof(PseudonymisedRow).GetProperties().Select(p => p.GetValue(found) is System.Collections.IEnumerable e and not string
            ? string.Join(",", e.Cast<object>()) : p.GetValue(found)?.ToString()));
        foreach (var secret in new[] { "BCDFGHJKLM", "Ada", "Example", "A123456789012", "9434765919", "CH1234", "2009-03-17", "17/03/2009", "5WW", "EHC plan primary need SLD" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PseudonymisedRows_FilteredByCohortAgeAndStageAndPagedInPseudonymOrder()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Row(i, $"REF{i:D7}", $"Person {i}", new DateOnly(2000 + (i % 12), 1, 1), 13 + (i % 12),
            i % 2 == 0 ? [Cohort.EhcPlan] : [Cohort.LookedAfter], i % 3 == 0 ? TransitionsStage.Identified : TransitionsStage.NotIdentified)).ToList();
        var all = PseudonymisedRows.Of(rows, PseudonymsFor());
        Assert.Equal(all.Select(r => r.Pseudonym).Order(StringComparer.Ordinal), all.Select(r => r.Pseudonym));

        var ehc = PseudonymisedRows.Filter(all, new PseudonymisedQuery(Cohort: Cohort.EhcPlan));
        Assert.Equal(15, ehc.Count);
        Assert.All(ehc, r => Assert.Contains(Cohort.EhcPlan, r.Cohorts));
        var filtered = PseudonymisedRows.Filter(all, new PseudonymisedQuery(Cohort.EhcPlan, "13-15", TransitionsStage.Identified));
        Assert.Equal(rows.Count(r => r.Cohorts.Contains(Cohort.EhcPlan) && r.Age is >= 13 and <= 15 && r.Stage == TransitionsStage.Identified), filtered.Count);
        Assert.NotEmpty(filtered);

        var second = PseudonymisedRows.Apply(all, new PseudonymisedQuery(Page: 2, PageSize: 20));
        Assert.Equal((30, 2, 2), (second.Total, second.Page, second.PageCount));
        Assert.Equal(all.Skip(20).Select(r => r.Pseudonym), second.Rows.Select(r => r.Pseudonym));
        Assert.Equal(2, PseudonymisedRows.Apply(all, new PseudonymisedQuery(Page: 99, PageSize: 20)).Page);
    }

    [Fact]
    public void CohortSummary_CountsPeopleByCohortStageAndAgeWithSmallNumbersWithheld()
    {
        // 12 with an EHC plan aged 16-17, 3 looked after aged 13-15 (also with an EHC plan), 20 known to adult care aged 22-25.
        var rows = Enumerable.Range(0, 12).Select(i => Row(i, $"E{i}", "x", null, 16, [Cohort.EhcPlan], TransitionsStage.NotIdentified))
            .Concat(Enumerable.Range(0, 3).Select(i => Row(100 + i, $"L{i}", "x", null, 14, [Cohort.LookedAfter, Cohort.EhcPlan], TransitionsStage.Referred)))
            .Concat(Enumerable.Range(0, 20).Select(i => Row(200 + i, $"A{i}", "x", null, 23, [Cohort.AdultSocialCare], TransitionsStage.NotIdentified)))
            .ToList();

        var (cohorts, stages) = (CohortSummary.Of(rows)[0], CohortSummary.Of(rows)[1]);

        Assert.Equal(Cohort.All.Select(c => c.Label), cohorts.Rows);
        Assert.Null(cohorts.Counts.Total);
        Assert.Empty(cohorts.Counts.ColumnTotals);
        var ehc = cohorts.Counts.Cells[cohorts.Rows.ToList().IndexOf("EHC plan")];
        Assert.Equal([3, 12, 0, 0], ehc.Select(c => c.Value));
        Assert.Equal(["<5", "[c]", "0", "0"], ehc.Select(c => c.Text));
        Assert.Equal("15", cohorts.Counts.RowTotals[cohorts.Rows.ToList().IndexOf("EHC plan")].Text);
        Assert.Equal(["<5", "0", "0", "0"], cohorts.Counts.Cells[cohorts.Rows.ToList().IndexOf("Looked after")].Select(c => c.Text));
        Assert.Equal("20", cohorts.Counts.RowTotals[cohorts.Rows.ToList().IndexOf("Known to adult social care")].Text);

        Assert.Equal("35", stages.Counts.Total?.Text);
        Assert.Equal("<5", stages.Counts.RowTotals[stages.Rows.ToList().IndexOf("Referred")].Text);
        Assert.DoesNotContain(CohortSummary.Of(rows).SelectMany(t => t.Counts.All), c => c.IsShown && SmallNumbers.IsSmall(c.Value));
    }

    /// <summary>A council's pseudonyms with a key of their own, as the database would make it.</summary>
    private static Pseudonyms PseudonymsFor() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static TrackerRow Row(
        long id, string reference, string name, DateOnly? dateOfBirth, int age, IReadOnlyList<string> cohorts, TransitionsStage stage,
        IReadOnlyList<string>? identifiers = null, string? sex = null, string? postcode = null, string? likely = null,
        Rule? overdue = null, Rule? flag = null, CareLeaverStatus careLeaver = CareLeaverStatus.None) =>
        new(id, reference, name, dateOfBirth, age, cohorts, cohorts.Contains(Cohort.EhcPlan) ? "SLD" : null, stage, identifiers ?? [],
            new PersonClock(id, new CareLeaverFinding(careLeaver, "", 0, []), likely,
                overdue is null ? [] : [new Milestone(overdue, MilestoneStatus.Overdue, new DateOnly(2026, 1, 1), "")],
                flag is null ? [] : [new Flag(flag, "")], null),
            Sex: sex, Postcode: postcode);
}
