using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Linkage;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Linkage;

/// <summary>Fellegi-Sunter matching: comparison levels, estimating m, and joining people on their details.</summary>
public class ProbabilisticLinkageTests
{
    private const string Upn = "Q999000000011";
    private const string MistypedUpn = "R999000000011"; // the same UPN with the wrong check letter

    [Theory]
    [InlineData("CHRISTOPHER", "CHRISTOPHER", "exact")]
    [InlineData("CHRISTOPHER", "CHRIS", "nickname")]
    [InlineData("ELIZABETH", "LIBBY", "nickname")]
    [InlineData("JESSICA", "JESICA", "similar spelling")]
    [InlineData("JESSICA", "J", "same initial")]
    [InlineData("JESSICA", "JASMINE", "same initial")]
    [InlineData("JESSICA", "ZARA", "different")]
    public void Forename_Levels(string a, string b, string level) =>
        Assert.Equal(level, Comparisons.Label(MatchField.Forename, Comparisons.Forename(a, b)));

    [Theory]
    [InlineData("OKAFOR", "OKAFOR", "exact")]
    [InlineData("RICHARDSON", "RICHARSDON", "similar spelling")]
    [InlineData("WARD-JONES", "JONES", "one part of a double name")]
    [InlineData("JONES", "WARD-JONES", "one part of a double name")]
    [InlineData("SMITH", "OKAFOR", "different")]
    public void Surname_Levels(string a, string b, string level) =>
        Assert.Equal(level, Comparisons.Label(MatchField.Surname, Comparisons.Surname(a, b)));

    [Theory]
    [InlineData("O'Brien", "OBRIEN")]
    [InlineData(" ward jones ", "WARD-JONES")]
    [InlineData("  ", null)]
    public void NormaliseName_KeepsLettersAndHyphens(string name, string? expected) => Assert.Equal(expected, Comparisons.NormaliseName(name));

