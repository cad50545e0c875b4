using Waypoint.Core.People;

namespace Waypoint.Web.Pages.People;

/// <summary>Sources and identifiers named as practitioners know them.</summary>
public static class SourceLabels
{
    public static string Format(string format) => format switch
    {
        SourceFormat.Ssda903 => "SSDA903 (children looked after)",
        SourceFormat.Cin => "CIN census (children in need)",
        SourceFormat.Sen2 => "SEN2 (EHC plans)",
        SourceFormat.Cld => "Adult social care client level data",
        SourceFormat.Spreadsheet => "Council spreadsheet",
        _ => format,
    };

    public static string Identifier(string kind) => kind switch
    {
        IdentifierKind.CouncilChildId => "Council child id",
        IdentifierKind.Upn => "UPN",
        IdentifierKind.FormerUpn => "Former UPN",
        IdentifierKind.Uln => "Unique learner number",
        IdentifierKind.NhsNumber => "NHS number",
        IdentifierKind.AdultPersonId => "Adult social care person id",
        _ => kind,
    };

    public static string Sex(string? sex) => sex switch { "M" => "Male", "F" => "Female", "U" => "Not known", _ => "Not recorded" };
}
