using System.Text;
using CsCheck;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>
/// Parsers survive damaged input (issue 5): truncated files, wrong encodings, byte order marks, any line ends, huge
/// fields, DTDs and entity expansion, random byte changes. Every file goes through the real importer, which either
/// commits and reports what it rejected, or stops on one fatal problem naming the file, line and field and leaves the
/// database as it was (formats.md section 7). It never throws and never hangs.
/// </summary>
public sealed class FuzzTests(FuzzTests.Databases databases) : IClassFixture<FuzzTests.Databases>
{
    /// <summary>
    /// One database per provider for the whole class, so that hundreds of imports stay fast. Each test imports as a council
    /// of its own, so no test sees another's files as already imported; a fatal problem must leave every table unchanged.
    /// </summary>
    public sealed class Databases : IAsyncDisposable
    {
        private readonly Dictionary<DatabaseProvider, TestDatabase> _open = [];
        private int _councils;

        public async Task<TestDatabase> OpenAsync(DatabaseProvider provider)
        {
            if (!_open.TryGetValue(provider, out var database)) _open[provider] = database = await TestDatabase.CreateAsync(provider);
            return database;
        }

        public ImportOptions NewCouncil() => new("F" + Interlocked.Increment(ref _councils).ToString("D2", System.Globalization.CultureInfo.InvariantCulture));

        public async ValueTask DisposeAsync()
        {
            foreach (var database in _open.Values) await database.DisposeAsync();
        }
    }

    /// <summary>Far more than any of these small files needs; a parser that loops forever fails here instead of hanging the run.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    /// <summary>A valid file of one format to damage, and the untouched files it needs beside it in the same import.</summary>
    public sealed record Seed(string Name, byte[] Bytes, (string Name, byte[] Bytes)[] Companions)
    {
        public bool IsXml => Name.EndsWith(".xml", StringComparison.Ordinal);

        public override string ToString() => Name;
    }

    private static readonly LookedAfterChild[] Children =
    [
        new("1001", "2008-03-27", Sex: "2", Upn: "A123456789012")
        {
            Mother = "1",
            MotherChildDob = "2024-01-05",
            Episodes = [new("2016-02-15", "2017-08-14", ReasonCeased: "X1"), new("2017-08-14", Rne: "L")],
            Reviews = [new("2018-01-10")],
            Missing = [new("M", "2019-01-01", "2019-01-02")],
            CareLeaver = new("YES", "F2", "B1"),
            Health = new(),
            Permanence = new("Z1", "999", "2015-05-05"),
        },
        new("1002", "2010-11-02", Sex: "M", Ethnicity: "REFU")
        {
            Unaccompanied = true,
            UascCeased = "2028-11-02",
            Episodes = [new("2020-02-01", Place: "Z11", Provider: "PR4")],
            Adoption = new("2021-01-01", "2021-06-01", "2021-07-01"),
        },
    ];

    /// <summary>One seed per format: 903 Header and Episodes CSV tables, 903 XML, CIN XML, SEN2 XML and CLD CSV.</summary>
    public static Seed[] AllSeeds()
    {
        using var folder = TestFiles.TempFolder();
        var tables = SourceFileBuilder.Ssda903Tables(folder, Children);
        byte[] Read(string path) => File.ReadAllBytes(path);
        var header = Read(tables[0]);
        return
        [
            new("header.csv", header, []),
            new("episodes.csv", Read(tables[1]), [("header.csv", header)]),
            new("ssda903.xml", Read(SourceFileBuilder.Ssda903Xml(folder, "ssda903.xml", Children)), []),
            new("cin.xml", Read(SourceFileBuilder.Cin(folder, "cin.xml", "999", new ChildRow("1001", "2008-03-27", "A999000000012"), new ChildRow("2002", "2011-01-01", Sex: "F"))), []),
            new("sen2.xml", Read(SourceFileBuilder.Sen2(folder, "sen2.xml", new Sen2Row("Amy", "Example", "2008-04-12", "Q999000000011", "ASD", "2020-09-01"), new Sen2Row("Ben", "Sample", "2009-05-13", null))), []),
            new("cld.csv", Read(TestFiles.Data("cld", "cld-sample.csv")), []),
        ];
    }

    public static TheoryData<string> SeedNames() => [.. AllSeeds().Select(s => s.Name)];

