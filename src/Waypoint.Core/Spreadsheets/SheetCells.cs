using ClosedXML.Excel;

namespace Waypoint.Core.Spreadsheets;

/// <summary>Writing cells of the workbooks Waypoint offers for download.</summary>
public static class SheetCells
{
    /// <summary>
    /// A text cell. One that starts like a formula is kept as text with Excel's quote prefix, so it is shown, never
    /// worked out (OWASP "CSV injection"), and reads back unchanged.
    /// </summary>
    public static IXLCell Text(IXLCell cell, string value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(value);
        cell.DataType = XLDataType.Text;
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell.Style.IncludeQuotePrefix = true;
        return cell;
    }
}
