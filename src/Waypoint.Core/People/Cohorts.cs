using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.People;

/// <summary>The cohorts of domain.md ("Cohorts, scope and roles"), by the names used in output and filters.</summary>
public static class Cohort
{
    public const string LookedAfter = "looked-after";
    public const string CareLeaver = "care-leaver";
    public const string EhcPlan = "ehc-plan";
    public const string ChildInNeedWithDisability = "cin-disability";
    public const string AdultSocialCare = "adult-social-care";

    /// <summary>The cohorts in the order and words a practitioner reads them.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        (LookedAfter, "Looked after"), (CareLeaver, "Care leaver"), (EhcPlan, "EHC plan"),
        (ChildInNeedWithDisability, "Child in need with a disability"), (AdultSocialCare, "Known to adult social care"),
    ];

    public static string Label(string id) => All.FirstOrDefault(c => c.Id == id).Label ?? id;

    /// <summary>
    /// Each person's cohort flags as of a date, from the data alone. Care leavers are the people the statutory clock
    /// found eligible, relevant, former relevant or qualifying (<see cref="Rules.CareLeaver"/>), passed in by the caller,
    /// which has worked out care-leaver status anyway.
    /// </summary>
    public static async Task<Dictionary<long, SortedSet<string>>> FlagsAsync(
        WaypointDbContext db, string council, DateOnly asOf, IEnumerable<long> careLeavers, CancellationToken cancellationToken, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(careLeavers);
        var flags = new Dictionary<long, SortedSet<string>>();
        void Add(IEnumerable<long> people, string cohort)
        {
            foreach (var person in people)
            {
                if (!flags.TryGetValue(person, out var set)) flags[person] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(cohort);
            }
        }

        // One person's flags (a person page) or everyone's (the tracker).
        var links = db.RecordLinks.Where(l => l.CouncilCode == council && (personId == null || l.PersonId == personId));

        Add(await db.CareEpisodes.Join(links, e => e.SourceRecordId, l => l.SourceRecordId, (e, l) => new { e, l.PersonId })
            .Where(x => x.e.StartDate <= asOf && (x.e.EndDate == null || x.e.EndDate > asOf))
            .Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken), LookedAfter);
        Add(careLeavers, CareLeaver);

        Add(await db.EhcPlans.Join(links, p => p.SourceRecordId, l => l.SourceRecordId, (p, l) => new { p, l.PersonId })
            .Where(x => (x.p.StartDate == null || x.p.StartDate <= asOf) && (x.p.CeaseDate == null || x.p.CeaseDate >= asOf))
            .Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken), EhcPlan);
        Add(await db.EhcActivePlans.Join(links, a => a.SourceRecordId, l => l.SourceRecordId, (a, l) => new { a, l.PersonId })
            .Where(x => !db.EhcPlans.Any(p => p.RequestId == x.a.RequestId && p.CeaseDate != null && p.CeaseDate < asOf))
            .Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken), EhcPlan);

        Add(await db.ChildDisabilities.Join(links, d => d.SourceRecordId, l => l.SourceRecordId, (d, l) => new { d.Code, l.PersonId })
            .Where(x => x.Code != "NONE").Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken), ChildInNeedWithDisability);
        Add(await db.CinReferrals.Join(links, r => r.SourceRecordId, l => l.SourceRecordId, (r, l) => new { r.PrimaryNeedCode, l.PersonId })
            .Where(x => x.PrimaryNeedCode == "N2").Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken), ChildInNeedWithDisability);

        Add(await db.AdultCareEvents.Join(links, e => e.SourceRecordId, l => l.SourceRecordId, (e, l) => l.PersonId)
            .Distinct().ToListAsync(cancellationToken), AdultSocialCare);
        return flags;
    }
}
