using System.Globalization;

namespace Waypoint.Web.Govuk;

/// <summary>
/// What a GOV.UK date input posts: day, month and year as typed. Bound as <c>Name.Day</c>, <c>Name.Month</c> and
/// <c>Name.Year</c>; <see cref="Check"/> gives the GOV.UK error message for what is missing or wrong.
/// </summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public static DateParts From(DateOnly date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };

    public DateOnly? Date =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    /// <summary>Null for a real date; otherwise the GOV.UK message ("Enter the date ...", "... must include a month", "... must be a real date").</summary>
    public string? Check(string what)
    {
        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        var capital = char.ToUpperInvariant(what[0]) + what[1..];
        if (missing.Count == 3) return $"Enter {what}";
        if (missing.Count > 0) return $"{capital} must include a {string.Join(" and ", missing)}";
        if (Year!.Trim().Length != 4) return $"Year must include 4 numbers";
        return Date is null ? $"{capital} must be a real date" : null;
    }
}
