using CsCheck;
using Waypoint.Core.Insight;

namespace Waypoint.Core.Tests.Insight;

/// <summary>People and weekly and annual cost by weekly cost band, with shares of the total that add up to 100.0.</summary>
public class CostBandsTests
{
    /// <summary>Weekly costs for <paramref name="people"/> people adding up to <paramref name="weekly"/>, as even as whole pounds allow.</summary>
    private static IEnumerable<decimal> Spread(int people, int weekly) =>
        Enumerable.Range(0, people).Select(i => (decimal)(weekly / people + (i < weekly % people ? 1 : 0)));

    [Fact]
    public void Dorset_YoungAdultsWithALearningDisability_November2020()
    {
        // domain.md: people, weekly cost, annual cost and share of cost for each band. The published weekly costs are
        // rounded to the pound while the annual costs were worked from the exact ones, so weekly x 52 comes within 0.04%
        // of each published annual cost, not to the pound; the shares come out the same.
        (string Band, int People, int Weekly, int PublishedAnnual, decimal Share)[] dorset =
        [
            ("0-99", 23, 1_328, 69_033, 0.7m),
            ("100-299", 43, 7_809, 406_073, 4.2m),
            ("300-499", 25, 9_934, 516_552, 5.3m),
            ("500-799", 21, 13_054, 678_797, 6.9m),
            ("800-999", 6, 5_458, 283_814, 2.9m),
            ("1000-2000", 27, 36_736, 1_910_266, 19.5m),
            ("2000+", 27, 113_696, 5_912_185, 60.5m),
        ];
        var table = CostBands.Of(dorset.SelectMany(b => Spread(b.People, b.Weekly)));

        Assert.Equal(dorset.Select(b => b.Band), table.Rows.Select(r => r.Band));
        Assert.Equal(dorset.Select(b => b.People), table.Rows.Select(r => r.People));
        Assert.Equal(dorset.Select(b => (decimal)b.Weekly), table.Rows.Select(r => r.WeeklyCost));
        Assert.Equal(dorset.Select(b => b.Weekly * 52m), table.Rows.Select(r => r.AnnualCost));
        Assert.All(dorset.Zip(table.Rows), x => Assert.InRange(Math.Abs(x.Second.AnnualCost - x.First.PublishedAnnual) / x.First.PublishedAnnual, 0m, 0.0004m));
        Assert.Equal(dorset.Select(b => b.Share), table.Rows.Select(r => r.ShareOfCost));
        // The bands' rounded weekly costs add up to 188,015, a pound more than the published total of 188,014.
        Assert.Equal(new CostBandRow("Total", 172, 188_015m, 9_776_780m, 100.0m), table.Total);
        Assert.InRange(Math.Abs(table.Total.AnnualCost - 9_776_719m) / 9_776_719m, 0m, 0.00001m);
    }

    [Fact]
    public void SmallTable_WorkedByHand()
    {
        // 0-99: 50; 100-299: 150 + 150 = 300; 2000+: 2500. Total 2850 a week, 148,200 a year.
        // Shares 1.754%, 10.526%, 87.719%: in tenths 17, 105 and 877 rounded down (999), and the missing tenth goes to the
        // largest remainder (0.54, the 0-99 band): 1.8, 10.5, 87.7.
        var table = CostBands.Of([150m, 2500m, 50m, 150m]);

        Assert.Equal([1, 2, 0, 0, 0, 0, 1], table.Rows.Select(r => r.People));
        Assert.Equal([50m, 300m, 0m, 0m, 0m, 0m, 2500m], table.Rows.Select(r => r.WeeklyCost));
        Assert.Equal([2_600m, 15_600m, 0m, 0m, 0m, 0m, 130_000m], table.Rows.Select(r => r.AnnualCost));
        Assert.Equal([1.8m, 10.5m, 0m, 0m, 0m, 0m, 87.7m], table.Rows.Select(r => r.ShareOfCost));
        Assert.Equal(new CostBandRow("Total", 4, 2_850m, 148_200m, 100.0m), table.Total);
    }

