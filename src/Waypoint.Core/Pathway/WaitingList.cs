using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>How the waiting list is read.</summary>
public enum WaitingListSort
{
    /// <summary>Who should be assessed next: the most urgent first, then the oldest (nearest to 18, or past it).</summary>
    Priority,

    /// <summary>Who has waited longest since their referral was received.</summary>
    WaitedLongest,
}

/// <summary>One young person waiting for a first transition assessment.</summary>
public sealed record WaitingEntry(
    string Reference, string DisplayName, DateOnly? DateOfBirth, int? Age, ReferralUrgency Urgency, DateOnly ReceivedOn, int DaysWaited,
    ReferralSource Source, string? Referrer, string ReasonInBrief, string? NamedWorker, int Version)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long PersonId { get; init; }
}

/// <summary>How many are waiting, by age on the day (the bands Dorset reports its waiting list in), and the longest wait.</summary>
public sealed record WaitingSummary(int Waiting, IReadOnlyList<WaitingAgeBand> ByAge, WaitingEntry? LongestWait);

public sealed record WaitingAgeBand(string Label, int Waiting);

public sealed record WaitingListView(DateOnly AsOf, WaitingListSort Sort, WaitingSummary Summary, IReadOnlyList<WaitingEntry> Entries);

/// <summary>
/// The waiting list for a transition assessment: every case at "referred", which is waiting for its first assessment
/// (Care Act 2014 s.58). A manager reads it by priority to choose who is assessed next, and by wait to see who has
/// waited longest and why (domain.md: Dorset's list of 93, about 13 months to clear).
/// </summary>
public static class WaitingList
{
    /// <summary>The age bands of the summary: Dorset's figures count 17, 16, 15 and "the rest younger"; 18+ shows who has passed 18 still waiting.</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["14 and under", "15", "16", "17", "18 and over"];

    public const string AgeNotKnown = "Age not known";

    public static async Task<WaitingListView> GetAsync(WaypointDbContext db, string council, DateOnly asOf, WaitingListSort sort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = await db.TransitionsCases.AsNoTracking().Where(c => c.CouncilCode == council && c.Stage == TransitionsStage.Referred)
            .Select(c => new { c.PersonId, c.Version, c.NamedWorker, Referral = c.Referrals.OrderByDescending(r => r.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var people = await CasePeople.OfAsync(db, waiting.Select(w => w.PersonId), cancellationToken);
        var entries = waiting.Where(w => w.Referral is not null).Select(w =>
        {
            var person = people[w.PersonId];
            var r = w.Referral!;
            return new WaitingEntry(
                person.Reference, person.DisplayName, person.DateOfBirth, person.DateOfBirth is { } born ? People.Age.On(born, asOf) : null, r.Urgency, r.ReceivedOn,
                Math.Max(0, asOf.DayNumber - r.ReceivedOn.DayNumber), r.Source, r.Referrer, Brief(r.Reason), w.NamedWorker, w.Version)
            { PersonId = w.PersonId };
        }).ToList();
        var ordered = Order(entries, sort);
        return new WaitingListView(asOf, sort, Summarise(ordered), ordered);
    }

    /// <summary>
    /// Priority: urgent, then soon, then routine; within each, the oldest young person first, because the nearer they
    /// are to 18 the sooner a gap in support opens (no fixed age applies: Care Act 2014 s.58). People whose date of birth
    /// is not known come after those whose age is, then the longest wait. Waited longest: the earliest referral first.
    /// </summary>
    public static IReadOnlyList<WaitingEntry> Order(IEnumerable<WaitingEntry> entries, WaitingListSort sort)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byPriority = entries
            .OrderByDescending(e => e.Urgency)
            .ThenBy(e => e.DateOfBirth is null)
            .ThenBy(e => e.DateOfBirth)
            .ThenBy(e => e.ReceivedOn)
            .ThenBy(e => e.Reference, StringComparer.Ordinal);
        return sort == WaitingListSort.WaitedLongest
            ? [.. byPriority.OrderBy(e => e.ReceivedOn)] // stable: ties keep their priority order
            : [.. byPriority];
    }

    public static WaitingSummary Summarise(IReadOnlyCollection<WaitingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var bands = AgeBands.Select(b => new WaitingAgeBand(b, entries.Count(e => e.Age is { } age && Band(age) == b))).ToList();
        var unknown = entries.Count(e => e.Age is null);
        if (unknown > 0) bands.Add(new WaitingAgeBand(AgeNotKnown, unknown));
        var longest = entries.OrderByDescending(e => e.DaysWaited).ThenByDescending(e => e.Urgency).ThenBy(e => e.DateOfBirth is null).ThenBy(e => e.DateOfBirth).FirstOrDefault();
        return new WaitingSummary(entries.Count, bands, longest);
    }

    public static string Band(int age) => age switch
    {
        <= 14 => AgeBands[0],
        15 => AgeBands[1],
        16 => AgeBands[2],
        17 => AgeBands[3],
        _ => AgeBands[4],
    };

    /// <summary>A reason in brief for a list: on one line, cut at a word near <paramref name="length"/> characters.</summary>
    public static string Brief(string reason, int length = 120)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var line = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= length) return line;
        var cut = line.LastIndexOf(' ', length);
        return (cut > length / 2 ? line[..cut] : line[..length]).TrimEnd(' ', ',', ';', '.', ':') + "...";
    }

    /// <summary>A wait in words: days for the first fortnight, then weeks.</summary>
    public static string Waited(int days) => days switch
    {
        0 => "Received today",
        1 => "1 day",
        < 14 => $"{days} days",
        _ => $"{days / 7} weeks",
    };
}
