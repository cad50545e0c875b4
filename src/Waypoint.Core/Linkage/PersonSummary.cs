using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>
/// The details shown for a person, derived from their linked records: the most common date of birth, sex and
/// ethnicity, and the name and postcode of the most recently imported record that has them.
/// </summary>
internal static class PersonSummary
{
    public static void Apply(Person person, IReadOnlyList<SourceRecord> records)
    {
        var latestFirst = records.OrderByDescending(r => r.LastSeenBatchId).ThenByDescending(r => r.Id).ToList();
        var named = latestFirst.FirstOrDefault(r => r.Forename is not null || r.Surname is not null);
        person.Forename = named?.Forename;
        person.Surname = named?.Surname;
        person.DateOfBirth = MostCommon(records.Select(r => r.DateOfBirth));
        person.Sex = MostCommon(records.Select(r => r.Sex is "U" ? null : r.Sex)) ?? MostCommon(records.Select(r => r.Sex));
        person.Ethnicity = MostCommon(records.Select(r => r.Ethnicity));
        person.Postcode = latestFirst.Select(r => r.Postcode).FirstOrDefault(p => p is not null);
    }

    /// <summary>The most frequent non-null value; a tie goes to the value seen first (the oldest record).</summary>
    private static T? MostCommon<T>(IEnumerable<T?> values)
    {
        var counts = new List<(T Value, int Count)>();
        foreach (var value in values)
        {
            if (value is null) continue;
            var at = counts.FindIndex(c => EqualityComparer<T>.Default.Equals(c.Value, value));
            if (at < 0) counts.Add((value, 1));
            else counts[at] = (value, counts[at].Count + 1);
        }
        return counts.Count == 0 ? default : counts.MaxBy(c => c.Count).Value;
    }
}
