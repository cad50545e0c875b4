using Waypoint.Core.Involvements;
using Waypoint.Core.People;

namespace Waypoint.Core.Spreadsheets;

/// <summary>What a council spreadsheet holds (formats.md section 5).</summary>
public enum SheetContent
{
    /// <summary>Children's placement costs: one row per placement cost, several per child.</summary>
    PlacementCosts,

    /// <summary>Health involvement: continuing healthcare, CAMHS, the learning disability register; several rows per person.</summary>
    HealthInvolvement,

    /// <summary>A team's own list of young people: one row per person, adding identifiers (an NHS number, say) to the others.</summary>
    LocalTracker,
}

/// <summary>
/// A council's saved way of reading one kind of spreadsheet (formats.md section 5): the heading of the column that
/// says whose row it is and which identifier that is, the heading of each field, and what each local value means.
/// Headings and values are matched ignoring case and surrounding spaces.
/// </summary>
public sealed class SpreadsheetMapping
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public required string Name { get; set; }
    public SheetContent Holds { get; set; }

    /// <summary>The heading of the column that says whose row it is.</summary>
    public required string PersonKeyHeading { get; set; }

    /// <summary>
    /// Which identifier that column holds: <see cref="IdentifierKind.CouncilChildId"/> (joins the 903 and CIN records),
    /// <see cref="IdentifierKind.AdultPersonId"/> (joins CLD) or <see cref="IdentifierKind.NhsNumber"/>.
    /// </summary>
    public required string PersonKeyIdentifier { get; set; }

    /// <summary>The worksheet of an XLSX workbook to read; blank for the first.</summary>
    public string? Worksheet { get; set; }

    public string SavedBy { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public List<SpreadsheetColumn> Columns { get; set; } = [];
    public List<SpreadsheetCode> Codes { get; set; } = [];

    public static readonly IReadOnlyList<string> PersonKeyIdentifiers = [IdentifierKind.CouncilChildId, IdentifierKind.AdultPersonId, IdentifierKind.NhsNumber];

    public string? HeadingOf(string field) => Columns.FirstOrDefault(c => c.Field == field)?.Heading;

    /// <summary>Every field of the sheet, the person key first, with the heading it is read from.</summary>
    public IEnumerable<(SheetField Field, string Heading)> MappedFields()
    {
        yield return (SheetFields.PersonKey(PersonKeyIdentifier), PersonKeyHeading);
        foreach (var field in SheetFields.For(Holds))
        {
            if (HeadingOf(field.Id) is { } heading) yield return (field, heading);
        }
    }

    /// <summary>What the mapping says about a problem: empty when it can be saved and used.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("The mapping needs a name.");
        else if (Name.Length > 100) problems.Add("The mapping's name is longer than 100 characters.");
        if (string.IsNullOrWhiteSpace(PersonKeyHeading)) problems.Add("The mapping needs the heading of the person key column.");
        if (!PersonKeyIdentifiers.Contains(PersonKeyIdentifier))
            problems.Add($"The person key identifier '{PersonKeyIdentifier}' is not one of: {string.Join(", ", PersonKeyIdentifiers)}.");
        var fields = SheetFields.For(Holds);
        foreach (var column in Columns)
        {
            if (fields.All(f => f.Id != column.Field))
                problems.Add($"'{column.Field}' is not a field of a {SheetFields.Describe(Holds)} sheet; its fields are: {string.Join(", ", fields.Select(f => f.Id))}.");
            if (string.IsNullOrWhiteSpace(column.Heading)) problems.Add($"The field '{column.Field}' has no heading.");
        }
        if (HeadingOf(PersonKeyIdentifier) is not null)
            problems.Add($"The person key already reads '{PersonKeyIdentifier}': map it once, as the person key.");
        foreach (var twice in Columns.GroupBy(c => c.Field).Where(g => g.Count() > 1))
            problems.Add($"The field '{twice.Key}' is mapped more than once.");
        foreach (var missing in fields.Where(f => f.Required && HeadingOf(f.Id) is null))
            problems.Add($"A {SheetFields.Describe(Holds)} sheet needs a heading for '{missing.Id}' ({missing.Label}).");
        foreach (var code in Codes)
        {
            var field = fields.FirstOrDefault(f => f.Id == code.Field);
            if (field is null || HeadingOf(code.Field) is null)
                problems.Add($"A value is given for '{code.Field}', which the mapping does not read.");
            else if (field.Codes is { } known && !known.Contains(code.Code, StringComparer.Ordinal))
                problems.Add($"'{code.Value}' is mapped to '{code.Code}', which is not a {field.Label} code ({string.Join(", ", known)}).");
        }
        foreach (var twice in Codes.GroupBy(c => (c.Field, Value: c.Value.Trim().ToUpperInvariant())).Where(g => g.Count() > 1))
            problems.Add($"The value '{twice.First().Value}' of '{twice.Key.Field}' is mapped more than once.");
        return problems;
    }
}

