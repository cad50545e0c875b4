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

/// <summary>Everything the single view shows about one person.</summary>
public sealed record PersonDetail(
    Person Person, string DisplayName, int? Age, IReadOnlyList<string> Cohorts, TransitionsStage Stage,
    IReadOnlyList<IdentifierView> Identifiers, IReadOnlyList<SourceRecordView> Sources, IReadOnlyList<TimelineEntry> Timeline, PersonClock Clock,
    bool HealthShown, Access.ConsentView? HealthConsent);

/// <summary>The single view of a person: identifiers, the source records behind them and a timeline across services.</summary>
public static class PersonRecord
{
    public static async Task<PersonDetail?> GetAsync(
        WaypointDbContext db, string council, string reference, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken, Access.Viewer? viewer = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.CouncilCode == council && p.Reference == reference, cancellationToken);
        if (person is null) return null;
        var recordIds = await db.RecordLinks.Where(l => l.PersonId == person.Id).Select(l => l.SourceRecordId).ToListAsync(cancellationToken);

        var sources = await db.SourceRecords.Where(r => recordIds.Contains(r.Id))
            .Join(db.ImportBatches, r => r.LastSeenBatchId, b => b.Id, (r, b) => new { r, b.CompletedAt })
            .ToListAsync(cancellationToken);
        var identifiers = await db.SourceIdentifiers.Where(i => recordIds.Contains(i.SourceRecordId))
            .Select(i => new IdentifierView(i.Kind, i.Value, i.IsValid)).Distinct().ToListAsync(cancellationToken);

        var timeline = new List<TimelineEntry>();
        foreach (var e in await db.CareEpisodes.Where(e => recordIds.Contains(e.SourceRecordId)).ToListAsync(cancellationToken))
        {
            var ended = e.ReasonEpisodeCeased is null or "X1" ? null : "Care ended: " + Describe(ReasonEpisodeCeased, e.ReasonEpisodeCeased);
            timeline.Add(new TimelineEntry(e.StartDate, e.EndDate, "Looked after", "Looked after: " + (Describe(LegalStatus, e.LegalStatus) ?? "legal status not recorded"),
                Join("Placement: " + (Describe(Placement, e.Placement) ?? "not recorded"), ended)));
        }
        foreach (var r in await db.CinReferrals.Where(r => recordIds.Contains(r.SourceRecordId)).ToListAsync(cancellationToken))
        {
            timeline.Add(new TimelineEntry(r.ReferralDate, r.ClosureDate, "Children's social care",
                "Child in need referral" + (r.PrimaryNeedCode is null ? "" : ": " + Describe(CategoryOfNeed, r.PrimaryNeedCode)),
                r.ReasonForClosure is null ? null : "Closed: " + Describe(ReasonForClosure, r.ReasonForClosure)));
        }
        foreach (var r in await db.EhcRequests.Where(r => recordIds.Contains(r.SourceRecordId) && r.ReceivedDate != null).ToListAsync(cancellationToken))
            timeline.Add(new TimelineEntry(r.ReceivedDate!.Value, null, "SEND", "Request for an EHC needs assessment", null));
        var needs = await db.EhcNeeds.Where(n => recordIds.Contains(n.SourceRecordId)).ToListAsync(cancellationToken);
        foreach (var p in await db.EhcPlans.Where(p => recordIds.Contains(p.SourceRecordId) && p.StartDate != null).ToListAsync(cancellationToken))
        {
            var primary = needs.Where(n => n.RequestId == p.RequestId && n.Rank == 1).Select(n => Describe(SenType, n.SenType)).FirstOrDefault();
            timeline.Add(new TimelineEntry(p.StartDate!.Value, p.CeaseDate, "SEND", "EHC plan started", primary is null ? null : "Primary need: " + primary));
            if (p.CeaseDate is { } cease)
                timeline.Add(new TimelineEntry(cease, null, "SEND", "EHC plan ceased", p.CeaseReason is null ? null : Describe(CeaseReason, p.CeaseReason)));
        }
        foreach (var a in await db.AdultCareEvents.Where(a => recordIds.Contains(a.SourceRecordId)).ToListAsync(cancellationToken))
        {
            timeline.Add(new TimelineEntry(a.StartDate, a.EndDate, "Adult social care", "Adult social care " + a.EventType.ToLowerInvariant(),
                Join(a.PrimarySupportReason, a.ServiceType, a.EligibleNeedsIdentified is null ? null : "Eligible needs identified: " + a.EligibleNeedsIdentified,
                    a.WeeklyCost is { } cost ? $"£{cost:N2} a week" : null)));
        }
        foreach (var c in await db.ChildPlacementCosts.Where(c => recordIds.Contains(c.SourceRecordId)).ToListAsync(cancellationToken))
        {
            timeline.Add(new TimelineEntry(c.StartDate, c.EndDate, "Looked after", $"Placement cost: £{c.WeeklyCost:N2} a week",
                Join(c.PlacementType, c.Provider, c.FundingStream is null ? null : "Funding: " + c.FundingStream)));
        }
        // Health detail is for a viewer with a health permission or the young person's consent to share (UK GDPR art. 9);
        // nobody else is told even whether there is any.
        var consent = await Access.HealthConsent.LatestAsync(db, council, person.Id, cancellationToken);
        var withHealth = Access.HealthConsent.MaySee(viewer, consent);
        foreach (var h in withHealth ? await db.HealthInvolvements.Where(h => recordIds.Contains(h.SourceRecordId)).ToListAsync(cancellationToken) : [])
        {
            var service = Involvements.HealthServices.Label(h.Service);
            if (h.StartDate is { } start) timeline.Add(new TimelineEntry(start, h.EndDate, "Health", "Known to " + service, h.Outcome));
            if (h.ChecklistDate is { } checklist)
                timeline.Add(new TimelineEntry(checklist, null, "Health", "Continuing healthcare checklist", h.ChecklistOutcome is null ? null : "Outcome: " + h.ChecklistOutcome));
            if (h.DecisionDate is { } decided)
                timeline.Add(new TimelineEntry(decided, null, "Health", "Continuing healthcare decision", h.Decision is null ? null : "Decision: " + h.Decision));
        }

        var clock = (await ClockFacts.EvaluateAsync(db, council, asOf, policy, cancellationToken, person.Id)).Single();
        var flags = await Cohort.FlagsAsync(db, council, asOf, clock.CareLeaver.Status == CareLeaverStatus.None ? [] : [person.Id], cancellationToken, person.Id);
        var stage = await db.TransitionsCases.Where(c => c.PersonId == person.Id).Select(c => (TransitionsStage?)c.Stage).FirstOrDefaultAsync(cancellationToken);
        var name = DisplayName.Of(person.Forename, person.Surname, identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.CouncilChildId)?.Value, person.Reference);
        return new PersonDetail(
            person, name, person.DateOfBirth is { } dob ? Age.On(dob, asOf, policy.LeapDayBirthdays) : null,
            flags.TryGetValue(person.Id, out var set) ? [.. set] : [], stage ?? TransitionsStage.NotIdentified,
            identifiers.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).ToList(),
            sources.OrderBy(s => s.r.SourceKey, StringComparer.Ordinal).Select(s => new SourceRecordView(s.r.SourceKey, s.r.Format, s.r.FileName, s.r.Line, s.r.LastSeenBatchId, s.CompletedAt)).ToList(),
            timeline.OrderBy(t => t.Date).ThenBy(t => t.Service, StringComparer.Ordinal).ToList(), clock, withHealth, consent);
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }
}
