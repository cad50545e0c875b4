using System.Globalization;
using Waypoint.Core.Insight;

namespace Waypoint.Web.Pages.Insight;

/// <summary>How a chart lays out its bars: months along the bottom, or categories down the side.</summary>
public enum ChartShape
{
    /// <summary>Vertical bars, one for each month of the period, in order.</summary>
    Months,

    /// <summary>Horizontal bars, one for each category (a source, an age), labels on the left.</summary>
    Categories,
}

/// <summary>
/// One bar of a chart: its label in the table, a shorter one beside the bar where the table's would not fit, the key the
/// drill-down finds it by (a month as yyyy-MM, a category's code), and the young people behind its count.
/// </summary>
public sealed record ChartBar(string Label, string Key, IReadOnlyList<long> People, string? ShortLabel = null)
{
    public int Count => People.Count;
}

/// <summary>
/// A measure's counts as a chart and its table: one code (the drill-down's <c>measure</c>) and one title for both.
/// The bars are the whole: their counts add up to the total the table shows.
/// </summary>
public sealed record ChartData(string Measure, string Title, string Period, ChartShape Shape, string CategoryHeading, string CountHeading, IReadOnlyList<ChartBar> Bars)
{
    public int Total => Bars.Sum(b => b.Count);

    public IEnumerable<long> People => Bars.SelectMany(b => b.People);
}

/// <summary>A measure's total for a period against the period before of the same length (docs/measures.md, "Trend").</summary>
public sealed record Trend(int Current, int Previous, string PreviousPeriod)
{
    /// <summary>"up 3 on the previous period (7, January to March 2025)"; counts withheld when either is from 1 to 4 and the reader is outside the team.</summary>
    public string Text(bool exact)
    {
        if (!exact && (SmallNumbers.IsSmall(Current) || SmallNumbers.IsSmall(Previous)))
            return $"compared with the previous period ({PreviousPeriod}): withheld, because a number under 5 could be worked out";
        var before = string.Create(CultureInfo.InvariantCulture, $"({Previous:N0}, {PreviousPeriod})");
        var change = Current - Previous;
        return change switch
        {
            > 0 => string.Create(CultureInfo.InvariantCulture, $"up {change:N0} on the previous period {before}"),
            < 0 => string.Create(CultureInfo.InvariantCulture, $"down {-change:N0} on the previous period {before}"),
            _ => $"the same as the previous period {before}",
        };
    }
}

/// <summary>A bar as drawn and tabled: its count as the reader may see it, and where its number links to, if anywhere.</summary>
public sealed record ChartViewBar(string Label, string ShortLabel, SuppressedCount Count, string? Link);

/// <summary>A rectangle, or a piece of text, of the SVG: numbers already worked out, so the view only writes them.</summary>
public sealed record SvgRect(double X, double Y, double Width, double Height);

public sealed record SvgText(double X, double Y, string Text, string Anchor, string Class);

/// <summary>
/// A chart ready to render (the partial _Chart): the SVG's shapes and text alternative, and the table of the same numbers.
/// Server-rendered, with no script and no style attribute (the content security policy allows the site's own CSS only):
/// colours come from classes in waypoint.css. Counts withheld as small numbers get no bar - a bar's length would give
/// the number away - only their symbol where the bar would be.
/// </summary>
public sealed class ChartView
{
    public const double Width = 640;
    private const double LabelWidth = 250;
    private const double RowHeight = 30;
    private const double Top = 30;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string CategoryHeading { get; init; }
    public required string CountHeading { get; init; }
    public required IReadOnlyList<ChartViewBar> Bars { get; init; }
    public required ChartViewBar Total { get; init; }
    public required double Height { get; init; }
    public required IReadOnlyList<SvgRect> Rects { get; init; }
    public required IReadOnlyList<SvgRect> GridLines { get; init; }
    public required IReadOnlyList<SvgText> Texts { get; init; }

    /// <summary>
    /// The chart of <paramref name="data"/> for a reader who sees exact counts (<paramref name="exact"/>) or counts with
    /// small numbers withheld, the row and its total suppressed together so that no withheld count can be worked out.
    /// <paramref name="link"/> gives a bar's drill-down (null for the total), or null for none.
    /// </summary>
    public static ChartView Of(ChartData data, bool exact, Func<ChartBar?, string?>? link, Trend? trend = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<SuppressedCount> counts;
        SuppressedCount total;
        if (exact)
        {
            counts = [.. data.Bars.Select(b => new SuppressedCount(b.Count, Suppression.Shown))];
            total = new SuppressedCount(data.Total, Suppression.Shown);
        }
        else
        {
            var table = SmallNumbers.Suppress([[.. data.Bars.Select(b => b.Count)]], columnTotals: false);
            (counts, total) = (table.Cells.Count == 0 ? [] : table.Cells[0], table.RowTotals.Count == 0 ? SmallNumbers.Single(0) : table.RowTotals[0]);
        }
        var bars = data.Bars.Select((b, i) => new ChartViewBar(b.Label, b.ShortLabel ?? b.Label, counts[i], exact && b.Count > 0 ? link?.Invoke(b) : null)).ToList();
        var all = new ChartViewBar("All", "All", total, exact && data.Total > 0 ? link?.Invoke(null) : null);

        var top = NiceTop(bars.Where(b => b.Count.IsShown).Select(b => b.Count.Value).DefaultIfEmpty(0).Max());
        var (height, rects, grid, texts) = data.Shape == ChartShape.Months ? Vertical(bars, top, data.CountHeading) : Horizontal(bars, top, data.CountHeading);
        return new ChartView
        {
            Id = data.Measure,
            Title = $"{data.Title}, {data.Period}",
            Description = Describe(data, bars, all, trend, exact),
            CategoryHeading = data.CategoryHeading,
            CountHeading = data.CountHeading,
            Bars = bars,
            Total = all,
            Height = height,
            Rects = rects,
            GridLines = grid,
            Texts = texts,
        };
    }

