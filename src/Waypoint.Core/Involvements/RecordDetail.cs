namespace Waypoint.Core.Involvements;

/// <summary>
/// A row that belongs to one source record: an episode, a referral, a plan, an event.
/// Written by the importer in bulk, so its id is allocated by the importer, not the database.
/// </summary>
public abstract class RecordDetail
{
    public long Id { get; set; }
    public long SourceRecordId { get; set; }
    public string CouncilCode { get; set; } = "";

    /// <summary>Line in the source file (heading row = 1; XML: the element's line).</summary>
    public int Line { get; set; }
}
