using System.Text.RegularExpressions;
using Waypoint.Core.Demo;
using Waypoint.Core.People;

namespace Waypoint.Core.Tests.Demo;

public sealed partial class DemoCouncilGeneratorTests(SmallDemo small) : IClassFixture<SmallDemo>
{
    private static readonly string[] AllFiles =
    [
        "ssda903-header.csv", "ssda903-episodes.csv", "ssda903-oc3.csv", "ssda903-uasc.csv", "ssda903-reviews.csv",
        "ssda903-missing.csv", "cin.xml", "sen2.xml", "cld.csv", "placement-costs.xlsx", "health-involvement.csv", "truth.csv",
    ];

    private DemoOutput Demo => small.Output;

    [Theory]
    [InlineData(DemoNoise.None)]
    [InlineData(DemoNoise.Realistic)]
    public void Generate_SameOptionsTwice_WritesByteIdenticalFiles(DemoNoise noise)
    {
        using var first = DemoOutput.Generate(DemoSize.Small, noise, seed: 11);
        using var second = DemoOutput.Generate(DemoSize.Small, noise, seed: 11);

        foreach (var file in AllFiles)
        {
            Assert.True(File.ReadAllBytes(first.PathOf(file)).AsSpan().SequenceEqual(File.ReadAllBytes(second.PathOf(file))), file + " differs");
        }
        Assert.Equal(first.Summary.Files, second.Summary.Files);
    }

    [Fact]
    public void Generate_DifferentSeeds_WritesDifferentPeople()
    {
        using var other = DemoOutput.Generate(DemoSize.Small, DemoNoise.None, seed: 8);

        Assert.NotEqual(File.ReadAllBytes(Demo.PathOf("cin.xml")), File.ReadAllBytes(other.PathOf("cin.xml")));
    }

    [Fact]
    public void Generate_SmallSize_WritesAboutTwoThousandThreeHundredPeopleEachInSomeFile()
    {
        var truePeople = Demo.Truth().Values.Distinct(StringComparer.Ordinal).Count();

        Assert.InRange(Demo.Summary.People, 2_150, 2_400);
        Assert.Equal(Demo.Summary.People, truePeople);
    }

