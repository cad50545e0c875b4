namespace Waypoint.Core.Ingest;

/// <summary>The kinds of file the importer recognises by their content.</summary>
public enum SourceFileKind
{
    Ssda903Header,
    Ssda903Episodes,
    Ssda903Uasc,
    Ssda903Oc2,
    Ssda903Oc3,
    Ssda903Ad1,
    Ssda903PlacedAdoption,
    Ssda903PrevPerm,
    Ssda903Missing,
    Ssda903Reviews,
    Ssda903SwEpisodes,
    Ssda903DoLo,

    /// <summary>The 903 XML variant: every table's data for each child in one file.</summary>
    Ssda903Xml,
    Cin,
    Sen2,
    Cld,

    /// <summary>A council spreadsheet (CSV or XLSX), read through the saved mapping the import names for it.</summary>
    Spreadsheet,

    /// <summary>A file that matched no format; it is reported and the import stops.</summary>
    Unrecognised,
}

public static class SourceFileKindExtensions
{
    public static string Format(this SourceFileKind kind) => kind switch
    {
        SourceFileKind.Cin => People.SourceFormat.Cin,
        SourceFileKind.Sen2 => People.SourceFormat.Sen2,
        SourceFileKind.Cld => People.SourceFormat.Cld,
        SourceFileKind.Spreadsheet => People.SourceFormat.Spreadsheet,
        SourceFileKind.Unrecognised => "unrecognised",
        _ => People.SourceFormat.Ssda903,
    };

    /// <summary>903 tables other than the Header attach their rows to the Header's children.</summary>
    public static bool Is903Table(this SourceFileKind kind) => kind is >= SourceFileKind.Ssda903Episodes and <= SourceFileKind.Ssda903DoLo;

    /// <summary>The name a person reads in messages, e.g. "SSDA903 Episodes".</summary>
    public static string Title(this SourceFileKind kind) => kind switch
    {
        SourceFileKind.Cin => "CIN census",
        SourceFileKind.Sen2 => "SEN2",
        SourceFileKind.Cld => "adult social care CLD",
        SourceFileKind.Spreadsheet => "council spreadsheet",
        SourceFileKind.Unrecognised => "unrecognised file",
        SourceFileKind.Ssda903Xml => "SSDA903 XML",
        _ => "SSDA903 " + kind.ToString()["Ssda903".Length..],
    };
}
