namespace Waypoint.Core.Rules;

/// <summary>School-year dates the statutory clock needs.</summary>
public static class SchoolYear
{
    /// <summary>
    /// Year 9 as a year group: pupils are placed by their age on 31 August, so it is the year from 1 September in
    /// which the person turns 14. SEN2 and CIN carry no actual year group, so this is always the fallback of domain.md.
    /// </summary>
    public static (DateOnly Start, DateOnly End) Year9(DateOnly dateOfBirth, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var turns14 = policy.Turns(dateOfBirth, 14);
        var startYear = turns14.Month >= 9 ? turns14.Year : turns14.Year - 1;
        return (new DateOnly(startYear, 9, 1), new DateOnly(startYear + 1, 8, 31));
    }

    /// <summary>
    /// The day compulsory school age ends (Education Act 1996 s.8(3)): the school leaving date, the last Friday in
    /// June (Education (School Leaving Date) Order 1997), of the school year in which the person turns 16. The Act's
    /// school year (s.579) runs from the start of the autumn term, so a birthday between 1 September and that day
    /// still belongs to the year that ended in June, and the person may leave before turning 16.
    /// </summary>
    public static DateOnly CompulsorySchoolAgeEnds(DateOnly dateOfBirth, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var turns16 = policy.Turns(dateOfBirth, 16);
        // s.8(3)(a)-(c): a birthday before the autumn term starts belongs to the school year that ends that summer.
        return turns16 < policy.AutumnTermStart(turns16.Year) ? LastFridayInJune(turns16.Year) : LastFridayInJune(turns16.Year + 1);
    }

    public static DateOnly LastFridayInJune(int year)
    {
        var last = new DateOnly(year, 6, 30);
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Friday + 7) % 7));
    }
}
