using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;

namespace Waypoint.Core.Rules;

/// <summary>
/// Gathers what the statutory clock reads, for a whole council (one query per table, only the columns it needs, no
/// joins) or for one person. The same facts drive the CLI, the tracker and the person page.
/// </summary>
public static class ClockFacts
{
    /// <summary>
    /// A whole council is read on a pool thread with synchronous row reads: a national council is millions of small
    /// rows, and per-row async costs more than the query. (A second connection reading the big tables at the same time
    /// measured no faster on two cores and used twice the memory.) One person, for a page, is read asynchronously, so a
    /// busy web server's threads are never held.
    /// </summary>
    public static async Task<Dictionary<long, PersonFacts>> LoadAsync(
        WaypointDbContext db, string council, CancellationToken cancellationToken, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = new Tables(db, council, personId);
        if (personId is null)
        {
            await Task.Run(() =>
            {
                foreach (var reader in tables.All) reader.Read(cancellationToken);
            }, cancellationToken);
        }
        else
        {
            foreach (var reader in tables.All) await reader.ReadAsync(cancellationToken);
        }
        return tables.People;
    }

    private interface IReader
    {
        void Read(CancellationToken cancellationToken);

        Task ReadAsync(CancellationToken cancellationToken);
    }

    /// <summary>One query, and what each of its rows does.</summary>
    private sealed class Reader<T>(IQueryable<T> query, Action<T> apply) : IReader
    {
        public void Read(CancellationToken cancellationToken)
        {
            foreach (var row in query) apply(row);
            cancellationToken.ThrowIfCancellationRequested();
        }

