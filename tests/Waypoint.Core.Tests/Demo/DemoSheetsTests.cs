using Waypoint.Core.Demo;
using Waypoint.Core.People;
using Waypoint.Core.Spreadsheets;

namespace Waypoint.Core.Tests.Demo;

/// <summary>The demo council's own spreadsheets: drawn from each person's simulated life, and read by its saved mappings.</summary>
public sealed class DemoSheetsTests(CouncilDemo council) : IClassFixture<CouncilDemo>
{
    private DemoOutput Demo => council.Output;

    private static DateOnly Iso(string value) => DemoOutput.Iso(value);

    [Fact]
    public void PlacementCosts_FollowTheChildsPlacements_AndResidentialCostsMoreThanFostering()
    {
        var costs = Demo.Sheet("placement-costs.xlsx");
        var episodes = Demo.Csv("ssda903-episodes.csv").ToLookup(e => e["CHILD"], e => DemoOutput.Uk(e["DECOM"]), StringComparer.Ordinal);

        Assert.InRange(costs.Count, 1_000, 4_000);
        foreach (var row in costs)
        {
            var start = Iso(row["Placement Start"]);
            Assert.Contains(start, episodes[row["Client ID"]]);
            Assert.True(start <= DemoOutput.AsOf);
            if (row["Placement End"].Length > 0) Assert.InRange(Iso(row["Placement End"]), start, DemoOutput.AsOf);
        }
        decimal Average(string type) => costs.Where(r => r["Placement Type"] == type).Average(r => decimal.Parse(r["Weekly Cost (GBP)"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Average("Residential") > 5 * Average("Foster Care - In House"), $"residential {Average("Residential")}, in-house fostering {Average("Foster Care - In House")}");
        Assert.True(Average("Residential School") > Average("Foster Care - IFA"));
    }

    [Fact]
    public void HealthInvolvement_ContinuingHealthcareChecklistsComeAfter16_AndDecisionsOnlyAfterAFullAssessmentChecklist()
    {
        var rows = Demo.Csv("health-involvement.csv");
        var chc = rows.Where(r => r["Service"] == "Continuing Healthcare").ToList();

        Assert.InRange(chc.Count, 10, 100);
        Assert.Contains(rows, r => r["Service"] == "CAMHS");
        Assert.Contains(rows, r => r["Service"] == "LD Register");
        Assert.All(rows, r => Assert.True(NhsNumber.IsValid(r["NHS No"]), r["NHS No"]));
        foreach (var row in chc)
        {
            var checklist = DemoOutput.Uk(row["Checklist Date"]);
            Assert.InRange(checklist, DemoOutput.Uk(row["Date of Birth"]).AddYears(16), DemoOutput.AsOf);
            if (row["Decision"].Length > 0)
            {
                Assert.Equal("Full assessment required", row["Checklist Outcome"]);
                Assert.InRange(DemoOutput.Uk(row["Decision Date"]), checklist, DemoOutput.AsOf);
            }
        }
        Assert.Contains(chc, r => r["Decision"] == "Eligible");
        Assert.Contains(chc, r => r["Checklist Outcome"] == "Screened out");
    }

    [Fact]
    public void The_demo_mappings_read_the_demo_sheets_without_a_single_problem()
    {
        var costs = SpreadsheetPreview.Read(Demo.PathOf("placement-costs.xlsx"), CouncilSheetsWriter.CostsMapping("999"), DemoOutput.AsOf, rows: int.MaxValue);
        var health = SpreadsheetPreview.Read(Demo.PathOf("health-involvement.csv"), CouncilSheetsWriter.HealthMapping("999"), DemoOutput.AsOf, rows: int.MaxValue);

        Assert.True(costs.CanImport && health.CanImport);
        Assert.Empty(costs.Rows.Concat(health.Rows).SelectMany(r => r.Problems));
        Assert.Equal(Demo.Sheet("placement-costs.xlsx").Count, costs.Rows.Count);
        Assert.Contains(costs.Rows, r => r.Values.Any(v => v.Field == "fundingStream" && v.Value == "joint"));
    }
}
