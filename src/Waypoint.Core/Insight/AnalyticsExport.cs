using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Serialization;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Insight;

/// <summary>
/// One row of the young people's file: an analyst's pseudonymised row (<see cref="PseudonymisedRow"/>) with the
/// quasi-identifiers a small group would give away withheld as null. Council and date are on every row, so files from
/// several councils or days can be stacked into one table.
/// </summary>
public sealed class AnalyticsPersonRow
{
    [JsonPropertyName("pseudonym"), ParquetRequired] public string Pseudonym { get; set; } = "";
    [JsonPropertyName("council_code"), ParquetRequired] public string CouncilCode { get; set; } = "";
    [JsonPropertyName("as_of")] public DateOnly AsOf { get; set; }
    [JsonPropertyName("age_band"), ParquetRequired] public string AgeBand { get; set; } = "";
    [JsonPropertyName("age")] public int? Age { get; set; }
    [JsonPropertyName("birth_month")] public string? BirthMonth { get; set; }
    [JsonPropertyName("sex")] public string? Sex { get; set; }
    [JsonPropertyName("postcode_district")] public string? PostcodeDistrict { get; set; }
    [JsonPropertyName("ehc_primary_need")] public string? EhcPrimaryNeed { get; set; }
    [JsonPropertyName("cohorts")] public List<string> Cohorts { get; set; } = [];
    [JsonPropertyName("stage"), ParquetRequired] public string Stage { get; set; } = "";
    [JsonPropertyName("care_leaver_status"), ParquetRequired] public string CareLeaverStatus { get; set; } = "";
    [JsonPropertyName("likely_to_need_adult_care")] public bool LikelyToNeedAdultCare { get; set; }
    [JsonPropertyName("overdue_milestones")] public List<string> OverdueMilestones { get; set; } = [];
    [JsonPropertyName("flags")] public List<string> Flags { get; set; } = [];
}

/// <summary>One count of the summary's tables (<see cref="CohortSummary"/>), withheld as the summary withholds it.</summary>
public sealed class AnalyticsCountRow
{
    [JsonPropertyName("council_code"), ParquetRequired] public string CouncilCode { get; set; } = "";
    [JsonPropertyName("as_of")] public DateOnly AsOf { get; set; }
    [JsonPropertyName("table"), ParquetRequired] public string Table { get; set; } = "";
    [JsonPropertyName("row_heading"), ParquetRequired] public string RowHeading { get; set; } = "";
    [JsonPropertyName("row"), ParquetRequired] public string Row { get; set; } = "";
    [JsonPropertyName("age_band"), ParquetRequired] public string AgeBand { get; set; } = "";

    /// <summary>The count, or null where the summary withholds it.</summary>
    [JsonPropertyName("count")] public int? Count { get; set; }

    /// <summary>What the summary prints: the number, "&lt;5" or "[c]".</summary>
    [JsonPropertyName("count_as_published"), ParquetRequired] public string CountAsPublished { get; set; } = "";
}

/// <summary>How much the export held back: values withheld by column, and rows left out.</summary>
public sealed record AnalyticsExportTotals(int InScope, int Rows, int RowsDropped, IReadOnlyDictionary<string, int> Withheld, int Counts, int CountsWithheld)
{
    public int ValuesWithheld => Withheld.Values.Sum();

    /// <summary>The totals for the audit trail: counts only, no one named.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows} young people's rows of {InScope} in scope, {RowsDropped} left out, {ValuesWithheld} values withheld; {Counts} counts, {CountsWithheld} withheld");
}