    [Theory]
    [InlineData("2010-05-03", "2010-05-03", "exact")]
    [InlineData("2010-05-03", "2010-03-05", "day and month swapped")]
    [InlineData("2010-05-03", "2011-05-03", "one part different")]
    [InlineData("2010-05-03", "2010-05-04", "one part different")]
    [InlineData("2010-05-03", "2011-06-03", "different")]
    public void DateOfBirth_Levels(string a, string b, string level) =>
        Assert.Equal(level, Comparisons.Label(MatchField.DateOfBirth, Comparisons.DateOfBirth(DateOnly.Parse(a, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(b, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("DM1 2AB", "dm12ab", "exact")]
    [InlineData("DM1 2AB", "DM1 2XY", "same sector")]
    [InlineData("DM1 2AB", "DM1 7AB", "same district")]
    [InlineData("DM1 2AB", "DM11 2AB", "different")]
    [InlineData("DM1 2AB", "ZZ9 9ZZ", "different")]
    public void Postcode_Levels(string a, string b, string level) =>
        Assert.Equal(level, Comparisons.Label(MatchField.Postcode, Comparisons.Postcode(Comparisons.NormalisePostcode(a)!, Comparisons.NormalisePostcode(b)!)));

    [Theory]
    [InlineData(Upn, Upn, "exact")]
    [InlineData(Upn, MistypedUpn, "one character different")]
    [InlineData("Q999000000011", "Q999000000101", "one character different")] // two digits swapped
    [InlineData(Upn, "T999000000022", "different")]
    public void Upn_Levels(string a, string b, string level) =>
        Assert.Equal(level, Comparisons.Label(MatchField.Upn, Comparisons.Upn(a, b)));

    [Fact]
    public void SexAndNhsNumber_Levels()
    {
        Assert.Equal("same", Comparisons.Label(MatchField.Sex, Comparisons.Sex('F', 'F')));
        Assert.Equal("different", Comparisons.Label(MatchField.Sex, Comparisons.Sex('F', 'M')));
        Assert.Equal("exact", Comparisons.Label(MatchField.NhsNumber, Comparisons.NhsNumber("9434765919", "9434765919")));
        Assert.Equal("different", Comparisons.Label(MatchField.NhsNumber, Comparisons.NhsNumber("9434765919", "9434765870")));
    }

    [Fact]
    public void MatchWeight_IsExplainedFieldByField_AndCommonNamesCountForLess()
    {
        var model = MatchModel.Default with { Surnames = new Dictionary<string, double> { ["SMITH"] = 0.02, ["OKAFOR"] = 0.0005 } };
        var levels = default(MatchLevels);
        levels[(int)MatchField.Surname] = 1;
        levels[(int)MatchField.DateOfBirth] = 1;
        var evidence = model.Explain(levels, sameSurname: "OKAFOR");
        Assert.Equal(Comparisons.Fields.Length, evidence.Count);
        Assert.Equal(Math.Round(model.Score(levels, sameSurname: "OKAFOR") - model.PriorWeight, 1), Math.Round(evidence.Sum(e => e.Weight), 1));
        Assert.True(model.Weight(MatchField.Surname, 1, "OKAFOR") > model.Weight(MatchField.Surname, 1, "SMITH") + 4);
        Assert.Equal(0, model.Weight(MatchField.Postcode, Comparisons.Missing)); // no value, no evidence either way
    }

    /// <summary>Pairs drawn from a known model: EM, with u fixed, finds m and the share of matches again.</summary>
    [Fact]
    public void EstimateM_RecoversKnownMFromSyntheticPairs()
    {
        var random = new Random(7);
        var trueM = MatchModel.Default.M;
        var u = MatchModel.Default.U;
        const double lambda = 0.3;
        var pairs = new Dictionary<MatchLevels, int>();
        for (var i = 0; i < 200_000; i++)
        {
            var table = random.NextDouble() < lambda ? trueM : u;
            var levels = default(MatchLevels);
            foreach (var field in new[] { MatchField.Forename, MatchField.Surname, MatchField.Sex, MatchField.Postcode, MatchField.Upn })
                levels[(int)field] = Draw(table[(int)field], random);
            pairs[levels] = pairs.GetValueOrDefault(levels) + 1;
        }

        var (m, found) = MatchModel.EstimateM(pairs, u, MatchModel.StartingM(), 0.1, new HashSet<MatchField> { MatchField.DateOfBirth });

        Assert.InRange(found, lambda - 0.01, lambda + 0.01);
        foreach (var field in new[] { MatchField.Forename, MatchField.Surname, MatchField.Sex, MatchField.Postcode, MatchField.Upn })
        {
            for (var level = 1; level < trueM[(int)field].Length; level++)
                Assert.InRange(m[(int)field][level], trueM[(int)field][level] - 0.02, trueM[(int)field][level] + 0.02);
        }
        Assert.Equal(MatchModel.StartingM()[(int)MatchField.DateOfBirth], m[(int)MatchField.DateOfBirth]); // blocked on: not learned here
    }

    private static byte Draw(double[] levels, Random random)
    {
        var x = random.NextDouble() * levels.Sum();
        for (byte level = 1; level < levels.Length; level++)
        {
            x -= levels[level];
            if (x <= 0) return level;
        }
        return (byte)(levels.Length - 1);
    }

    private static async Task<(HashSet<string> People, List<PossibleMatch> Pending, List<string> Methods)> LinkAsync(
        DatabaseProvider provider, LinkageSettings settings, Func<TempFolder, string[]> files)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var result = await ImporterTests.ImportAsync(database, new ImportOptions("999") { Linkage = settings }, files(folder));
        Assert.True(result.Committed, string.Join("\n", result.Problems));
        await using var db = database.Open();
        return (await DatabaseSnapshot.PartitionAsync(db), await db.PossibleMatches.ToListAsync(), await db.RecordLinks.OrderBy(l => l.SourceRecordId).Select(l => l.Method).ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_MistypedUpnWithSameBirthDateAndSex_JoinsOnDetails(DatabaseProvider provider)
    {
        var (people, pending, methods) = await LinkAsync(provider, new LinkageSettings(), f =>
        [
            SourceFileBuilder.Cin(f, "cin.xml", "999", new ChildRow("10", "2009-05-05", Upn, Sex: "F")),
            SourceFileBuilder.Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", MistypedUpn)),
        ]);
        Assert.Equal("CIN:cin.xml:10|SEN2:sen2.xml:1", Assert.Single(people));
        Assert.Empty(pending);
        Assert.Equal([Linker.Exact, Linker.Probabilistic], methods);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Link_WeakEvidence_GoesToReviewWithItsEvidence(DatabaseProvider provider)
    {
        // Only a birth date and sex in common: not enough to join, enough to ask.
        var (people, pending, _) = await LinkAsync(provider, new LinkageSettings(), f =>
        [
            SourceFileBuilder.Cin(f, "cin.xml", "999", new ChildRow("10", "2009-05-05", Sex: "F")),
            SourceFileBuilder.Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", null)),
        ]);
        Assert.Equal(2, people.Count);
        var match = Assert.Single(pending);
        Assert.Equal(MatchStatus.Pending, match.Status);
        Assert.InRange(match.Probability, new LinkageSettings().ReviewAbove, new LinkageSettings().AutoLinkAbove);
        Assert.Contains("\"Level\":\"exact\"", match.Evidence, StringComparison.Ordinal);
    }

    /// <summary>
    /// Twins: one SEN2 record matches two children equally well. It joins neither; and even when one join is allowed
    /// (no margin asked for), the other child is never pulled into the same person through it.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 6)]
    [InlineData(DatabaseProvider.Sqlite, 0)]
    [InlineData(DatabaseProvider.Postgres, 6)]
    public async Task Link_OneRecordMatchingTwoChildren_NeverChainsThemTogether(DatabaseProvider provider, double clearWinnerBits)
    {
        var settings = new LinkageSettings { AutoLinkAbove = 0.05, ReviewAbove = 0.01, ClearWinnerBits = clearWinnerBits };
        var (people, pending, _) = await LinkAsync(provider, settings, f =>
        [
            SourceFileBuilder.Cin(f, "cin.xml", "999", new ChildRow("10", "2009-05-05", Sex: "F"), new ChildRow("11", "2009-05-05", Sex: "F")),
            SourceFileBuilder.Sen2(f, "sen2.xml", new Sen2Row("Amy", "Example", "2009-05-05", null)),
        ]);
        Assert.DoesNotContain(people, p => p.Contains("CIN:cin.xml:10", StringComparison.Ordinal) && p.Contains("CIN:cin.xml:11", StringComparison.Ordinal));
        if (clearWinnerBits > 0)
        {
            Assert.Equal(3, people.Count); // neither child is clearly the one: both pairs go to review
            Assert.Equal(2, pending.Count);
        }
        else
        {
            Assert.Equal(2, people.Count);
            Assert.Single(pending); // the other child stays apart, with the pair left for a person to look at
        }
    }
}
