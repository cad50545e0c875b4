using System.Globalization;
using System.Xml;
using Waypoint.Core.Demo;

namespace Waypoint.Core.Tests.Demo;

/// <summary>A generated demo council in a temporary folder, with simple readers for its files.</summary>
public sealed class DemoOutput : IDisposable
{
    public static readonly DateOnly AsOf = new(2025, 3, 31);

    private DemoOutput(string directory, DemoOptions options, DemoSummary summary)
    {
        Directory = directory;
        Options = options;
        Summary = summary;
    }

    public string Directory { get; }
    public DemoOptions Options { get; }
    public DemoSummary Summary { get; }

    public static DemoOutput Generate(DemoSize size, DemoNoise noise, int seed = 7)
    {
        var directory = Path.Combine(Path.GetTempPath(), "waypoint-demo-" + Guid.NewGuid().ToString("N"));
        var options = new DemoOptions(size, seed, AsOf, noise);
        var summary = DemoCouncilGenerator.Generate(options, directory, cancellationToken: TestContext.Current.CancellationToken);
        return new DemoOutput(directory, options, summary);
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Rows of a CSV file as column-name to value (quoted fields understood).</summary>
    public List<Dictionary<string, string>> Csv(string file)
    {
        var lines = File.ReadAllText(PathOf(file)).Split('\n');
        var header = SplitCsvLine(lines[0]);
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = SplitCsvLine(line);
            Assert.Equal(header.Count, fields.Count);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }
        return rows;
    }

    /// <summary>Rows of an XLSX sheet as heading to text, read the way an import reads it (dates as yyyy-mm-dd).</summary>
    public List<Dictionary<string, string>> Sheet(string file)
    {
        var report = new Waypoint.Core.Ingest.FileReport(PathOf(file), Waypoint.Core.Ingest.SourceFileKind.Spreadsheet);
        using var rows = Waypoint.Core.Spreadsheets.SheetRows.Open(PathOf(file), report, null, "Client ID");
        var list = new List<Dictionary<string, string>>();
        while (rows.Read()) list.Add(rows.Headings.ToDictionary(h => h, h => rows.Get(h) ?? "", StringComparer.Ordinal));
        return list;
    }

    public List<string> CsvHeader(string file) => SplitCsvLine(File.ReadLines(PathOf(file)).First());

    public static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    public static DateOnly Uk(string value) => DateOnly.ParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static DateOnly Iso(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Each CIN Child element: its identifiers and every date in it.</summary>
    public List<CinChild> CinChildren()
    {
        var children = new List<CinChild>();
        foreach (var child in Elements("cin.xml", "Child"))
        {
            children.Add(new CinChild(
                child.Value("LAchildID")!,
                child.Value("UPN"),
                child.Value("UPNunknown"),
                Iso(child.Value("PersonBirthDate")!),
                child.Value("Sex")!,
                child.Count("CINdetails"),
                child.Values("Disability"),
                child.Values("PrimaryNeedCode"),
                child.Values("ReasonForClosure"),
                child.Values("AssessmentFactors"),
                child.Dates()));
        }
        return children;
    }

    /// <summary>Each SEN2 Person element, in file order (position 1 first).</summary>
    public List<Sen2Person> Sen2Persons()
    {
        var persons = new List<Sen2Person>();
        foreach (var person in Elements("sen2.xml", "Person"))
        {
            var planStarts = person.Values("StartDate");
            var ceased = person.Values("CeaseDate");
            var needs = person.Pairs("SENtype", "SENtypeRank");
            persons.Add(new Sen2Person(
                persons.Count + 1,
                person.Value("Surname")!,
                person.Value("Forename")!,
                Iso(person.Value("PersonBirthDate")!),
                person.Value("UPN"),
                person.Value("UPNunknown"),
                person.Value("UniqueLearnerNumber"),
                person.Value("PostCode")!,
                planStarts.Count > ceased.Count,
                needs.FirstOrDefault(n => n.Second == "1").First,
                person.Count("ActivePlans"),
                person.Dates()));
        }
        return persons;
    }

    /// <summary>truth.csv as source key to true person.</summary>
    public Dictionary<string, string> Truth() =>
        Csv(DemoCouncilGenerator.TruthFile).ToDictionary(r => r["sourceKey"], r => r["truePerson"], StringComparer.Ordinal);

    private IEnumerable<FlatElement> Elements(string file, string name)
    {
        using var reader = XmlReader.Create(PathOf(file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing(name))
        {
            using var subtree = reader.ReadSubtree();
            yield return FlatElement.Read(subtree);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    /// <summary>An element's descendants as (name, text) pairs in document order.</summary>
    private sealed class FlatElement(List<(string Name, string Text)> leaves)
    {
        public static FlatElement Read(XmlReader reader)
        {
            var leaves = new List<(string, string)>();
            var current = "";
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    current = reader.LocalName;
                    if (reader.IsEmptyElement) leaves.Add((current, ""));
                    else if (current is "CINdetails" or "ActivePlans") leaves.Add((current, ""));
                }
                else if (reader.NodeType == XmlNodeType.Text) leaves.Add((current, reader.Value));
            }
            return new FlatElement(leaves);
        }

        public string? Value(string name) => leaves.FirstOrDefault(l => l.Name == name).Text;

        public List<string> Values(string name) => [.. leaves.Where(l => l.Name == name).Select(l => l.Text)];

        public int Count(string name) => leaves.Count(l => l.Name == name);

        public List<(string First, string Second)> Pairs(string first, string second)
        {
            var a = Values(first);
            var b = Values(second);
            return [.. a.Zip(b)];
        }

        public List<(string Name, DateOnly Date)> Dates() =>
            [.. leaves.Where(l => l.Text.Length == 10 && l.Text[4] == '-' && l.Text[7] == '-').Select(l => (l.Name, Iso(l.Text)))];
    }
}

public sealed record CinChild(
    string Id,
    string? Upn,
    string? UpnUnknown,
    DateOnly BirthDate,
    string Sex,
    int Referrals,
    List<string> Disabilities,
    List<string> PrimaryNeeds,
    List<string> ClosureReasons,
    List<string> Factors,
    List<(string Name, DateOnly Date)> Dates);

public sealed record Sen2Person(
    int Position,
    string Surname,
    string Forename,
    DateOnly BirthDate,
    string? Upn,
    string? UpnUnknown,
    string? Uln,
    string Postcode,
    bool CurrentPlan,
    string? PrimaryNeed,
    int ActivePlans,
    List<(string Name, DateOnly Date)> Dates);

public sealed class SmallDemo : IDisposable
{
    public DemoOutput Output { get; } = DemoOutput.Generate(DemoSize.Small, DemoNoise.None);

    public void Dispose() => Output.Dispose();
}

public sealed class SmallRealisticDemo : IDisposable
{
    public DemoOutput Output { get; } = DemoOutput.Generate(DemoSize.Small, DemoNoise.Realistic);

    public void Dispose() => Output.Dispose();
}

public sealed class CouncilDemo : IDisposable
{
    public DemoOutput Output { get; } = DemoOutput.Generate(DemoSize.Council, DemoNoise.None);

    public void Dispose() => Output.Dispose();
}
