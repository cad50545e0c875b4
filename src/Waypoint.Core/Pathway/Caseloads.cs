using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>One case on a worker's caseload: where it stands and for how long.</summary>
public sealed record CaseloadEntry(string Reference, string DisplayName, DateOnly? DateOfBirth, int? Age, TransitionsStage Stage, DateOnly StageSince, int DaysAtStage, int Version)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long PersonId { get; init; }
}

public static class Caseloads
{
    /// <summary>Stages at which a case is still being worked, so its named worker carries it (NICE NG43: a named worker through to transfer).</summary>
    public static bool IsOpen(TransitionsStage stage) =>
        stage is TransitionsStage.Identified or TransitionsStage.Referred or TransitionsStage.AssessmentInProgress or TransitionsStage.Decided or TransitionsStage.PlanAgreed;

    private static readonly TransitionsStage[] OpenStages =
        [TransitionsStage.Identified, TransitionsStage.Referred, TransitionsStage.AssessmentInProgress, TransitionsStage.Decided, TransitionsStage.PlanAgreed];

    /// <summary>The open cases whose named worker is <paramref name="worker"/>, longest at their stage first.</summary>
    public static async Task<IReadOnlyList<CaseloadEntry>> OfWorkerAsync(WaypointDbContext db, string council, string worker, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = await db.TransitionsCases.AsNoTracking()
            .Where(c => c.CouncilCode == council && c.NamedWorker == worker && OpenStages.Contains(c.Stage))
            .Select(c => new { c.PersonId, c.Stage, c.StageChangedAt, c.Version }).ToListAsync(cancellationToken);
        var people = await CasePeople.OfAsync(db, cases.Select(c => c.PersonId), cancellationToken);
        return [.. cases.Select(c =>
        {
            var person = people[c.PersonId];
            var since = DateOnly.FromDateTime(c.StageChangedAt.UtcDateTime);
            return new CaseloadEntry(person.Reference, person.DisplayName, person.DateOfBirth, person.DateOfBirth is { } born ? People.Age.On(born, asOf) : null,
                c.Stage, since, Math.Max(0, asOf.DayNumber - since.DayNumber), c.Version) { PersonId = c.PersonId };
        }).OrderByDescending(c => c.DaysAtStage).ThenBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase)];
    }
}
