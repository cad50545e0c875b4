using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Insight;

/// <summary>One table of the summary: what its rows and columns are, and the counts with small numbers withheld.</summary>
public sealed record SummaryTable(string Caption, string RowHeading, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, SuppressedTable Counts);

/// <summary>
/// How many young people are in scope, by cohort and age band and by stage and age band: the counts a board report or a
/// commissioner shares outside the team, so small numbers are withheld (<see cref="SmallNumbers"/>).
/// </summary>
public static class CohortSummary
{
    /// <summary>The column of row totals.</summary>
    public const string AllAges = "All ages";

    /// <summary>The row of column totals.</summary>
    public const string TotalLabel = "All young people in scope";

    public static IReadOnlyList<SummaryTable> Of(IReadOnlyList<TrackerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byCohort = Cohort.All.Select(c => Counts(rows.Where(r => r.Cohorts.Contains(c.Id)))).ToList();
        // Closed cases too: a young person whose case closed is still in scope while a cohort holds them.
        var stages = Enum.GetValues<TransitionsStage>();
        var byStage = stages.Select(s => Counts(rows.Where(r => r.Stage == s))).ToList();
        return
        [
            // A young person can be in more than one cohort, so its columns do not add up: it has row totals only.
            new SummaryTable("Young people in each cohort, by age", "Cohort", [.. Cohort.All.Select(c => c.Label)], Age.Bands, SmallNumbers.Suppress(byCohort, columnTotals: false)),
            new SummaryTable("Young people at each stage of the pathway, by age", "Stage", [.. stages.Select(TransitionsStages.Label)], Age.Bands, SmallNumbers.Suppress(byStage)),
        ];
    }

    private static IReadOnlyList<int> Counts(IEnumerable<TrackerRow> rows)
    {
        var bands = rows.Select(r => Age.Band(r.Age)).ToList();
        return [.. Age.Bands.Select(b => bands.Count(x => x == b))];
    }
}
