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
/// drill-down finds it by (a month as yyyy-MM, a category's code), and the young people behind its count. A share's bar
/// also has <see cref="OutOf"/>, those it is a share of (the count is then "x of y (z%)" and the bar its per cent); a
/// table with more columns than the count has the bar's <see cref="Values"/>, one for each of <see cref="ChartData.Columns"/>.
/// </summary>
public sealed record ChartBar(string Label, string Key, IReadOnlyList<long> People, string? ShortLabel = null, IReadOnlyList<long>? OutOf = null, IReadOnlyList<decimal>? Values = null)
{
    public int Count => People.Count;
}

/// <summary>A column of a chart's table after the count: a sum of money, a share of a total, with its format.</summary>
public sealed record ChartColumn(string Heading, string Format);

/// <summary>
/// A measure's counts as a chart and its table: one code (the drill-down's <c>measure</c>) and one title for both.
/// The bars are the whole: their counts add up to the total the table shows.
/// </summary>
public sealed record ChartData(string Measure, string Title, string Period, ChartShape Shape, string CategoryHeading, string CountHeading, IReadOnlyList<ChartBar> Bars)
{
    public int Total => Bars.Sum(b => b.Count);

    public IEnumerable<long> People => Bars.SelectMany(b => b.People);

    /// <summary>The table's columns after the count, each bar's <see cref="ChartBar.Values"/> in this order; their totals are the sums.</summary>
    public IReadOnlyList<ChartColumn> Columns { get; init; } = [];

    /// <summary>A chart of shares: every bar a share, the total the share of them all together.</summary>
    public bool IsShare => Bars.Count > 0 && Bars.All(b => b.OutOf is not null);

    /// <summary>For a chart of shares, those the total is a share of.</summary>
    public IEnumerable<long> OutOf => Bars.SelectMany(b => b.OutOf ?? []);
}

/// <summary>
/// A measure's total for a period against the period before of the same length (docs/measures.md, "Trend"); for a
/// measure that is a share, the share (<see cref="Now"/>, <see cref="Before"/>, made by <see cref="OfShares"/>), its
/// counts in <see cref="Current"/> and <see cref="Previous"/>.
/// </summary>
public sealed record Trend(int Current, int Previous, string PreviousPeriod)
{
    public Share? Now { get; init; }
    public Share? Before { get; init; }

    public static Trend OfShares(Share now, Share before, string previousPeriod)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        return new(now.Of.Count, before.Of.Count, previousPeriod) { Now = now, Before = before };
    }

    /// <summary>
    /// Whether a reader outside the team may see a share: not when its count, its total or those left out of it are
    /// from 1 to 4 (the share and its total give the others away).
    /// </summary>
    private static bool MayShow(Share share) =>
        !SmallNumbers.IsSmall(share.Of.Count) && !SmallNumbers.IsSmall(share.OutOf.Count) && !SmallNumbers.IsSmall(share.OutOf.Count - share.Of.Count);

    /// <summary>The period's figure: "12" (or "&lt;5"), or for a share "12 of 30 (40.0%)" (or "Share withheld", as <see cref="Text"/> says).</summary>
    public string Headline(bool exact)
    {
        if (Now is not { } now) return exact ? Current.ToString("N0", CultureInfo.InvariantCulture) : SmallNumbers.Single(Current).Display;
        if (now.Percent is null) return Share.NoOneToCount;
        return exact || MayShow(now) ? ShareText.Of(now) : "Share withheld";
    }

    /// <summary>"up 3 on the previous period (7, January to March 2025)"; counts withheld when either is from 1 to 4 and the reader is outside the team.</summary>
    public string Text(bool exact)
    {
        if (Now is { } now && Before is { } before)
        {
            if (!exact && !(MayShow(now) && MayShow(before)))
                return $"compared with the previous period ({PreviousPeriod}): withheld, because a number under 5 could be worked out";
            if (now.Percent is not { } p || before.Percent is not { } q)
                return $"no share to compare with the previous period ({PreviousPeriod}: {(before.Percent is null ? Share.NoOneToCount.ToLowerInvariant() : ShareText.Of(before).Replace(" (", ", ", StringComparison.Ordinal).TrimEnd(')'))})";
            var then = string.Create(CultureInfo.InvariantCulture, $"({before.Of.Count:N0} of {before.OutOf.Count:N0}, {before.Text}, {PreviousPeriod})");
            var points = p - q;
            return points switch
            {
                > 0 => string.Create(CultureInfo.InvariantCulture, $"up {points:0.0} percentage points on the previous period {then}"),
                < 0 => string.Create(CultureInfo.InvariantCulture, $"down {-points:0.0} percentage points on the previous period {then}"),
                _ => $"the same share as the previous period {then}",
            };
        }
        if (!exact && (SmallNumbers.IsSmall(Current) || SmallNumbers.IsSmall(Previous)))
            return $"compared with the previous period ({PreviousPeriod}): withheld, because a number under 5 could be worked out";
        var earlier = string.Create(CultureInfo.InvariantCulture, $"({Previous:N0}, {PreviousPeriod})");
        var change = Current - Previous;
        return change switch
        {
            > 0 => string.Create(CultureInfo.InvariantCulture, $"up {change:N0} on the previous period {earlier}"),
            < 0 => string.Create(CultureInfo.InvariantCulture, $"down {-change:N0} on the previous period {earlier}"),
            _ => $"the same as the previous period {earlier}",
        };
    }
}

