using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

/// <summary>The adult teams a young person is handed over to (domain.md "The pathway").</summary>
public enum AdultTeam
{
    LearningDisability,
    MentalHealth,
    PhysicalDisability,
    Other,
}

/// <summary>
/// The handover of a young person to a named adult team: which team and worker take over, from when, and the summary
/// the transitions worker writes for them, so the young person does not have to tell their story again.
/// </summary>
public sealed class Handover
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public AdultTeam Team { get; set; }

    /// <summary>The team's name when it is none of the named ones.</summary>
    public string? OtherTeam { get; set; }

    /// <summary>The adult worker who takes over, if one is named yet.</summary>
    public string? AdultWorker { get; set; }

    /// <summary>The day the adult team takes over: the adult service starts then.</summary>
    public DateOnly HandedOverOn { get; set; }

    public required string Summary { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>What a practitioner enters to hand a young person over.</summary>
public sealed record HandoverRequest(AdultTeam Team, string? OtherTeam, string? AdultWorker, DateOnly HandedOverOn, string Summary);

/// <summary>The handover as its page and API show it: the latest handover (null before one), the plan and the children's services.</summary>
public sealed record HandoverView(string Reference, TransitionsStage Stage, int Version, Handover? Handover, SupportPlan? Plan, IReadOnlyList<ChildrensService> ChildrensServices);

public static class Handovers
{
    public const int NameLength = 200;
    public const int SummaryLength = 8000;

    public static string Label(AdultTeam team) => team switch
    {
        AdultTeam.LearningDisability => "Learning disability team",
        AdultTeam.MentalHealth => "Mental health team",
        AdultTeam.PhysicalDisability => "Physical disability team",
        AdultTeam.Other => "Another adult team",
        _ => throw new ArgumentOutOfRangeException(nameof(team), team, null),
    };

    /// <summary>The team's name as the case shows it: the named team, or the other team's own name.</summary>
    public static string TeamName(Handover handover)
    {
        ArgumentNullException.ThrowIfNull(handover);
        return handover.Team == AdultTeam.Other && handover.OtherTeam is { } other ? other : Label(handover.Team);
    }

    /// <summary>The case's latest handover, or null if it has never been handed over.</summary>
    public static Task<Handover?> LatestAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Handovers.AsNoTracking().Where(h => h.PersonId == personId).OrderByDescending(h => h.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The handover as its API returns it; null when there is no such young person in the council.</summary>
    public static async Task<HandoverView?> GetAsync(WaypointDbContext db, string council, string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        return new HandoverView(view.Reference, view.Stage, view.Version, await LatestAsync(db, view.PersonId, cancellationToken),
            await Plans.CurrentAsync(db, view.PersonId, cancellationToken), await ChildrensServices.ListAsync(db, view.PersonId, cancellationToken));
    }

    /// <summary>
    /// Hands the young person over to an adult team: the case moves from plan agreed to handed over. Refused where a
    /// children's service under s.17 or s.2 would stop before the adult team takes over (no gap at 18).
    /// </summary>
    public static async Task<Handover> HandOverAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, HandoverRequest request, RulesPolicy policy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (!Enum.IsDefined(request.Team)) throw new PathwayRefusedException("Select the adult team taking over.");
        var other = Trimmed(request.OtherTeam);
        if (request.Team == AdultTeam.Other && other is null) throw new PathwayRefusedException("Enter the name of the adult team taking over.");
        if (other?.Length > NameLength) throw new PathwayRefusedException("The team's name must be 200 characters or fewer.");
        var worker = Trimmed(request.AdultWorker);
        if (worker?.Length > NameLength) throw new PathwayRefusedException("The adult worker's name must be 200 characters or fewer.");
        if (string.IsNullOrWhiteSpace(request.Summary)) throw new PathwayRefusedException("Enter the handover summary.");
        if (request.Summary.Trim().Length > SummaryLength) throw new PathwayRefusedException("The handover summary must be 8,000 characters or fewer.");

        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (transitionsCase is not { Stage: TransitionsStage.PlanAgreed })
        {
            var stage = transitionsCase is null ? "not open" : "at " + TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant();
            throw new PathwayRefusedException($"A young person is handed over to an adult team once their plan is agreed. This case is {stage}.", $"/people/{person.Reference}/case");
        }
        var agreed = transitionsCase.Moves.Where(m => m.To == TransitionsStage.PlanAgreed).MaxBy(m => m.Id)!;
        if (request.HandedOverOn < DateOnly.FromDateTime(agreed.At.Date))
            throw new PathwayRefusedException("The date the adult team takes over must be on or after the date the plan was agreed.");

        // No gap at 18 (Children Act 1989 s.17ZH-17ZI; CSDPA 1970 s.2A): a service the young person gets at 18 must
        // run until the adult service starts.
        var services = await db.ChildrensServices.AsNoTracking().Where(s => s.TransitionsCaseId == transitionsCase.Id).ToListAsync(cancellationToken);
        if (services.FirstOrDefault(s => NoGapAtEighteen.LeavesGap(s, person.DateOfBirth, request.HandedOverOn, policy)) is { } gap)
            throw new PathwayRefusedException(
                $"A children's service under {NoGapAtEighteen.Law(gap.LegalBasis)} ends before the adult team takes over, which would leave a gap after 18 ({NoGapAtEighteen.Continuity(gap.LegalBasis)}). Change the service's end date to the day before the handover date or later, or choose an earlier handover date.",
                $"/people/{person.Reference}/childrens-services");

        var handover = new Handover
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            Team = request.Team,
            OtherTeam = request.Team == AdultTeam.Other ? other : null,
            AdultWorker = worker,
            HandedOverOn = request.HandedOverOn,
            Summary = request.Summary.Trim(),
            RecordedBy = by.UserName,
            RecordedAt = at,
        };
        db.Handovers.Add(handover);
        var team = TeamName(handover);
        transitionsCase.MoveTo(TransitionsStage.HandedOver, by.UserName, at, $"Handed over to the adult team: {team}");
        await CaseWork.SaveAsync(db, by, transitionsCase,
            $"Handed over to {team}{(worker is null ? "" : $" (adult worker: {worker})")}, taking over on {Dates.Format(request.HandedOverOn)}",
            "case-handover", $"team {request.Team}", at, cancellationToken);
        return handover;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
