namespace Braid.Core.Equity;

/// <summary>Why a figure is withheld.</summary>
public enum SuppressionReason
{
    None,
    /// <summary>Fewer than the threshold of people, or of people with (or without) the outcome.</summary>
    SmallCell,
    /// <summary>Withheld so that a small cell cannot be worked out by subtraction from a total that is shown.</summary>
    Complementary,
}

/// <summary>
/// Small-cell suppression with complementary suppression, for a table of groups (columns) in one
/// or more strata or periods (rows) whose row and column totals are shown elsewhere in the report.
/// </summary>
public static class Suppression
{
    /// <summary>
    /// Marks every cell with fewer than <paramref name="threshold"/> units, or with between 1 and
    /// threshold − 1 events (or, for proportions, non-events); then, until nothing changes, any row
    /// or column left with exactly one withheld cell also loses its smallest other cell, so no
    /// withheld cell equals a total minus the cells shown.
    /// </summary>
    public static SuppressionReason[][] Apply(IReadOnlyList<IReadOnlyList<GroupEstimate?>> table, int threshold)
    {
        var result = table.Select(row => row.Select(cell => cell is not null && IsSmall(cell, threshold) ? SuppressionReason.SmallCell : SuppressionReason.None).ToArray()).ToArray();
        if (threshold <= 0) return result;
        var columns = table.Count == 0 ? 0 : table.Max(r => r.Count);
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < table.Count; r++)
                changed |= Complement([.. Enumerable.Range(0, table[r].Count).Select(c => (r, c))], table, result);
            if (table.Count > 1)
                for (var c = 0; c < columns; c++)
                    changed |= Complement([.. Enumerable.Range(0, table.Count).Where(r => c < table[r].Count).Select(r => (r, c))], table, result);
        }
        while (changed);
        return result;
    }

    private static bool IsSmall(GroupEstimate cell, int threshold) =>
        cell.Units < threshold
        || cell.Events is > 0 and var e && e < threshold
        || (cell.Kind == EstimateKind.Proportion && cell.Units - cell.Events is > 0 and var rest && rest < threshold);

    private static bool Complement(List<(int R, int C)> line, IReadOnlyList<IReadOnlyList<GroupEstimate?>> table, SuppressionReason[][] result)
    {
        var present = line.Where(p => table[p.R][p.C] is not null).ToList();
        if (present.Count(p => result[p.R][p.C] != SuppressionReason.None) != 1) return false;
        var smallest = present.Where(p => result[p.R][p.C] == SuppressionReason.None).OrderBy(p => table[p.R][p.C]!.Units).FirstOrDefault((-1, -1));
        if (smallest.Item1 < 0) return false;
        result[smallest.Item1][smallest.Item2] = SuppressionReason.Complementary;
        return true;
    }
}