/// <summary>"12 of 30 (40.0%)": a share as a table shows it.</summary>
public static class ShareText
{
    public static string Of(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return Of(new SuppressedCount(share.Of.Count, Suppression.Shown), new SuppressedCount(share.OutOf.Count, Suppression.Shown), share.Text);
    }

    /// <summary>
    /// With no one to count, "No one to count"; otherwise the count of the total, each as the reader may see it, and the
    /// per cent only where both are shown (a share of a withheld number would give it away).
    /// </summary>
    public static string Of(SuppressedCount of, SuppressedCount outOf, string percent) =>
        outOf.Value == 0 ? Share.NoOneToCount
        : of.IsShown && outOf.IsShown ? $"{of.Display} of {outOf.Display} ({percent})"
        : $"{of.Display} of {outOf.Display}";
}

/// <summary>
/// A bar as drawn and tabled: its count as the reader may see it, and where its number links to, if anywhere; for a
/// share, <see cref="Text"/> is what the table shows ("x of y (z%)"), and <see cref="Values"/> are its other columns.
/// </summary>
public sealed record ChartViewBar(string Label, string ShortLabel, SuppressedCount Count, string? Link, string? Text = null, IReadOnlyList<string>? Values = null)
{
    /// <summary>The count's cell as the table shows it.</summary>
    public string Shown => Text ?? Count.Display;
}

