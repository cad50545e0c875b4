namespace Waypoint.TestCommon;

/// <summary>Where test data lives: the project's own copies under tests/data, found from the test's output folder.</summary>
public static class TestFiles
{
    public static string DataFolder { get; } = Find();

    public static string PeerSample(params string[] parts) => Path.Combine([DataFolder, "peer-samples", .. parts]);

    public static string Data(params string[] parts) => Path.Combine([DataFolder, .. parts]);

    /// <summary>A file of the repository itself, such as docs/data-quality.md.</summary>
    public static string Repository(params string[] parts) => Path.GetFullPath(Path.Combine([DataFolder, "..", "..", .. parts]));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/data was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A temporary folder deleted when disposed, for files a test writes.</summary>
    public static TempFolder TempFolder() => new(Directory.CreateTempSubdirectory("waypoint-files-").FullName);
}

public sealed class TempFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file; a name with folders in it ("a/header.csv") makes them.</summary>
    public string Write(string name, string content)
    {
        var file = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
