namespace Braid.Core.Equity;

/// <summary>
/// How rows fall into groups. Rows keep the code of their value in the column
/// (<see cref="Values"/>, −1 when empty), and <see cref="Map"/> gives each value's group, shifted
/// by one: the group of row r is <c>Map[Values[r] + 1]</c>, −1 for none. A stratum is a filter on
/// another column's codes (<see cref="Within"/>). Mapping values and filtering by reference,
/// rather than copying rows, means a view of a ten-million-row column costs an array of a few
/// entries, not a new column. A plain column gives one group per value; <see cref="RaceEthnicity"/>
/// gives the OMB SPD 15 views.
/// </summary>
public sealed record Grouping(string Name, int[] Values, int[] Map, IReadOnlyList<string> Levels, string View)
{
    /// <summary>For overlapping groups, every group of every row; null when each row is in at most one group.</summary>
    public int[][]? Memberships { get; init; }

    /// <summary>Whether the groups are OMB race and ethnicity categories (so "Declined or unknown" is not compared).</summary>
    public bool Standard { get; init; }

    /// <summary>When set, only rows whose code in this column equals <see cref="WithinLevel"/> are in any group.</summary>
    public int[]? Within { get; init; }

    public int WithinLevel { get; init; }

    /// <summary>Whether <paramref name="row"/> is in the stratum (always, without one).</summary>
    public bool Includes(int row) => Within is null || Within[row] == WithinLevel;

    /// <summary>The group of <paramref name="row"/>, or −1.</summary>
    public int GroupOf(int row) => Includes(row) ? Map[Values[row] + 1] : -1;

    /// <summary>Each distinct value of the column is a group; empty cells are in no group.</summary>
    public static Grouping Of(EquityColumn column) =>
        new(column.Name, column.GroupCodes, [-1, .. Enumerable.Range(0, column.Levels.Length)], column.Levels, EquityText.Get("as-recorded"));

    /// <summary>The same groups, counting only the rows whose code in <paramref name="codes"/> is <paramref name="level"/>.</summary>
    public Grouping Restrict(int[] codes, int level) => this with { Within = codes, WithinLevel = level };

    /// <summary>The code of <paramref name="level"/>, or an error listing the groups there are.</summary>
    public int CodeOf(string level) => Levels.ToList().IndexOf(level) is >= 0 and var code ? code
        : throw new EquityInputException(level, EquityText.Get("no-group-is-called-groups-are-2", Name, level, string.Join(", ", Levels)));
}

/// <summary>Builds the collapsed tables the models run on from a unit-level (or group-level) outcome table.</summary>
public static class OutcomeCells
{
    /// <summary>
    /// The model family an outcome implies: Poisson when it comes with an exposure, logistic when
    /// every value is 0 or 1, linear otherwise.
    /// </summary>
    public static OutcomeFamily FamilyOf(EquityColumn outcome, bool hasExposure)
    {
        var values = outcome.Numbers;
        if (hasExposure) return OutcomeFamily.Poisson;
        // Non-short-circuit | keeps the branch predictable on millions of random 0s and 1s.
        foreach (var v in values)
            if (!(v == 0 | v == 1 | double.IsNaN(v))) return OutcomeFamily.Gaussian;
        return OutcomeFamily.Binomial;
    }

