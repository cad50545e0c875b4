using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;
using Waypoint.Core.Pathway;

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
                foreach (var (query, apply) in tables.All) FactRow.ReadAll(db, query, tables.Codes, apply, cancellationToken);
            }, cancellationToken);
        }
        else
        {
            await FactRow.ReadAllAsync(db, tables.All, tables.Codes, cancellationToken);
        }
        return tables.People;
    }

    /// <summary>
    /// One person's facts, with the caller's own queries of them (<paramref name="alongside"/>: the person page's timeline)
    /// read in the same batch: a page read in one round trip rather than one per table.
    /// </summary>
    internal static async Task<PersonFacts> LoadOneAsync(
        WaypointDbContext db, string council, long personId, IEnumerable<(IQueryable Query, Action<FactRow> Apply)> alongside, CancellationToken cancellationToken)
    {
        var tables = new Tables(db, council, personId);
        await FactRow.ReadAllAsync(db, tables.All.Concat(alongside), tables.Codes, cancellationToken);
        return tables.People[personId];
    }

    /// <summary>
    /// Each table the clock reads, in order: people, their source records, then what each row adds to its person.
    /// A row's columns are read by position, in the order of its query's Select.
    /// </summary>
    private sealed class Tables(WaypointDbContext db, string council, long? personId)
    {
        public FactCodes Codes { get; } = new();

        // Each source record's person, held in memory: scanning a detail table and looking its record up here is far
        // cheaper than joining every row to the links table in the database.
        private readonly Dictionary<long, PersonFacts> _owner = [];

        public Dictionary<long, PersonFacts> People { get; } = [];

        public IEnumerable<(IQueryable Query, Action<FactRow> Apply)> All =>
        [
            (db.People.Where(p => p.CouncilCode == council && (personId == null || p.Id == personId)).Select(p => new { p.Id, p.Reference, p.DateOfBirth }),
                r => People[r.Long(0)] = new PersonFacts { PersonId = r.Long(0), Reference = r.Text(1) ?? "", DateOfBirth = r.Date(2) }),
            (db.RecordLinks.Where(l => l.CouncilCode == council && (personId == null || l.PersonId == personId))
                    .Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => new { l.SourceRecordId, l.PersonId, r.FirstKnownOn }),
                r =>
                {
                    if (!People.TryGetValue(r.Long(1), out var p)) return;
                    _owner[r.Long(0)] = p;
                    if (r.Date(2) is { } known) p.KnownOn(known);
                }),

            // In the 903 every year's file repeats the episodes still relevant; PersonFacts keeps the latest import's copy.
            ForRecord(Details(db.CareEpisodes).Select(e => new { e.SourceRecordId, e.StartDate, e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased, e.PlacementPostcode, e.Urn, e.Line }),
                (p, r) => p.Add(new EpisodeFact(r.Date(1)!.Value, r.Date(2), r.Code(3), r.Code(4), r.Code(5), r.Code(6), r.Code(7), r.Int(8), r.Long(0)))),
            // Factors are whole codes separated by spaces: "17A" is not 7A.
            ForRecord(Details(db.CinAssessments).Where(a => a.Factors != null && (" " + a.Factors + " ").Contains(" 7A ") && a.StartDate != null).Select(x => new { x.SourceRecordId, x.StartDate }),
                (p, r) =>
                {
                    var started = r.Date(1);
                    if (p.YoungCarerConcern is not { } noted || started > noted) p.YoungCarerConcern = started;
                }),
            ForRecord(Details(db.ChildDisabilities).Where(d => d.Code != "NONE").Select(x => new { x.SourceRecordId, x.Code }),
                (p, r) => p.AddDisability(r.Code(1)!)),

            ForRecord(Details(db.EhcPlans).Select(x => new { x.SourceRecordId, x.StartDate, x.CeaseDate, x.PlanResidence }),
                (p, r) =>
                {
                    var plan = new EhcPlanFact(r.Date(1), r.Date(2), !string.IsNullOrWhiteSpace(r.Code(3)));
                    if (!p.EhcPlans.Contains(plan)) p.Add(plan);
                }),
            // An active plan whose named plan is not in the file (an older request) is still a plan, with no cease date.
            ForRecord(Details(db.EhcActivePlans).Select(x => new { x.SourceRecordId, x.ReviewMeeting, x.LastReview, Named = db.EhcPlans.Any(n => n.RequestId == x.RequestId) }),
                (p, r) =>
                {
                    if (!r.Bool(3) && !p.EhcPlans.Any(e => e.Start is null)) p.Add(new EhcPlanFact(null, null, false));
                    if (r.Date(1) is { } meeting) p.AddReview(meeting);
                    if (r.Date(2) is { } last) p.AddReview(last);
                }),
            ForRecord(Details(db.EhcNeeds).Where(n => n.Rank == 1).OrderBy(x => x.Id).Select(x => new { x.SourceRecordId, x.SenType }),
                (p, r) => p.EhcPrimaryNeed = r.Code(1)),

            ForRecord(Details(db.AdultCareEvents).Select(x => new { x.SourceRecordId, x.EventType, x.StartDate, x.EndDate, x.EligibleNeedsIdentified, x.WeeklyCost }),
                (p, r) => p.Add(new AdultEventFact(r.Code(1)!, r.Date(2)!.Value, r.Date(3), r.Code(4), r.Decimal(5)))),
            // Council spreadsheets: the file a row came from is named as the evidence.
            ForRecord(Details(db.ChildPlacementCosts).Join(db.SourceRecords, c => c.SourceRecordId, s => s.Id, (c, s) => new { c.SourceRecordId, c.StartDate, c.EndDate, c.WeeklyCost, s.FileName, c.Line }),
                (p, r) => p.Add(new PlacementCostFact(r.Date(1)!.Value, r.Date(2), r.Decimal(3)!.Value, r.Code(4)!, r.Int(5)))),
            ForRecord(Details(db.HealthInvolvements).Where(h => h.Service == HealthServices.ContinuingHealthcare && (h.ChecklistDate != null || h.DecisionDate != null))
                    .Join(db.SourceRecords, h => h.SourceRecordId, s => s.Id, (h, s) => new { h.SourceRecordId, h.ChecklistDate, h.ChecklistOutcome, h.DecisionDate, h.Decision, s.FileName, h.Line }),
                (p, r) => p.Add(new ContinuingHealthcareFact(r.Date(1), r.Code(2), r.Date(3), r.Code(4), r.Code(5)!, r.Int(6)))),
            ForRecord(Details(db.DeprivationsOfLiberty).Select(x => new { x.SourceRecordId, x.StartDate, x.EndDate }),
                (p, r) => p.AddLibertyOrder(r.Date(1)!.Value, r.Date(2))),

            // What the pathway recorded: the transitions case and the milestones practitioners recorded.
            ForPerson(db.TransitionsCases.Where(c => c.CouncilCode == council && (personId == null || c.PersonId == personId))
                    .Select(c => new { c.PersonId, c.Stage, c.OpenedAt, c.StageChangedAt, c.NamedWorker }),
                (p, r) => p.Case = new CaseFact(Enum.Parse<TransitionsStage>(r.Code(1)!), Day(r.Instant(2)), Day(r.Instant(3)), r.Text(4))),
            ForPerson(db.MilestoneEvidence.Where(m => m.CouncilCode == council && (personId == null || m.PersonId == personId))
                    .Select(m => new { m.PersonId, m.RuleId, m.OccurredOn, m.Outcome }),
                (p, r) => p.Add(new EvidenceFact(r.Code(1)!, r.Date(2)!.Value, r.Code(3)!))),
        ];

        private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

        /// <summary>A detail table's query, whose first column is the source record the row adds to.</summary>
        private (IQueryable, Action<FactRow>) ForRecord(IQueryable query, Action<PersonFacts, FactRow> add) =>
            (query, r =>
            {
                if (_owner.TryGetValue(r.Long(0), out var p)) add(p, r);
            }
        );

        /// <summary>A pathway table's query, whose first column is the person.</summary>
        private (IQueryable, Action<FactRow>) ForPerson(IQueryable query, Action<PersonFacts, FactRow> add) =>
            (query, r =>
            {
                if (People.TryGetValue(r.Long(0), out var p)) add(p, r);
            }
        );

        /// <summary>A council's rows of a detail table, or one person's (through their links, in the database).</summary>
        private IQueryable<T> Details<T>(DbSet<T> set)
            where T : RecordDetail =>
            personId is null
                ? set.Where(d => d.CouncilCode == council)
                : set.Where(d => db.RecordLinks.Any(l => l.SourceRecordId == d.SourceRecordId && l.PersonId == personId));
    }

    /// <summary>
    /// The clocks of a council's people on a date, evaluated on every core. <paramref name="include"/>
    /// keeps to the people a caller will show: a clock holds every milestone's explanation, so a million of them
    /// would fill gigabytes for nothing.
    /// </summary>
    public static async Task<List<PersonClock>> EvaluateAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken,
        Func<PersonFacts, bool>? include = null)
    {
        var facts = await LoadAsync(db, council, cancellationToken);
        return facts.Values.Where(include ?? (_ => true)).AsParallel().AsOrdered().Select(f => StatutoryClock.Evaluate(f, asOf, policy)).ToList();
    }
}
