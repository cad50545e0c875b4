using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Core.Pathway;

/// <summary>A young person's transitions case as the case page and its API show it. <see cref="Version"/> is 0 when there is no case.</summary>
public sealed record CaseView(
    [property: System.Text.Json.Serialization.JsonIgnore] long PersonId, string Reference, string DisplayName, DateOnly? DateOfBirth, TransitionsStage Stage, int Version, DateTimeOffset? OpenedAt, string? NamedWorker,
    IReadOnlyList<Referral> Referrals, IReadOnlyList<TransitionsCaseMove> Moves, IReadOnlyList<CaseEvent> History)
{
    public Referral? LatestReferral => Referrals.Count == 0 ? null : Referrals[^1];
}

public static class CaseRecord
{
    /// <summary>The person's case, or a view at "not identified" when they have none; null when there is no such person in the council.</summary>
    public static async Task<CaseView?> GetAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.CouncilCode == council && p.Reference == reference, cancellationToken);
        if (person is null) return null;
        var childId = await db.RecordLinks.Where(l => l.PersonId == person.Id)
            .Join(db.SourceIdentifiers.Where(i => i.Kind == IdentifierKind.CouncilChildId), l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => i.Value)
            .OrderBy(v => v).FirstOrDefaultAsync(cancellationToken);
        var name = DisplayName.Of(person.Forename, person.Surname, childId, person.Reference);
        var transitionsCase = await db.TransitionsCases.AsNoTracking().AsSplitQuery().Include(c => c.Moves).Include(c => c.Referrals)
            .SingleOrDefaultAsync(c => c.PersonId == person.Id, cancellationToken);
        if (transitionsCase is null) return new CaseView(person.Id, person.Reference, name, person.DateOfBirth, TransitionsStage.NotIdentified, 0, null, null, [], [], []);
        return new CaseView(
            person.Id, person.Reference, name, person.DateOfBirth, transitionsCase.Stage, transitionsCase.Version, transitionsCase.OpenedAt, transitionsCase.NamedWorker,
            [.. transitionsCase.Referrals.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)], [.. transitionsCase.Moves.OrderBy(m => m.At).ThenBy(m => m.Id)],
            await CaseWork.HistoryAsync(db, transitionsCase.Id, cancellationToken));
    }
}
