using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using static Waypoint.Core.People.CodeLabels;

namespace Waypoint.Core.People;

public sealed record IdentifierView(string Kind, string Value, bool IsValid);

public sealed record SourceRecordView(string SourceKey, string Format, string FileName, int Line, long BatchId, DateTimeOffset ImportedAt);

/// <summary>One dated involvement with a service, in words a practitioner reads.</summary>
public sealed record TimelineEntry(DateOnly Date, DateOnly? End, string Service, string Title, string? Detail);

/// <summary>
/// What the single view shows of a person before it is shown to anyone: the same for every viewer until the council's
/// imported data or the person's own case or milestones change (<see cref="PersonRecordState"/>), so a web node may
/// keep it. Health detail is apart, as whether it is shown depends on the viewer and on consent, which is read at each
/// view (<see cref="PersonRecord.View"/>).
/// </summary>
public sealed record PersonRecordData(
    Person Person, string DisplayName, int? Age, IReadOnlyList<string> Cohorts, TransitionsStage Stage,
    IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<SourceRecordView> Sources, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<TimelineEntry> Health, PersonClock Clock);

/// <summary>
/// A person, with what of their record can change without an import or a link decision - their transitions case (each
/// change moves its version) and the milestones recorded for them - and their consent to share health information:
/// read on every request about them, so that a kept record is shown only while it still holds, whatever colleagues
/// change for other people.
/// </summary>
public sealed record PersonRecordState(long PersonId, int? CaseVersion, long? LastEvidence, Access.ConsentView? Consent);

/// <summary>Everything the single view shows about one person.</summary>
public sealed record PersonDetail(
    Person Person, string DisplayName, int? Age, IReadOnlyList<string> Cohorts, TransitionsStage Stage,
    IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<SourceRecordView> Sources, IReadOnlyList<TimelineEntry> Timeline, PersonClock Clock,
    bool HealthShown, Access.ConsentView? HealthConsent);

/// <summary>The single view of a person: identifiers, the source records behind them and a timeline across services.</summary>
public static class PersonRecord
{
    /// <summary>
    /// One person's single view, for <paramref name="viewer"/>. <paramref name="cohortsToday"/> is everyone in the
    /// transitions cohort today with their cohort flags, when the caller has it (the tracker keeps it): someone in it
    /// needs no queries for theirs.
    /// </summary>
    public static async Task<PersonDetail?> GetAsync(
        WaypointDbContext db, string council, string reference, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken,
        Access.Viewer? viewer = null, IReadOnlyDictionary<long, IReadOnlyCollection<string>>? cohortsToday = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var data = await ReadAsync(db, council, db.People.Where(p => p.CouncilCode == council && p.Reference == reference), asOf, policy, cohortsToday, cancellationToken);
        return data is null ? null : View(data, viewer, await Access.HealthConsent.LatestAsync(db, council, data.Person.Id, cancellationToken));
    }

    /// <summary>The person's record as it is for everyone, before health detail is shown or not: what a web node keeps.</summary>
    public static Task<PersonRecordData?> ReadAsync(
        WaypointDbContext db, string council, long personId, DateOnly asOf, RulesPolicy policy,
        IReadOnlyDictionary<long, IReadOnlyCollection<string>>? cohortsToday, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ReadAsync(db, council, db.People.Where(p => p.CouncilCode == council && p.Id == personId), asOf, policy, cohortsToday, cancellationToken);
    }