    [Fact]
    public void SharesThatRoundedOnTheirOwnWouldAddUpTo100Point1_AddUpTo100()
    {
        // 333, 333 and 1334 of 2000: 16.65%, 16.65%, 66.7%, which rounded one by one show 16.7 + 16.7 + 66.7 = 100.1.
        // Largest remainder: 166 + 166 + 667 tenths = 999; the two remainders tie at 0.5 and the earlier band gets the tenth.
        var table = CostBands.Of([99m, 99m, 99m, 36m, 333m, 1334m]);
        Assert.Equal([16.7m, 0m, 16.6m, 0m, 0m, 66.7m, 0m], table.Rows.Select(r => r.ShareOfCost));
    }

    [Fact]
    public void SharesThatRoundedOnTheirOwnWouldAddUpTo99Point9_AddUpTo100()
    {
        // Three bands of 2400 a week each: a third each, 33.3 + 33.3 + 33.3 = 99.9 rounded one by one.
        var table = CostBands.Of([.. Enumerable.Repeat(200m, 12), .. Enumerable.Repeat(400m, 6), 2400m]);
        Assert.Equal([0m, 33.4m, 33.3m, 0m, 0m, 0m, 33.3m], table.Rows.Select(r => r.ShareOfCost));
    }

    [Theory]
    [InlineData("0", "0-99")]
    [InlineData("99.99", "0-99")]
    [InlineData("100", "100-299")]
    [InlineData("299.99", "100-299")]
    [InlineData("300", "300-499")]
    [InlineData("499.99", "300-499")]
    [InlineData("500", "500-799")]
    [InlineData("799.99", "500-799")]
    [InlineData("800", "800-999")]
    [InlineData("999.99", "800-999")]
    [InlineData("1000", "1000-2000")]
    [InlineData("2000", "1000-2000")]
    [InlineData("2000.01", "2000+")]
    [InlineData("15000", "2000+")]
    public void BandOf_TheEdges(string weeklyCost, string band) =>
        Assert.Equal(band, CostBands.BandOf(decimal.Parse(weeklyCost, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ANegativeCost_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CostBands.Of([100m, -0.01m]));

    [Fact]
    public void NoCosts_EveryBandZero_AndNoShares()
    {
        foreach (var table in new[] { CostBands.Of([]), CostBands.Of([0m, 0m]) })
        {
            Assert.Equal(CostBands.Bands, table.Rows.Select(r => r.Band));
            Assert.All(table.Rows, r => Assert.Equal((0m, 0m, 0m), (r.WeeklyCost, r.AnnualCost, r.ShareOfCost)));
            Assert.Equal((0m, 0m, 0m), (table.Total.WeeklyCost, table.Total.AnnualCost, table.Total.ShareOfCost));
        }
        Assert.Equal(0, CostBands.Of([]).Total.People);
        Assert.Equal(2, CostBands.Of([0m, 0m]).Total.People);
    }

    /// <summary>Weekly costs in pence up to 5,000 a week, mostly in the lower bands as in a real cohort.</summary>
    private static readonly Gen<List<decimal>> Costs =
        Gen.Frequency((3, Gen.Int[0, 99_999]), (2, Gen.Int[0, 500_000]), (1, Gen.Int[0, 1]))
            .Select(pence => pence / 100m).List[1, 60];

    [Fact]
    public void Shares_AlwaysAddUpTo100_EachWithinATenthOfTheExactShare() =>
        Costs.Where(c => c.Sum() > 0).Sample(costs =>
        {
            var table = CostBands.Of(costs);
            Assert.Equal(100.0m, table.Rows.Sum(r => r.ShareOfCost));
            Assert.Equal(costs.Count, table.Rows.Sum(r => r.People));
            Assert.Equal(costs.Sum(), table.Total.WeeklyCost);
            Assert.All(table.Rows, r => Assert.Equal(r.WeeklyCost * 52, r.AnnualCost));
            Assert.All(table.Rows, r =>
            {
                Assert.Equal(r.ShareOfCost, decimal.Round(r.ShareOfCost, 1));
                Assert.InRange(Math.Abs(r.ShareOfCost - r.WeeklyCost * 100 / table.Total.WeeklyCost), 0m, 0.1m);
            });
        });
}
