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
    /// <summary>
    /// One episode whose own dates are real and in order: <see cref="Row"/> tells it from the child's other episodes (its
    /// line in a CSV file, its position in the XML, where episodes can share a line), and <see cref="Line"/> is its line in the file.
    /// </summary>
    public readonly record struct Dates(int Row, int Line, DateOnly Start, DateOnly? End);

    /// <summary>Why a row is rejected: its rule, the field to name and the message.</summary>
    public sealed record Rejection(DataQualityRule Rule, string Field, string Message);

    /// <summary>
    /// The episodes of one child, in any order: the rows to reject, by <see cref="Dates.Row"/>, each naming the field
    /// DECOM or DEC (an XML caller reports it under its element path).
    /// </summary>
    public static Dictionary<int, Rejection> Check(IEnumerable<Dates> episodes)
    {
        var sorted = episodes.ToArray();
        Array.Sort(sorted, InOrder);
        var rejected = new Dictionary<int, Rejection>();
        CheckInOrder(sorted, rejected);
        return rejected;
    }

    /// <summary>Start date, then row: the order <see cref="CheckInOrder"/> needs.</summary>
    public static int InOrder(Dates a, Dates b)
    {
        var byStart = a.Start.CompareTo(b.Start);
        return byStart != 0 ? byStart : a.Row.CompareTo(b.Row);
    }

    /// <summary>
    /// One child's episodes in <see cref="InOrder"/> order; what to reject is added to <paramref name="rejected"/>. An open
    /// episode followed by a later one is rejected (its DEC is missing). An episode starting before the last one kept
    /// ends is rejected (its DECOM is impossible), so an overlap never rejects the earlier, consistent history.
    /// </summary>
    public static void CheckInOrder(ReadOnlySpan<Dates> episodes, Dictionary<int, Rejection> rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        // Every episode kept is closed but perhaps the latest: the last closed one kept, and an open one after it.
        Dates? closed = null;
        Dates? open = null;
        foreach (var episode in episodes)
        {
            if (open is { } o)
            {
                rejected[o.Row] = new Rejection(DataQualityRules.EpisodeOpenBeforeClosed, "DEC",
                    $"is blank, so the episode starting {Uk(o.Start)} is still open, but the child's next episode starts {Uk(episode.Start)} (line {episode.Line}); the open episode is rejected");
                open = null;
            }
            if (closed is { End: { } previousEnd } previous && episode.Start < previousEnd)
            {
                rejected[episode.Row] = new Rejection(DataQualityRules.EpisodeOverlap, "DECOM",
                    $"episode starts ({Uk(episode.Start)}) before the child's previous episode ends ({Uk(previousEnd)}, line {previous.Line}); this episode is rejected");
                continue;
            }
            if (episode.End is null) open = episode;
            else closed = episode;
        }
    }

    private static string Uk(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