    /// <summary>The person with this reference in the council, and their <see cref="PersonRecordState"/> now, in one query; null when there is none.</summary>
    public static async Task<PersonRecordState?> StateAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var state = await db.People.Where(p => p.CouncilCode == council && p.Reference == reference)
            .Select(p => new
            {
                p.Id,
                Case = db.TransitionsCases.Where(c => c.CouncilCode == council && c.PersonId == p.Id).Max(c => (int?)c.Version),
                Evidence = db.MilestoneEvidence.Where(m => m.CouncilCode == council && m.PersonId == p.Id).Max(m => (long?)m.Id),
                // The latest consent's columns one by one: as one row, EF joins every consent in the council to pick each person's latest.
                GivenOn = db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == p.Id).OrderByDescending(c => c.Id).Select(c => (DateOnly?)c.GivenOn).FirstOrDefault(),
                RecordedBy = db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == p.Id).OrderByDescending(c => c.Id).Select(c => c.RecordedBy).FirstOrDefault(),
                WithdrawnOn = db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == p.Id).OrderByDescending(c => c.Id).Select(c => c.WithdrawnOn).FirstOrDefault(),
                WithdrawnBy = db.HealthSharingConsents.Where(c => c.CouncilCode == council && c.PersonId == p.Id).OrderByDescending(c => c.Id).Select(c => c.WithdrawnBy).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return state is null ? null : new(state.Id, state.Case, state.Evidence,
            state.GivenOn is { } given ? new Access.ConsentView(given, state.RecordedBy!, state.WithdrawnOn, state.WithdrawnBy) : null);
    }

    /// <summary>
    /// The record as <paramref name="viewer"/> may see it: health detail for a viewer with a health permission or the
    /// young person's consent to share (UK GDPR art. 9); nobody else is told even whether there is any.
    /// </summary>
    public static PersonDetail View(PersonRecordData data, Access.Viewer? viewer, Access.ConsentView? consent)
    {
        ArgumentNullException.ThrowIfNull(data);
        var withHealth = Access.HealthConsent.MaySee(viewer, consent);
        var timeline = withHealth && data.Health.Count > 0 ? InOrder(data.Timeline.Concat(data.Health)) : data.Timeline;
        return new PersonDetail(data.Person, data.DisplayName, data.Age, data.Cohorts, data.Stage, data.Identifiers, data.Sources, timeline, data.Clock, withHealth, consent);
    }

    private static async Task<PersonRecordData?> ReadAsync(
        WaypointDbContext db, string council, IQueryable<Person> which, DateOnly asOf, RulesPolicy policy,
        IReadOnlyDictionary<long, IReadOnlyCollection<string>>? cohortsToday, CancellationToken cancellationToken)
    {
        var person = await which.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (person is null) return null;
        // Everything else the page shows is read with the person's clock facts in one batch (one round trip on
        // PostgreSQL): each query's rows are read by position, in the order of its Select.
        var links = db.RecordLinks.Where(l => l.PersonId == person.Id).Select(l => l.SourceRecordId);
        IQueryable<T> Of<T>(DbSet<T> details)
            where T : Involvements.RecordDetail => details.Where(d => links.Contains(d.SourceRecordId));
        var sources = new List<SourceRecordView>();
        var identifiers = new List<IdentifierView>();
        var timeline = new List<TimelineEntry>();
        var primaryNeeds = new Dictionary<long, string?>();
        var health = new List<TimelineEntry>();
        TransitionsStage? stage = null;
        IEnumerable<(IQueryable, Action<FactRow>)> page =
        [
            (db.SourceRecords.Where(r => links.Contains(r.Id))
                    .Join(db.ImportBatches, r => r.LastSeenBatchId, b => b.Id, (r, b) => new { r.SourceKey, r.Format, r.FileName, r.Line, r.LastSeenBatchId, b.CompletedAt }),
                r => sources.Add(new SourceRecordView(r.Text(0)!, r.Code(1)!, r.Text(2)!, r.Int(3), r.Long(4), r.Instant(5)))),
            (db.SourceIdentifiers.Where(i => links.Contains(i.SourceRecordId)).Select(i => new { i.Kind, i.Value, i.IsValid }).Distinct(),
                r => identifiers.Add(new IdentifierView(r.Code(0)!, r.Text(1)!, r.Bool(2)))),
            (Of(db.CareEpisodes).Select(e => new { e.StartDate, e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased }), r =>
            {
                var ceased = r.Code(4);
                var ended = ceased is null or "X1" ? null : "Care ended: " + Describe(ReasonEpisodeCeased, ceased);
                timeline.Add(new TimelineEntry(r.Date(0)!.Value, r.Date(1), "Looked after", "Looked after: " + (Describe(LegalStatus, r.Code(2)) ?? "legal status not recorded"),
                    Join("Placement: " + (Describe(Placement, r.Code(3)) ?? "not recorded"), ended)));
            }),
            (Of(db.CinReferrals).Select(c => new { c.ReferralDate, c.ClosureDate, c.PrimaryNeedCode, c.ReasonForClosure }), r =>
                timeline.Add(new TimelineEntry(r.Date(0)!.Value, r.Date(1), "Children's social care",
                    "Child in need referral" + (r.Code(2) is { } need ? ": " + Describe(CategoryOfNeed, need) : ""),
                    r.Code(3) is { } closed ? "Closed: " + Describe(ReasonForClosure, closed) : null))),
            (Of(db.EhcRequests).Where(e => e.ReceivedDate != null).Select(e => new { e.ReceivedDate }),
                r => timeline.Add(new TimelineEntry(r.Date(0)!.Value, null, "SEND", "Request for an EHC needs assessment", null))),
            (Of(db.EhcNeeds).Where(n => n.Rank == 1).Select(n => new { n.RequestId, n.SenType }),
                r => primaryNeeds.TryAdd(r.Long(0), Describe(SenType, r.Code(1)))),
            (Of(db.EhcPlans).Where(p => p.StartDate != null).Select(p => new { p.StartDate, p.CeaseDate, p.RequestId, p.CeaseReason }), r =>
            {
                var primary = primaryNeeds.GetValueOrDefault(r.Long(2));
                timeline.Add(new TimelineEntry(r.Date(0)!.Value, r.Date(1), "SEND", "EHC plan started", primary is null ? null : "Primary need: " + primary));
                if (r.Date(1) is { } cease)
                    timeline.Add(new TimelineEntry(cease, null, "SEND", "EHC plan ceased", r.Code(3) is { } reason ? Describe(CeaseReason, reason) : null));
            }),
            (Of(db.AdultCareEvents).Select(a => new { a.StartDate, a.EndDate, a.EventType, a.PrimarySupportReason, a.ServiceType, a.EligibleNeedsIdentified, a.WeeklyCost }), r =>
                timeline.Add(new TimelineEntry(r.Date(0)!.Value, r.Date(1), "Adult social care", "Adult social care " + r.Code(2)!.ToLowerInvariant(),
                    Join(r.Code(3), r.Code(4), r.Code(5) is { } eligible ? "Eligible needs identified: " + eligible : null,
                        r.Decimal(6) is { } cost ? $"£{cost:N2} a week" : null)))),
            (Of(db.ChildPlacementCosts).Select(c => new { c.StartDate, c.EndDate, c.WeeklyCost, c.PlacementType, c.Provider, c.FundingStream }), r =>
                timeline.Add(new TimelineEntry(r.Date(0)!.Value, r.Date(1), "Looked after", $"Placement cost: £{r.Decimal(2):N2} a week",
                    Join(r.Text(3), r.Text(4), r.Code(5) is { } funding ? "Funding: " + funding : null)))),
            (Of(db.HealthInvolvements).Select(h => new { h.Service, h.StartDate, h.EndDate, h.Outcome, h.ChecklistDate, h.ChecklistOutcome, h.DecisionDate, h.Decision }), r =>
            {
                var service = Involvements.HealthServices.Label(r.Code(0)!);
                if (r.Date(1) is { } start) health.Add(new TimelineEntry(start, r.Date(2), "Health", "Known to " + service, r.Text(3)));
                if (r.Date(4) is { } checklist)
                    health.Add(new TimelineEntry(checklist, null, "Health", "Continuing healthcare checklist", r.Code(5) is { } outcome ? "Outcome: " + outcome : null));
                if (r.Date(6) is { } decided)
                    health.Add(new TimelineEntry(decided, null, "Health", "Continuing healthcare decision", r.Code(7) is { } decision ? "Decision: " + decision : null));
            }),
            (db.TransitionsCases.Where(c => c.PersonId == person.Id).OrderBy(c => c.Id).Select(c => new { c.Stage }).Take(1),
                r => stage = Enum.Parse<TransitionsStage>(r.Code(0)!)),
        ];
        var clock = StatutoryClock.Evaluate(await ClockFacts.LoadOneAsync(db, council, person.Id, page, cancellationToken), asOf, policy);

        var cohorts = cohortsToday?.GetValueOrDefault(person.Id)
            ?? (await Cohort.FlagsAsync(db, council, asOf, clock.CareLeaver.Status == CareLeaverStatus.None ? [] : [person.Id], cancellationToken, person.Id))
                .GetValueOrDefault(person.Id) ?? [];
        var name = DisplayName.Of(person.Forename, person.Surname, identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.CouncilChildId)?.Value, person.Reference);
        return new PersonRecordData(
            person, name, person.DateOfBirth is { } dob ? Age.On(dob, asOf, policy.LeapDayBirthdays) : null,
            [.. cohorts], stage ?? TransitionsStage.NotIdentified,
            identifiers.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).ToList(),
            sources.OrderBy(s => s.SourceKey, StringComparer.Ordinal).ToList(),
            InOrder(timeline), InOrder(health), clock);
    }

    private static List<TimelineEntry> InOrder(IEnumerable<TimelineEntry> entries) => [.. entries.OrderBy(t => t.Date).ThenBy(t => t.Service, StringComparer.Ordinal)];

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }
}
