using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Insight;

/// <summary>
/// What the care leavers at one age (or at 19 to 21) were doing around their birthday, from the 903 OC3: in education,
/// employment or training or not, or not known; in suitable accommodation or not, or not known. "Not known" includes
/// those the council was not in touch with (<see cref="NotInTouch"/>), who are not counted as not in education,
/// employment or training, nor as unsuitably housed.
/// </summary>
public sealed record CareLeaverOutcomes(
    string Label, Counted CareLeavers, Counted NotInTouch, Counted InEducationEmploymentOrTraining, Counted NotInEducationEmploymentOrTraining,
    Counted ActivityNotKnown, Counted SuitablyAccommodated, Counted NotSuitablyAccommodated, Counted AccommodationNotKnown)
{
    /// <summary>Of those whose activity is known, the share in education, employment or training.</summary>
    public Share InEducationEmploymentOrTrainingShare =>
        new(InEducationEmploymentOrTraining, new(InEducationEmploymentOrTraining.People.Concat(NotInEducationEmploymentOrTraining.People)));

    /// <summary>Of those whose accommodation is known, the share in suitable accommodation.</summary>
    public Share SuitablyAccommodatedShare => new(SuitablyAccommodated, new(SuitablyAccommodated.People.Concat(NotSuitablyAccommodated.People)));
}

/// <summary>The care leavers who turned 19, 20 or 21 in the period: at each age, and all three together.</summary>
public sealed record CareLeaversAt19To21(CalendarMonth From, CalendarMonth To, IReadOnlyList<CareLeaverOutcomes> ByAge, CareLeaverOutcomes All);

/// <summary>Care leavers at 19 to 21 in education, employment or training and in suitable accommodation (domain.md "Measures"; issue 8).</summary>
public static class CareLeaverMeasures
{
    public static readonly IReadOnlyList<int> Ages = [19, 20, 21];

    /// <summary>OC3 ACTIV codes of education, employment or training (formats.md: F1-P5; F3 and P3 are retired codes of the same).</summary>
    private static readonly HashSet<string> InEducationEmploymentOrTraining = ["F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"];

    /// <summary>OC3 ACTIV codes of not in education, employment or training: G4 illness or disability, G5 other reasons, G6 pregnancy or parenting.</summary>
    private static readonly HashSet<string> NotInEducationEmploymentOrTraining = ["G4", "G5", "G6"];

    /// <summary>
    /// The care leavers of the council who turned 19, 20 or 21 in the period (only the scope's young people when it names
    /// them), with what their 903 return's OC3 says of them around that birthday. The OC3 is made for each care leaver
    /// who had a 17th to 21st birthday in the return's collection year (1 April to 31 March), and says whether the council
    /// was in touch, their activity and their accommodation (suitable or not, as the council judged it) around that
    /// birthday (Children Act 1989 s.23C: the council keeps in touch with a former relevant child to 21). A 903 file has
    /// no year in it, so the collection year is worked out from the file: the year ending on the first 31 March on or
    /// after its latest episode date (a return for 2024-25 has episodes to 31 March 2025 at the latest; an extract made
    /// during a year, to its day). A young person with OC3s in more than one return counts once, at the latest birthday
    /// in the period. A care leaver who has died is not counted.
    /// </summary>
    public static async Task<CareLeaversAt19To21> At19To21Async(
        WaypointDbContext db, MeasureScope scope, CancellationToken cancellationToken, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (first, last) = (scope.From.FirstDay, scope.To.LastDay);
        // Only those born to turn 19 to 21 in the period: the others' OC3s cannot count.
        var (earliest, latest) = (Birthdays.BornAround(Ages[^1], first, last).Earliest, Birthdays.BornAround(Ages[0], first, last).Latest);
        var contacts = (await ContactsAsync(db, scope.Council, cancellationToken)).Where(c => c.DateOfBirth >= earliest && c.DateOfBirth <= latest);

        var counted = contacts
            .Where(c => scope.Counts(c.PersonId) && c.InTouch != "DIED")
            .Select(c =>
            {
                var age = Age.On(c.DateOfBirth, c.CollectionYearEnd, leapDay);
                return (c.PersonId, Age: age, Birthday: Age.Turns(c.DateOfBirth, age, leapDay), c.Id, c.InTouch, c.Activity, c.Accommodation);
            })
            .Where(c => Ages.Contains(c.Age) && c.Birthday >= first && c.Birthday <= last)
            .GroupBy(c => c.PersonId)
            .Select(g => g.OrderByDescending(c => c.Birthday).ThenByDescending(c => c.Id).First())
            .ToList();

        CareLeaverOutcomes Outcomes(string label, IReadOnlyCollection<(long PersonId, int Age, DateOnly Birthday, long Id, string? InTouch, string? Activity, string? Accommodation)> leavers)
        {
            Counted Where(Func<(string? InTouch, string? Activity, string? Accommodation), bool> test) =>
                new(leavers.Where(l => test((l.InTouch, l.Activity, l.Accommodation))).Select(l => l.PersonId));
            static bool InTouch(string? inTouch) => inTouch == "YES";
            static char? Suitable(string? accommodation) => accommodation is { Length: 2 } a && char.IsLetter(a[0]) ? a[1] : null;
            return new CareLeaverOutcomes(label, new(leavers.Select(l => l.PersonId)),
                Where(l => !InTouch(l.InTouch)),
                Where(l => InTouch(l.InTouch) && l.Activity is { } a && InEducationEmploymentOrTraining.Contains(a)),
                Where(l => InTouch(l.InTouch) && l.Activity is { } a && NotInEducationEmploymentOrTraining.Contains(a)),
                Where(l => !InTouch(l.InTouch) || l.Activity is not { } a || !(InEducationEmploymentOrTraining.Contains(a) || NotInEducationEmploymentOrTraining.Contains(a))),
                Where(l => InTouch(l.InTouch) && Suitable(l.Accommodation) == '1'),
                Where(l => InTouch(l.InTouch) && Suitable(l.Accommodation) == '2'),
                Where(l => !InTouch(l.InTouch) || Suitable(l.Accommodation) is not ('1' or '2')));
        }

        return new CareLeaversAt19To21(scope.From, scope.To,
            [.. Ages.Select(a => Outcomes($"Aged {a}", [.. counted.Where(c => c.Age == a)]))],
            Outcomes("Aged 19 to 21", counted));
    }

