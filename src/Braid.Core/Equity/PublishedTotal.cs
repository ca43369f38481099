namespace Braid.Core.Equity;

/// <summary>
/// Published tables often carry their own total line ("Total", "Overall", "All"). When its counts
/// are the sum of the other lines it is the table's total: it is taken out of the groups and used
/// as the overall, with a note. When they are not, the table contradicts itself and the error names the line.
/// </summary>
public static class PublishedTotal
{
    private static readonly string[] Names = ["total", "overall", "all", "all groups", "totals"];

    /// <summary>The table without its total lines, the published overall (for tables of estimates), and a note; unchanged when there is no total line.</summary>
    public static (EquityTable Table, GroupEstimate? Overall, string? Note) Split(EquityTable table, EquityRequest request)
    {
        if (!table.Has(request.By)) return (table, null, null);
        var by = table[request.By];
        var totalLevels = Enumerable.Range(0, by.Levels.Length).Where(l => Names.Contains(by.Levels[l].Trim().ToLowerInvariant())).ToHashSet();
        // Only tables of group totals: counts over a population or exposure, or published estimates.
        var sums = new[] { request.Outcome, request.Population, request.Exposure }.Where(_ => request.Population is not null || request.Exposure is not null).OfType<string>().ToList();
        if (request.Estimate is not null) sums = [request.Population!];
        if (totalLevels.Count == 0 || sums.Count == 0) return (table, null, null);

        var cellColumns = request.Adjust.Append(request.Period).Append(request.Per).OfType<string>().Where(table.Has).ToList();
        var keyOf = table.RowKey(cellColumns);
        var totalRows = Enumerable.Range(0, table.RowCount).Where(r => totalLevels.Contains(by.Codes[r])).ToList();
        foreach (var group in totalRows.GroupBy(keyOf))
        {
            if (group.Count() > 1) throw new EquityInputException(request.By, EquityText.Get("there-are-total-lines-lines-for", group.Count(), by.Levels[by.Codes[group.First()]], string.Join(", ", group.Select(r => r + 2))));
            var total = group.First();
            var others = Enumerable.Range(0, table.RowCount).Where(r => !totalLevels.Contains(by.Codes[r]) && keyOf(r) == group.Key).ToList();
            foreach (var column in sums)
            {
                var numbers = table[column].Numbers;
                var sum = others.Sum(r => numbers[r]);
                if (Math.Abs(numbers[total] - sum) > 1e-9 * Math.Max(1, Math.Abs(sum)))
                {
                    throw new EquityInputException(request.By,
                        EquityText.Get("line-looks-like-the-table-s", total + 2, by.Levels[by.Codes[total]], column, numbers[total], sum));
                }
            }
        }

        GroupEstimate? overall = null;
        if (request.Estimate is not null && totalRows.Count == 1 && cellColumns.Count == 0)
        {
            var r = totalRows[0];
            overall = GroupEstimate.Published(EquityText.Get("all-groups"), table[request.Estimate].Numbers[r], table[request.StandardError!].Numbers[r], table[request.Population!].Numbers[r]);
        }

        var kept = Enumerable.Range(0, table.RowCount).Where(r => !totalLevels.Contains(by.Codes[r])).ToList();
        var rows = kept.Select(r => (IReadOnlyList<string>)[.. table.Columns.Select(c => c.Codes[r] < 0 ? "" : c.Levels[c.Codes[r]])]);
        var name = string.Join(", ", totalLevels.Select(l => $"'{by.Levels[l]}'"));
        return (EquityTable.FromRows([.. table.Columns.Select(c => c.Name)], rows), overall,
            EquityText.Get("the-line-is-the-table-s", name));
    }
}