    /// <summary>
    /// One cell per combination of group and covariate levels. Covariates' reference levels are
    /// the ones named in <paramref name="references"/>, otherwise the first in sorted order. Rows
    /// without an outcome or a group are left out; those that have both but lack a covariate,
    /// exposure or population are left out too, and counted in <paramref name="notes"/>.
    /// With <paramref name="trials"/>, each row is a group-level count: the outcome is its events out of that many trials.
    /// </summary>
    public static CellTable Build(
        EquityTable table, OutcomeFamily family, string outcome, Grouping by, int reference, IReadOnlyList<string> adjust,
        string? exposure, string? trials, IReadOnlyDictionary<string, string>? references, List<string> notes)
    {
        var y = table[outcome].Numbers;
        var t = exposure is null ? null : table[exposure].Numbers;
        var n = trials is null ? null : table[trials].Numbers;
        var covariates = adjust.Select(a => table[a]).ToList();
        var factors = new List<Factor> { new(by.Name, by.Levels, reference) };
        foreach (var c in covariates)
        {
            var sorted = Enumerable.Range(0, c.Levels.Length).OrderBy(i => c.Levels[i], StringComparer.Ordinal).ToList();
            var refLevel = references is not null && references.TryGetValue(c.Name, out var r) ? r : c.Levels[sorted[0]];
            var refCode = Array.IndexOf(c.Levels, refLevel);
            if (refCode < 0) throw new EquityInputException(c.Name, EquityText.Get("column-has-no-value", c.Name, refLevel));
            factors.Add(new Factor(c.Name, c.Levels, refCode));
        }

        // Rows are summed into a dense array indexed by their combination of levels (mixed radix),
        // the tight loop that lets ten million rows collapse in tens of milliseconds.
        var codes = new int[factors.Count];
        var covariateCodes = covariates.Select(c => c.GroupCodes).ToArray();
        var radix = factors.Select(f => Math.Max(1, f.Levels.Count)).ToArray();
        var size = radix.Aggregate(1L, (a, r) => a * r);
        if (size > 1 << 24) throw new EquityInputException("adjust", EquityText.Get("the-grouping-and-covariates-have-combinations", size));
        var (values, map, within, withinLevel) = (by.Values, by.Map, by.Within, by.WithinLevel);
        var incomplete = 0;
        var sums = RowSums.Over(table.RowCount, (int)size, family == OutcomeFamily.Poisson, (start, end, into) =>
        {
            var (cellUnits, cellSum, cellSquares, cellExposure, cellConstant) = (into.Units, into.Sum, into.Squares, into.Exposure, into.Constant);
            var chunkIncomplete = 0;
            for (var row = start; row < end; row++)
            {
                var value = y[row];
                if (double.IsNaN(value)) continue;
                var index = map[values[row] + 1];
                if (index < 0 || (within is not null && within[row] != withinLevel)) continue;
                var stride = radix[0];
                for (var i = 0; i < covariateCodes.Length; i++)
                {
                    var code = covariateCodes[i][row];
                    if (code < 0) { index = -1; break; }
                    index += code * stride;
                    stride *= radix[i + 1];
                }

                var units = n?[row] ?? 1;
                var time = t?[row] ?? 1;
                if (index < 0 || double.IsNaN(units) || double.IsNaN(time)) { chunkIncomplete++; continue; }
                // A 0/1 outcome of one unit (the common case, millions of times) needs no checking.
                if (n is not null || t is not null || family != OutcomeFamily.Binomial || !(value == 0 | value == 1))
                {
                    Check(family, outcome, value, row, units);
                    if (time <= 0) throw new EquityInputException(exposure!, EquityText.Get("column-line-the-exposure-must-be", exposure, row + 2, time));
                    if (units <= 0) throw new EquityInputException(trials!, EquityText.Get("column-line-the-population-must-be", trials, row + 2, units));
                }

                cellUnits[index] += units;
                cellSum[index] += value;
                cellSquares[index] += value * value;
                cellExposure[index] += time;
                if (cellConstant is not null && value > 0) cellConstant[index] += CellTable.PoissonConstant(value, time);
            }

            Interlocked.Add(ref incomplete, chunkIncomplete);
        });

        var cells = new CellTable(factors);
        for (var index = 0; index < size; index++)
        {
            if (sums.Units[index] == 0) continue;
            var rest = index;
            for (var f = 0; f < radix.Length; f++)
            {
                codes[f] = rest % radix[f];
                rest /= radix[f];
            }

            cells.AddCell(codes, sums.Units[index], sums.Sum[index], sums.Squares[index], sums.Exposure[index], sums.Constant?[index] ?? 0);
        }

        if (incomplete > 0)
            notes.Add(EquityText.Get("rows-lacking-were-left-out-of", incomplete, string.Join(" or ", adjust.Concat(new[] { exposure, trials }.OfType<string>()))));
        if (cells.Count == 0) throw new EquityInputException(outcome, EquityText.Get("no-row-has-a-value-for", outcome, by.Name, string.Concat(adjust.Select(a => $", {a}"))));
        // Levels only the left-out rows had would make the design singular.
        return cells.Select(_ => true, [.. Enumerable.Range(0, factors.Count)]);
    }

    internal static void Check(OutcomeFamily family, string outcome, double value, int row, double units)
    {
        if (family == OutcomeFamily.Binomial && (value < 0 || value > units))
            throw new EquityInputException(outcome, EquityText.Get("column-line-is-not-a-count-2", outcome, row + 2, value, units));
        if (family == OutcomeFamily.Poisson && (value < 0 || value != Math.Floor(value)))
            throw new EquityInputException(outcome, EquityText.Get("column-line-is-not-a-count", outcome, row + 2, value));
    }
}
