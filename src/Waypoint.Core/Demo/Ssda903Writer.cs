using Waypoint.Core.Ingest;

namespace Waypoint.Core.Demo;

/// <summary>Writes the 903 tables as CSV files, one row set per looked-after child.</summary>
internal sealed class Ssda903Writer : IDisposable
{
    public const string HeaderFile = "ssda903-header.csv";

    private readonly CsvTableWriter _header, _episodes, _oc3, _uasc, _reviews, _missing;

    public Ssda903Writer(string directory)
    {
        _header = new CsvTableWriter(directory, HeaderFile, Columns(SourceFileKind.Ssda903Header));
        _episodes = new CsvTableWriter(directory, "ssda903-episodes.csv",
            Columns(SourceFileKind.Ssda903Episodes));
        _oc3 = new CsvTableWriter(directory, "ssda903-oc3.csv", Columns(SourceFileKind.Ssda903Oc3));
        _uasc = new CsvTableWriter(directory, "ssda903-uasc.csv", Columns(SourceFileKind.Ssda903Uasc));
        _reviews = new CsvTableWriter(directory, "ssda903-reviews.csv", Columns(SourceFileKind.Ssda903Reviews));
        _missing = new CsvTableWriter(directory, "ssda903-missing.csv", Columns(SourceFileKind.Ssda903Missing));
    }

    public IEnumerable<CsvTableWriter> Tables => [_header, _episodes, _oc3, _uasc, _reviews, _missing];

    public void Write(PersonLife p)
    {
        var id = p.Ssda903Identity!;
        var child = p.ChildId!;
        var sex = id.NumericSex ? (id.Sex == 'M' ? "1" : "2") : id.Sex.ToString();
        _header.Field(child).Field(sex).Field(id.DateOfBirth).Field(p.Ethnicity).Field(id.Upn ?? id.UpnUnknown)
            .Field(p.Mother).Field(p.MothersChildBirthDate).EndRow();
        foreach (var e in p.Episodes)
        {
            _episodes.Field(child).Field(e.Start).Field(e.Rne).Field(e.LegalStatus).Field(e.CategoryOfNeed).Field(e.Placement)
                .Field(e.Provider).Field(e.End).Field(e.Rec).Field(e.ReasonPlaceChange).Field(id.Postcode).Field(e.PlacementPostcode)
                .Field(e.Urn).EndRow();
        }
        if (p.CareLeaver is { } oc3) _oc3.Field(child).Field(id.DateOfBirth).Field(oc3.InTouch).Field(oc3.Activity).Field(oc3.Accommodation).EndRow();
        if (p.UascCeases is { } duc) _uasc.Field(child).Field(sex).Field(id.DateOfBirth).Field(duc).EndRow();
        foreach (var review in p.Reviews) _reviews.Field(child).Field(id.DateOfBirth).Field(review.Date).Field(review.Code).EndRow();
        foreach (var spell in p.Missing) _missing.Field(child).Field(id.DateOfBirth).Field(spell.Kind).Field(spell.Start).Field(spell.End).EndRow();
    }

    public void Dispose()
    {
        foreach (var table in Tables) table.Dispose();
    }

    /// <summary>The official columns, in order: the same list the importer recognises the table by.</summary>
    private static string[] Columns(SourceFileKind table) => FormatDetector.RequiredColumns[table];
}