    [Fact]
    public void Generate_Always_WritesEveryFileAsUtf8WithoutBomAndWithUnixLineEnds()
    {
        foreach (var file in AllFiles.Where(f => !f.EndsWith(".xlsx", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(Demo.PathOf(file));
            Assert.False(bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8), file + " starts with a byte order mark");
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }

    [Fact]
    public void Generate_Always_WritesTheExactColumns()
    {
        Assert.Equal(["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], Demo.CsvHeader("ssda903-header.csv"));
        Assert.Equal(
            ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
            Demo.CsvHeader("ssda903-episodes.csv"));
        Assert.Equal(["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], Demo.CsvHeader("ssda903-oc3.csv"));
        Assert.Equal(["CHILD", "SEX", "DOB", "DUC"], Demo.CsvHeader("ssda903-uasc.csv"));
        Assert.Equal(["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], Demo.CsvHeader("ssda903-reviews.csv"));
        Assert.Equal(["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], Demo.CsvHeader("ssda903-missing.csv"));
        Assert.Equal(50, Demo.CsvHeader("cld.csv").Count);
        Assert.Equal("LA Code", Demo.CsvHeader("cld.csv")[0]);
        Assert.Equal("Planned units per week", Demo.CsvHeader("cld.csv")[^1]);
        Assert.Equal(["sourceKey", "truePerson"], Demo.CsvHeader("truth.csv"));
    }

    [Fact]
    public void Generate_Always_ReportsTheRecordsWritten()
    {
        var counts = Demo.Summary.Files.ToDictionary(f => f.File, f => f.Records, StringComparer.Ordinal);

        Assert.Equal(AllFiles.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Demo.Csv("ssda903-episodes.csv").Count, counts["ssda903-episodes.csv"]);
        Assert.Equal(Demo.CinChildren().Count, counts["cin.xml"]);
        Assert.Equal(Demo.Sen2Persons().Count, counts["sen2.xml"]);
        Assert.Equal(Demo.Csv("cld.csv").Count, counts["cld.csv"]);
        Assert.Equal(Demo.Sheet("placement-costs.xlsx").Count, counts["placement-costs.xlsx"]);
        Assert.Equal(Demo.Csv("health-involvement.csv").Count, counts["health-involvement.csv"]);
        Assert.All(counts, c => Assert.True(c.Value > 0, c.Key + " is empty"));
    }

    [Fact]
    public void Generate_NoNoise_EveryUpnAndNhsNumberIsValid()
    {
        var upns = Demo.Csv("ssda903-header.csv").Select(r => r["UPN"])
            .Concat(Demo.CinChildren().Select(c => c.Upn))
            .Concat(Demo.Sen2Persons().Select(p => p.Upn))
            .ToList();
        var nhsNumbers = Demo.Csv("cld.csv").Select(r => r["NHS Number"]).ToList();

        Assert.All(upns, upn => Assert.True(Upn.IsValid(upn), $"UPN {upn} is not valid"));
        Assert.All(upns, upn => Assert.Equal("999", upn![1..4]));
        Assert.NotEmpty(nhsNumbers);
        Assert.All(nhsNumbers, nhs => Assert.True(NhsNumber.IsValid(nhs), $"NHS number {nhs} is not valid"));
    }

    [Fact]
    public void Generate_Always_TruthHasOneWellFormedRowPerSourceRecord()
    {
        var truth = Demo.Csv("truth.csv");
        var expected = new List<string>();
        expected.AddRange(Demo.Csv("ssda903-header.csv").Select(r => "903:ssda903-header.csv:" + r["CHILD"]));
        expected.AddRange(Demo.CinChildren().Select(c => "CIN:cin.xml:" + c.Id));
        expected.AddRange(Demo.Sen2Persons().Select(p => "SEN2:sen2.xml:" + p.Position));
        expected.AddRange(Demo.Csv("cld.csv").Select(r => "CLD:cld.csv:" + r["LA Person Unique Identifier"]).Distinct(StringComparer.Ordinal));
        expected.AddRange(Demo.Sheet("placement-costs.xlsx").Select(r => "SHEET:placement-costs.xlsx:" + r["Client ID"]).Distinct(StringComparer.Ordinal));
        expected.AddRange(Demo.Csv("health-involvement.csv").Select(r => "SHEET:health-involvement.csv:" + r["NHS No"]).Distinct(StringComparer.Ordinal));

        Assert.Equal(expected.Order(StringComparer.Ordinal), truth.Select(r => r["sourceKey"]).Order(StringComparer.Ordinal));
        Assert.All(truth, r => Assert.Matches(SourceKeyShape(), r["sourceKey"]));
        Assert.All(truth, r => Assert.Matches(TruePersonShape(), r["truePerson"]));
    }

    [Fact]
    public void Generate_NoNoise_RecordsSharingAnIdentifierBelongToOnePerson()
    {
        var truth = Demo.Truth();
        var byKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string key, string sourceKey)
        {
            if (!byKey.TryGetValue(key, out var people)) byKey[key] = people = new HashSet<string>(StringComparer.Ordinal);
            people.Add(truth[sourceKey]);
        }

        foreach (var row in Demo.Csv("ssda903-header.csv"))
        {
            var key = "903:ssda903-header.csv:" + row["CHILD"];
            Add("child:" + row["CHILD"], key);
            Add($"upn:{row["UPN"]}|{DemoOutput.Uk(row["DOB"]):O}", key);
        }
        foreach (var child in Demo.CinChildren())
        {
            var key = "CIN:cin.xml:" + child.Id;
            Add("child:" + child.Id, key);
            Add($"upn:{child.Upn}|{child.BirthDate:O}", key);
        }
        foreach (var person in Demo.Sen2Persons())
        {
            var key = "SEN2:sen2.xml:" + person.Position;
            Add($"upn:{person.Upn}|{person.BirthDate:O}", key);
            Add("uln:" + person.Uln, key);
        }
        foreach (var row in Demo.Csv("cld.csv"))
        {
            var key = "CLD:cld.csv:" + row["LA Person Unique Identifier"];
            Add("child:" + row["LA Person Unique Identifier"], key);
            Add("nhs:" + row["NHS Number"], key);
        }
        byKey.Remove("uln:");

        Assert.All(byKey, pair => Assert.True(pair.Value.Count == 1, $"{pair.Key} is shared by {string.Join(", ", pair.Value)}"));
    }

    [Fact]
    public void Generate_NoNoise_OnePersonsChildrensRecordsShareChildIdOrUpnAndBirthDate()
    {
        var truth = Demo.Truth();
        var records = new List<(string Person, string? ChildId, string Upn, DateOnly BirthDate)>();
        records.AddRange(Demo.Csv("ssda903-header.csv").Select(r =>
            (truth["903:ssda903-header.csv:" + r["CHILD"]], (string?)r["CHILD"], r["UPN"], DemoOutput.Uk(r["DOB"]))));
        records.AddRange(Demo.CinChildren().Select(c => (truth["CIN:cin.xml:" + c.Id], (string?)c.Id, c.Upn!, c.BirthDate)));
        records.AddRange(Demo.Sen2Persons().Select(p => (truth["SEN2:sen2.xml:" + p.Position], (string?)null, p.Upn!, p.BirthDate)));

        foreach (var person in records.GroupBy(r => r.Person, StringComparer.Ordinal))
        {
            var list = person.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                var sameChild = list[i].ChildId is not null && list[i].ChildId == list[0].ChildId;
                var sameUpn = list[i].Upn == list[0].Upn && list[i].BirthDate == list[0].BirthDate;
                Assert.True(sameChild || sameUpn, $"{person.Key}'s records share no child id or UPN and date of birth");
            }
        }
    }

    [Fact]
    public void Generate_NoNoise_AdultsKnownToChildrensServicesKeepTheirChildId()
    {
        var truth = Demo.Truth();
        var childIdOf = Demo.CinChildren().ToDictionary(c => truth["CIN:cin.xml:" + c.Id], c => c.Id, StringComparer.Ordinal);
        var adults = Demo.Csv("cld.csv").Select(r => r["LA Person Unique Identifier"]).Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains(adults, id => id.StartsWith('A'));
        foreach (var id in adults)
        {
            if (childIdOf.TryGetValue(truth["CLD:cld.csv:" + id], out var childId)) Assert.Equal(childId, id);
            else Assert.StartsWith("A", id, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_Always_WritesNoDateAfterTheAsOfDateAndEpisodesInOrder()
    {
        var asOf = DemoOutput.AsOf;
        var episodes = Demo.Csv("ssda903-episodes.csv");
        var births = Demo.Csv("ssda903-header.csv").ToDictionary(r => r["CHILD"], r => DemoOutput.Uk(r["DOB"]), StringComparer.Ordinal);
        foreach (var e in episodes)
        {
            var start = DemoOutput.Uk(e["DECOM"]);
            Assert.InRange(start, births[e["CHILD"]], asOf);
            if (e["DEC"].Length > 0) Assert.InRange(DemoOutput.Uk(e["DEC"]), start, asOf);
            else Assert.Equal("", e["REC"]);
        }
        foreach (var group in episodes.GroupBy(e => e["CHILD"], StringComparer.Ordinal))
        {
            var list = group.ToList();
            Assert.Equal("S", list[0]["RNE"]);
            for (var i = 1; i < list.Count; i++)
            {
                Assert.True(list[i - 1]["DEC"].Length > 0, "only the last episode may be open");
                if (list[i - 1]["REC"] == "X1") Assert.Equal(list[i - 1]["DEC"], list[i]["DECOM"]);
                else Assert.Equal("S", list[i]["RNE"]);
            }
        }
        Assert.All(Demo.CinChildren().SelectMany(c => c.Dates), d => Assert.True(d.Date <= asOf, d.Name));
        Assert.All(Demo.Sen2Persons().SelectMany(p => p.Dates), d => Assert.True(d.Date <= asOf, d.Name));
        foreach (var row in Demo.Csv("cld.csv"))
        {
            Assert.True(DemoOutput.Uk(row["Event Start Date"]) <= asOf);
            if (row["Event End Date"].Length > 0) Assert.InRange(DemoOutput.Uk(row["Event End Date"]), DemoOutput.Uk(row["Event Start Date"]), asOf);
        }
    }

    [Fact]
    public void Generate_PeopleWhoTurned18_HaveNoOpenChildrensRecords()
    {
        var asOf = DemoOutput.AsOf;
        var adults = Demo.Csv("ssda903-header.csv").Where(r => DemoOutput.Uk(r["DOB"]).AddYears(18) <= asOf).Select(r => r["CHILD"]).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(adults);
        Assert.DoesNotContain(Demo.Csv("ssda903-episodes.csv"), e => adults.Contains(e["CHILD"]) && e["DEC"].Length == 0);
        Assert.All(
            Demo.CinChildren().Where(c => c.BirthDate.AddYears(18) <= asOf),
            c => Assert.Equal(c.Referrals, c.ClosureReasons.Count));
    }

    [Theory]
    [InlineData(2012, 7, 1)]
    [InlineData(2028, 2, 29)]
    public void Generate_OtherAsOfDates_WritesNothingAfterThem(int year, int month, int day)
    {
        var asOf = new DateOnly(year, month, day);
        var directory = Path.Combine(Path.GetTempPath(), "waypoint-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            DemoCouncilGenerator.Generate(new DemoOptions(DemoSize.Small, 5, asOf, DemoNoise.Realistic), directory, cancellationToken: TestContext.Current.CancellationToken);

            var episodes = File.ReadAllLines(Path.Combine(directory, "ssda903-episodes.csv")).Skip(1).Select(DemoOutput.SplitCsvLine).ToList();
            Assert.All(episodes, e => Assert.True(DemoOutput.Uk(e[1]) <= asOf && (e[7].Length == 0 || DemoOutput.Uk(e[7]) <= asOf)));
            Assert.InRange(episodes.Count(e => e[7].Length == 0), 70, 130);
            var cinDates = IsoDates().Matches(File.ReadAllText(Path.Combine(directory, "cin.xml")));
            Assert.All(cinDates, m => Assert.True(DemoOutput.Iso(m.Groups[1].Value) <= asOf, m.Value));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Generate_BadCouncilCode_Throws()
    {
        var options = new DemoOptions(DemoSize.Small, 1, DemoOutput.AsOf, DemoNoise.None) { CouncilCode = "99" };

        Assert.Throws<ArgumentException>(() => DemoCouncilGenerator.Generate(options, Path.Combine(Path.GetTempPath(), "never-written"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Generate_Cancelled_ThrowsOperationCanceled()
    {
        var directory = Path.Combine(Path.GetTempPath(), "waypoint-demo-" + Guid.NewGuid().ToString("N"));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() =>
                DemoCouncilGenerator.Generate(new DemoOptions(DemoSize.Small, 1, DemoOutput.AsOf, DemoNoise.None), directory, cancellationToken: cancellation.Token));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Generate_WithProgress_ReportsEveryPersonByTheEnd()
    {
        var reports = new List<int>();
        using var output = new ProgressOutput(reports);

        Assert.NotEmpty(reports);
        Assert.Equal(output.Summary.People, reports.Max());
        Assert.Equal(reports.Order(), reports);
    }

    [GeneratedRegex("^(903:ssda903-header\\.csv:[0-9]{7}|CIN:cin\\.xml:[0-9]{7}|SEN2:sen2\\.xml:[1-9][0-9]*|CLD:cld\\.csv:A?[0-9]{7}|SHEET:placement-costs\\.xlsx:[0-9]{7}|SHEET:health-involvement\\.csv:9[0-9]{9})$")]
    private static partial Regex SourceKeyShape();

    [GeneratedRegex(">([0-9]{4}-[0-9]{2}-[0-9]{2})<")]
    private static partial Regex IsoDates();

    [GeneratedRegex("^T[0-9]{7}$")]
    private static partial Regex TruePersonShape();

    /// <summary>Generates into a temporary folder with a progress reporter that records synchronously.</summary>
    private sealed class ProgressOutput : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "waypoint-demo-" + Guid.NewGuid().ToString("N"));

        public ProgressOutput(List<int> reports) =>
            Summary = DemoCouncilGenerator.Generate(
                new DemoOptions(DemoSize.Small, 3, DemoOutput.AsOf, DemoNoise.None), _directory, new Recorder(reports), TestContext.Current.CancellationToken);

        public DemoSummary Summary { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private sealed class Recorder(List<int> reports) : IProgress<int>
        {
            public void Report(int value) => reports.Add(value);
        }
    }
}
