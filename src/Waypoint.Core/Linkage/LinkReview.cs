using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.People;

namespace Waypoint.Core.Linkage;

/// <summary>One side of a possible match: a person and what each of their source records says about who they are.</summary>
public sealed record MatchSide(string Reference, string DisplayName, IReadOnlyList<RecordIdentity> Records);

/// <summary>What one source record says about who someone is.</summary>
public sealed record RecordIdentity(
    long RecordId, string Source, string File, int Line, string? Forename, string? Surname, DateOnly? DateOfBirth, string? Sex, string? Postcode,
    IReadOnlyList<IdentifierView> Identifiers);

public sealed record PossibleMatchView(long Id, double Probability, double Weight, string Status, MatchSide Person, MatchSide Other, IReadOnlyList<FieldEvidence> Evidence);

/// <summary>What a review, merge or split changed, for the audit trail and the message shown after it.</summary>
public sealed record LinkChange(long PersonId, long? OtherPersonId, string Reference, string Message);

/// <summary>A review decision or merge that cannot be made, with the reason in words.</summary>
public sealed class LinkChangeRefusedException(string message) : Exception(message);

/// <summary>
/// The review queue, and merging and splitting people by hand. Every decision is kept as a <see cref="LinkDecision"/>
/// that later linking runs obey, so a re-import never asks again and never undoes it. No source record is ever
/// deleted: links move between people. Each change takes the same write lock as an import.
/// </summary>
public static class LinkReview
{
    public const string Reviewed = "reviewed";

    /// <summary>One page of the pending queue, most likely first, and how many are pending in all.</summary>
    public static async Task<(int Total, List<PossibleMatchView> Page)> QueueAsync(
        WaypointDbContext db, string council, CancellationToken cancellationToken, int skip = 0, int take = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = db.PossibleMatches.AsNoTracking().Where(m => m.CouncilCode == council && m.Status == MatchStatus.Pending);
        var total = await pending.CountAsync(cancellationToken);
        var page = await pending.OrderByDescending(m => m.Probability).ThenBy(m => m.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var views = new List<PossibleMatchView>();
        foreach (var match in page)
        {
            if (await ViewAsync(db, council, match, cancellationToken) is { } view) views.Add(view);
        }
        return (total, views);
    }

    public static async Task<PossibleMatchView?> GetAsync(WaypointDbContext db, string council, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var match = await db.PossibleMatches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.CouncilCode == council, cancellationToken);
        return match is null ? null : await ViewAsync(db, council, match, cancellationToken);
    }

    private static async Task<PossibleMatchView?> ViewAsync(WaypointDbContext db, string council, PossibleMatch match, CancellationToken cancellationToken)
    {
        var person = await SideAsync(db, council, match.RecordId, cancellationToken);
        var other = await SideAsync(db, council, match.OtherRecordId, cancellationToken);
        if (person is null || other is null) return null;
        var evidence = JsonSerializer.Deserialize<List<FieldEvidence>>(match.Evidence) ?? [];
        return new PossibleMatchView(match.Id, match.Probability, match.Weight, match.Status, person, other, evidence);
    }

    /// <summary>The person a source record is linked to now, with all their records.</summary>
    private static async Task<MatchSide?> SideAsync(WaypointDbContext db, string council, long recordId, CancellationToken cancellationToken)
    {
        var personId = await db.RecordLinks.Where(l => l.SourceRecordId == recordId && l.CouncilCode == council).Select(l => (long?)l.PersonId).SingleOrDefaultAsync(cancellationToken);
        if (personId is null) return null;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
        return new MatchSide(person.Reference, DisplayName.Of(person.Forename, person.Surname, null, person.Reference), await RecordsOfAsync(db, person.Id, cancellationToken));
    }