/// <summary>Which heading of the sheet holds a field.</summary>
public sealed class SpreadsheetColumn
{
    public long Id { get; set; }
    public long SpreadsheetMappingId { get; set; }
    public required string Field { get; set; }
    public required string Heading { get; set; }
}

/// <summary>What one of the sheet's own values means, as a Waypoint code.</summary>
public sealed class SpreadsheetCode
{
    public long Id { get; set; }
    public long SpreadsheetMappingId { get; set; }
    public required string Field { get; set; }
    public required string Value { get; set; }
    public required string Code { get; set; }
}

public enum SheetFieldType
{
    Text,
    Date,
    Money,
    Code,
    Identifier,
}

/// <summary>A field a mapping can read. <see cref="Codes"/> lists the codes a value must be, or be mapped to.</summary>
public sealed record SheetField(string Id, string Label, SheetFieldType Type, bool Required = false, IReadOnlyList<string>? Codes = null);

/// <summary>The fields each kind of sheet has, by the ids a mapping names them with.</summary>
public static class SheetFields
{
    public static readonly IReadOnlyList<string> Sexes = ["M", "F", "U"];

    // Who the row is about: any sheet may have these besides its person key; the first row of each person gives them.
    private static readonly SheetField[] PersonFields =
    [
        new("forename", "forename", SheetFieldType.Text),
        new("surname", "surname", SheetFieldType.Text),
        new("dateOfBirth", "date of birth", SheetFieldType.Date),
        new("sex", "sex", SheetFieldType.Code, Codes: Sexes),
        new("postcode", "postcode", SheetFieldType.Text),
        new(IdentifierKind.CouncilChildId, "council child id", SheetFieldType.Identifier),
        new(IdentifierKind.AdultPersonId, "adult person id", SheetFieldType.Identifier),
        new(IdentifierKind.NhsNumber, "NHS number", SheetFieldType.Identifier),
        new(IdentifierKind.Upn, "UPN", SheetFieldType.Identifier),
    ];

    private static readonly SheetField[] PlacementCostFields =
    [
        .. PersonFields,
        new("start", "placement start", SheetFieldType.Date, Required: true),
        new("end", "placement end", SheetFieldType.Date),
        new("weeklyCost", "weekly cost", SheetFieldType.Money, Required: true),
        new("fundingStream", "funding stream", SheetFieldType.Code, Codes: FundingStreams.All),
        new("placementType", "placement type", SheetFieldType.Text),
        new("provider", "provider", SheetFieldType.Text),
    ];

    private static readonly SheetField[] HealthFields =
    [
        .. PersonFields,
        new("service", "service", SheetFieldType.Code, Required: true, Codes: HealthServices.All),
        new("start", "start", SheetFieldType.Date),
        new("end", "end", SheetFieldType.Date),
        new("checklistDate", "continuing healthcare checklist date", SheetFieldType.Date),
        new("checklistOutcome", "checklist outcome", SheetFieldType.Code, Codes: ChecklistOutcomes.All),
        new("decisionDate", "continuing healthcare decision date", SheetFieldType.Date),
        new("decision", "continuing healthcare decision", SheetFieldType.Code, Codes: CareDecisions.All),
        new("outcome", "outcome", SheetFieldType.Text),
    ];

    public static IReadOnlyList<SheetField> For(SheetContent holds) => holds switch
    {
        SheetContent.PlacementCosts => PlacementCostFields,
        SheetContent.HealthInvolvement => HealthFields,
        _ => PersonFields,
    };

    /// <summary>The person key as a field: the identifier it holds.</summary>
    public static SheetField PersonKey(string identifier) =>
        new(identifier, "key: " + (PersonFields.FirstOrDefault(f => f.Id == identifier)?.Label ?? identifier), SheetFieldType.Identifier, Required: true);

    public static string Describe(SheetContent holds) => holds switch
    {
        SheetContent.PlacementCosts => "placement costs",
        SheetContent.HealthInvolvement => "health involvement",
        _ => "local tracker",
    };
}
