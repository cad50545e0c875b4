namespace Waypoint.Forecasting.Demand;

/// <summary>The council's financial year, named by the calendar year it starts in (1 April to 31 March).</summary>
public static class FinancialYear
{
    public static int Of(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static DateOnly Start(int year) => new(year, 4, 1);

    /// <summary>The last financial year wholly past at the end of <paramref name="day"/>.</summary>
    public static int LastComplete(DateOnly day) => Of(day.AddDays(1)) - 1;
}