    public static async Task<List<RecordIdentity>> RecordsOfAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.RecordLinks.Where(l => l.PersonId == personId)
            .Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => r).AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var identifiers = (await db.SourceIdentifiers.Where(i => ids.Contains(i.SourceRecordId)).AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(i => i.SourceRecordId);
        return records.Select(r => new RecordIdentity(
            r.Id, r.Format, r.FileName, r.Line, r.Forename, r.Surname, r.DateOfBirth, r.Sex, r.Postcode,
            identifiers[r.Id].Select(i => new IdentifierView(i.Kind, i.Value, i.IsValid)).ToList())).ToList();
    }

    /// <summary>
    /// A reviewer's decision on a pending possible match: the same person (the two people are merged now) or
    /// different people (they stay apart, and the pair is never offered again).
    /// </summary>
    public static async Task<LinkChange> DecideAsync(
        WaypointDbContext db, string council, long id, bool samePerson, string reason, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await InWriteLockAsync(db, async () =>
        {
            var match = await db.PossibleMatches.SingleOrDefaultAsync(m => m.Id == id && m.CouncilCode == council, cancellationToken)
                ?? throw new LinkChangeRefusedException("This possible match is no longer in the queue.");
            if (match.Status != MatchStatus.Pending) throw new LinkChangeRefusedException("Someone has already decided this possible match.");
            match.Status = samePerson ? MatchStatus.SamePerson : MatchStatus.DifferentPeople;
            var (person, other) = (await PersonOfAsync(db, match.RecordId, cancellationToken), await PersonOfAsync(db, match.OtherRecordId, cancellationToken));
            Decide(db, council, match.RecordId, match.OtherRecordId, match.Status, reason, userName, now, match.Id);
            if (!samePerson || person.Id == other.Id)
            {
                await db.SaveChangesAsync(cancellationToken);
                return new LinkChange(person.Id, other.Id, person.Reference, "Kept apart: they will not be suggested again.");
            }
            return await MergeAsync(db, person, other, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Merges two people a practitioner knows are one: every record of both, under the older person.</summary>
    public static async Task<LinkChange> MergeAsync(
        WaypointDbContext db, string council, string reference, string otherReference, string reason, string userName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await InWriteLockAsync(db, async () =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.CouncilCode == council && p.Reference == reference, cancellationToken)
                ?? throw new LinkChangeRefusedException("There is no person with that reference.");
            var other = await db.People.SingleOrDefaultAsync(p => p.CouncilCode == council && p.Reference == otherReference, cancellationToken)
                ?? throw new LinkChangeRefusedException($"There is no person with the reference {otherReference}.");
            if (person.Id == other.Id) throw new LinkChangeRefusedException("That is the same person: enter the reference of the other person.");
            var first = await db.RecordLinks.Where(l => l.PersonId == person.Id).MinAsync(l => l.SourceRecordId, cancellationToken);
            var second = await db.RecordLinks.Where(l => l.PersonId == other.Id).MinAsync(l => l.SourceRecordId, cancellationToken);
            Decide(db, council, first, second, MatchStatus.SamePerson, reason, userName, now, null);
            return await MergeAsync(db, person, other, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Moves the chosen source records to a new person: they were linked to someone they are not. Each moved record
    /// is decided "different people" from each record that stays, so no key or match joins them again.
    /// </summary>
    public static async Task<LinkChange> SplitAsync(
        WaypointDbContext db, string council, string reference, IReadOnlyCollection<long> recordIds, string reason, string userName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recordIds);
        return await InWriteLockAsync(db, async () =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.CouncilCode == council && p.Reference == reference, cancellationToken)
                ?? throw new LinkChangeRefusedException("There is no person with that reference.");
            var links = await db.RecordLinks.Where(l => l.PersonId == person.Id).ToListAsync(cancellationToken);
            var moving = links.Where(l => recordIds.Contains(l.SourceRecordId)).ToList();
            if (moving.Count == 0 || moving.Count != recordIds.Count) throw new LinkChangeRefusedException("Choose one or more of this person's records to move.");
            if (moving.Count == links.Count) throw new LinkChangeRefusedException("Leave at least one record with this person: choose fewer records to move.");

            var ids = await IdAllocator.LoadAsync(db, cancellationToken);
            var used = (await db.People.Where(p => p.CouncilCode == council).Select(p => p.Reference).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var split = new Person { Id = ids.Next<Person>(), CouncilCode = council, Reference = Linker.NewReference(used) };
            db.People.Add(split);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var link in moving)
            {
                link.PersonId = split.Id;
                link.Method = Reviewed;
                foreach (var staying in links.Except(moving)) Decide(db, council, link.SourceRecordId, staying.SourceRecordId, MatchStatus.DifferentPeople, reason, userName, now, null);
            }
            await db.SaveChangesAsync(cancellationToken);
            await RefreshSummaryAsync(db, person, cancellationToken);
            await RefreshSummaryAsync(db, split, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new LinkChange(person.Id, split.Id, split.Reference, $"{moving.Count} record{(moving.Count == 1 ? "" : "s")} moved to a new person, {split.Reference}.");
        }, cancellationToken);
    }

    private static async Task<Person> PersonOfAsync(WaypointDbContext db, long recordId, CancellationToken cancellationToken) =>
        await db.RecordLinks.Where(l => l.SourceRecordId == recordId).Join(db.People, l => l.PersonId, p => p.Id, (l, p) => p).SingleAsync(cancellationToken);

    private static void Decide(
        WaypointDbContext db, string council, long recordId, long otherRecordId, string decision, string reason, string userName, DateTimeOffset now, long? matchId) =>
        db.LinkDecisions.Add(new LinkDecision
        {
            CouncilCode = council,
            RecordId = Math.Min(recordId, otherRecordId),
            OtherRecordId = Math.Max(recordId, otherRecordId),
            Decision = decision,
            Reason = reason,
            DecidedBy = userName,
            DecidedAt = now,
            PossibleMatchId = matchId,
        });

    /// <summary>
    /// The older person (smaller id) keeps everything: the other's records, recorded milestones and transitions case
    /// move to it, and the other person is removed. Refused when both have a transitions case, open or closed: a person has one.
    /// </summary>
    private static async Task<LinkChange> MergeAsync(WaypointDbContext db, Person a, Person b, CancellationToken cancellationToken)
    {
        var (keep, gone) = a.Id < b.Id ? (a, b) : (b, a);
        var cases = await db.TransitionsCases.Where(c => c.PersonId == keep.Id || c.PersonId == gone.Id).CountAsync(cancellationToken);
        if (cases > 1) throw new LinkChangeRefusedException("Both people have a transitions case, open or closed, and one person can have only one, so they cannot be merged.");
        foreach (var link in await db.RecordLinks.Where(l => l.PersonId == gone.Id).ToListAsync(cancellationToken))
        {
            link.PersonId = keep.Id;
            link.Method = Reviewed;
        }
        // Records a person once said were different people are now the same: those decisions are superseded, or the
        // next linking run would split them again.
        var keepRecords = await db.RecordLinks.Where(l => l.PersonId == keep.Id).Select(l => l.SourceRecordId).ToListAsync(cancellationToken);
        var goneRecords = await db.RecordLinks.Where(l => l.PersonId == gone.Id).Select(l => l.SourceRecordId).ToListAsync(cancellationToken);
        var superseded = await db.LinkDecisions.Where(d => d.CouncilCode == keep.CouncilCode && d.Decision == MatchStatus.DifferentPeople)
            .Where(d => (keepRecords.Contains(d.RecordId) && goneRecords.Contains(d.OtherRecordId)) || (goneRecords.Contains(d.RecordId) && keepRecords.Contains(d.OtherRecordId)))
            .AsNoTracking().ToListAsync(cancellationToken);
        var latest = db.LinkDecisions.Local.Where(d => d.Decision == MatchStatus.SamePerson).LastOrDefault();
        foreach (var d in superseded)
            Decide(db, keep.CouncilCode, d.RecordId, d.OtherRecordId, MatchStatus.SamePerson, latest?.Reason ?? "merged", latest?.DecidedBy ?? "", latest?.DecidedAt ?? d.DecidedAt, latest?.PossibleMatchId);
        foreach (var evidence in await db.MilestoneEvidence.Where(m => m.PersonId == gone.Id).ToListAsync(cancellationToken)) evidence.PersonId = keep.Id;
        foreach (var transitionsCase in await db.TransitionsCases.Where(c => c.PersonId == gone.Id).ToListAsync(cancellationToken)) transitionsCase.PersonId = keep.Id;
        await db.SaveChangesAsync(cancellationToken);
        // Pending matches that named the two as each other are settled by the merge.
        await db.PossibleMatches.Where(m => m.Status == MatchStatus.Pending && m.CouncilCode == keep.CouncilCode)
            .Where(m => db.RecordLinks.Any(l => l.SourceRecordId == m.RecordId && l.PersonId == keep.Id) && db.RecordLinks.Any(l => l.SourceRecordId == m.OtherRecordId && l.PersonId == keep.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MatchStatus.SamePerson), cancellationToken);
        db.People.Remove(gone);
        await RefreshSummaryAsync(db, keep, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new LinkChange(keep.Id, gone.Id, keep.Reference, $"Merged: {gone.Reference} is now part of {keep.Reference}, with all of its records.");
    }

    private static async Task RefreshSummaryAsync(WaypointDbContext db, Person person, CancellationToken cancellationToken)
    {
        var records = await db.RecordLinks.Where(l => l.PersonId == person.Id).Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => r)
            .AsNoTracking().ToListAsync(cancellationToken);
        PersonSummary.Apply(person, records);
    }

    /// <summary>One transaction holding the same write lock as an import, so a merge never interleaves with linking.</summary>
    private static async Task<T> InWriteLockAsync<T>(WaypointDbContext db, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await WaypointDatabase.BeginWriteAsync(db, cancellationToken);
        var result = await change();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
