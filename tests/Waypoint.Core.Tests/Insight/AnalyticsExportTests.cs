using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parquet;
using Parquet.Serialization;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Insight;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Insight;

/// <summary>
/// The pseudonymised analytics export for regional analysis, read back from its Parquet files: nobody's name, reference,
/// identifier, date of birth or postcode; no combination of quasi-identifiers shared by fewer than 5; the summary's
/// counts withheld as the summary withholds them; the analysts' pseudonyms.
/// </summary>
public partial class AnalyticsExportTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private static readonly string[] Published = ["birth_month", "postcode_district", "age", "ehc_primary_need", "sex", "age_band"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ParquetOptions ReadOptions => new() { UseDateOnlyTypeForDates = true };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WriteToFolderAsync_TheDemoCouncil_PublishesNoOneAndNoSmallGroupAndTheSummarysCounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var policy = new RulesPolicy().ForCouncil("999");
        await using (var db = database.Open())
        {
            Assert.True((await DemoImport.GenerateAndImportAsync(db, Clock, new DemoOptions(DemoSize.Small, 1, Today, DemoNoise.Realistic) { CouncilCode = "999" }, "test", cancellationToken: Ct)).Committed);
            await DemoPathway.SeedAsync(db, "999", Today, 0.2, policy, cancellationToken: Ct);
        }
        using var folder = TestFiles.TempFolder();

        AnalyticsExport export;
        await using (var db = database.Open()) export = await AnalyticsExport.ForCouncilAsync(db, "999", Today, policy, Clock.GetUtcNow(), Ct);
        var files = await export.WriteToFolderAsync(folder.Path, Ct);

        // Both files, and nothing else left behind.
        Assert.Equal([folder.File("summary-counts-999-2026-11-23.parquet"), folder.File("young-people-999-2026-11-23.parquet")], Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal));
        Assert.Equal([folder.File("young-people-999-2026-11-23.parquet"), folder.File("summary-counts-999-2026-11-23.parquet")], files);

        // What the analysts' page and the summary page work from: the tracker's rows and the council's own pseudonyms,
        // read through a context of their own.
        List<TrackerRow> tracker;
        IReadOnlyList<PseudonymisedRow> analysts;
        await using (var db = database.Open())
        {
            tracker = await Tracker.InScopeAsync(db, "999", Today, policy, Ct);
            analysts = PseudonymisedRows.Of(tracker, await Pseudonyms.ForCouncilAsync(db, "999", Clock.GetUtcNow(), Ct));
        }
        Assert.True(tracker.Count > 200, $"Only {tracker.Count} in scope: the demo was not read.");

        // The young people's file, read back as any Parquet reader would.
        var (peopleSchema, peopleMetadata, people) = await ReadAsync<AnalyticsPersonRow>(files[0]);
        Assert.Equal(
            ["pseudonym", "council_code", "as_of", "age_band", "age", "birth_month", "sex", "postcode_district", "ehc_primary_need", "cohorts", "stage", "care_leaver_status", "likely_to_need_adult_care", "overdue_milestones", "flags"],
            peopleSchema.Fields.Select(f => f.Name));
        var types = peopleSchema.Fields.OfType<Parquet.Schema.DataField>().ToDictionary(f => f.Name, f => (f.ClrType, f.IsNullable));
        Assert.Equal((typeof(DateOnly), false), types["as_of"]);
        Assert.Equal((typeof(int), true), types["age"]);
        Assert.Equal((typeof(bool), false), types["likely_to_need_adult_care"]);
        // Parquet.Net reads a UTF-8 string column as text in memory.
        Assert.Equal((typeof(ReadOnlyMemory<char>), false), types["pseudonym"]);
        Assert.Equal((typeof(ReadOnlyMemory<char>), true), types["birth_month"]);
        Assert.All(new[] { "cohorts", "overdue_milestones", "flags" }, list => Assert.Equal(typeof(ReadOnlyMemory<char>),
            Assert.IsType<Parquet.Schema.DataField>(Assert.IsType<Parquet.Schema.ListField>(peopleSchema.Fields.Single(f => f.Name == list)).Item, exactMatch: false).ClrType));

        // The analysts' pseudonyms, each row the analysts' row with only quasi-identifiers withheld; only the rows left out are missing.
        var byPseudonym = analysts.ToDictionary(r => r.Pseudonym);
        Assert.Equal(people.Count, people.Select(p => p.Pseudonym).Distinct().Count());
        Assert.All(people, p => Assert.True(byPseudonym.ContainsKey(p.Pseudonym), $"{p.Pseudonym} is not an analyst's pseudonym"));
        var withheld = Published.ToDictionary(q => q, _ => 0);
        foreach (var p in people)
        {
            var source = byPseudonym[p.Pseudonym];
            Assert.Equal(
                Describe("999", Today, source.AgeBand, source.Cohorts.Select(Cohort.Label), TransitionsStages.Label(source.Stage), CareLeaver.Label(source.CareLeaver), source.LikelyToNeedAdultCare, source.Overdue, source.Flags),
                Describe(p.CouncilCode, p.AsOf, p.AgeBand, p.Cohorts, p.Stage, p.CareLeaverStatus, p.LikelyToNeedAdultCare, p.OverdueMilestones, p.Flags));
            foreach (var (column, published, original) in new[]
            {
                ("birth_month", p.BirthMonth, source.BirthMonth), ("age", p.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture), source.Age.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("postcode_district", p.PostcodeDistrict, source.PostcodeDistrict), ("ehc_primary_need", p.EhcPrimaryNeed, source.EhcPrimaryNeed), ("sex", p.Sex, source.Sex),
            })
            {
                if (published is null && original is not null) withheld[column]++;
                else Assert.Equal(original, published);
            }
        }

        // Every published combination of quasi-identifiers is shared by at least 5, and some had to be generalised for it.
        var combinations = people.GroupBy(p => (p.BirthMonth, p.Age, p.PostcodeDistrict, p.EhcPrimaryNeed, p.Sex, p.AgeBand)).ToList();
        Assert.All(combinations, c => Assert.True(c.Count() >= SmallNumbers.Threshold, $"{c.Count()} share {c.Key}"));
        Assert.True(combinations.Count > 1, "Everything was withheld.");
        Assert.True(withheld["birth_month"] > 0, "No birth month was withheld: the test proves nothing.");
        // Withheld row by row, not column by column: some rows keep what others withhold.
        Assert.Contains(people, p => p.Age is not null);
        Assert.Contains(people, p => p.Age is null && p.AgeBand == "16-17");

        // The file says what it withheld, and it is what was withheld.
        Assert.Equal("999", peopleMetadata["council_code"]);
        Assert.Equal("2026-11-23", peopleMetadata["as_of"]);
        Assert.False(string.IsNullOrWhiteSpace(peopleMetadata["waypoint_version"]));
        Assert.Equal(people.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), peopleMetadata["rows"]);
        Assert.Equal(tracker.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), peopleMetadata["young_people_in_scope"]);
        Assert.Equal((tracker.Count - people.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), peopleMetadata["young_people_rows_dropped"]);
        Assert.Equal(withheld.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), peopleMetadata["values_withheld"]);
        foreach (var column in AnalyticsExport.QuasiIdentifiers)
            Assert.Equal(withheld[column].ToString(System.Globalization.CultureInfo.InvariantCulture), peopleMetadata[$"withheld_{column}"]);
        Assert.Equal("5", peopleMetadata["small_number_threshold"]);

        // No name, reference, identifier, date of birth or postcode of anyone in the council, in any column of either file.
        var (countsSchema, countsMetadata, counts) = await ReadAsync<AnalyticsCountRow>(files[1]);
        await AssertNoPersonalDataAsync(database, [files[0], files[1]]);

        // The counts are the summary's, withheld the same way.
        Assert.Equal(["council_code", "as_of", "table", "row_heading", "row", "age_band", "count", "count_as_published"], countsSchema.Fields.Select(f => f.Name));
        var expected = new List<(string, string, string, int?, string)>();
        foreach (var t in CohortSummary.Of(tracker))
        {
            void Add(string row, string band, SuppressedCount c) => expected.Add((t.Caption, row, band, c.IsShown ? c.Value : null, c.Text));
            for (var r = 0; r < t.Rows.Count; r++)
            {
                for (var c = 0; c < t.Columns.Count; c++) Add(t.Rows[r], t.Columns[c], t.Counts.Cells[r][c]);
                Add(t.Rows[r], "All ages", t.Counts.RowTotals[r]);
            }
            if (t.Counts.Total is not { } total) continue;
            for (var c = 0; c < t.Columns.Count; c++) Add("All young people in scope", t.Columns[c], t.Counts.ColumnTotals[c]);
            Add("All young people in scope", "All ages", total);
        }
        Assert.Equal(expected, counts.Select(c => (c.Table, c.Row, c.AgeBand, c.Count, c.CountAsPublished)));
        Assert.Contains(counts, c => c.CountAsPublished == "<5");
        Assert.DoesNotContain(counts, c => c.Count is >= 1 and <= 4);
        Assert.All(counts, c => Assert.Equal(("999", Today), (c.CouncilCode, c.AsOf)));
        Assert.Equal(counts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), countsMetadata["rows"]);
        Assert.Equal(counts.Count(c => c.Count is null).ToString(System.Globalization.CultureInfo.InvariantCulture), countsMetadata["counts_withheld"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WriteToFolderAsync_StoppedPartWay_LeavesTheEarlierExportAsItWasAndNoOtherFile(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var rows = Enumerable.Range(0, 12).Select(i => Row(i, "2010-05", "LE1")).ToList();
        var earlier = AnalyticsExport.Of("999", Today, rows, await Pseudonyms.ForCouncilAsync(db, "999", Clock.GetUtcNow(), Ct));
        using var folder = TestFiles.TempFolder();
        var files = await earlier.WriteToFolderAsync(folder.Path, Ct);
        var before = files.Select(File.ReadAllBytes).ToList();

        var later = AnalyticsExport.Of("999", Today, [.. rows.Take(6)], await Pseudonyms.ForCouncilAsync(db, "999", Clock.GetUtcNow(), Ct));
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => later.WriteToFolderAsync(folder.Path, stop.Token));

        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal));
        Assert.Equal(before, files.Select(File.ReadAllBytes));
    }

    [Fact]
    public void Of_HandWorked_RareBirthMonthsWithheldTogetherAndALoneRowLeftOut()
    {
        // Five alike in full; three and two who differ from them only in birth month (April, May); one aged 23 alone.
        var rows = Enumerable.Range(0, 5).Select(i => Row(i, "2009-03", "LE1"))
            .Concat(Enumerable.Range(5, 3).Select(i => Row(i, "2009-04", "LE1")))
            .Concat(Enumerable.Range(8, 2).Select(i => Row(i, "2009-05", "LE1")))
            .Append(Row(10, "2003-01", "LE2", age: 23)).ToList();

        var export = AnalyticsExport.Of("999", Today, rows, new Pseudonyms(new byte[32]));

        Assert.Equal((11, 10, 1, 5), (export.Totals.InScope, export.Totals.Rows, export.Totals.RowsDropped, export.Totals.ValuesWithheld));
        Assert.Equal(5, export.Totals.Withheld["birth_month"]);
        Assert.Equal(5, export.YoungPeople.Count(p => p.BirthMonth == "2009-03"));
        Assert.Equal(5, export.YoungPeople.Count(p => p.BirthMonth is null && p.Age == 17 && p.PostcodeDistrict == "LE1" && p.Sex == "F" && p.EhcPrimaryNeed == "SLD"));
        Assert.DoesNotContain(export.YoungPeople, p => p.AgeBand == "22-25");
    }

    [Fact]
    public async Task WriteAsync_NoOneInScope_WritesAYoungPeopleFileWithNoRowsAndCountsOfZero()
    {
        var export = AnalyticsExport.Of("999", Today, [], new Pseudonyms(new byte[32]));
        using var people = new MemoryStream();
        using var counts = new MemoryStream();

        await export.WriteAsync(people, counts, Ct);

        people.Position = counts.Position = 0;
        Assert.Empty((await ParquetSerializer.DeserializeAsync<AnalyticsPersonRow>(people, ReadOptions, cancellationToken: Ct)).Data);
        var read = (await ParquetSerializer.DeserializeAsync<AnalyticsCountRow>(counts, ReadOptions, cancellationToken: Ct)).Data;
        Assert.NotEmpty(read);
        Assert.All(read, c => Assert.Equal((0, "0"), (c.Count, c.CountAsPublished)));
    }

    /// <summary>Rows of a few values each, so that small groups are common and big ones happen too.</summary>
    private static readonly Gen<string?[][]> QuasiIdentifierRows =
        Gen.Int[2, 4].SelectMany(fields => Gen.OneOf<string?>(null, "a", "b", "c").Array[fields + 1].Array[0, 80]);

    [Fact]
    public void Generalise_EveryPublishedCombinationIsSharedByFiveAndOnlySmallGroupsAreTouched() =>
        QuasiIdentifierRows.Sample(rows =>
        {
            var withholdable = rows.Length == 0 ? 0 : rows[0].Length - 1;
            var levels = AnalyticsExport.Generalise(rows, withholdable);

            string Full(int i) => string.Join("|", rows[i].Select(v => v ?? "null"));
            var kept = Enumerable.Range(0, rows.Length).Where(i => levels[i] is not null).ToList();
            // No published combination is shared by fewer than the threshold, withheld fields counting as nulls.
            Assert.All(kept.GroupBy(i => string.Join("|", rows[i].Select((v, q) => q < levels[i] ? "null" : v ?? "null"))),
                g => Assert.True(g.Count() >= SmallNumbers.Threshold, $"{g.Count()} share {g.Key}"));
            // A combination already shared by 5 or more is published in full.
            Assert.All(Enumerable.Range(0, rows.Length).GroupBy(Full).Where(g => g.Count() >= SmallNumbers.Threshold).SelectMany(g => g), i => Assert.Equal(0, levels[i]));
            // Rows are left out only where fewer than 5 were left with nothing but the field always kept.
            Assert.All(Enumerable.Range(0, rows.Length).Where(i => levels[i] is null).GroupBy(i => rows[i][^1]), g => Assert.True(g.Count() < SmallNumbers.Threshold));
            Assert.All(kept, i => Assert.InRange(levels[i]!.Value, 0, withholdable));
        });

    /// <summary>Reads a file back: its schema, its key-value metadata and its rows.</summary>
    private static async Task<(Parquet.Schema.ParquetSchema Schema, IReadOnlyDictionary<string, string> Metadata, IList<T> Rows)> ReadAsync<T>(string file)
        where T : class, new()
    {
        await using var reader = await ParquetReader.CreateAsync(file, ReadOptions, Ct);
        var rows = (await ParquetSerializer.DeserializeAsync<T>(file, ReadOptions, cancellationToken: Ct)).Data;
        return (reader.Schema, reader.CustomMetadata.ToDictionary(), rows);
    }

    /// <summary>
    /// Every value of every column of the files, each list's items too, checked whole and word by word against every
    /// name, reference, identifier, date of birth (in the formats a file would hold it) and postcode the council holds.
    /// </summary>
    private static async Task AssertNoPersonalDataAsync(TestDatabase database, IReadOnlyList<string> files)
    {
        await using var db = database.Open();
        var people = await db.People.Where(p => p.CouncilCode == "999").ToListAsync(Ct);
        var identifiers = await db.SourceIdentifiers.Where(i => i.CouncilCode == "999").Select(i => i.Value).Distinct().ToListAsync(Ct);
        var secrets = people.SelectMany(p => new[] { p.Reference, p.Postcode, p.Postcode?.Replace(" ", "", StringComparison.Ordinal), $"{p.Forename} {p.Surname}" })
            // The files' own as-of date is nobody's: everyone in scope is 13 or over.
            .Concat(people.Where(p => p.DateOfBirth is { } born && born != Today).SelectMany(p => new[] { p.DateOfBirth!.Value.ToString("yyyy-MM-dd"), p.DateOfBirth.Value.ToString("dd/MM/yyyy") }))
            .Concat(identifiers)
            .OfType<string>().Where(s => s.Trim().Length >= 4).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(secrets.Count > 1000, $"Only {secrets.Count} values to look for: the database was not read.");
        // Names word by word, but not the files' own words (a surname "Short" is not the flag SHORT-BREAK-CHECK).
        var ownWords = Cohort.All.Select(c => c.Label).Concat(Enum.GetValues<TransitionsStage>().Select(TransitionsStages.Label))
            .Concat(Enum.GetValues<CareLeaverStatus>().Select(CareLeaver.Label)).Append(CohortSummary.TotalLabel).Append(CohortSummary.AllAges)
            .Concat(CohortSummary.Of([]).SelectMany(t => new[] { t.Caption, t.RowHeading }))
            .Concat(StatutoryClock.Milestones.Concat(StatutoryClock.Flags).Select(r => r.Id))
            .SelectMany(Words).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = people.SelectMany(p => new[] { p.Forename, p.Surname }).OfType<string>().Where(n => n.Length >= 3 && !ownWords.Contains(n)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var values = 0;
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            var untyped = await ParquetSerializer.DeserializeUntypedAsync(stream, ReadOptions, cancellationToken: Ct);
            foreach (var row in untyped.Data)
                foreach (var (column, value) in row)
                    foreach (var text in Texts(value))
                    {
                        values++;
                        var found = Words(text).Prepend(text).Where(w => secrets.Contains(w) || names.Contains(w)).ToList();
                        Assert.True(found.Count == 0, $"{Path.GetFileName(file)}, {column}: personal data: {string.Join(", ", found)}");
                    }
        }
        Assert.True(values > 1000, $"Only {values} values were read.");
    }

    private static IEnumerable<string> Texts(object? value) => value switch
    {
        null => [],
        string s => [s],
        DateOnly d => [d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(Texts),
        IFormattable f => [f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)],
        _ => [value.ToString() ?? ""],
    };

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex("[0-9A-Za-z]+")]
    private static partial Regex WordPattern();

    private static TrackerRow Row(long id, string born, string district, int age = 17) =>
        new(id, $"REF{id:D7}", $"Young {id}", DateOnly.ParseExact(born + "-15", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), age, [Cohort.EhcPlan], "SLD",
            TransitionsStage.NotIdentified, [], new PersonClock(id, new CareLeaverFinding(CareLeaverStatus.None, "", 0, []), null, [], [], null),
            Sex: "F", Postcode: $"{district} 5WW");

    private static string Describe(
        string council, DateOnly asOf, string band, IEnumerable<string> cohorts, string stage, string careLeaver, bool likely, IEnumerable<string> overdue, IEnumerable<string> flags) =>
        $"{council}, {asOf:yyyy-MM-dd}, {band}, [{string.Join("; ", cohorts)}], {stage}, {careLeaver}, likely {likely}, overdue [{string.Join("; ", overdue)}], flags [{string.Join("; ", flags)}]";
}
