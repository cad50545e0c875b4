using CsCheck;
using Waypoint.Core.Insight;

namespace Waypoint.Core.Tests.Insight;

/// <summary>Small numbers withheld in tables shared outside the team, and enough others that none can be worked out from the totals.</summary>
public class SmallNumbersTests
{
    /// <summary>Tables of mostly small counts, where suppression has the most to do, with column totals or without.</summary>
    private static readonly Gen<(int[][] Cells, bool ColumnTotals)> Tables =
        Gen.Int[1, 6].SelectMany(rows => Gen.Int[1, 6].SelectMany(columns =>
            Gen.Frequency((3, Gen.Int[0, 0]), (4, Gen.Int[1, 4]), (3, Gen.Int[5, 40])).Array[columns].Array[rows]))
        .Select(Gen.Bool, (cells, columnTotals) => (cells, columnTotals));

    /// <summary>Each row and each column of the table with its margins that adds up to a total: the counts, then the total.</summary>
    private static IEnumerable<IReadOnlyList<SuppressedCount>> Lines(SuppressedTable t)
    {
        for (var r = 0; r < t.Cells.Count; r++) yield return [.. t.Cells[r], t.RowTotals[r]];
        if (t.Total is not { } total) yield break;
        yield return [.. t.ColumnTotals, total];
        for (var c = 0; c < t.ColumnTotals.Count; c++) yield return [.. t.Cells.Select(row => row[c]), t.ColumnTotals[c]];
        yield return [.. t.RowTotals, total];
    }

    [Fact]
    public void Suppress_NoShownCountIsFromOneToFour() =>
        Tables.Sample((cells, columnTotals) =>
        {
            var table = SmallNumbers.Suppress(cells, columnTotals);
            Assert.DoesNotContain(table.All, c => c.IsShown && c.Value is >= 1 and <= 4);
            Assert.All(table.All.Where(c => c.Value is >= 1 and <= 4), c => Assert.Equal(Suppression.Small, c.Suppression));
        });

    [Fact]
    public void Suppress_EveryRowAndColumnWithItsTotalHasNoneOrAtLeastTwoWithheld() =>
        Tables.Sample((cells, columnTotals) =>
        {
            var table = SmallNumbers.Suppress(cells, columnTotals);
            Assert.All(Lines(table), line => Assert.NotEqual(1, line.Count(c => !c.IsShown)));
        });

    [Fact]
    public void Suppress_ShownCountsAreTheInputAndTheTotalsAddUp() =>
        Tables.Sample((cells, columnTotals) =>
        {
            var table = SmallNumbers.Suppress(cells, columnTotals);
            for (var r = 0; r < cells.Length; r++)
                for (var c = 0; c < cells[r].Length; c++)
                {
                    Assert.Equal(cells[r][c], table.Cells[r][c].Value);
                    if (table.Cells[r][c].IsShown) Assert.Equal(cells[r][c].ToString(System.Globalization.CultureInfo.InvariantCulture), table.Cells[r][c].Text);
                }
            Assert.Equal(cells.Select(r => r.Sum()), table.RowTotals.Select(t => t.Value));
            if (columnTotals)
            {
                Assert.Equal(Enumerable.Range(0, cells[0].Length).Select(c => cells.Sum(r => r[c])), table.ColumnTotals.Select(t => t.Value));
                Assert.Equal(cells.Sum(r => r.Sum()), table.Total?.Value);
            }
            else
            {
                Assert.Empty(table.ColumnTotals);
                Assert.Null(table.Total);
            }
            // Zero is shown as 0; nothing is withheld without a reason.
            Assert.All(table.All.Where(c => c.Value == 0), c => Assert.True(c.IsShown));
            if (!table.All.Any(c => SmallNumbers.IsSmall(c.Value))) Assert.All(table.All, c => Assert.True(c.IsShown));
        });

    [Fact]
    public void Suppress_OneSmallCellInARow_WithholdsTheSmallestOtherAndDoesTheSameDownTheColumns()
    {
        // The first row has one small count (3); its total (32) would give it away, so the 9 goes too. Then the columns
        // of the 3 and the 9 have one withheld count each, so the smallest other in each (the 10s of the last row) goes.
        var table = SmallNumbers.Suppress([[3, 20, 9], [12, 30, 15], [10, 10, 10]]);

        Assert.Equal(["<5", "20", "[c]"], table.Cells[0].Select(c => c.Text));
        Assert.Equal(["12", "30", "15"], table.Cells[1].Select(c => c.Text));
        Assert.Equal(["[c]", "10", "[c]"], table.Cells[2].Select(c => c.Text));
        Assert.Equal(Suppression.Secondary, table.Cells[0][2].Suppression);
        Assert.Equal(["32", "57", "30"], table.RowTotals.Select(c => c.Text));
        Assert.Equal(["25", "60", "34"], table.ColumnTotals.Select(c => c.Text));
    }

    [Fact]
    public void Suppress_NoSmallNumbers_ShowsEverything()
    {
        var table = SmallNumbers.Suppress([[0, 5], [7, 0]]);
        Assert.False(table.AnyWithheld);
        Assert.Equal(["0", "5"], table.Cells[0].Select(c => c.Text));
        Assert.Equal("12", table.Total?.Text);
    }

    [Fact]
    public void Suppress_ASmallTotal_IsWithheldWithTheCellsBehindIt()
    {
        // Two people in the last row: both its cells and its total are under 5.
        var table = SmallNumbers.Suppress([[10, 20], [1, 1]]);
        Assert.Equal(["<5", "<5"], table.Cells[1].Select(c => c.Text));
        Assert.Equal("<5", table.RowTotals[1].Text);
        Assert.All(Lines(table), line => Assert.NotEqual(1, line.Count(c => !c.IsShown)));
    }

    [Fact]
    public void Suppress_WithoutColumnTotals_OnlyTheRowsNeedASecondWithheld()
    {
        // With column totals the 3 and the 4 would each need a partner down their columns; without, only across.
        var table = SmallNumbers.Suppress([[3, 10, 20], [30, 4, 9]], columnTotals: false);
        Assert.Equal(["<5", "[c]", "20"], table.Cells[0].Select(c => c.Text));
        Assert.Equal(["30", "<5", "[c]"], table.Cells[1].Select(c => c.Text));
        Assert.Equal(["33", "43"], table.RowTotals.Select(c => c.Text));
        Assert.Null(table.Total);
    }

    [Fact]
    public void Suppress_RowsOfDifferentLengths_AreRefused() =>
        Assert.Throws<ArgumentException>(() => SmallNumbers.Suppress([[1, 2], [3]]));
}