        public async Task ReadAsync(CancellationToken cancellationToken)
        {
            await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken)) apply(row);
        }
    }

    /// <summary>
    /// Each table the clock reads, in order: people, their source records, then what each row adds to its person.
    /// Codes and postcodes repeat endlessly, so one copy of each value is kept rather than one per row.
    /// </summary>
    private sealed class Tables(WaypointDbContext db, string council, long? personId)
    {
        private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);

        // Each source record's person, held in memory: scanning a detail table and looking its record up here is far
        // cheaper than joining every row to the links table in the database.
        private readonly Dictionary<long, PersonFacts> _owner = [];

        public Dictionary<long, PersonFacts> People { get; } = [];

        public IEnumerable<IReader> All =>
        [
            Read(db.People.Where(p => p.CouncilCode == council && (personId == null || p.Id == personId)).Select(p => new { p.Id, p.Reference, p.DateOfBirth }),
                p => People[p.Id] = new PersonFacts { PersonId = p.Id, Reference = p.Reference, DateOfBirth = p.DateOfBirth }),
            Read(db.RecordLinks.Where(l => l.CouncilCode == council && (personId == null || l.PersonId == personId))
                    .Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => new { l.SourceRecordId, l.PersonId, r.FirstKnownOn }),
                l =>
                {
                    if (!People.TryGetValue(l.PersonId, out var p)) return;
                    _owner[l.SourceRecordId] = p;
                    if (l.FirstKnownOn is { } known) p.KnownOn(known);
                }),

            // In the 903 every year's file repeats the episodes still relevant; PersonFacts keeps the latest import's copy.
            ForRecord(Details(db.CareEpisodes).Select(e => new { e.SourceRecordId, e.StartDate, e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased, e.PlacementPostcode, e.Urn, e.Line }),
                x => x.SourceRecordId,
                (p, x) => p.Add(new EpisodeFact(
                    x.StartDate, x.EndDate, One(x.LegalStatus), One(x.Placement), One(x.ReasonEpisodeCeased), One(x.PlacementPostcode), One(x.Urn), x.Line, x.SourceRecordId))),
            // Factors are whole codes separated by spaces: "17A" is not 7A.
            ForRecord(Details(db.CinAssessments).Where(a => a.Factors != null && (" " + a.Factors + " ").Contains(" 7A ") && a.StartDate != null).Select(x => new { x.SourceRecordId, x.StartDate }),
                x => x.SourceRecordId,
                (p, x) =>
                {
                    if (p.YoungCarerConcern is not { } noted || x.StartDate > noted) p.YoungCarerConcern = x.StartDate;
                }),
            ForRecord(Details(db.ChildDisabilities).Where(d => d.Code != "NONE").Select(x => new { x.SourceRecordId, x.Code }),
                x => x.SourceRecordId, (p, x) => p.AddDisability(One(x.Code)!)),

            ForRecord(Details(db.EhcPlans).Select(x => new { x.SourceRecordId, x.StartDate, x.CeaseDate, x.PlanResidence }),
                x => x.SourceRecordId,
                (p, x) =>
                {
                    var plan = new EhcPlanFact(x.StartDate, x.CeaseDate, !string.IsNullOrWhiteSpace(x.PlanResidence));
                    if (!p.EhcPlans.Contains(plan)) p.Add(plan);
                }),
            // An active plan whose named plan is not in the file (an older request) is still a plan, with no cease date.
            ForRecord(Details(db.EhcActivePlans).Select(x => new { x.SourceRecordId, x.ReviewMeeting, x.LastReview, Named = db.EhcPlans.Any(n => n.RequestId == x.RequestId) }),
                x => x.SourceRecordId,
                (p, x) =>
                {
                    if (!x.Named && !p.EhcPlans.Any(e => e.Start is null)) p.Add(new EhcPlanFact(null, null, false));
                    if (x.ReviewMeeting is { } meeting) p.AddReview(meeting);
                    if (x.LastReview is { } last) p.AddReview(last);
                }),
            ForRecord(Details(db.EhcNeeds).Where(n => n.Rank == 1).OrderBy(x => x.Id).Select(x => new { x.SourceRecordId, x.SenType }),
                x => x.SourceRecordId, (p, x) => p.EhcPrimaryNeed = One(x.SenType)),

            ForRecord(Details(db.AdultCareEvents).Select(x => new { x.SourceRecordId, x.EventType, x.StartDate, x.EndDate, x.EligibleNeedsIdentified, x.WeeklyCost }),
                x => x.SourceRecordId,
                (p, x) => p.Add(new AdultEventFact(One(x.EventType)!, x.StartDate, x.EndDate, One(x.EligibleNeedsIdentified), x.WeeklyCost))),
            ForRecord(Details(db.DeprivationsOfLiberty).Select(x => new { x.SourceRecordId, x.StartDate, x.EndDate }),
                x => x.SourceRecordId, (p, x) => p.AddLibertyOrder(x.StartDate, x.EndDate)),

            // What the pathway recorded: the transitions case and the milestones practitioners recorded.
            ForPerson(db.TransitionsCases.Where(c => c.CouncilCode == council && (personId == null || c.PersonId == personId))
                    .Select(c => new { c.PersonId, c.Stage, c.OpenedAt, c.StageChangedAt, c.NamedWorker }),
                x => x.PersonId,
                (p, x) => p.Case = new CaseFact(x.Stage, DateOnly.FromDateTime(x.OpenedAt.UtcDateTime), DateOnly.FromDateTime(x.StageChangedAt.UtcDateTime), x.NamedWorker)),
            ForPerson(db.MilestoneEvidence.Where(m => m.CouncilCode == council && (personId == null || m.PersonId == personId))
                    .Select(m => new { m.PersonId, m.RuleId, m.OccurredOn, m.Outcome }),
                x => x.PersonId, (p, x) => p.Add(new EvidenceFact(x.RuleId, x.OccurredOn, x.Outcome))),
        ];

        private static Reader<T> Read<T>(IQueryable<T> query, Action<T> apply) => new(query, apply);

        private Reader<T> ForRecord<T>(IQueryable<T> query, Func<T, long> record, Action<PersonFacts, T> add) =>
            new(query, x =>
            {
                if (_owner.TryGetValue(record(x), out var p)) add(p, x);
            });

        private Reader<T> ForPerson<T>(IQueryable<T> query, Func<T, long> person, Action<PersonFacts, T> add) =>
            new(query, x =>
            {
                if (People.TryGetValue(person(x), out var p)) add(p, x);
            });

        /// <summary>A council's rows of a detail table, or one person's (through their links, in the database).</summary>
        private IQueryable<T> Details<T>(DbSet<T> set)
            where T : RecordDetail =>
            personId is null
                ? set.Where(d => d.CouncilCode == council)
                : set.Where(d => db.RecordLinks.Any(l => l.SourceRecordId == d.SourceRecordId && l.PersonId == personId));

        private string? One(string? value)
        {
            if (value is null) return null;
            if (_codes.TryGetValue(value, out var kept)) return kept;
            _codes[value] = value;
            return value;
        }
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
