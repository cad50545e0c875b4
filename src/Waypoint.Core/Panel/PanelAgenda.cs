using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Panel;

/// <summary>A statutory milestone that applies to the young person, as the agenda shows it.</summary>
public sealed record AgendaMilestone(string RuleId, string Name, MilestoneStatus Status, DateOnly? Due, string Explanation);

public sealed record AgendaFlag(string RuleId, string Name, string Explanation);

/// <summary>A weekly cost from the council's data: a children's placement, or an adult social care service.</summary>
public sealed record CostLine(string Service, string Description, decimal WeeklyCost, DateOnly From, DateOnly? To, bool Current);

/// <summary>One case in the agenda pack: who the young person is, where they stand, what they cost and what the panel is asked.</summary>
public sealed record AgendaCase(
    [property: JsonIgnore] long PersonId, string Reference, string DisplayName, DateOnly? DateOfBirth, int? Age, IReadOnlyList<string> Cohorts, TransitionsStage Stage,
    string Question, string? LikelyNeeds, IReadOnlyList<AgendaMilestone> Milestones, IReadOnlyList<AgendaFlag> Flags, IReadOnlyList<CostLine> Costs, Referral? Referral,
    IReadOnlyList<string> AssessmentSummary, DecisionView? Decision);

/// <summary>A meeting's agenda pack: the meeting and who is expected, each case in full, and the actions to follow up.</summary>
public sealed record AgendaPack(MeetingView Meeting, IReadOnlyList<AgendaCase> Cases, DateOnly AsOf);

