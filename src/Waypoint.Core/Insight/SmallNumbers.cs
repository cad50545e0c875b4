namespace Waypoint.Core.Insight;

/// <summary>Why a count in a table meant for outside the team is withheld, if it is.</summary>
public enum Suppression
{
    Shown,

    /// <summary>A count from 1 to 4: shown as "&lt;5".</summary>
    Small,

    /// <summary>A larger count withheld so that a small one cannot be worked out from the totals: shown as "[c]".</summary>
    Secondary,
}

/// <summary>One count of a table, with whether it may be shown.</summary>
public readonly record struct SuppressedCount(int Value, Suppression Suppression)
{
    public bool IsShown => Suppression == Suppression.Shown;

    /// <summary>What a reader outside the team sees: the number, "&lt;5" or "[c]" (the GOV.UK statistics symbol for confidential).</summary>
    public string Text => Suppression switch
    {
        Suppression.Small => SmallNumbers.SmallText,
        Suppression.Secondary => SmallNumbers.SecondaryText,
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The same on a page, with thousands separated by commas (the GOV.UK style for numbers).</summary>
    public string Display => IsShown ? Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : Text;
}

/// <summary>
/// A table of counts with its row totals and, where it has them, its column totals and grand total; each count marked
/// shown or withheld.
/// </summary>
public sealed record SuppressedTable(
    IReadOnlyList<IReadOnlyList<SuppressedCount>> Cells, IReadOnlyList<SuppressedCount> RowTotals, IReadOnlyList<SuppressedCount> ColumnTotals, SuppressedCount? Total)
{
    /// <summary>Every count of the table, totals included.</summary>
    public IEnumerable<SuppressedCount> All => Cells.SelectMany(r => r).Concat(RowTotals).Concat(ColumnTotals).Concat(Total is { } t ? [t] : []);

    public bool AnyWithheld => All.Any(c => !c.IsShown);
}

/// <summary>
/// Small numbers in anything shared outside the team (domain.md "Measures": fewer than 5 are suppressed). A count of
/// 1 to 4 could point to a young person a reader knows, so it is shown as "&lt;5". Zero is shown as 0: it describes
/// nobody, and hiding it would make every table of rare things unreadable (the convention of the DfE's and ONS's
/// published statistics).
/// Secondary suppression: a table's totals are shown, so a row or column with a single withheld count gives it away
/// (the total less the others). Every row and column that adds up to a shown total, counting the total as one more
/// entry of the same sum (the row totals with the grand total too), must have no withheld count or at least two; where it has one, the smallest other non-zero count in it is withheld as
/// well, until no line has exactly one. This is the usual rule of thumb of statistical disclosure control, not a
/// proof against every attack: withheld counts can still be bounded from the others, never pinned down from one line.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;
    public const string SmallText = "<5";
    public const string SecondaryText = "[c]";

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>A lone count (one with no totals beside it), withheld when small.</summary>
    public static SuppressedCount Single(int count) => new(count, IsSmall(count) ? Suppression.Small : Suppression.Shown);

    /// <summary>
    /// The cells, given as rows of equal length, with their totals; small counts withheld, and enough others that none
    /// can be worked out from a row or column and its total. <paramref name="columnTotals"/> is false for a table whose
    /// columns do not add up (a person in more than one row): it gets row totals only, and only its rows are sums.
    /// </summary>
    public static SuppressedTable Suppress(IReadOnlyList<IReadOnlyList<int>> cells, bool columnTotals = true)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var rows = cells.Count;
        var columns = rows == 0 ? 0 : cells[0].Count;
        if (cells.Any(r => r.Count != columns)) throw new ArgumentException("Every row needs the same number of cells.", nameof(cells));
        if (cells.Any(r => r.Any(c => c < 0))) throw new ArgumentException("Counts cannot be negative.", nameof(cells));

        // The table with its margins: row totals in the last column, column totals in the last row, the grand total in
        // the corner. Each row and each column of it is one sum (cells then total), so the same rule holds on all.
        var value = new int[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                value[r, c] = cells[r][c];
                value[r, columns] += cells[r][c];
                value[rows, c] += cells[r][c];
                value[rows, columns] += cells[r][c];
            }
        var state = new Suppression[rows + 1, columns + 1];
        for (var r = 0; r <= rows; r++)
            for (var c = 0; c <= columns; c++)
                if (IsSmall(value[r, c])) state[r, c] = Suppression.Small;

        var lines = columnTotals
            ? Enumerable.Range(0, rows + 1).Select(r => Enumerable.Range(0, columns + 1).Select(c => (r, c)).ToArray())
                .Concat(Enumerable.Range(0, columns + 1).Select(c => Enumerable.Range(0, rows + 1).Select(r => (r, c)).ToArray())).ToList()
            : [.. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns + 1).Select(c => (r, c)).ToArray())];
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(p => state[p.r, p.c] != Suppression.Shown) != 1) continue;
                // One always exists: a lone withheld count is non-zero, so the line's other entries (its total among
                // them) cannot all be zero.
                var (r, c) = line.Where(p => state[p.r, p.c] == Suppression.Shown && value[p.r, p.c] > 0).MinBy(p => value[p.r, p.c]);
                state[r, c] = Suppression.Secondary;
                changed = true;
            }
        }

        SuppressedCount At(int r, int c) => new(value[r, c], state[r, c]);
        return new SuppressedTable(
            [.. Enumerable.Range(0, rows).Select(r => (IReadOnlyList<SuppressedCount>)[.. Enumerable.Range(0, columns).Select(c => At(r, c))])],
            [.. Enumerable.Range(0, rows).Select(r => At(r, columns))],
            columnTotals ? [.. Enumerable.Range(0, columns).Select(c => At(rows, c))] : [],
            columnTotals ? At(rows, columns) : null);
    }
}