    /// <summary>An OC3 of a care leaver with a date of birth, and the last day of its return's collection year.</summary>
    internal sealed record Contact(long Id, long PersonId, DateOnly DateOfBirth, DateOnly CollectionYearEnd, string? InTouch, string? Activity, string? Accommodation);

    /// <summary>
    /// Every OC3 of the council's care leavers, each with its 903 file's collection year, by the file's latest episode
    /// date. Working that out reads every care episode of the council, so the rows are kept until the next import
    /// (<see cref="ImportedFacts"/>).
    /// </summary>
    internal static Task<IReadOnlyList<Contact>> ContactsAsync(WaypointDbContext db, string council, CancellationToken cancellationToken) =>
        ImportedFacts.GetAsync(db, council, "care-leaver-contacts", async ct =>
        {
            var records = db.SourceRecords.Where(r => r.CouncilCode == council && r.Format == SourceFormat.Ssda903);
            var episodeDates = await db.CareEpisodes.Where(e => e.CouncilCode == council)
                .Join(records, e => e.SourceRecordId, r => r.Id, (e, r) => new { r.FileName, e.StartDate, e.EndDate })
                .GroupBy(x => x.FileName)
                .Select(g => new { FileName = g.Key, Started = g.Max(x => x.StartDate), Ended = g.Max(x => x.EndDate) })
                .ToListAsync(ct);
            var yearEnds = episodeDates.ToDictionary(f => f.FileName, f => CollectionYearEnd(f.Ended is { } ended && ended > f.Started ? ended : f.Started));
            var contacts = await db.CareLeaverContacts.AsNoTracking().Where(c => c.CouncilCode == council)
                .Join(records, c => c.SourceRecordId, r => r.Id, (c, r) => new { c.Id, c.SourceRecordId, r.FileName, c.InTouch, c.Activity, c.Accommodation })
                .Join(db.RecordLinks.Where(l => l.CouncilCode == council), x => x.SourceRecordId, l => l.SourceRecordId,
                    (x, l) => new { x.Id, x.FileName, x.InTouch, x.Activity, x.Accommodation, l.PersonId })
                .Join(db.People.Where(p => p.DateOfBirth != null), x => x.PersonId, p => p.Id, (x, p) => new { x.Id, x.FileName, x.InTouch, x.Activity, x.Accommodation, x.PersonId, p.DateOfBirth })
                .ToListAsync(ct);
            // A file with no episodes has no collection year to place its OC3s in.
            return (IReadOnlyList<Contact>)[.. contacts.Where(c => yearEnds.ContainsKey(c.FileName))
                .Select(c => new Contact(c.Id, c.PersonId, c.DateOfBirth!.Value, yearEnds[c.FileName], c.InTouch, c.Activity, c.Accommodation))];
        }, cancellationToken);

    /// <summary>The last day of the 903 collection year (1 April to 31 March) a date falls in.</summary>
    public static DateOnly CollectionYearEnd(DateOnly date) => new(date.Month > 3 ? date.Year + 1 : date.Year, 3, 31);
}