/// <summary>
/// A rectangle, or a piece of text, of the SVG: numbers already worked out, so the view only writes them. A rectangle
/// of <see cref="ChartView.Rects"/> is a bar unless it names another class (a forecast range's whisker).
/// </summary>
public sealed record SvgRect(double X, double Y, double Width, double Height, string Class = "waypoint-chart__bar");

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
    public IReadOnlyList<string> ColumnHeadings { get; init; } = [];
    public required IReadOnlyList<ChartViewBar> Bars { get; init; }
    public required ChartViewBar Total { get; init; }

    /// <summary>Whether the table ends with <see cref="Total"/>: not for forecast years, whose ranges do not add up.</summary>
    public bool ShowsTotal { get; init; } = true;
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
        var (counts, total) = Suppressed(data.Bars.Select(b => b.Count), exact);
        var links = data.Bars.Select(b => exact && b.Count > 0 ? link?.Invoke(b) : null).Append(exact && data.Total > 0 ? link?.Invoke(null) : null).ToList();
        var labels = data.Bars.Select(b => (Label: b.Label, Short: b.ShortLabel ?? b.Label)).Append((Label: "All", Short: "All")).ToList();
        var shown = counts.Append(total).ToList();
        List<ChartViewBar> all;
        // What each bar draws (null: nothing, the count or share withheld), the text at its end, and the symbol where it is withheld.
        List<(double? Value, string Text, string Withheld)> drawn;
        int top;
        string unit;
        if (data.IsShare)
        {
            // A share shows its count and its total each as the reader may see them, both suppressed with the row's totals.
            var (outOf, outOfTotal) = Suppressed(data.Bars.Select(b => b.OutOf!.Count), exact);
            var shares = data.Bars.Select(b => new Share(new(b.People), new(b.OutOf!))).Append(new Share(new(data.People), new(data.OutOf))).ToList();
            var outOfs = outOf.Append(outOfTotal).ToList();
            all = [.. shares.Select((share, i) => new ChartViewBar(labels[i].Label, labels[i].Short, shown[i], links[i], ShareText.Of(shown[i], outOfs[i], share.Text)))];
            drawn = [.. shares.SkipLast(1).Select((share, i) => share.Percent is { } p && shown[i].IsShown && outOfs[i].IsShown
                ? ((double?)(double)p, share.Text, "")
                : (null, "", share.Percent is null ? "none" : SmallNumbers.SmallText))];
            (top, unit) = (100, "%");
        }
        else
        {
            // Money beside a withheld count is withheld with it: a band's cost would tell how many are in it.
            var values = data.Bars.Select(b => b.Values ?? []).ToList();
            var sums = Enumerable.Range(0, data.Columns.Count).Select(j => values.Sum(v => j < v.Count ? v[j] : 0m)).ToList();
            IReadOnlyList<string> Format(IReadOnlyList<decimal> row, SuppressedCount count) =>
                [.. data.Columns.Select((c, j) => count.IsShown ? (j < row.Count ? row[j] : 0m).ToString(c.Format, CultureInfo.InvariantCulture) : SmallNumbers.SecondaryText)];
            all = [.. values.Append(sums).Select((row, i) => new ChartViewBar(labels[i].Label, labels[i].Short, shown[i], links[i], null, data.Columns.Count == 0 ? null : Format(row, shown[i])))];
            drawn = [.. counts.Select(c => c.IsShown ? ((double?)c.Value, c.Display, "") : (null, "", c.Text))];
            (top, unit) = (NiceTop(counts.Where(c => c.IsShown).Select(c => c.Value).DefaultIfEmpty(0).Max()), "");
        }
        var bars = all.SkipLast(1).ToList();

        var (height, rects, grid, texts) = data.Shape == ChartShape.Months ? Vertical(bars, drawn, top, unit, data.CountHeading) : Horizontal(bars, drawn, top, unit, data.CountHeading);
        return new ChartView
        {
            Id = data.Measure,
            Title = $"{data.Title}, {data.Period}",
            Description = Describe(data, bars, all[^1], trend, exact),
            CategoryHeading = data.CategoryHeading,
            CountHeading = data.CountHeading,
            ColumnHeadings = [.. data.Columns.Select(c => c.Heading)],
            Bars = bars,
            Total = all[^1],
            Height = height,
            Rects = rects,
            GridLines = grid,
            Texts = texts,
        };
    }

    /// <summary>
    /// A chart of estimates by year (a forecast): each bar its mean, a whisker its range (low to high), the table each
    /// bar's <see cref="ChartViewBar.Text"/> and <see cref="ChartViewBar.Values"/> (its ranges), and no total. Estimates
    /// are not counts of people, so nothing is withheld.
    /// </summary>
    public static ChartView OfRanges(string id, string title, string description, string categoryHeading, string countHeading, IReadOnlyList<string> columnHeadings,
        IReadOnlyList<(string Label, double Mean, double Low, double High, string Shown, IReadOnlyList<string> Values)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var viewBars = bars.Select(b => new ChartViewBar(b.Label, b.Label, new SuppressedCount((int)Math.Round(b.Mean), Suppression.Shown), null, b.Shown, b.Values)).ToList();
        var top = NiceTop((int)Math.Ceiling(bars.Select(b => Math.Max(b.High, b.Mean)).DefaultIfEmpty(0).Max()));
        var (height, rects, grid, texts) = Vertical(viewBars, [.. bars.Select(b => ((double?)b.Mean, "", ""))], top, "", countHeading, [.. bars.Select(b => (b.Low, b.High))]);
        return new ChartView
        {
            Id = id,
            Title = title,
            Description = description,
            CategoryHeading = categoryHeading,
            CountHeading = countHeading,
            ColumnHeadings = columnHeadings,
            Bars = viewBars,
            Total = new ChartViewBar("", "", new SuppressedCount(0, Suppression.Shown), null),
            ShowsTotal = false,
            Height = height,
            Rects = rects,
            GridLines = grid,
            Texts = texts,
        };
    }

    /// <summary>
    /// The counts (or shares) of the chart's bars, and of them all, as a reader who sees exact counts or one outside the
    /// team sees them: the row and its total suppressed together so that no withheld count can be worked out.
    /// </summary>
    private static (IReadOnlyList<SuppressedCount> Counts, SuppressedCount Total) Suppressed(IEnumerable<int> values, bool exact)
    {
        var row = values.ToList();
        if (exact) return ([.. row.Select(v => new SuppressedCount(v, Suppression.Shown))], new SuppressedCount(row.Sum(), Suppression.Shown));
        var table = SmallNumbers.Suppress([row], columnTotals: false);
        return (table.Cells[0], table.RowTotals[0]);
    }

    /// <summary>The text alternative: every bar's label and number, the total and the trend, in a sentence; then any other columns the same way.</summary>
    private static string Describe(ChartData data, IReadOnlyList<ChartViewBar> bars, ChartViewBar total, Trend? trend, bool exact)
    {
        static string List(List<string> each) => each.Count switch
        {
            0 => "none",
            1 => each[0],
            _ => string.Join(", ", each[..^1]) + " and " + each[^1],
        };
        var columns = total.Values is null ? [] : data.Columns.Select((c, j) => $" {c.Heading}: {List([.. bars.Select(b => $"{b.Label} {b.Values![j]}")])}; {total.Values![j]} in all.");
        // Within the sentence: "July 2026 no one to count".
        static string Shown(ChartViewBar bar) => bar.Shown == Share.NoOneToCount ? Share.NoOneToCount.ToLowerInvariant() : bar.Shown;
        return $"{data.Title}, {data.Period}: {List([.. bars.Select(b => $"{b.Label} {Shown(b)}")])}; {Shown(total)} in all{(trend is null ? "" : ", " + trend.Text(exact))}.{string.Concat(columns)}";
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

    private static (double, List<SvgRect>, List<SvgRect>, List<SvgText>) Vertical(
        List<ChartViewBar> bars, List<(double? Value, string Text, string Withheld)> drawn, int top, string unit, string axis, List<(double Low, double High)>? ranges = null)
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
            texts.Add(new SvgText(left - 8, y + 5, Number(top * t / 4.0) + unit, "end", "waypoint-chart__tick"));
        }
        var slot = bars.Count == 0 ? plotWidth : plotWidth / bars.Count;
        // Month labels thin out on long periods so they do not overlap: at most 12 along the axis.
        var every = Math.Max(1, (int)Math.Ceiling(bars.Count / 12.0));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var middle = left + (slot * i) + (slot / 2);
            if (drawn[i].Value is { } value)
            {
                var h = plotHeight * value / top;
                if (h > 0) rects.Add(new SvgRect(middle - (slot * 0.35), baseline - h, slot * 0.7, h));
                if (slot >= 24 + (unit.Length * 24) && drawn[i].Text.Length > 0) texts.Add(new SvgText(middle, baseline - h - 6, drawn[i].Text, "middle", "waypoint-chart__value"));
            }
            if (ranges is not null)
            {
                // The range as a whisker: a line from its low to its high, with a cap at each end.
                var (low, high) = (baseline - (plotHeight * ranges[i].Low / top), baseline - (plotHeight * ranges[i].High / top));
                var cap = slot * 0.15;
                rects.Add(new SvgRect(middle - 1, high, 2, Math.Max(0, low - high), "waypoint-chart__interval"));
                rects.Add(new SvgRect(middle - cap, high - 1, cap * 2, 2, "waypoint-chart__interval"));
                rects.Add(new SvgRect(middle - cap, low - 1, cap * 2, 2, "waypoint-chart__interval"));
            }
            else
            {
                texts.Add(new SvgText(middle, baseline - 6, drawn[i].Withheld, "middle", "waypoint-chart__withheld"));
            }
            if (i % every != 0) continue;
            var words = bar.ShortLabel.Split(' ', 2);
            texts.Add(new SvgText(middle, baseline + 20, words[0], "middle", "waypoint-chart__tick"));
            if (words.Length > 1) texts.Add(new SvgText(middle, baseline + 38, words[1], "middle", "waypoint-chart__tick"));
        }
        return (baseline + 48, rects, grid, texts);
    }

    private static (double, List<SvgRect>, List<SvgRect>, List<SvgText>) Horizontal(
        List<ChartViewBar> bars, List<(double? Value, string Text, string Withheld)> drawn, int top, string unit, string axis)
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
            texts.Add(new SvgText(x, baseline + 20, Number(top * t / 4.0) + unit, "middle", "waypoint-chart__tick"));
        }
        texts.Add(new SvgText(LabelWidth + (plotWidth / 2), baseline + 42, axis, "middle", "waypoint-chart__axis-title"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (RowHeight * i);
            texts.Add(new SvgText(LabelWidth - 8, y + 19, bar.ShortLabel, "end", "waypoint-chart__label"));
            if (drawn[i].Value is { } value)
            {
                var w = plotWidth * value / top;
                if (w > 0) rects.Add(new SvgRect(LabelWidth + 1, y + 4, w, RowHeight - 8));
                texts.Add(new SvgText(LabelWidth + w + 6, y + 19, drawn[i].Text, "start", "waypoint-chart__value"));
            }
            else
            {
                texts.Add(new SvgText(LabelWidth + 6, y + 19, drawn[i].Withheld, "start", "waypoint-chart__withheld"));
            }
        }
        return (baseline + 56, rects, grid, texts);
    }
}
