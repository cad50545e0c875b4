using Microsoft.EntityFrameworkCore;
using Parquet;
using Parquet.Serialization;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Insight;
using Waypoint.TestCommon;

namespace Waypoint.Cli.Tests;

/// <summary><c>waypoint export analytics</c> as an operator runs it: two Parquet files in the folder, audited with counts only.</summary>
public class ExportCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExportAnalytics_TheDemoCouncil_WritesBothFilesAuditsCountsOnlyAndPrintsNoOne(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var load = await WaypointProcess.RunAsync(["demo", "load", .. ImportCommandTests.Database(database), "--size", "small", "--as-of", "2026-11-22"]);
        Assert.True(load.ExitCode == 0, load.Stderr);
        using var folder = TestFiles.TempFolder();
        var output = folder.File("regional");

        var run = await WaypointProcess.RunAsync(["export", "analytics", .. ImportCommandTests.Database(database), "--council", "999", "--as-of", "2026-11-22", "--out", output]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["summary-counts-999-2026-11-22.parquet", "young-people-999-2026-11-22.parquet"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(output, "young-people-999-2026-11-22.parquet"), cancellationToken: Ct);
        var metadata = reader.CustomMetadata;
        var rows = (await ParquetSerializer.DeserializeAsync<AnalyticsPersonRow>(Path.Combine(output, "young-people-999-2026-11-22.parquet"), cancellationToken: Ct)).Data;
        Assert.Equal(("999", "2026-11-22", rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), (metadata["council_code"], metadata["as_of"], metadata["rows"]));
        Assert.True(rows.Count > 100, $"Only {rows.Count} rows.");
        Assert.Contains($"young-people-999-2026-11-22.parquet: {int.Parse(metadata["rows"], System.Globalization.CultureInfo.InvariantCulture):N0} young people of the {int.Parse(metadata["young_people_in_scope"], System.Globalization.CultureInfo.InvariantCulture):N0} in scope", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Values withheld so that no combination is shared by fewer than 5: {int.Parse(metadata["values_withheld"], System.Globalization.CultureInfo.InvariantCulture):N0}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("summary-counts-999-2026-11-22.parquet: ", run.Stdout, StringComparison.Ordinal);

        await using var db = database.Open();
        var audited = Assert.Single(await db.AuditEvents.Where(a => a.Action == Exports.RegionalAnalysis).ToListAsync(Ct));
        Assert.Null(audited.PersonId);
        Assert.Equal("999", audited.CouncilCode);
        Assert.Equal(
            $"command line, as of 2026-11-22; {metadata["young_people_rows"]} young people's rows of {metadata["young_people_in_scope"]} in scope, {metadata["young_people_rows_dropped"]} left out, "
            + $"{metadata["values_withheld"]} values withheld; {metadata["counts"]} counts, {metadata["counts_withheld"]} withheld",
            audited.Detail);

        // Nobody's reference, name or postcode on the screen or in the trail.
        var people = await db.People.Where(p => p.CouncilCode == "999").Select(p => new { p.Reference, p.Forename, p.Surname, p.Postcode }).ToListAsync(Ct);
        Assert.True(people.Count > 1000);
        var said = run.Stdout + run.Stderr + audited.Detail;
        Assert.DoesNotContain(people, p => said.Contains(p.Reference, StringComparison.Ordinal) || (p.Postcode is { } postcode && said.Contains(postcode, StringComparison.Ordinal))
            || (p.Forename is not null && p.Surname is not null && said.Contains($"{p.Forename} {p.Surname}", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.StartsWith(Pseudonyms.Prefix, r.Pseudonym, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAnalytics_NoDatabaseOrAnUnreadablePolicy_WritesNothingAndAuditsNothing()
    {
        using var folder = TestFiles.TempFolder();
        var output = folder.File("regional");

        var missing = await WaypointProcess.RunAsync("export", "analytics", "--database", folder.File("none.db"), "--out", output);
        var policy = await WaypointProcess.RunAsync("export", "analytics", "--database", folder.File("none.db"), "--out", output, "--policy", folder.Write("policy.json", "{ not json"));

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no Waypoint database", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, policy.ExitCode);
        Assert.Contains("the policy file could not be read", policy.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(File.Exists(folder.File("none.db")));
    }
}