    private static Seed SeedNamed(string name) => AllSeeds().Single(s => s.Name == name);

    /// <summary>
    /// Imports <paramref name="bytes"/> as the seed's file (beside its companions) within the time bound, and checks what every
    /// import must do: each problem names a file, a line and a field in a short message; a committed import has no fatal
    /// problem; a rolled-back one has exactly one, in this file, and left every table as it was.
    /// </summary>
    private static async Task<ImportResult> ImportAndCheckAsync(TestDatabase database, ImportOptions council, TempFolder folder, Seed seed, byte[] bytes)
    {
        // Each seed in a folder of its own, beside fresh copies of its companions (a 903 table's Header).
        var directory = Directory.CreateDirectory(Path.Combine(folder.Path, seed.Name + "-files")).FullName;
        var companions = seed.Companions.Select(c =>
        {
            var path = Path.Combine(directory, c.Name);
            File.WriteAllBytes(path, c.Bytes);
            return path;
        }).ToArray();
        var file = Path.Combine(directory, seed.Name);
        await File.WriteAllBytesAsync(file, bytes);
        SortedDictionary<string, long> before;
        await using (var db = database.Open()) before = await DatabaseSnapshot.CountsAsync(db);

        var result = await Task.Run(() => ImporterTests.ImportAsync(database, council, [.. companions, file])).WaitAsync(TimeBound);

        foreach (var problem in result.Problems)
        {
            Assert.Contains(problem.File, new[] { seed.Name }.Concat(seed.Companions.Select(c => c.Name)));
            Assert.False(string.IsNullOrWhiteSpace(problem.Field), problem.ToString());
            Assert.True(problem.Line >= 1, problem.ToString());
            Assert.True(problem.ToString().Length < 600, "a problem's message stays short: " + problem.File + ":" + problem.Line + ": " + problem.Field);
            Assert.False(problem.ToString().Contains('\0', StringComparison.Ordinal), "a problem's message has no NUL: " + problem.ToString().Replace("\0", "\\0", StringComparison.Ordinal));
        }
        if (result.Committed)
        {
            Assert.DoesNotContain(result.Problems, p => p.Severity == Severity.Fatal);
        }
        else
        {
            var fatal = Assert.Single(result.Problems, p => p.Severity == Severity.Fatal);
            Assert.Equal(seed.Name, fatal.File);
            await using var db = database.Open();
            Assert.Equal(before, await DatabaseSnapshot.CountsAsync(db));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task Truncated_AtManyPoints_CommitsWhatIsWholeOrStopsWithAFatalProblem(string name)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var length = seed.Bytes.Length;
        var cuts = Enumerable.Range(0, 16).Select(i => (int)((long)length * i / 16)).Concat([1, 2, 3, length - 1]).Distinct().Order();
        foreach (var cut in cuts)
        {
            var result = await ImportAndCheckAsync(database, council, folder, seed, seed.Bytes[..cut]);
            // An XML message cut short (more than its closing white space) is never well formed: nothing of it may be imported.
            if (seed.IsXml && cut < Encoding.UTF8.GetString(seed.Bytes).TrimEnd().Length) Assert.False(result.Committed, $"cut at {cut}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task OtherEncodings_AreReadWhenTheyDeclareThemselvesAndRefusedWhenTheyCannotBeTold(string name)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        // A declaration naming UTF-8 would contradict the bytes; a file saved in another encoding says which or nothing.
        // Each text starts with '<', which tells UTF-16 XML without a byte order mark (XML 1.0 appendix F).
        var text = Encoding.UTF8.GetString(seed.Bytes).TrimStart('\uFEFF').Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "", StringComparison.Ordinal);
        var plain = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(text));
        Assert.True(plain.Committed);
        List<string> content;
        await using (var db = database.Open()) content = await DatabaseSnapshot.ContentAsync(db, council.CouncilCode);

        (string Encoding, byte[] Bytes)[] readable =
        [
            ("UTF-8 with a byte order mark", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]),
            ("UTF-16LE with a byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
            ("UTF-16BE with a byte order mark", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]),
        ];
        foreach (var (encoding, bytes) in seed.IsXml ? [.. readable, ("UTF-16LE without a byte order mark", Encoding.Unicode.GetBytes(text))] : readable)
        {
            var again = await ImportAndCheckAsync(database, council, folder, seed, bytes);
            Assert.True(again.Committed, encoding + ": " + string.Join("\n", again.Problems));
            Assert.Equal(Describe(plain, seed.Name), Describe(again, seed.Name));
            await using var db = database.Open();
            Assert.Equal(content, await DatabaseSnapshot.ContentAsync(db, council.CouncilCode));
        }

        if (!seed.IsXml)
        {
            // Without a byte order mark a CSV file's encoding cannot be told, and only UTF-8 is read (formats.md).
            var utf16 = await ImportAndCheckAsync(database, council, folder, seed, Encoding.Unicode.GetBytes(text));
            Assert.False(utf16.Committed);
            Assert.Equal("the file is not UTF-8 text (byte 0x00, as in UTF-16 text); save it as UTF-8 and import it again", Assert.Single(utf16.Problems, p => p.Severity == Severity.Fatal).Message);
        }

        // A name or code with an accent, saved in Latin-1: that byte is not UTF-8. In CSV the first row's first field,
        // in XML the first text after the second line.
        var secondLine = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var at = seed.IsXml ? text.IndexOf("</", text.IndexOf('\n', secondLine) + 1, StringComparison.Ordinal) : text.IndexOf(',', secondLine);
        var latin1 = await ImportAndCheckAsync(database, council, folder, seed, Encoding.Latin1.GetBytes(text[..at] + "é" + text[at..]));
        Assert.False(latin1.Committed);
        var fatal = Assert.Single(latin1.Problems, p => p.Severity == Severity.Fatal);
        Assert.Equal(text[..at].Count(c => c == '\n') + 1, fatal.Line);
        Assert.Matches(seed.IsXml ? "^(the XML is not well formed: Invalid character in the given encoding|the file is not UTF-8 text)" : "^the file is not UTF-8 text \\(byte 0xE9\\)", fatal.Message);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task LineEnds_CrLfAndCrOnly_ImportAsLf(string name)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var text = Encoding.UTF8.GetString(seed.Bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
        var lf = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(text));
        Assert.True(lf.Committed);
        List<string> content;
        await using (var db = database.Open()) content = await DatabaseSnapshot.ContentAsync(db, council.CouncilCode);

        foreach (var end in new[] { "\r\n", "\r" })
        {
            var other = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(text.Replace("\n", end, StringComparison.Ordinal)));
            Assert.True(other.Committed);
            Assert.Equal(Describe(lf, seed.Name), Describe(other, seed.Name));
            await using var db = database.Open();
            Assert.Equal(content, await DatabaseSnapshot.ContentAsync(db, council.CouncilCode));
        }
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task HugeField_OfTensOfMegabytes_IsAFatalProblemAtItsLine(string name)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var text = Encoding.UTF8.GetString(seed.Bytes);
        var secondLine = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        // In CSV inside the first row's first field; in XML inside the first value after the second line.
        var at = seed.IsXml ? text.IndexOf("</", text.IndexOf('\n', secondLine) + 1, StringComparison.Ordinal) : text.IndexOf(',', secondLine);
        var huge = text[..at] + new string('x', 20_000_000) + text[at..];

