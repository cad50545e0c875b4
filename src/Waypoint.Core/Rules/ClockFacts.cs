using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;

namespace Waypoint.Core.Rules;

/// <summary>
/// Gathers what the statutory clock reads, for a whole council (one query per table, only the columns it needs) or
/// for one person. The same facts drive the CLI, the tracker and the person page.
/// </summary>
public static class ClockFacts
{
    public static Task<Dictionary<long, PersonFacts>> LoadAsync(
        WaypointDbContext db, string council, CancellationToken cancellationToken, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Task.Run(() => personId is { } id ? LoadPerson(db, council, id, cancellationToken) : LoadCouncil(db, council, cancellationToken), cancellationToken);
    }

    private static Dictionary<long, PersonFacts> LoadPerson(WaypointDbContext db, string council, long personId, CancellationToken cancellationToken)
    {
        var (people, owner) = PeopleAndRecords(db, council, personId);
        var recordIds = owner.Keys.ToList();
        var details = new Details(council, recordIds);
        foreach (var read in details.All) Apply(read(db), owner, cancellationToken);
        Pathway(db, council, personId, people);
        return people;
    }

    /// <summary>
    /// A whole council, table by table on one connection. Rows are read synchronously: a national council is millions
    /// of small rows, and per-row async costs more than the query. (A second connection reading the big tables at the
    /// same time measured no faster on two cores and used twice the memory.)
    /// </summary>
    private static Dictionary<long, PersonFacts> LoadCouncil(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        var (people, owner) = PeopleAndRecords(db, council, null);
        foreach (var read in new Details(council, null).All) Apply(read(db), owner, cancellationToken);
        Pathway(db, council, null, people);
        return people;
    }

    private static (Dictionary<long, PersonFacts> People, Dictionary<long, PersonFacts> Owner) PeopleAndRecords(WaypointDbContext db, string council, long? personId)
    {
        var people = new Dictionary<long, PersonFacts>();
        foreach (var p in db.People.AsNoTracking().Where(p => p.CouncilCode == council && (personId == null || p.Id == personId))
            .Select(p => new { p.Id, p.Reference, p.DateOfBirth }))
            people[p.Id] = new PersonFacts { PersonId = p.Id, Reference = p.Reference, DateOfBirth = p.DateOfBirth };

        // Each source record's person, held in memory: scanning a detail table and looking its record up here is far
        // cheaper than joining every row to the links table in the database.
        var owner = new Dictionary<long, PersonFacts>();
        foreach (var l in db.RecordLinks.Where(l => l.CouncilCode == council && (personId == null || l.PersonId == personId)).Select(l => new { l.SourceRecordId, l.PersonId }))
        {
            if (people.TryGetValue(l.PersonId, out var p)) owner[l.SourceRecordId] = p;
        }
        return (people, owner);
    }

