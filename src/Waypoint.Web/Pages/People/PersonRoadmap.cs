using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Routes;
using Waypoint.Web.Forecasts;

namespace Waypoint.Web.Pages.People;

/// <summary>
/// One young person's roadmap (issue 9, domain.md "Roadmap"): where people of their need group in the council's
/// history were at 18, 21 and 25, from where this young person is now, read from the fitted route model (never refitted
/// per request). <see cref="Roadmap"/> is null when they are not in the forecasting history (no date of birth, or
/// outside 14 to 25).
/// </summary>
public sealed record PersonRoadmap(
    long PersonId, string Reference, string DisplayName, string FirstName, int? Age, RouteState? Now, int? NowAtAge, Roadmap? Roadmap)
{
    /// <summary>The routes at one age that anyone took, biggest share first, those withheld last (in the model's order).</summary>
    public static IEnumerable<RouteShare> Taken(RoadmapAge age)
    {
        ArgumentNullException.ThrowIfNull(age);
        return age.Shares.Where(s => s.WithheldBecause is not null || s.Share > 0)
            .OrderBy(s => s.WithheldBecause is null ? 0 : 1).ThenByDescending(s => s.Share ?? 0);
    }

    public static async Task<PersonRoadmap?> LoadAsync(
        WaypointDbContext db, ForecastCache forecasts, RulesPolicy policy, string council, string reference, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(policy);
        var person = await db.People.AsNoTracking().Where(p => p.CouncilCode == council && p.Reference == reference)
            .Select(p => new { p.Id, p.Reference, p.Forename, p.Surname, p.DateOfBirth }).SingleOrDefaultAsync(cancellationToken);
        if (person is null) return null;
        var childId = await db.RecordLinks.Where(l => l.PersonId == person.Id)
            .Join(db.SourceIdentifiers.Where(i => i.Kind == IdentifierKind.CouncilChildId), l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => i.Value)
            .OrderBy(v => v).FirstOrDefaultAsync(cancellationToken);
        var name = Core.People.DisplayName.Of(person.Forename, person.Surname, childId, person.Reference);
        var firstName = string.IsNullOrWhiteSpace(person.Forename) ? name : person.Forename.Trim();
        int? age = person.DateOfBirth is { } born ? Core.People.Age.On(born, asOf, policy.LeapDayBirthdays) : null;

        var fitted = await forecasts.FittedAsync(db, council, asOf, cancellationToken);
        if (fitted.Person(person.Id) is not { } seen || age is not { } years)
            return new PersonRoadmap(person.Id, person.Reference, name, firstName, age, null, null, null);
        // Where they are now: their route at the last roadmap age they have reached, when the records show it.
        var reached = ForecastPerson.RouteAges.Where(a => a <= years).Select(a => (int?)a).LastOrDefault();
        RouteState? now = reached is { } at && seen.Routes.TryGetValue(at, out var state) ? state : null;
        return new PersonRoadmap(person.Id, person.Reference, name, firstName, years, now, now is null ? null : reached,
            fitted.Routes.RoadmapFor(seen.NeedGroup, years, now));
    }
}
