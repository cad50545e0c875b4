using System.Globalization;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Checks across one child's 903 episodes. A child is in one episode at a time (DfE SSDA903 validation rule 501: a new
/// episode may not start before the previous one ends), and only the latest episode can be open, DEC blank
/// (formats.md section 1). Each problem is an episode row with an impossible date or a missing DEC, so that row is
/// rejected and the child's other episodes import (formats.md section 7). Used for the CSV table and the XML variant.
/// </summary>
internal static class EpisodeChecks
{
    /// <summary>One episode whose own dates are real and in order, with its line in the file.</summary>
    public readonly record struct Dates(int Line, DateOnly Start, DateOnly? End);

    /// <summary>Why a row is rejected: its rule, the field to name and the message.</summary>
    public sealed record Rejection(DataQualityRule Rule, string Field, string Message);

    /// <summary>
    /// The episodes of one child, in any order: the rows to reject, by line. An open episode followed by a later one
    /// is rejected (its DEC is missing); an episode starting before the one kept before it ends is rejected (its
    /// DECOM is impossible), so an overlap never rejects the earlier, already consistent, history.
    /// </summary>
    public static Dictionary<int, Rejection> Check(IEnumerable<Dates> episodes, string startField = "DECOM", string endField = "DEC")
    {
        var rejected = new Dictionary<int, Rejection>();
        var kept = new List<Dates>();
        foreach (var episode in episodes.OrderBy(e => e.Start).ThenBy(e => e.Line))
        {
            // Only the last kept episode can be open: every earlier one was closed when it was kept.
            if (kept.Count > 0 && kept[^1] is { End: null } open)
            {
                rejected[open.Line] = new Rejection(DataQualityRules.EpisodeOpenBeforeClosed, endField,
                    $"is blank, so the episode starting {Uk(open.Start)} is still open, but the child's next episode starts {Uk(episode.Start)} (line {episode.Line}); the open episode is rejected");
                kept.RemoveAt(kept.Count - 1);
            }
            if (kept.Count > 0 && kept[^1].End is { } previousEnd && episode.Start < previousEnd)
            {
                rejected[episode.Line] = new Rejection(DataQualityRules.EpisodeOverlap, startField,
                    $"episode starts ({Uk(episode.Start)}) before the child's previous episode ends ({Uk(previousEnd)}, line {kept[^1].Line}); this episode is rejected");
                continue;
            }
            kept.Add(episode);
        }
        return rejected;
    }

    private static string Uk(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