        var result = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(huge));

        Assert.False(result.Committed);
        var fatal = Assert.Single(result.Problems, p => p.Severity == Severity.Fatal);
        Assert.Equal(text[..at].Count(c => c == '\n') + 1, fatal.Line);
        Assert.Contains(seed.IsXml ? "a value of 20,000,0" : "a row longer than 1,048,576 characters", fatal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task LineWithNoEnd_IsAFatalProblem(string name)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var text = Encoding.UTF8.GetString(seed.Bytes);
        var cut = text.IndexOf('\n', text.IndexOf('\n', StringComparison.Ordinal) + 1) + 1;
        var endless = text[..cut] + new string('x', 20_000_000);

        var result = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(endless));

        Assert.False(result.Committed);
        Assert.Single(result.Problems, p => p.Severity == Severity.Fatal);
    }

    /// <summary>(file, a person's key or identifier in it, whether it is the person's key): made far too long to be an id.</summary>
    [Theory]
    [InlineData("header.csv", "1001", true, DatabaseProvider.Sqlite)]
    [InlineData("header.csv", "A123456789012", false, DatabaseProvider.Postgres)]
    [InlineData("episodes.csv", "1001", true, DatabaseProvider.Postgres)]
    [InlineData("ssda903.xml", "1001", true, DatabaseProvider.Postgres)]
    [InlineData("cin.xml", "1001", true, DatabaseProvider.Postgres)]
    [InlineData("sen2.xml", "Q999000000011", false, DatabaseProvider.Postgres)]
    [InlineData("cld.csv", "A100", true, DatabaseProvider.Postgres)]
    [InlineData("cld.csv", "943 476 5919", false, DatabaseProvider.Postgres)]
    public async Task IdTooLongToBeOne_IsRejectedOrNotKeptAndTheRestImports(string name, string id, bool isKey, DatabaseProvider provider)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(provider);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var text = Encoding.UTF8.GetString(seed.Bytes);
        var at = text.IndexOf(id, StringComparison.Ordinal);
        var longId = text[..at] + id + new string('7', 5000) + text[(at + id.Length)..];

        var result = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes(longId));

        // Indexes cannot hold a value this long (PostgreSQL refuses any over about 2,700 bytes): it never reaches one.
        Assert.True(result.Committed, string.Join("\n", result.Problems));
        var problem = Assert.Single(result.Problems, p => p.Message.Contains("too long for", StringComparison.Ordinal));
        Assert.Equal(isKey ? Severity.Error : Severity.Warning, problem.Severity);
        Assert.Equal(text[..at].Count(c => c == '\n') + 1, problem.Line);
        Assert.True(problem.Message.Length < 200);
        Assert.NotEqual(0, result.Files.Single(f => f.File == name).Imported);
    }

    public static TheoryData<string, string> XmlSeedsAndDtds()
    {
        var data = new TheoryData<string, string>();
        foreach (var seed in AllSeeds().Where(s => s.IsXml))
        {
            foreach (var dtd in new[] { "billion laughs", "external entity", "external DTD" }) data.Add(seed.Name, dtd);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(XmlSeedsAndDtds))]
    public async Task XmlWithADtd_IsRefusedWithoutExpandingOrFetchingAnything(string name, string dtd)
    {
        var seed = SeedNamed(name);
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var secret = folder.Write("secret.txt", "SECRET-MARKER-7d1f");
        using var server = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        server.Start();
        var port = ((System.Net.IPEndPoint)server.LocalEndpoint).Port;
        var text = Encoding.UTF8.GetString(seed.Bytes).TrimStart('\uFEFF').Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "", StringComparison.Ordinal);
        var root = text[1..text.IndexOfAny([' ', '>'])];
        var laughs = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var doctype = dtd switch
        {
            "billion laughs" => $"<!DOCTYPE {root} [<!ENTITY lol0 \"lol\">{laughs}]>",
            "external entity" => $"<!DOCTYPE {root} [<!ENTITY secret SYSTEM \"{new Uri(secret).AbsoluteUri}\"><!ENTITY remote SYSTEM \"http://127.0.0.1:{port}/x\">]>",
            _ => $"<!DOCTYPE {root} SYSTEM \"http://127.0.0.1:{port}/evil.dtd\">",
        };
        var entity = dtd switch { "billion laughs" => "&lol9;", "external entity" => "&secret;&remote;", _ => "" };
        var body = text.Insert(text.IndexOf('>') + 1, entity);

        var result = await ImportAndCheckAsync(database, council, folder, seed, Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>\n{doctype}\n{body}"));

        Assert.False(result.Committed);
        var fatal = Assert.Single(result.Problems, p => p.Severity == Severity.Fatal);
        Assert.Equal(2, fatal.Line);
        Assert.Contains("DTD", fatal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", fatal.Message, StringComparison.Ordinal);
        Assert.False(server.Pending(), "nothing was fetched");
    }

    public static TheoryData<string, byte[]> OddFiles() => new()
    {
        { "empty", [] },
        { "only a byte order mark", [0xEF, 0xBB, 0xBF] },
        { "only white space", "  \r\n\t\n"u8.ToArray() },
        { "a lone angle bracket", "<"u8.ToArray() },
        { "an image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xD8] },
        { "a zip file", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xA0, 0x5B] },
        { "a heading of NULs", [0, 0, 0, 0, (byte)'\n', 0] },
        { "an unclosed quote", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n\"1,M,01/01/2010,WBRI,,,\n"u8.ToArray() },
        { "an unknown encoding", "<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><Message/>"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(OddFiles))]
    public async Task OddWholeFiles_AreAFatalProblem(string what, byte[] bytes)
    {
        var database = await databases.OpenAsync(DatabaseProvider.Sqlite);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var result = await ImportAndCheckAsync(database, council, folder, new Seed("odd.csv", bytes, []), bytes);
        Assert.False(result.Committed, what);
    }

    /// <summary>Bytes that mean something to a CSV or XML reader, to splice in among random ones.</summary>
    private static readonly byte[][] Tokens =
    [
        ","u8.ToArray(), "\""u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "&"u8.ToArray(),
        "</"u8.ToArray(), "/>"u8.ToArray(), "&#0;"u8.ToArray(), "&amp;"u8.ToArray(), "<![CDATA["u8.ToArray(), "]]>"u8.ToArray(),
        "<!--"u8.ToArray(), [0], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF], "31/02/2020"u8.ToArray(), "2020-02-31"u8.ToArray(),
        "99999999999999999999999999999"u8.ToArray(), " "u8.ToArray(), "UN1"u8.ToArray(), "\u00e9"u8.ToArray(),
    ];

    /// <summary>One change to a file: at a fraction of its length, replace, insert or delete bytes, splice a token, or repeat a stretch.</summary>
    private sealed record Change(double At, int Kind, byte Value, int Length)
    {
        public byte[] ApplyTo(byte[] bytes)
        {
            var at = (int)(At * bytes.Length);
            var length = Math.Min(Length, bytes.Length - at);
            return Kind switch
            {
                0 when at < bytes.Length => [.. bytes[..at], Value, .. bytes[(at + 1)..]],
                1 => [.. bytes[..at], Value, .. bytes[at..]],
                2 => [.. bytes[..at], .. bytes[(at + length)..]],
                3 => [.. bytes[..at], .. Tokens[Value % Tokens.Length], .. bytes[at..]],
                4 => [.. bytes[..at], .. bytes[at..(at + length)], .. bytes[at..]],
                _ => bytes,
            };
        }

        public override string ToString() => $"{(Kind switch { 0 => "replace", 1 => "insert", 2 => "delete", 3 => "token", _ => "repeat" })} at {At:0.000} ({Value}, {Length})";
    }

    private static readonly Gen<Change> AnyChange = Gen.Select(Gen.Double[0, 1], Gen.Int[0, 4], Gen.Byte, Gen.Int[1, 200], (at, kind, value, length) => new Change(at, kind, value, length));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 300)]
    [InlineData(DatabaseProvider.Postgres, 60)]
    public async Task RandomChangesToValidFiles_NeverThrowOrHangAndAFatalProblemChangesNothing(DatabaseProvider provider, int files)
    {
        var seeds = AllSeeds();
        var database = await databases.OpenAsync(provider);
        var council = databases.NewCouncil();
        using var folder = TestFiles.TempFolder();
        var outcomes = new int[2];

        await Gen.Select(Gen.Int[0, seeds.Length - 1], AnyChange.Array[1, 6]).SampleAsync(async (s, changes) =>
        {
            var seed = seeds[s];
            var result = await ImportAndCheckAsync(database, council, folder, seed, changes.Aggregate(seed.Bytes, (bytes, change) => change.ApplyTo(bytes)));
            outcomes[result.Committed ? 0 : 1]++;
        }, iter: files, threads: 1, print: t => $"{seeds[t.Item1].Name}: {string.Join("; ", t.Item2.Select(c => c.ToString()))}");

        // Both outcomes are exercised: damage the importer reads past, and damage that stops it.
        Assert.All(outcomes, n => Assert.True(n > 0, $"committed {outcomes[0]}, stopped {outcomes[1]}"));
    }

    /// <summary>What an import found, lines included: the same data with other line ends or encodings must give the same.</summary>
    private static string Describe(ImportResult result, string file) =>
        string.Join("\n", result.Files.Where(f => f.File == file).Select(f => $"{f.File}: read {f.RecordsRead}, imported {f.Imported}, rejected {f.Rejected}, warnings {f.Warnings}")
            .Concat(result.Problems.Where(p => p.File == file).Select(p => $"{p.Severity} {p}")));
}
