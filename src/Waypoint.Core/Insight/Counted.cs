using System.Globalization;
using Waypoint.Core.People;

namespace Waypoint.Core.Insight;

/// <summary>
/// A number on the board report with who is behind it: the ids of the young people counted, one for each thing counted
/// (a young person whose case went to two panel meetings is listed twice), in order, so the dashboard can list the
/// people behind the number for those allowed to see them.
/// </summary>
public sealed record Counted
{
    public Counted(IEnumerable<long> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        People = [.. people.Order()];
    }

    public IReadOnlyList<long> People { get; }

    public int Count => People.Count;

    public static Counted None { get; } = new([]);
}

/// <summary>A labelled row of a measure's table: an age, a band, a decision, and who is in it.</summary>
public sealed record CountedRow(string Label, Counted Counted);

/// <summary>
/// <see cref="Of"/> out of <see cref="OutOf"/>. With no one to count the share is not 0%: there is no share at all, and
/// <see cref="Percent"/> is null (shown as "No one to count").
/// </summary>
public sealed record Share(Counted Of, Counted OutOf)
{
    public const string NoOneToCount = "No one to count";

    /// <summary>The share in per cent to one decimal place (halves away from zero), or null when there is no one to count.</summary>
    public decimal? Percent => OutOf.Count == 0 ? null : Math.Round(100m * Of.Count / OutOf.Count, 1, MidpointRounding.AwayFromZero);

    public string Text => Percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : NoOneToCount;
}

/// <summary>A share in one calendar month of a period.</summary>
public sealed record MonthShare(CalendarMonth Month, Share Share);

/// <summary>Splitting a period's records by calendar month, every month shown, with nothing where nothing happened.</summary>
internal static class MonthByMonth
{
    public static IReadOnlyList<T> Each<TItem, T>(
        IReadOnlyList<CalendarMonth> months, IEnumerable<TItem> items, Func<TItem, DateOnly> date, Func<CalendarMonth, IReadOnlyList<TItem>, T> result)
    {
        var byMonth = items.GroupBy(i => CalendarMonth.Of(date(i))).ToDictionary(g => g.Key, g => (IReadOnlyList<TItem>)[.. g]);
        return [.. months.Select(m => result(m, byMonth.GetValueOrDefault(m) ?? []))];
    }
}

/// <summary>Who is born to turn an age within a stretch of days, by the council's rule for 29 February birthdays.</summary>
internal static class Birthdays
{
    /// <summary>
    /// The dates of birth to ask the database for: a day wider on each side than the exact range, so a 29 February
    /// birthday kept on 28 February or 1 March is never missed; <see cref="TurnsWithin"/> then says exactly.
    /// </summary>
    public static (DateOnly Earliest, DateOnly Latest) BornAround(int years, DateOnly first, DateOnly last) =>
        (first.AddYears(-years).AddDays(-1), last.AddYears(-years).AddDays(1));

    /// <summary>
    /// The dates of birth of those aged <paramref name="from"/> to <paramref name="to"/> on <paramref name="asOf"/>, a day
    /// wider on each side for the same reason as <see cref="BornAround"/>: the age on the day then says exactly. A measure
    /// of one day asks the database for these only, not for everyone.
    /// </summary>
    public static (DateOnly Earliest, DateOnly Latest) BornAged(int from, int to, DateOnly asOf) =>
        (asOf.AddYears(-(to + 1)).AddDays(-1), asOf.AddYears(-from).AddDays(1));

    public static bool TurnsWithin(DateOnly dateOfBirth, int years, DateOnly first, DateOnly last, LeapDayBirthday leapDay) =>
        Age.Turns(dateOfBirth, years, leapDay) is var birthday && birthday >= first && birthday <= last;
}
