using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Insight;

/// <summary>The young people aged 14 to 17 on a day whose current children's placements cost more than <see cref="AboveAYear"/> a year, by age.</summary>
public sealed record HighCostCases(DateOnly AsOf, decimal AboveAYear, IReadOnlyList<CountedRow> ByAge, Counted Total);

/// <summary>
/// The cost-band table of the young adults aged 18 to 25 with long-term adult social care on a day, the people in each
/// band (in the order of <see cref="CostBands.Bands"/>), and those whose services have no weekly cost recorded.
/// </summary>
public sealed record CostBandsOnADay(DateOnly AsOf, CostBandTable Table, IReadOnlyList<CountedRow> PeopleByBand, Counted CostNotKnown);

/// <summary>What the young people's care costs, for the board (domain.md "Measures": high-cost cases by age, cost bands; issue 8).</summary>
public static class CostMeasures
{
    /// <summary>The ages a children's placement is counted at: the transition years before 18.</summary>
    public static readonly IReadOnlyList<int> HighCostAges = [14, 15, 16, 17];

    /// <summary>
    /// High-cost cases by age: the young people of the council aged 14 to 17 on <paramref name="asOf"/> (only
    /// <paramref name="people"/> when given) whose children's placements current that day (from the council's placement
    /// costs spreadsheet) cost more than <paramref name="aboveAYear"/> a year between them, at 52 weeks a year: the
    /// council's high-cost threshold (<see cref="RulesPolicy.HighCostPerYear"/>, 50,000 unless set; Dorset's report counts
    /// placements above 50,000 a year). A placement is current from its start to its end date, both included.
    /// </summary>
    public static async Task<HighCostCases> HighCostCasesAsync(
        WaypointDbContext db, string council, DateOnly asOf, IReadOnlySet<long>? people, CancellationToken cancellationToken,
        decimal? aboveAYear = null, LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        var threshold = aboveAYear ?? new RulesPolicy().HighCostPerYear;
        var (earliest, latest) = Birthdays.BornAged(HighCostAges[0], HighCostAges[^1], asOf);
        // The current placements are read once a day (and after each import) for every scope: ImportedFacts.
        var placements = await ImportedFacts.GetAsync(db, council, $"placements-on-{asOf:yyyy-MM-dd}", async ct => (IReadOnlyList<CostOfAPerson>)await db.ChildPlacementCosts.AsNoTracking()
            .Where(c => c.CouncilCode == council && c.StartDate <= asOf && (c.EndDate == null || c.EndDate >= asOf))
            .Join(db.RecordLinks.Where(l => l.CouncilCode == council), c => c.SourceRecordId, l => l.SourceRecordId, (c, l) => new { l.PersonId, c.WeeklyCost })
            .Join(db.People.Where(p => p.DateOfBirth >= earliest && p.DateOfBirth <= latest), x => x.PersonId, p => p.Id, (x, p) => new CostOfAPerson(x.PersonId, p.DateOfBirth!.Value, x.WeeklyCost))
            .ToListAsync(ct), cancellationToken);
        var highCost = placements.Where(x => people is null || people.Contains(x.PersonId))
            .GroupBy(x => (x.PersonId, Age: Age.On(x.DateOfBirth, asOf, leapDay)))
            .Where(g => HighCostAges.Contains(g.Key.Age) && g.Sum(x => x.WeeklyCost) * CostBands.WeeksInAYear > threshold)
            .Select(g => g.Key).ToList();
        return new HighCostCases(asOf, threshold,
            [.. HighCostAges.Select(a => new CountedRow(a.ToString(CultureInfo.InvariantCulture), new(highCost.Where(h => h.Age == a).Select(h => h.PersonId))))],
            new(highCost.Select(h => h.PersonId)));
    }

    /// <summary>One current placement or service of a young person, with their date of birth and its weekly cost.</summary>
    private sealed record CostOfAPerson(long PersonId, DateOnly DateOfBirth, decimal? WeeklyCost);

    /// <summary>The service types of long-term adult social care, in the CLD's release 2 spelling (formats.md section 4).</summary>
    private const string LongTermSupport = "Long term support:";

    /// <summary>The ages of the young adults in the cost-band table (domain.md: Dorset's table is of adults aged 18-25).</summary>
    public const int YoungAdultFrom = 18;

    public const int YoungAdultTo = 25;

    /// <summary>
    /// People and cost by weekly cost band (<see cref="CostBands"/>): the young adults of the council aged 18 to 25 on
    /// <paramref name="asOf"/> (only <paramref name="people"/> when given) receiving long-term adult social care that day,
    /// from the adult social care Client Level Data: service events whose service type is long-term support (community,
    /// residential, nursing or prison), current from the event's start to its end date, both included. Each person's
    /// weekly cost is the sum of the weekly costs of their current long-term services (unit cost x planned units a week).
    /// Someone none of whose current services has a weekly cost is in <see cref="CostBandsOnADay.CostNotKnown"/>, not in
    /// the table: counting them at 0 would put them in the lowest band.
    /// </summary>
    public static async Task<CostBandsOnADay> CostBandsAsync(
        WaypointDbContext db, string council, DateOnly asOf, IReadOnlySet<long>? people, CancellationToken cancellationToken,
        LeapDayBirthday leapDay = LeapDayBirthday.FirstMarch)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (earliest, latest) = Birthdays.BornAged(YoungAdultFrom, YoungAdultTo, asOf);
        var services = await ImportedFacts.GetAsync(db, council, $"long-term-services-on-{asOf:yyyy-MM-dd}", async ct => (IReadOnlyList<CostOfAPerson>)await db.AdultCareEvents.AsNoTracking()
            .Where(e => e.CouncilCode == council && e.EventType == "Service" && e.ServiceType != null && e.ServiceType.StartsWith(LongTermSupport)
                && e.StartDate <= asOf && (e.EndDate == null || e.EndDate >= asOf))
            .Join(db.RecordLinks.Where(l => l.CouncilCode == council), e => e.SourceRecordId, l => l.SourceRecordId, (e, l) => new { l.PersonId, e.WeeklyCost })
            .Join(db.People.Where(p => p.DateOfBirth >= earliest && p.DateOfBirth <= latest), x => x.PersonId, p => p.Id, (x, p) => new CostOfAPerson(x.PersonId, p.DateOfBirth!.Value, x.WeeklyCost))
            .ToListAsync(ct), cancellationToken);
        var byPerson = services
            .Where(x => Age.On(x.DateOfBirth, asOf, leapDay) is >= YoungAdultFrom and <= YoungAdultTo && (people is null || people.Contains(x.PersonId)))
            .GroupBy(x => x.PersonId)
            .Select(g => (Person: g.Key, Weekly: g.Any(x => x.WeeklyCost is not null) ? g.Sum(x => x.WeeklyCost ?? 0m) : (decimal?)null))
            .ToList();
        var costed = byPerson.Where(p => p.Weekly is not null).Select(p => (p.Person, Weekly: p.Weekly!.Value)).ToList();
        return new CostBandsOnADay(asOf, CostBands.Of(costed.Select(p => p.Weekly)),
            [.. CostBands.Bands.Select(b => new CountedRow(b, new(costed.Where(p => CostBands.BandOf(p.Weekly) == b).Select(p => p.Person))))],
            new(byPerson.Where(p => p.Weekly is null).Select(p => p.Person)));
    }
}