/// <summary>
/// The agenda pack the panel reads before it meets (on screen, and as a Word document by <see cref="AgendaPackDocument"/>),
/// built from the same records the case and person pages show.
/// </summary>
public static class PanelAgenda
{
    public static async Task<AgendaPack?> BuildAsync(WaypointDbContext db, string council, long meetingId, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await PanelRecord.GetAsync(db, council, meetingId, cancellationToken) is not { } meeting) return null;
        var cases = new List<AgendaCase>();
        foreach (var onAgenda in meeting.Cases)
        {
            var person = await PersonRecord.GetAsync(db, council, onAgenda.Reference, asOf, policy, cancellationToken);
            if (person is null) continue;
            var transitionsCase = await db.TransitionsCases.AsNoTracking().Include(c => c.Referrals).SingleAsync(c => c.PersonId == onAgenda.PersonId, cancellationToken);
            var clock = person.Clock;
            cases.Add(new AgendaCase(
                onAgenda.PersonId, onAgenda.Reference, person.DisplayName, person.Person.DateOfBirth, person.Age, [.. person.Cohorts.Select(Cohort.Label)], transitionsCase.Stage,
                onAgenda.Question, clock.LikelyNeeds,
                [.. clock.Milestones.Where(m => m.Status != MilestoneStatus.NotApplicable).Select(m => new AgendaMilestone(m.Rule.Id, m.Rule.Name, m.Status, m.Due, m.Explanation))],
                [.. clock.Flags.Select(f => new AgendaFlag(f.Rule.Id, f.Rule.Name, f.Explanation))],
                await CostsAsync(db, onAgenda.PersonId, asOf, cancellationToken),
                transitionsCase.Referrals.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).LastOrDefault(),
                await AssessmentSummaryAsync(db, transitionsCase.Id, cancellationToken),
                onAgenda.Decision));
        }
        return new AgendaPack(meeting, cases, asOf);
    }

    /// <summary>
    /// What the panel needs to know of the assessment, in lines to read: the referral, the assessment and its footing,
    /// the outcomes found unable, and the decision with its reasons and what the rules engine made of the facts (the
    /// written record of Care Act 2014 s.13(2)), or, where the request was refused, that and why.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AssessmentSummaryAsync(WaypointDbContext db, long transitionsCaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transitionsCase = await db.TransitionsCases.AsNoTracking().Include(c => c.Referrals).SingleAsync(c => c.Id == transitionsCaseId, cancellationToken);
        var lines = new List<string>
        {
            $"The case is at {TransitionsStages.Label(transitionsCase.Stage).ToLowerInvariant()} (since {Dates.Format(DateOnly.FromDateTime(transitionsCase.StageChangedAt.UtcDateTime))}).",
        };
        if (transitionsCase.Referrals.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).LastOrDefault() is { } referral)
            lines.Add($"Referred on {Dates.Format(referral.ReceivedOn)} by {Referrals.Label(referral.Source)}{(referral.Referrer is null ? "" : $" ({referral.Referrer})")}; urgency: {Referrals.Label(referral.Urgency).ToLowerInvariant()}.");
        var assessment = await db.TransitionAssessments.AsNoTracking().Include(a => a.Outcomes).Where(a => a.TransitionsCaseId == transitionsCaseId)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (assessment is null)
        {
            if (await db.AssessmentRefusals.AsNoTracking().Where(r => r.TransitionsCaseId == transitionsCaseId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken) is { } refusal)
                lines.Add($"The request for a transition assessment was refused on {Dates.Format(refusal.RefusedOn)}: {refusal.Reasons}");
            else
                lines.Add("No transition assessment has been started.");
            return lines;
        }
        lines.Add($"{Assessments.Label(assessment.Kind)} started on {Dates.Format(assessment.StartedOn)} by {assessment.StartedBy}: {Assessments.Label(assessment.Footing).ToLowerInvariant()}.");
        var result = Assessments.Weigh(assessment);
        lines.Add(result.Unable.Count == 0
            ? $"No specified outcome is recorded as unable ({assessment.Outcomes.Count} of {Assessments.OutcomesFor(assessment.Kind).Count} recorded)."
            : $"Unable to achieve {result.Unable.Count} of the specified outcomes: {string.Join("; ", result.Unable).ToLowerInvariant()}.");
        if (assessment.Eligible is { } eligible)
        {
            lines.Add($"Decided {(eligible ? "eligible" : "not eligible")} on {Dates.Format(assessment.DecidedOn!.Value)} by {assessment.DecidedBy}: {assessment.DecisionReasons}");
            lines.Add(assessment.Contradiction is null
                ? "The decision follows from the recorded facts."
                : $"The decision departs from the recorded facts{(assessment.ReviewedAt is null ? ", and waits for a manager's review" : $", and was reviewed by {assessment.ReviewedBy}")}. The practitioner's reason: {assessment.DepartureReason}");
        }
        else
        {
            lines.Add(result.Complete ? $"Not yet decided. The recorded facts come to: {result.Reasons[^1]}" : $"Not yet decided; {result.Missing.Count} {(result.Missing.Count == 1 ? "part is" : "parts are")} still to record.");
        }
        return lines;
    }

    /// <summary>The young person's weekly costs in the council's data, current ones first.</summary>
    private static async Task<IReadOnlyList<CostLine>> CostsAsync(WaypointDbContext db, long personId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var records = db.RecordLinks.Where(l => l.PersonId == personId).Select(l => l.SourceRecordId);
        var placements = await db.ChildPlacementCosts.AsNoTracking().Where(c => records.Contains(c.SourceRecordId)).ToListAsync(cancellationToken);
        var adult = await db.AdultCareEvents.AsNoTracking().Where(e => records.Contains(e.SourceRecordId) && e.WeeklyCost != null).ToListAsync(cancellationToken);
        bool Current(DateOnly from, DateOnly? to) => from <= asOf && (to is null || to >= asOf);
        return
        [
            .. placements.Select(c => new CostLine("Children's placement", Join(c.PlacementType, c.Provider, c.FundingStream is null ? null : "funding: " + c.FundingStream) ?? "Placement",
                    c.WeeklyCost, c.StartDate, c.EndDate, Current(c.StartDate, c.EndDate)))
                .Concat(adult.Select(e => new CostLine("Adult social care", Join(e.ServiceType, e.ServiceComponent) ?? e.EventType, e.WeeklyCost!.Value, e.StartDate, e.EndDate,
                    Current(e.StartDate, e.EndDate))))
                .OrderByDescending(c => c.Current).ThenByDescending(c => c.From),
        ];
    }

    private static string? Join(params string?[] parts) => parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList() is { Count: > 0 } present ? string.Join("; ", present) : null;
}
