using System.Globalization;

namespace Braid.Core.Equity;

/// <summary>
/// An outcome table held by column: each column keeps its values dictionary-encoded (so grouping
/// by it costs an integer per row) and, when every non-empty value is a number, those numbers.
/// Built from text rows (a CSV file, an HTTP body) without I/O of its own.
/// </summary>
public sealed class EquityTable
{
    /// <summary>Above this many distinct values a column can still be an outcome but no longer a group.</summary>
    public const int MaxLevels = ushort.MaxValue;

    private readonly Dictionary<string, EquityColumn> _byName;

    private EquityTable(IReadOnlyList<EquityColumn> columns, int rowCount)
    {
        Columns = columns;
        RowCount = rowCount;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<EquityColumn> Columns { get; }

    public int RowCount { get; }

    public bool Has(string name) => _byName.ContainsKey(name);

    /// <summary>A row's values in these columns as one key: rows with equal keys fall in the same cell.</summary>
    internal Func<int, string> RowKey(IEnumerable<string> columns)
    {
        var codes = columns.Select(c => this[c].Codes).ToList();
        return row => string.Join(',', codes.Select(k => k[row]));
    }

    /// <summary>The column called <paramref name="name"/>, or an error that names the closest column there is.</summary>
    public EquityColumn this[string name] => _byName.TryGetValue(name, out var column) ? column
        : name.Length > EquityLimits.NameLength ? throw TooLong(name)
        : throw new EquityInputException(name, EquityText.Get("there-is-no-column-columns-are", name, Closest(name), string.Join(", ", Columns.Select(c => c.Name))));

    // Named by its start: the whole name would be as long as the problem.
    private static EquityLimitException TooLong(string name) =>
        new(name[..20] + "…", EquityText.Get("limit-name-length", name.Length, EquityLimits.NameLength));

    /// <summary>Reads a header and rows of text; rows shorter or longer than the header are an error naming the line.</summary>
    public static EquityTable FromRows(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace)) throw new EquityInputException("header", EquityText.Get("the-table-has-no-header-row"));
        var names = header.Select(h => h.Trim()).ToArray();
        if (names.Length > EquityLimits.Columns) throw new EquityLimitException("header", EquityText.Get("limit-columns", names.Length, EquityLimits.Columns));
        if (names.FirstOrDefault(n => n.Length > EquityLimits.NameLength) is { } tooLong) throw TooLong(tooLong);
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new EquityInputException(twice.Key, EquityText.Get("the-header-names-column-twice", twice.Key));
        var builders = names.Select(n => new ColumnBuilder(n)).ToArray();
        var row = 0;
        foreach (var values in rows)
        {
            row++;
            if (values.Count != names.Length)
            {
                if (values.Count == 1 && string.IsNullOrWhiteSpace(values[0])) { row--; continue; }
                throw new EquityInputException($"line {row + 1}", EquityText.Get("line-has-values-the-header-has", row + 1, values.Count, names.Length));
            }

            for (var c = 0; c < names.Length; c++) builders[c].Add(values[c]);
        }

        if (row == 0) throw new EquityInputException("rows", EquityText.Get("the-table-has-a-header-but"));
        return new EquityTable([.. builders.Select(b => b.Build())], row);
    }

    /// <summary>This table with more columns (one value per row each); the existing columns are shared, not copied.</summary>
    public EquityTable With(IEnumerable<(string Name, IEnumerable<string> Values)> added)
    {
        var columns = Columns.ToList();
        foreach (var (name, values) in added)
        {
            if (columns.Any(c => c.Name == name)) throw new EquityInputException(name, EquityText.Get("the-table-already-has-a-column", name));
            var builder = new ColumnBuilder(name);
            foreach (var value in values) builder.Add(value);
            var column = builder.Build();
            if (column.Codes.Length != RowCount) throw new ArgumentException(EquityText.Get("column-has-values-for-rows", name, column.Codes.Length, RowCount), nameof(added));
            columns.Add(column);
        }

        return new EquityTable(columns, RowCount);
    }

    private string Closest(string name)
    {
        var best = Columns.MinBy(c => Distance(c.Name.ToLowerInvariant(), name.ToLowerInvariant()));
        return best is not null && Distance(best.Name.ToLowerInvariant(), name.ToLowerInvariant()) <= Math.Max(2, name.Length / 3) ? EquityText.Get("did-you-mean", best.Name) : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>How statistical packages write a missing value (R, pandas, SQL, SAS): read as empty.</summary>
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "NA", "N/A", "NaN", "NULL", "." };

    private sealed class ColumnBuilder(string name)
    {
        private readonly List<int> _codes = [];
        private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
        private readonly List<string> _levelNames = [];
        private readonly List<double> _numbers = [];
        private bool _numeric = true;
        private bool _tooManyLevels;
        private int _firstText = -1;

        public void Add(string raw)
        {
            var value = raw.Trim();
            var row = _numbers.Count;
            if (value.Length == 0 || MissingMarkers.Contains(value))
            {
                _numbers.Add(double.NaN);
                _codes.Add(-1);
                return;
            }

            if (_numeric && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                _numbers.Add(number);
            }
            else
            {
                _numbers.Add(double.NaN);
                if (_firstText < 0) _firstText = row;
                _numeric = false;
            }

            if (_tooManyLevels) { _codes.Add(-1); return; }
            if (!_levels.TryGetValue(value, out var code))
            {
                if (_levelNames.Count == MaxLevels) { _tooManyLevels = true; _codes.Add(-1); return; }
                code = _levelNames.Count;
                _levels.Add(value, code);
                _levelNames.Add(value);
            }

            _codes.Add(code);
        }

        public EquityColumn Build() => new(name, [.. _codes], [.. _levelNames], _numeric ? [.. _numbers] : null, _tooManyLevels,
            _firstText < 0 ? null : (_firstText, _levelNames.Count > 0 && _codes[_firstText] >= 0 ? _levelNames[_codes[_firstText]] : "?"));
    }
}

/// <summary>One column: level codes per row (−1 when empty), the distinct values, and the numbers when the column is numeric.</summary>
public sealed class EquityColumn(string name, int[] codes, string[] levels, double[]? numbers, bool tooManyLevels, (int Row, string Value)? firstText)
{
    public string Name { get; } = name;

    public int[] Codes { get; } = codes;

    public string[] Levels { get; } = levels;

    /// <summary>The values as numbers (NaN where empty), or an error naming the first line that is not a number.</summary>
    public double[] Numbers => numbers ?? throw new EquityInputException(Name,
        EquityText.Get("column-must-be-numeric-but-line", Name, firstText!.Value.Row + 2, firstText.Value.Value));

    /// <summary>The codes, or an error when the column has too many distinct values to group by.</summary>
    public int[] GroupCodes => tooManyLevels
        ? throw new EquityInputException(Name, EquityText.Get("column-has-more-than-distinct-values", Name, EquityTable.MaxLevels))
        : Codes;
}
