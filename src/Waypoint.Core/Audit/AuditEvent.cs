namespace Waypoint.Core.Audit;

/// <summary>One audited action: who did what, to which person or data, when. Append-only.</summary>
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
}
