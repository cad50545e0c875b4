using Waypoint.Core.Involvements;
using Waypoint.Core.People;

namespace Waypoint.Core.Ingest;

/// <summary>What a parser yields as it streams a file.</summary>
internal abstract record ParsedItem;

/// <summary>A person in a file, with their identifiers and the rows nested under them in the same file.</summary>
internal sealed record ParsedRecord(SourceRecord Record, List<SourceIdentifier> Identifiers, List<RecordDetail> Details) : ParsedItem;

/// <summary>A row that attaches to a person by local key: 903 tables to the Header's CHILD, CLD events to their person.</summary>
internal sealed record ParsedDetail(string LocalKey, RecordDetail Detail) : ParsedItem;

/// <summary>What a parser needs besides the file: where to report, which council, today's date and id allocation.</summary>
internal sealed record ParseContext(FileReport Report, string CouncilCode, DateOnly Today, IdAllocator Ids)
{
    /// <summary>How to read the file, when it is a council spreadsheet.</summary>
    public Spreadsheets.SpreadsheetMapping? Mapping { get; init; }

    public SourceRecord NewRecord(string localKey, int line) => new()
    {
        CouncilCode = CouncilCode,
        Format = Report.Format,
        FileName = Report.File,
        LocalKey = localKey,
        SourceKey = SourceKeys.For(Report.Format, Report.File, localKey),
        Line = line,
    };

    public T Detail<T>(T detail, int line)
        where T : RecordDetail
    {
        detail.Id = Ids.Next<T>();
        detail.CouncilCode = CouncilCode;
        detail.Line = line;
        return detail;
    }
}

public static class SourceKeys
{
    /// <summary><c>&lt;format&gt;:&lt;file name&gt;:&lt;local key&gt;</c>, the file name without its folder.</summary>
    public static string For(string format, string fileName, string localKey) => $"{format}:{fileName}:{localKey}";
}
