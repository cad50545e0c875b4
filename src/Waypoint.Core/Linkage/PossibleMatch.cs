namespace Waypoint.Core.Linkage;

/// <summary>
/// Two people the linker thinks may be one, but not surely enough to join them: a practitioner who knows the families
/// decides. Each side is named by its oldest source record, which stays the same however the people are numbered.
/// Pending rows are replaced by each linking run; decided rows are kept as the history of what was decided.
/// </summary>
public sealed class PossibleMatch
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public long RecordId { get; set; }
    public long OtherRecordId { get; set; }
    public double Weight { get; set; }
    public double Probability { get; set; }

    /// <summary>Each field's level and weight, as JSON (see <see cref="FieldEvidence"/>).</summary>
    public required string Evidence { get; set; }

    public required string Status { get; set; }
    public long FoundInBatchId { get; set; }
    public DateTimeOffset FoundAt { get; set; }
}

public static class MatchStatus
{
    public const string Pending = "pending";
    public const string SamePerson = "same-person";
    public const string DifferentPeople = "different-people";
}

/// <summary>
/// What a person decided about two source records: the same person (from the review queue or a merge) or different
/// people (from the review queue or an unmerge). Every later linking run keeps to it, over any key or match weight,
/// so a re-import never asks again. Never edited; a later decision about the same records supersedes an earlier one.
/// </summary>
public sealed class LinkDecision
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }
    public long RecordId { get; set; }
    public long OtherRecordId { get; set; }
    public required string Decision { get; set; }
    public required string Reason { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public long? PossibleMatchId { get; set; }
}
