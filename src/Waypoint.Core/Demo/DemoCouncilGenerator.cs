namespace Waypoint.Core.Demo;

/// <summary>
/// Writes a synthetic demo council: 903, CIN, SEN2 and adult CLD extracts in their real formats, the council's own
/// placement costs and health involvement spreadsheets, plus truth.csv saying which source records belong to the same
/// synthetic person. Nobody in
/// it is real. The same options always give byte-identical files.
/// </summary>
public static class DemoCouncilGenerator
{
    public const string TruthFile = "truth.csv";

    // People are simulated in batches on the thread pool while this thread writes the previous batch,
    // so memory stays flat however many people there are.
    private const int BatchSize = 2048;

    /// <summary>
    /// Generates the demo council into <paramref name="outputDirectory"/> (created if missing; files
    /// of the same name are replaced). Reports the number of people written after each batch.
    /// </summary>
    /// <returns>The number of distinct people, and per file its data rows (CSV) or Child/Person elements (XML).</returns>
    public static DemoSummary Generate(
        DemoOptions options,
        string outputDirectory,
        IProgress<int>? peopleWritten = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (options.CouncilCode is not { Length: 3 } code || !code.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The council code must be three digits (it forms part of every UPN).", nameof(options));
        }
        if (options.AsOf.Year < 2000) throw new ArgumentException("The as-of date must be in 2000 or later.", nameof(options));

        Directory.CreateDirectory(outputDirectory);
        var context = new DemoContext(options);
        var simulator = new LifeSimulator(context);
        var total = context.Population.People;
        var people = 0;

        using (var ssda903 = new Ssda903Writer(outputDirectory))
        using (var cin = new CinWriter(outputDirectory, context))
        using (var sen2 = new Sen2Writer(outputDirectory, context))
        using (var cld = new CldWriter(outputDirectory, context))
        using (var sheets = new CouncilSheetsWriter(outputDirectory, context))
        using (var truth = new CsvTableWriter(outputDirectory, TruthFile, ["sourceKey", "truePerson"]))
        {
            var current = new PersonLife[BatchSize];
            var next = new PersonLife[BatchSize];
            SimulateBatch(simulator, current, 0, Math.Min(BatchSize, total), cancellationToken);
            for (var start = 0; start < total; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(BatchSize, total - start);
                var nextStart = start + BatchSize;
                var nextBatch = next;
                var pending = nextStart < total
                    ? Task.Run(() => SimulateBatch(simulator, nextBatch, nextStart, Math.Min(BatchSize, total - nextStart), cancellationToken), cancellationToken)
                    : null;

                for (var k = 0; k < count; k++)
                {
                    if (Write(current[k], ssda903, cin, sen2, cld, sheets, truth)) people++;
                    current[k] = null!;
                }
                peopleWritten?.Report(people);
                pending?.GetAwaiter().GetResult();
                (current, next) = (next, current);
            }

            var files = new List<(string File, int Records)>();
            files.AddRange(ssda903.Tables.Select(t => (t.FileName, t.Rows)));
            files.Add((CinWriter.FileName, cin.Children));
            files.Add((Sen2Writer.FileName, sen2.Persons));
            files.Add((CldWriter.FileName, cld.Table.Rows));
            files.Add((sheets.CostsFile, sheets.CostRows));
            files.Add((CouncilSheetsWriter.HealthFile, sheets.HealthRows));
            files.Add((TruthFile, truth.Rows));
            return new DemoSummary(people, files);
        }
    }

    private static void SimulateBatch(LifeSimulator simulator, PersonLife[] batch, int start, int count, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, count, parallel, k => batch[k] = simulator.Simulate(start + k));
    }

    /// <summary>Writes the person's records and their truth rows; false if no source holds them.</summary>
    private static bool Write(PersonLife p, Ssda903Writer ssda903, CinWriter cin, Sen2Writer sen2, CldWriter cld, CouncilSheetsWriter sheets, CsvTableWriter truth)
    {
        var any = false;
        if (p.In903)
        {
            ssda903.Write(p);
            truth.Field("903:" + Ssda903Writer.HeaderFile + ":" + p.ChildId).Field(p.TrueId).EndRow();
            any = true;
        }
        if (p.InCin)
        {
            cin.Write(p);
            truth.Field("CIN:" + CinWriter.FileName + ":" + p.ChildId).Field(p.TrueId).EndRow();
            any = true;
        }
        if (p.InSen2)
        {
            sen2.Write(p);
            truth.Field("SEN2:" + Sen2Writer.FileName + ":" + sen2.Persons.ToString(System.Globalization.CultureInfo.InvariantCulture)).Field(p.TrueId).EndRow();
            any = true;
        }
        if (p.InCld)
        {
            cld.Write(p);
            truth.Field("CLD:" + CldWriter.FileName + ":" + p.CldPersonId).Field(p.TrueId).EndRow();
            any = true;
        }
        // The sheets only add to people the statutory files already hold.
        sheets.Write(p);
        if (p.PlacementCosts.Count > 0) truth.Field("SHEET:" + sheets.CostsFile + ":" + p.ChildId).Field(p.TrueId).EndRow();
        if (p.Health.Count > 0) truth.Field("SHEET:" + CouncilSheetsWriter.HealthFile + ":" + p.NhsNumber).Field(p.TrueId).EndRow();
        return any;
    }
}
