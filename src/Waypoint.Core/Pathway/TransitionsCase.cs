namespace Waypoint.Core.Pathway;

/// <summary>The stages of the transitions pathway (domain.md "The pathway"); <see cref="TransitionsCase.MoveTo"/> says which moves are allowed.</summary>
public enum TransitionsStage
{
    NotIdentified,
    Identified,
    Referred,
    AssessmentInProgress,
    Decided,
    PlanAgreed,
    Signposted,
    Declined,
    HandedOver,
    Closed,
}

public static class TransitionsStages
{
    public static string Label(TransitionsStage stage) => stage switch
    {
        TransitionsStage.NotIdentified => "Not identified",
        TransitionsStage.AssessmentInProgress => "Assessment in progress",
        TransitionsStage.PlanAgreed => "Plan agreed",
        TransitionsStage.HandedOver => "Handed over",
        _ => stage.ToString(),
    };
}

/// <summary>
/// One transitions case per person. A person with no case is at stage "not identified". The stage changes only
/// through <see cref="MoveTo"/>, which refuses a move the pathway does not allow and records who made each move,
/// when and why (<see cref="Moves"/>).
/// </summary>
public sealed class TransitionsCase
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }
    public TransitionsStage Stage { get; private set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the case reached its current stage (the statutory clock dates refusals from it).</summary>
    public DateTimeOffset StageChangedAt { get; set; }

    /// <summary>Goes up by one with every saved change (<see cref="CaseWork.SaveAsync"/>), so two people cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>The user name of the named worker (NICE NG43), if one is recorded.</summary>
    public string? NamedWorker { get; set; }

    /// <summary>Every move the case has made, oldest first; never edited.</summary>
    public List<TransitionsCaseMove> Moves { get; private set; } = [];

    /// <summary>Every referral the case has had, oldest first; a closed case reopens with a new one.</summary>
    public List<Referral> Referrals { get; private set; } = [];

    /// <summary>
    /// The moves the pathway allows (domain.md "The pathway"). A case may be closed from any stage, with its reason
    /// (the young person moved away, or died), and a closed case reopens on a new identification or referral.
    /// </summary>
    private static readonly Dictionary<TransitionsStage, TransitionsStage[]> Allowed = new()
    {
        [TransitionsStage.NotIdentified] = [TransitionsStage.Identified, TransitionsStage.Referred],
        [TransitionsStage.Identified] = [TransitionsStage.Referred],
        // A request for a transition assessment may be refused, with written reasons (Care Act 2014 s.58(5)).
        [TransitionsStage.Referred] = [TransitionsStage.AssessmentInProgress, TransitionsStage.Declined],
        [TransitionsStage.AssessmentInProgress] = [TransitionsStage.Decided],
        // Eligible: a plan; not eligible: advice on meeting or reducing needs (s.13(5)), then signposting.
        [TransitionsStage.Decided] = [TransitionsStage.PlanAgreed, TransitionsStage.Signposted],
        [TransitionsStage.PlanAgreed] = [TransitionsStage.HandedOver],
        [TransitionsStage.HandedOver] = [],
        [TransitionsStage.Signposted] = [],
        [TransitionsStage.Declined] = [],
        [TransitionsStage.Closed] = [TransitionsStage.Identified, TransitionsStage.Referred],
    };

    /// <summary>The stages this case may move to now: a case not yet opened has nothing to close.</summary>
    public IReadOnlyList<TransitionsStage> NextStages =>
        Stage is TransitionsStage.Closed or TransitionsStage.NotIdentified ? Allowed[Stage] : [.. Allowed[Stage], TransitionsStage.Closed];

    /// <summary>A new case for a person, opened by its first move (identified or referred).</summary>
    public static TransitionsCase Open(long personId, string councilCode, TransitionsStage stage, string by, DateTimeOffset at, string why)
    {
        var transitionsCase = new TransitionsCase { PersonId = personId, CouncilCode = councilCode, OpenedAt = at, StageChangedAt = at };
        transitionsCase.MoveTo(stage, by, at, why);
        return transitionsCase;
    }

    /// <summary>
    /// Moves the case on, or throws <see cref="IllegalMoveException"/> naming the moves it could make. Every move needs
    /// who made it and why: the record must show why a young person's case stands where it does.
    /// </summary>
    public TransitionsCaseMove MoveTo(TransitionsStage to, string by, DateTimeOffset at, string why)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new IllegalMoveException("A move needs the name of the person making it.");
        if (string.IsNullOrWhiteSpace(why))
            throw new IllegalMoveException($"Say why the case moves to {TransitionsStages.Label(to).ToLowerInvariant()}: the reason is kept with the case.");
        if (!NextStages.Contains(to))
        {
            var next = NextStages.Count == 0 ? "it cannot move on" : "it can move to " + string.Join(", ", NextStages.Select(s => TransitionsStages.Label(s).ToLowerInvariant()));
            throw new IllegalMoveException($"A case at {TransitionsStages.Label(Stage).ToLowerInvariant()} cannot move to {TransitionsStages.Label(to).ToLowerInvariant()}: {next}.");
        }
        if (Moves.Count > 0 && at < Moves[^1].At)
            throw new IllegalMoveException($"A move cannot be dated before the case's last move ({Moves[^1].At:yyyy-MM-dd HH:mm}).");
        var move = new TransitionsCaseMove { CouncilCode = CouncilCode, From = Stage, To = to, By = by.Trim(), At = at, Why = why.Trim() };
        Moves.Add(move);
        Stage = to;
        StageChangedAt = at;
        return move;
    }
}

/// <summary>One move of a transitions case: from which stage to which, who made it, when and why.</summary>
public sealed class TransitionsCaseMove
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public required string CouncilCode { get; set; }
    public TransitionsStage From { get; set; }
    public TransitionsStage To { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Why { get; set; }
}

/// <summary>A move the pathway does not allow, or one without who or why; the message says what is allowed.</summary>
public sealed class IllegalMoveException : PathwayRefusedException
{
    public IllegalMoveException() { }

    public IllegalMoveException(string message) : base(message) { }

    public IllegalMoveException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A practitioner's record that a statutory milestone happened (an assessment, a notification, a personal adviser),
/// or another fact a rule needs (a refused request, a checklist that screened out). Never edited or deleted: a
/// correction is a newer record. The pathway records these as its work is done.
/// </summary>
public sealed class MilestoneEvidence
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>A rule id from the statutory clock (e.g. CL-ASSESS), or CARE-LEAVER for care-leaver facts.</summary>
    public required string RuleId { get; set; }

    /// <summary>"met", or a rule's own outcome (refused, negative, requested, education, home-breakdown).</summary>
    public required string Outcome { get; set; }

    /// <summary>The day it happened, which may be before the day it was recorded.</summary>
    public DateOnly OccurredOn { get; set; }

    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
