namespace Braid.Core.Equity;

/// <summary>
/// How rows fall into groups: a group code per row (−1 for rows in no group) and the groups'
/// names. A plain column gives one; <see cref="RaceEthnicity"/> gives the OMB SPD 15 views.
/// </summary>
public sealed record Grouping(string Name, int[] Codes, IReadOnlyList<string> Levels, string View)
{
    /// <summary>For overlapping groups, every group of every row; null when each row is in at most one group.</summary>
    public int[][]? Memberships { get; init; }

    /// <summary>Whether the groups are OMB race and ethnicity categories (so "Declined or unknown" is not compared).</summary>
    public bool Standard { get; init; }

    /// <summary>Each distinct value of the column is a group; empty cells are in no group.</summary>
    public static Grouping Of(EquityColumn column) => new(column.Name, column.GroupCodes, column.Levels, "as recorded");

    /// <summary>The same groups, with only the rows that pass <paramref name="keep"/> in them.</summary>
    public Grouping Restrict(Func<int, bool> keep) => this with
    {
        Codes = [.. Codes.Select((c, row) => keep(row) ? c : -1)],
        Memberships = Memberships is null ? null : [.. Memberships.Select((m, row) => keep(row) ? m : [])],
    };

    /// <summary>The code of <paramref name="level"/>, or an error listing the groups there are.</summary>
    public int CodeOf(string level) => Levels.ToList().IndexOf(level) is >= 0 and var code ? code
        : throw new EquityInputException(level, $"No {Name} group is called '{level}'; groups are {string.Join(", ", Levels)}.");
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
        return values.All(v => double.IsNaN(v) || v is 0 or 1) ? OutcomeFamily.Binomial : OutcomeFamily.Gaussian;
    }

    /// <summary>
    /// One cell per combination of group and covariate levels. Covariates' reference levels are
    /// the ones named in <paramref name="references"/>, otherwise the first in sorted order. Rows
    /// without an outcome, group, exposure or covariate are left out and counted in <paramref name="notes"/>.
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
            if (refCode < 0) throw new EquityInputException(c.Name, $"Column '{c.Name}' has no value '{refLevel}'.");
            factors.Add(new Factor(c.Name, c.Levels, refCode));
        }

        var cells = new CellTable(factors);
        var codes = new int[factors.Count];
        var covariateCodes = covariates.Select(c => c.GroupCodes).ToArray();
        int missing = 0, noGroup = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var value = y[row];
            if (double.IsNaN(value)) { missing++; continue; }
            if (by.Codes[row] < 0) { noGroup++; continue; }
            codes[0] = by.Codes[row];
            var complete = true;
            for (var i = 0; i < covariateCodes.Length && complete; i++) complete = (codes[i + 1] = covariateCodes[i][row]) >= 0;
            var units = n?[row] ?? 1;
            var time = t?[row] ?? 1;
            if (!complete || double.IsNaN(units) || double.IsNaN(time)) { missing++; continue; }
            Check(family, outcome, value, row, units);
            if (time <= 0) throw new EquityInputException(exposure!, $"Column '{exposure}' line {row + 2}: the exposure must be positive; got {time}.");
            if (units <= 0) throw new EquityInputException(trials!, $"Column '{trials}' line {row + 2}: the population must be positive; got {units}.");
            cells.Add(codes, value, family, time, units);
        }

        if (missing > 0) notes.Add($"{missing:N0} rows with an empty {outcome}{(exposure is null ? "" : $", {exposure}")}{string.Concat(adjust.Select(a => $", {a}"))} were left out.");
        if (noGroup > 0) notes.Add($"{noGroup:N0} rows have no {by.Name} group in the view '{by.View}' and were left out.");
        if (cells.Count == 0) throw new EquityInputException(outcome, $"No row has a value for every column the analysis needs ({outcome}, {by.Name}{string.Concat(adjust.Select(a => $", {a}"))}).");
        // Levels only the left-out rows had would make the design singular.
        return cells.Select(_ => true, [.. Enumerable.Range(0, factors.Count)]);
    }

    internal static void Check(OutcomeFamily family, string outcome, double value, int row, double units)
    {
        if (family == OutcomeFamily.Binomial && (value < 0 || value > units))
            throw new EquityInputException(outcome, $"Column '{outcome}' line {row + 2}: {value} is not a count of events between 0 and {units}.");
        if (family == OutcomeFamily.Poisson && (value < 0 || value != Math.Floor(value)))
            throw new EquityInputException(outcome, $"Column '{outcome}' line {row + 2}: {value} is not a count (a whole number, zero or more).");
    }
}
