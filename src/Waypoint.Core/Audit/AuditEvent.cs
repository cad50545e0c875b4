namespace Waypoint.Core.Audit;

/// <summary>
/// One audited action: who did what, to which person or data, when. Append-only: once sealed into the chain
/// (<see cref="AuditChain"/>) a row carries its place and a hash over it and the row before, so an edit or a deletion
/// anywhere shows when the chain is verified.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string CouncilCode { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    public required string Action { get; set; }
    public long? PersonId { get; set; }

    /// <summary>What was touched, without personal data (file names, counts, query shape).</summary>
    public string? Detail { get; set; }

    /// <summary>The row's place in the chain, from 1; null until the background sealer reaches it.</summary>
    public long? Sequence { get; set; }

    /// <summary>SHA-256, in hex, of the previous row's hash and this row's content; null until sealed.</summary>
    public string? Hash { get; set; }
}
