namespace Waypoint.Core.People;

/// <summary>Where a 29 February birthday falls in a year that has none: local policy (domain.md; default 1 March).</summary>
public enum LeapDayBirthday
{
    FirstMarch,
    TwentyEighthFebruary,
}

/// <summary>
/// Age in whole years. A person attains an age at the start of the birthday (Family Law Reform Act 1969 s.9).
/// </summary>
public static class Age
{
    public static int On(DateOnly dateOfBirth, DateOnly asOf, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        var years = asOf.Year - dateOfBirth.Year;
        return asOf < Birthday(dateOfBirth, asOf.Year, leapDay) ? years - 1 : years;
    }

    /// <summary>The date a person turns <paramref name="years"/> old.</summary>
    public static DateOnly Turns(DateOnly dateOfBirth, int years, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch) =>
        Birthday(dateOfBirth, dateOfBirth.Year + years, leapDay);

    private static DateOnly Birthday(DateOnly dateOfBirth, int year, LeapDayBirthday leapDay) =>
        dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? leapDay == LeapDayBirthday.FirstMarch ? new DateOnly(year, 3, 1) : new DateOnly(year, 2, 28)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);

    /// <summary>The tracker's age bands (domain.md), or null outside 13-25.</summary>
    public static string? Band(int age) => age switch
    {
        >= 13 and <= 15 => "13-15",
        >= 16 and <= 17 => "16-17",
        >= 18 and <= 21 => "18-21",
        >= 22 and <= 25 => "22-25",
        _ => null,
    };

    public static readonly IReadOnlyList<string> Bands = ["13-15", "16-17", "18-21", "22-25"];
}