/// <summary>
/// A council's pseudonymised analytics export for regional analysis on one day (issue 10): the analysts' rows with
/// small groups generalised, and the summary's counts with small numbers withheld, as two Parquet files. It leaves the
/// team, so the reports' small-number rule (<see cref="SmallNumbers"/>) applies to both.
/// </summary>
public sealed record AnalyticsExport(
    string Council, DateOnly AsOf, AnalyticsExportTotals Totals, IReadOnlyList<AnalyticsPersonRow> YoungPeople, IReadOnlyList<AnalyticsCountRow> Counts)
{
    /// <summary>
    /// The fields that could single someone out, in the order they are withheld: the finest first. The age band is always
    /// kept; everything else on a row (cohorts, stage, flags) is what the analysis is about.
    /// </summary>
    public static readonly IReadOnlyList<string> QuasiIdentifiers = ["birth_month", "postcode_district", "age", "ehc_primary_need", "sex"];

    /// <summary>The Waypoint that wrote the export: the version and, where the build knew it, the commit.</summary>
    public static string WaypointVersion { get; } =
        typeof(AnalyticsExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string YoungPeopleFile => $"young-people-{Council}-{AsOf:yyyy-MM-dd}.parquet";
    public string CountsFile => $"summary-counts-{Council}-{AsOf:yyyy-MM-dd}.parquet";
    public string ZipFile => $"regional-analysis-{Council}-{AsOf:yyyy-MM-dd}.zip";

    /// <summary>The export of the council's young people in scope on the day, with the pseudonyms the analysts see.</summary>
    public static async Task<AnalyticsExport> ForCouncilAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await Tracker.InScopeAsync(db, council, asOf, policy, cancellationToken);
        return Of(council, asOf, rows, await Pseudonyms.ForCouncilAsync(db, council, now, cancellationToken));
    }

    /// <summary>The export of these tracker rows (everyone in scope on the day).</summary>
    public static AnalyticsExport Of(string council, DateOnly asOf, IReadOnlyList<TrackerRow> rows, Pseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pseudonymised = PseudonymisedRows.Of(rows, pseudonyms);
        var levels = Generalise([.. pseudonymised.Select(QuasiIdentifierValues)], QuasiIdentifiers.Count);
        var withheld = QuasiIdentifiers.ToDictionary(q => q, _ => 0);
        var people = new List<AnalyticsPersonRow>();
        for (var i = 0; i < pseudonymised.Count; i++)
        {
            if (levels[i] is not { } level) continue;
            var r = pseudonymised[i];
            var values = QuasiIdentifierValues(r);
            for (var q = 0; q < level; q++)
            {
                if (values[q] is not null) withheld[QuasiIdentifiers[q]]++;
                values[q] = null;
            }
            people.Add(new AnalyticsPersonRow
            {
                Pseudonym = r.Pseudonym,
                CouncilCode = council,
                AsOf = asOf,
                AgeBand = r.AgeBand,
                BirthMonth = values[0],
                PostcodeDistrict = values[1],
                Age = values[2] is null ? null : r.Age,
                EhcPrimaryNeed = values[3],
                Sex = values[4],
                Cohorts = [.. r.Cohorts.Select(Cohort.Label)],
                Stage = TransitionsStages.Label(r.Stage),
                CareLeaverStatus = CareLeaver.Label(r.CareLeaver),
                LikelyToNeedAdultCare = r.LikelyToNeedAdultCare,
                OverdueMilestones = [.. r.Overdue],
                Flags = [.. r.Flags],
            });
        }

        var counts = CohortSummary.Of(rows).SelectMany(table => CountRows(table, council, asOf)).ToList();
        var totals = new AnalyticsExportTotals(rows.Count, people.Count, rows.Count - people.Count, withheld, counts.Count, counts.Count(c => c.Count is null));
        return new AnalyticsExport(council, asOf, totals, people, counts);
    }

    /// <summary>
    /// The reports' small-number rule (<see cref="SmallNumbers"/>: 1 to 4 could point to a young person a reader knows)
    /// applied to combinations: rows whose combination is shared by fewer than <see cref="SmallNumbers.Threshold"/>
    /// withhold their next field and are grouped again with the others that withheld as many, until every group reaches
    /// the threshold; a group still short with every field withheld is left out. So every published combination, nulls
    /// counting as values, is shared by at least 5 (k-anonymity, k = 5).
    /// Each row is its quasi-identifiers in the order they are withheld, then those always kept; the answer is how many
    /// of the first <paramref name="withholdable"/> each row withholds, or null where it is left out.
    /// </summary>
    internal static IReadOnlyList<int?> Generalise(IReadOnlyList<IReadOnlyList<string?>> rows, int withholdable)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var levels = new int?[rows.Count];
        Array.Fill(levels, 0);
        for (var level = 0; level <= withholdable; level++)
        {
            var at = level;
            var small = Enumerable.Range(0, rows.Count).Where(i => levels[i] == at)
                .GroupBy(i => string.Join('\u001f', rows[i].Skip(at).Select(v => v is null ? "\u0000" : "\u0001" + v)), StringComparer.Ordinal)
                .Where(g => g.Count() < SmallNumbers.Threshold).SelectMany(g => g).ToList();
            foreach (var i in small) levels[i] = at < withholdable ? at + 1 : null;
        }
        return levels;
    }

    /// <summary>A row's quasi-identifiers in <see cref="QuasiIdentifiers"/> order, then its age band.</summary>
    private static string?[] QuasiIdentifierValues(PseudonymisedRow r) =>
        [r.BirthMonth, r.PostcodeDistrict, r.Age.ToString(CultureInfo.InvariantCulture), r.EhcPrimaryNeed, r.Sex, r.AgeBand];

    private static IEnumerable<AnalyticsCountRow> CountRows(SummaryTable table, string council, DateOnly asOf)
    {
        AnalyticsCountRow Row(string row, string band, SuppressedCount count) => new()
        {
            CouncilCode = council,
            AsOf = asOf,
            Table = table.Caption,
            RowHeading = table.RowHeading,
            Row = row,
            AgeBand = band,
            Count = count.IsShown ? count.Value : null,
            CountAsPublished = count.Text,
        };
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++) yield return Row(table.Rows[r], table.Columns[c], table.Counts.Cells[r][c]);
            yield return Row(table.Rows[r], CohortSummary.AllAges, table.Counts.RowTotals[r]);
        }
        if (table.Counts.Total is not { } total) yield break;
        for (var c = 0; c < table.Columns.Count; c++) yield return Row(CohortSummary.TotalLabel, table.Columns[c], table.Counts.ColumnTotals[c]);
        yield return Row(CohortSummary.TotalLabel, CohortSummary.AllAges, total);
    }

    /// <summary>What every file of the export says about itself (Parquet key-value metadata): no one is in it.</summary>
    private Dictionary<string, string> Metadata(string file, int rows)
    {
        string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            ["file"] = file,
            ["council_code"] = Council,
            ["as_of"] = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["waypoint_version"] = WaypointVersion,
            ["rows"] = Number(rows),
            ["young_people_in_scope"] = Number(Totals.InScope),
            ["young_people_rows"] = Number(Totals.Rows),
            ["young_people_rows_dropped"] = Number(Totals.RowsDropped),
            ["values_withheld"] = Number(Totals.ValuesWithheld),
            ["counts"] = Number(Totals.Counts),
            ["counts_withheld"] = Number(Totals.CountsWithheld),
            ["small_number_threshold"] = Number(SmallNumbers.Threshold),
            ["quasi_identifiers"] = string.Join(",", QuasiIdentifiers.Append("age_band")),
        };
        foreach (var (column, count) in Totals.Withheld) metadata[$"withheld_{column}"] = Number(count);
        return metadata;
    }

    /// <summary>Writes the two files to the streams given (each must be seekable, as Parquet's footer is written last).</summary>
    public async Task WriteAsync(Stream youngPeople, Stream counts, CancellationToken cancellationToken)
    {
        await ParquetSerializer.SerializeAsync(YoungPeople, youngPeople, null, Metadata("young_people", YoungPeople.Count), cancellationToken);
        await ParquetSerializer.SerializeAsync(Counts, counts, null, Metadata("summary_counts", Counts.Count), cancellationToken);
    }

    /// <summary>
    /// Writes the two files into <paramref name="folder"/> (made if missing), replacing an export of the same council and
    /// day. Each is written under a temporary name and renamed only once both are complete, so a failed export leaves
    /// no file half-written.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteToFolderAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var files = new[] { YoungPeopleFile, CountsFile }.Select(f => Path.Combine(folder, f)).ToArray();
        var temporary = files.Select(f => Path.Combine(folder, $".{Path.GetFileName(f)}.{Guid.NewGuid():N}.tmp")).ToArray();
        try
        {
            await using (var people = new FileStream(temporary[0], FileMode.CreateNew))
            await using (var counts = new FileStream(temporary[1], FileMode.CreateNew))
            {
                await WriteAsync(people, counts, cancellationToken);
                await people.FlushAsync(cancellationToken);
                await counts.FlushAsync(cancellationToken);
            }
            for (var i = 0; i < files.Length; i++) File.Move(temporary[i], files[i], overwrite: true);
            return files;
        }
        finally
        {
            foreach (var file in temporary) File.Delete(file);
        }
    }

    /// <summary>The two files in one zip, for a download.</summary>
    public async Task WriteZipAsync(Stream output, CancellationToken cancellationToken)
    {
        using var people = new MemoryStream();
        using var counts = new MemoryStream();
        await WriteAsync(people, counts, cancellationToken);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, content) in new[] { (YoungPeopleFile, people), (CountsFile, counts) })
        {
            // Parquet is compressed already.
            await using var entry = await zip.CreateEntry(name, CompressionLevel.NoCompression).OpenAsync(cancellationToken);
            content.Position = 0;
            await content.CopyToAsync(entry, cancellationToken);
        }
    }
}
