using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Tests.People;

/// <summary>The tracker's paging: pages for the screen, and one page of everything for the download.</summary>
public class TrackerPagingTests
{
    private static readonly List<TrackerRow> Rows = [.. Enumerable.Range(1, 1200).Select(i => new TrackerRow(
        i, $"R{i:D5}", $"Person {i:D5}", null, 16, [Cohort.EhcPlan], "SLD", TransitionsStage.NotIdentified, [],
        new PersonClock(i, new CareLeaverFinding(CareLeaverStatus.None, "", 0, []), null, [], [], null)))];

    [Fact]
    public void OnePageOfEverything_HoldsEveryRow_HoweverManyThereAre()
    {
        var all = Tracker.Apply(Rows, new TrackerQuery { PageSize = int.MaxValue });
        Assert.Equal((1200, 1200, 1, 1), (all.Rows.Count, all.Total, all.Page, all.PageCount));
    }

    [Fact]
    public void Pages_SplitTheRowsInNameOrder_AndAPageBeyondTheLastShowsTheLast()
    {
        var third = Tracker.Apply(Rows, new TrackerQuery { PageSize = 50, Page = 3 });
        Assert.Equal((50, 1200, 3, 24), (third.Rows.Count, third.Total, third.Page, third.PageCount));
        Assert.Equal("Person 00101", third.Rows[0].DisplayName);
        Assert.Equal(24, Tracker.Apply(Rows, new TrackerQuery { PageSize = 50, Page = 99 }).Page);
        Assert.Equal(1, Tracker.Apply([], new TrackerQuery { PageSize = 50 }).PageCount);
    }
}