    private static void Apply(IEnumerable<(long Record, Action<PersonFacts> Add)> rows, Dictionary<long, PersonFacts> owner, CancellationToken cancellationToken)
    {
        foreach (var (record, add) in rows)
        {
            if (owner.TryGetValue(record, out var p)) add(p);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>What the pathway recorded: the transitions case and the milestones practitioners recorded.</summary>
    private static void Pathway(WaypointDbContext db, string council, long? personId, Dictionary<long, PersonFacts> people)
    {
        foreach (var c in db.TransitionsCases.Where(c => c.CouncilCode == council && (personId == null || c.PersonId == personId))
            .Select(c => new { c.PersonId, c.Stage, c.OpenedAt, c.StageChangedAt, c.NamedWorker }))
        {
            if (people.TryGetValue(c.PersonId, out var p))
                p.Case = new CaseFact(c.Stage, DateOnly.FromDateTime(c.OpenedAt.UtcDateTime), DateOnly.FromDateTime(c.StageChangedAt.UtcDateTime), c.NamedWorker);
        }
        foreach (var m in db.MilestoneEvidence.Where(m => m.CouncilCode == council && (personId == null || m.PersonId == personId))
            .Select(m => new { m.PersonId, m.RuleId, m.OccurredOn, m.Outcome }))
        {
            if (people.TryGetValue(m.PersonId, out var p)) p.Add(new EvidenceFact(m.RuleId, m.OccurredOn, m.Outcome));
        }
    }

    /// <summary>
    /// Each source table the clock reads, as (source record, what that row adds to its person). Codes and postcodes
    /// repeat endlessly, so each reader keeps one copy of each value rather than one per row.
    /// </summary>
    private sealed class Details(string council, List<long>? recordIds)
    {
        private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);

        public IEnumerable<Func<WaypointDbContext, IEnumerable<(long, Action<PersonFacts>)>>> All =>
            [Episodes, CinReferrals, YoungCarers, EhcRequests, EhcPlans, EhcActivePlans, EhcNeeds, Disabilities, AdultEvents, LibertyOrders];

        private string? One(string? value)
        {
            if (value is null) return null;
            if (_codes.TryGetValue(value, out var kept)) return kept;
            _codes[value] = value;
            return value;
        }

        private IQueryable<T> Rows<T>(DbSet<T> set)
            where T : RecordDetail =>
            recordIds is null ? set.Where(d => d.CouncilCode == council) : set.Where(d => recordIds.Contains(d.SourceRecordId));

        private IEnumerable<(long, Action<PersonFacts>)> Episodes(WaypointDbContext db) =>
            Rows(db.CareEpisodes)
                .Select(e => new { e.SourceRecordId, e.StartDate, e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased, e.PlacementPostcode, e.Urn, e.Line })
                .AsEnumerable()
                .Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p =>
                    p.Add(new EpisodeFact(
                        x.StartDate, x.EndDate, One(x.LegalStatus), One(x.Placement), One(x.ReasonEpisodeCeased),
                        One(x.PlacementPostcode), One(x.Urn), x.Line, x.SourceRecordId)))));

        private IEnumerable<(long, Action<PersonFacts>)> CinReferrals(WaypointDbContext db) =>
            Rows(db.CinReferrals).GroupBy(x => x.SourceRecordId).Select(g => new { SourceRecordId = g.Key, First = g.Min(x => x.ReferralDate) })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.KnownOn(x.First))));

        // Factors are whole codes separated by spaces: "17A" is not 7A.
        private IEnumerable<(long, Action<PersonFacts>)> YoungCarers(WaypointDbContext db) =>
            Rows(db.CinAssessments).Where(a => a.Factors != null && (" " + a.Factors + " ").Contains(" 7A ") && a.StartDate != null).Select(x => new { x.SourceRecordId, x.StartDate })
                .AsEnumerable()
                .Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p =>
                {
                    if (p.YoungCarerConcern is not { } noted || x.StartDate > noted) p.YoungCarerConcern = x.StartDate;
                })));

        private IEnumerable<(long, Action<PersonFacts>)> EhcPlans(WaypointDbContext db) =>
            Rows(db.EhcPlans).Select(x => new { x.SourceRecordId, x.StartDate, x.CeaseDate, x.PlanResidence }).AsEnumerable()
                .Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p =>
                {
                    var plan = new EhcPlanFact(x.StartDate, x.CeaseDate, !string.IsNullOrWhiteSpace(x.PlanResidence));
                    if (!p.EhcPlans.Contains(plan)) p.Add(plan);
                })));

        // An active plan whose named plan is not in the file (an older request) is still a plan, with no cease date.
        private IEnumerable<(long, Action<PersonFacts>)> EhcActivePlans(WaypointDbContext db) =>
            Rows(db.EhcActivePlans).Select(x => new { x.SourceRecordId, x.ReviewMeeting, x.LastReview, Named = db.EhcPlans.Any(n => n.RequestId == x.RequestId) })
                .AsEnumerable()
                .Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p =>
                {
                    if (!x.Named && !p.EhcPlans.Any(e => e.Start is null)) p.Add(new EhcPlanFact(null, null, false));
                    if (x.ReviewMeeting is { } meeting) p.AddReview(meeting);
                    if (x.LastReview is { } last) p.AddReview(last);
                })));

        private IEnumerable<(long, Action<PersonFacts>)> EhcNeeds(WaypointDbContext db) =>
            Rows(db.EhcNeeds).Where(n => n.Rank == 1).OrderBy(x => x.Id).Select(x => new { x.SourceRecordId, x.SenType })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.EhcPrimaryNeed = One(x.SenType))));

        private IEnumerable<(long, Action<PersonFacts>)> EhcRequests(WaypointDbContext db) =>
            Rows(db.EhcRequests).Where(r => r.ReceivedDate != null).Select(x => new { x.SourceRecordId, x.ReceivedDate })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.KnownOn(x.ReceivedDate!.Value))));

        private IEnumerable<(long, Action<PersonFacts>)> Disabilities(WaypointDbContext db) =>
            Rows(db.ChildDisabilities).Where(d => d.Code != "NONE").Select(x => new { x.SourceRecordId, x.Code })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.AddDisability(One(x.Code)!))));

        private IEnumerable<(long, Action<PersonFacts>)> AdultEvents(WaypointDbContext db) =>
            Rows(db.AdultCareEvents).Select(x => new { x.SourceRecordId, x.EventType, x.StartDate, x.EndDate, x.EligibleNeedsIdentified, x.WeeklyCost })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.Add(new AdultEventFact(One(x.EventType)!, x.StartDate, x.EndDate, One(x.EligibleNeedsIdentified), x.WeeklyCost)))));

        private IEnumerable<(long, Action<PersonFacts>)> LibertyOrders(WaypointDbContext db) =>
            Rows(db.DeprivationsOfLiberty).Select(x => new { x.SourceRecordId, x.StartDate, x.EndDate })
                .AsEnumerable().Select(x => (x.SourceRecordId, (Action<PersonFacts>)(p => p.AddLibertyOrder(x.StartDate, x.EndDate))));
    }

    /// <summary>
    /// The clocks of a council's people on a date (or of one person), evaluated on every core. <paramref name="include"/>
    /// keeps to the people a caller will show: a clock holds every milestone's explanation, so a million of them
    /// would fill gigabytes for nothing.
    /// </summary>
    public static async Task<List<PersonClock>> EvaluateAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken,
        long? personId = null, Func<PersonFacts, bool>? include = null)
    {
        var facts = await LoadAsync(db, council, cancellationToken, personId);
        return facts.Values.Where(include ?? (_ => true)).AsParallel().AsOrdered().Select(f => StatutoryClock.Evaluate(f, asOf, policy)).ToList();
    }
}
