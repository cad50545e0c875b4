namespace Waypoint.Forecasting.Likelihood;

/// <summary>
/// What the likelihood predicts: long-term adult social care starting no later than a year after the 18th birthday
/// (Care Act 2014 s.58 looks to needs "after becoming 18"; a year allows for assessment and the first service).
/// </summary>
public static class LikelihoodOutcome
{
    /// <summary>
    /// Received adult care within a year of turning 18. A start recorded before the 18th birthday (adult care cannot
    /// begin before 18, so a recording error or an early handover) still counts: the person did receive adult care by 19,
    /// and dropping them would hide the people most clearly in need.
    /// </summary>
    public static bool ReceivedCare(ForecastPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.AdultCare is { } care && care.Started <= person.Turns18.AddYears(1);
    }

    /// <summary>
    /// The outcome is known on <paramref name="asOf"/>: the year after 18 is over. Only people known to children's
    /// services count; those who are not had no features by 16 and reach adult care outside the pipeline (the demand
    /// forecast's inflow), so they would only blur what the features say.
    /// </summary>
    public static bool Known(ForecastPerson person, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.KnownToChildrensServices && person.Turns18.AddYears(1) <= asOf;
    }
}