    /// <summary>The text alternative: every bar's label and number, the total and the trend, in a sentence.</summary>
    private static string Describe(ChartData data, IReadOnlyList<ChartViewBar> bars, ChartViewBar total, Trend? trend, bool exact)
    {
        var each = bars.Select(b => $"{b.Label} {b.Count.Display}").ToList();
        var list = each.Count switch
        {
            0 => "none",
            1 => each[0],
            _ => string.Join(", ", each[..^1]) + " and " + each[^1],
        };
        return $"{data.Title}, {data.Period}: {list}; {total.Count.Display} in all{(trend is null ? "" : ", " + trend.Text(exact))}.";
    }

    /// <summary>The axis's top: a round number at or above the largest count, so its ticks (a quarter each) read easily.</summary>
    public static int NiceTop(int largest)
    {
        if (largest <= 4) return 4;
        var step = Math.Pow(10, Math.Floor(Math.Log10(largest / 4.0)));
        var nice = new[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }.Select(m => m * step).First(s => s * 4 >= largest && s == Math.Floor(s));
        return (int)(nice * 4);
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static (double, List<SvgRect>, List<SvgRect>, List<SvgText>) Vertical(List<ChartViewBar> bars, int top, string axis)
    {
        const double left = 56, right = 16, plotHeight = 180;
        var (baseline, plotWidth) = (Top + plotHeight, Width - left - right);
        var rects = new List<SvgRect>();
        var grid = new List<SvgRect>();
        var texts = new List<SvgText> { new(left, Top - 14, axis, "start", "waypoint-chart__axis-title") };
        for (var t = 0; t <= 4; t++)
        {
            var y = baseline - (plotHeight * t / 4);
            grid.Add(new SvgRect(left, y, plotWidth, t == 0 ? 2 : 1));
            texts.Add(new SvgText(left - 8, y + 5, Number(top * t / 4.0), "end", "waypoint-chart__tick"));
        }
        var slot = bars.Count == 0 ? plotWidth : plotWidth / bars.Count;
        // Month labels thin out on long periods so they do not overlap: at most 12 along the axis.
        var every = Math.Max(1, (int)Math.Ceiling(bars.Count / 12.0));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var middle = left + (slot * i) + (slot / 2);
            if (bar.Count.IsShown)
            {
                var h = plotHeight * bar.Count.Value / top;
                if (h > 0) rects.Add(new SvgRect(middle - (slot * 0.35), baseline - h, slot * 0.7, h));
                if (slot >= 24) texts.Add(new SvgText(middle, baseline - h - 6, bar.Count.Display, "middle", "waypoint-chart__value"));
            }
            else
            {
                texts.Add(new SvgText(middle, baseline - 6, bar.Count.Text, "middle", "waypoint-chart__withheld"));
            }
            if (i % every != 0) continue;
            var words = bar.ShortLabel.Split(' ', 2);
            texts.Add(new SvgText(middle, baseline + 20, words[0], "middle", "waypoint-chart__tick"));
            if (words.Length > 1) texts.Add(new SvgText(middle, baseline + 38, words[1], "middle", "waypoint-chart__tick"));
        }
        return (baseline + 48, rects, grid, texts);
    }

    private static (double, List<SvgRect>, List<SvgRect>, List<SvgText>) Horizontal(List<ChartViewBar> bars, int top, string axis)
    {
        const double right = 56;
        var plotWidth = Width - LabelWidth - right;
        var baseline = Top + (RowHeight * bars.Count);
        var rects = new List<SvgRect>();
        var grid = new List<SvgRect>();
        var texts = new List<SvgText>();
        for (var t = 0; t <= 4; t++)
        {
            var x = LabelWidth + (plotWidth * t / 4);
            grid.Add(new SvgRect(x, Top - 6, t == 0 ? 2 : 1, baseline - Top + 6));
            texts.Add(new SvgText(x, baseline + 20, Number(top * t / 4.0), "middle", "waypoint-chart__tick"));
        }
        texts.Add(new SvgText(LabelWidth + (plotWidth / 2), baseline + 42, axis, "middle", "waypoint-chart__axis-title"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (RowHeight * i);
            texts.Add(new SvgText(LabelWidth - 8, y + 19, bar.ShortLabel, "end", "waypoint-chart__label"));
            if (bar.Count.IsShown)
            {
                var w = plotWidth * bar.Count.Value / top;
                if (w > 0) rects.Add(new SvgRect(LabelWidth + 1, y + 4, w, RowHeight - 8));
                texts.Add(new SvgText(LabelWidth + w + 6, y + 19, bar.Count.Display, "start", "waypoint-chart__value"));
            }
            else
            {
                texts.Add(new SvgText(LabelWidth + 6, y + 19, bar.Count.Text, "start", "waypoint-chart__withheld"));
            }
        }
        return (baseline + 56, rects, grid, texts);
    }
}
