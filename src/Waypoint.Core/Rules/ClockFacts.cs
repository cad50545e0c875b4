using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Rules;

/// <summary>
/// Gathers what the statutory clock reads, for a whole council (one query per table, columns it needs only) or for
/// one person. The same facts drive the CLI, the tracker and the person page.
/// </summary>
public static class ClockFacts
{
    public static async Task<Dictionary<long, PersonFacts>> LoadAsync(
        WaypointDbContext db, string council, CancellationToken cancellationToken, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = new Dictionary<long, PersonFacts>();
        await foreach (var p in db.People.AsNoTracking().Where(p => p.CouncilCode == council && (personId == null || p.Id == personId))
            .Select(p => new { p.Id, p.Reference, p.DateOfBirth }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            people[p.Id] = new PersonFacts { PersonId = p.Id, Reference = p.Reference, DateOfBirth = p.DateOfBirth };

        var links = db.RecordLinks.Where(l => l.CouncilCode == council && (personId == null || l.PersonId == personId));

        // The same episode appears in each year's 903 file: keep the copy from the latest source record.
        var episodes = new Dictionary<(long, DateOnly), (long Record, EpisodeFact Fact)>();
        await foreach (var e in db.CareEpisodes.Join(links, e => e.SourceRecordId, l => l.SourceRecordId, (e, l) => new
        {
            l.PersonId,
            e.SourceRecordId,
            e.StartDate,
            e.EndDate,
            e.LegalStatus,
            e.Placement,
            e.ReasonEpisodeCeased,
            e.PlacementPostcode,
            e.Urn,
            e.Line,
        }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = (e.PersonId, e.StartDate);
            if (episodes.TryGetValue(key, out var seen) && seen.Record > e.SourceRecordId) continue;
            episodes[key] = (e.SourceRecordId, new EpisodeFact(e.StartDate, e.EndDate, e.LegalStatus, e.Placement, e.ReasonEpisodeCeased, e.PlacementPostcode, e.Urn, e.Line));
        }
        foreach (var ((person, _), (_, fact)) in episodes)
        {
            if (!people.TryGetValue(person, out var p)) continue;
            p.Episodes.Add(fact);
            p.KnownOn(fact.Start);
        }
        foreach (var p in people.Values) p.Episodes.Sort((a, b) => a.Start.CompareTo(b.Start));

        var plans = new HashSet<(long, DateOnly?, DateOnly?)>();
        await foreach (var e in db.EhcPlans.Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.StartDate, x.CeaseDate, x.PlanResidence })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p) && plans.Add((e.PersonId, e.StartDate, e.CeaseDate)))
                p.EhcPlans.Add(new EhcPlanFact(e.StartDate, e.CeaseDate, !string.IsNullOrWhiteSpace(e.PlanResidence)));
        }
        // An active plan whose named plan is not in the file (an older request) is still a plan with no cease date.
        await foreach (var e in db.EhcActivePlans.Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new
        {
            l.PersonId,
            x.ReviewMeeting,
            x.LastReview,
            Ceased = db.EhcPlans.Any(n => n.RequestId == x.RequestId && n.CeaseDate != null),
            Named = db.EhcPlans.Any(n => n.RequestId == x.RequestId),
        }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!people.TryGetValue(e.PersonId, out var p)) continue;
            if (!e.Named && plans.Add((e.PersonId, null, null))) p.EhcPlans.Add(new EhcPlanFact(null, null, false));
            if (e.ReviewMeeting is { } meeting) p.EhcReviews.Add(meeting);
            if (e.LastReview is { } last) p.EhcReviews.Add(last);
        }
        await foreach (var e in db.EhcNeeds.Where(n => n.Rank == 1).Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.Id, x.SenType })
            .OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.EhcPrimaryNeed = e.SenType;
        }
        await foreach (var e in db.EhcRequests.Where(r => r.ReceivedDate != null).Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.ReceivedDate })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.KnownOn(e.ReceivedDate!.Value);
        }

        await foreach (var e in db.ChildDisabilities.Where(d => d.Code != "NONE").Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.Code })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.Disabilities.Add(e.Code);
        }
        await foreach (var e in db.CinReferrals.Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.ReferralDate })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.KnownOn(e.ReferralDate);
        }
        await foreach (var e in db.CinAssessments.Where(a => a.Factors != null && a.Factors.Contains("7A") && a.StartDate != null)
            .Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.StartDate, x.Factors })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // "17A" must not read as 7A: factors are whole codes separated by spaces.
            if (!people.TryGetValue(e.PersonId, out var p) || !e.Factors!.Split(' ').Contains("7A")) continue;
            if (p.YoungCarerConcern is not { } noted || e.StartDate > noted) p.YoungCarerConcern = e.StartDate;
        }

        await foreach (var e in db.AdultCareEvents.Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new
        {
            l.PersonId,
            x.EventType,
            x.StartDate,
            x.EndDate,
            x.EligibleNeedsIdentified,
            x.WeeklyCost,
        }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.AdultEvents.Add(new AdultEventFact(e.EventType, e.StartDate, e.EndDate, e.EligibleNeedsIdentified, e.WeeklyCost));
        }
        await foreach (var e in db.DeprivationsOfLiberty.Join(links, x => x.SourceRecordId, l => l.SourceRecordId, (x, l) => new { l.PersonId, x.StartDate, x.EndDate })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(e.PersonId, out var p)) p.LibertyOrders.Add((e.StartDate, e.EndDate));
        }

        await foreach (var c in db.TransitionsCases.Where(c => c.CouncilCode == council && (personId == null || c.PersonId == personId))
            .Select(c => new { c.PersonId, c.Stage, c.OpenedAt, c.StageChangedAt, c.NamedWorker }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(c.PersonId, out var p))
                p.Case = new CaseFact(c.Stage, DateOnly.FromDateTime(c.OpenedAt.UtcDateTime), DateOnly.FromDateTime(c.StageChangedAt.UtcDateTime), c.NamedWorker);
        }
        await foreach (var m in db.MilestoneEvidence.Where(m => m.CouncilCode == council && (personId == null || m.PersonId == personId))
            .Select(m => new { m.PersonId, m.RuleId, m.OccurredOn, m.Outcome }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (people.TryGetValue(m.PersonId, out var p)) p.Evidence.Add(new EvidenceFact(m.RuleId, m.OccurredOn, m.Outcome));
        }
        return people;
    }

    /// <summary>Every person of a council on a date, evaluated on every core.</summary>
    public static async Task<List<PersonClock>> EvaluateAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken, long? personId = null)
    {
        var facts = await LoadAsync(db, council, cancellationToken, personId);
        return facts.Values.AsParallel().AsOrdered().Select(f => StatutoryClock.Evaluate(f, asOf, policy)).ToList();
    }
}
