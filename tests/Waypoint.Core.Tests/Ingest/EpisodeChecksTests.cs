using Waypoint.Core.Ingest;

namespace Waypoint.Core.Tests.Ingest;

/// <summary>The checks across one child's episodes, beyond the one failing and one passing case of the rule table.</summary>
public class EpisodeChecksTests
{
    private static EpisodeChecks.Dates Episode(int line, string start, string? end = null) =>
        new(line, line, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    private static List<(int Line, string Rule)> Rejected(params EpisodeChecks.Dates[] episodes) =>
        [.. EpisodeChecks.Check(episodes).Select(r => (r.Key, r.Value.Rule.Id)).OrderBy(r => r.Key)];

    [Fact]
    public void EpisodesInsideALongerOne_AreEachRejected_AndTheLongerOneKept() =>
        Assert.Equal([(3, "episode-overlap"), (4, "episode-overlap")],
            Rejected(Episode(2, "2020-01-01", "2020-12-31"), Episode(3, "2020-03-01", "2020-04-01"), Episode(4, "2020-05-01", "2020-06-01")));

    [Fact]
    public void AnOpenEpisodeBetweenClosedOnes_IsRejected_AndTheNextIsComparedWithTheOneBefore() =>
        Assert.Equal([(3, "episode-open-before-closed")],
            Rejected(Episode(2, "2020-01-01", "2020-03-01"), Episode(3, "2020-04-01"), Episode(4, "2020-05-01", "2020-06-01")));

    [Fact]
    public void OfTwoOpenEpisodes_OnlyTheLatestIsKept() =>
        Assert.Equal([(2, "episode-open-before-closed")], Rejected(Episode(2, "2020-01-01"), Episode(3, "2021-01-01")));

    [Fact]
    public void TheFileOrderDoesNotMatter()
    {
        var episodes = new[] { Episode(2, "2020-05-01", "2020-09-01"), Episode(3, "2020-01-01", "2020-06-01"), Episode(4, "2020-09-01") };
        Assert.Equal([(2, "episode-overlap")], Rejected(episodes));
        Assert.Equal(Rejected(episodes), Rejected([.. episodes.Reverse()]));
    }

    [Fact]
    public void ConsecutiveEpisodes_SameDayChangesIncluded_AreAllKept() =>
        Assert.Empty(Rejected(Episode(2, "2020-01-01", "2020-02-01"), Episode(3, "2020-02-01", "2020-02-01"), Episode(4, "2020-02-01", "2020-03-01"), Episode(5, "2020-04-01")));

    [Fact]
    public void Messages_NameTheOtherEpisodeAndItsLine()
    {
        var why = EpisodeChecks.Check([Episode(7, "2020-01-01", "2020-06-01"), Episode(9, "2020-05-01", "2020-09-01")])[9];
        Assert.Equal(("DECOM", "episode starts (01/05/2020) before the child's previous episode ends (01/06/2020, line 7); this episode is rejected"), (why.Field, why.Message));
        var open = EpisodeChecks.Check([Episode(7, "2020-01-01"), Episode(9, "2020-05-01", "2020-09-01")])[7];
        Assert.Equal(("DEC", "is blank, so the episode starting 01/01/2020 is still open, but the child's next episode starts 01/05/2020 (line 9); the open episode is rejected"), (open.Field, open.Message));
    }
}
