using System.Globalization;

namespace Braid.Core.Equity;

/// <summary>One census tract's context values (HOLC grade, life expectancy, vulnerability, population…), keyed by its 11-digit GEOID.</summary>
public sealed record TractRecord(string Geoid, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>State and county FIPS: the GEOID's first five digits.</summary>
    public string County => Geoid[..5];
}

/// <summary>A context file read for import: its tracts, the columns it brought, and its citation when it is a known source.</summary>
public sealed record ContextFile(IReadOnlyList<TractRecord> Tracts, IReadOnlyList<string> Columns, string? Citation, IReadOnlyList<string> Notes);

/// <summary>
/// Tract-level neighbourhood context: reading it from a table keyed by census tract GEOID, and
/// joining it to units that carry their tract.
/// </summary>
public static class TractContext
{
    /// <summary>Column names a tract GEOID is recognised by, in order of preference.</summary>
    public static readonly IReadOnlyList<string> GeoidColumns = ["geoid", "geoid10", "geoid20", "GEOID", "GEOID10", "GEOID20", "tract_id", "tract", "tract_geoid", "fips"];

    public const string HolcGrade = "holc_grade";
    public const string RedliningScore = "holc_score";

    /// <summary>
    /// Reads tracts from <paramref name="table"/>. The GEOID must be 11 digits (10 are taken as a
    /// lost leading zero). A HOLC table (diversitydatakids.org) also yields <c>holc_grade</c>
    /// (the grade covering most of the rated area) and <c>holc_score</c>, the historic redlining
    /// score Σ g·area_g / Σ area_g with A = 1 … D = 4.
    /// </summary>
    public static ContextFile Read(EquityTable table)
    {
        var geoidColumn = GeoidColumns.FirstOrDefault(table.Has)
            ?? throw new EquityInputException("geoid", EquityText.Get("a-context-file-needs-a-census", string.Join(", ", GeoidColumns), string.Join(", ", table.Columns.Select(c => c.Name))));
        var notes = new List<string>();
        var geoids = table[geoidColumn];
        var others = table.Columns.Where(c => c.Name != geoidColumn).ToList();
        var holc = new[] { "class1", "area_A", "area_B", "area_C", "area_D" }.All(table.Has);
        var tracts = new List<TractRecord>();
        var seen = new HashSet<string>();
        var padded = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var raw = geoids.Codes[row] < 0 ? "" : geoids.Levels[geoids.Codes[row]];
            var geoid = Geoid(raw, row, geoidColumn, ref padded);
            if (!seen.Add(geoid)) throw new EquityInputException(geoidColumn, EquityText.Get("line-tract-appears-twice", row + 2, geoid));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in others)
                if (c.Codes[row] >= 0) values[c.Name] = c.Levels[c.Codes[row]];
            if (holc) AddHolc(values, row);
            tracts.Add(new TractRecord(geoid, values));
        }

        if (padded > 0) notes.Add(EquityText.Get("geoids-had-digits-and-were-read", padded));
        var columns = others.Select(c => c.Name).Concat(holc ? [HolcGrade, RedliningScore] : []).ToList();
        return new ContextFile(tracts, columns, Citation(table), notes);
    }

    /// <summary>The tracts as a table: geoid, county, then every context column (empty where a tract lacks it).</summary>
    public static EquityTable ToTable(IReadOnlyList<TractRecord> tracts)
    {
        var columns = tracts.SelectMany(t => t.Values.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return EquityTable.FromRows(["geoid", "county", .. columns],
            tracts.Select(t => (IReadOnlyList<string>)[t.Geoid, t.County, .. columns.Select(c => t.Values.GetValueOrDefault(c, ""))]));
    }

    /// <summary>Latitude and longitude column names a unit's geocoded address is recognised by.</summary>
    public static readonly IReadOnlyList<(string Latitude, string Longitude)> PointColumns = [("latitude", "longitude"), ("lat", "lon"), ("lat", "lng")];

    /// <summary>
    /// Adds each unit's tract context (and county) to a unit-level table through its GEOID
    /// column, or, for units with an address geocoded to latitude and longitude, through the tract
    /// <paramref name="locator"/> finds them in. Units whose tract is not in the context get empty
    /// values; the notes count and name them.
    /// </summary>
    public static EquityTable Join(EquityTable units, IReadOnlyList<TractRecord> tracts, List<string> notes, TractLocator? locator = null)
    {
        if (tracts.Count == 0) throw new EquityInputException("context", EquityText.Get("no-neighbourhood-context-has-been-imported"));
        if (!GeoidColumns.Any(units.Has) && locator is not null && PointColumns.FirstOrDefault(p => units.Has(p.Latitude) && units.Has(p.Longitude)) is { Latitude: not null } point)
            units = WithTracts(units, point, locator, notes);
        var geoidColumn = GeoidColumns.FirstOrDefault(units.Has)
            ?? throw new EquityInputException("geoid", EquityText.Get("to-use-neighbourhood-context-the-data", string.Join(", ", GeoidColumns), string.Join(", ", PointColumns.Select(p => $"{p.Latitude}/{p.Longitude}"))));
        var byGeoid = tracts.ToDictionary(t => t.Geoid);
        var contextColumns = tracts.SelectMany(t => t.Values.Keys).Distinct().Where(c => !units.Has(c)).Order(StringComparer.Ordinal).ToList();
        var ids = units[geoidColumn];

        // Each distinct tract id is looked up once; rows then take their tract by its code.
        var firstRow = new int[ids.Levels.Length]; // for naming the line of a malformed id
        for (var row = ids.Codes.Length - 1; row >= 0; row--)
            if (ids.Codes[row] >= 0) firstRow[ids.Codes[row]] = row;
        var padded = 0;
        var tractOf = ids.Levels.Select((raw, code) => byGeoid.GetValueOrDefault(Geoid(raw, firstRow[code], geoidColumn, ref padded))).ToArray();
        var unknown = ids.Levels.Where((_, code) => tractOf[code] is null).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 && unknown.Count == ids.Levels.Length)
            throw new EquityInputException(geoidColumn, EquityText.Get("none-of-the-data-s-tracts", string.Join(", ", unknown.Take(3))));
        if (unknown.Count > 0)
            notes.Add(EquityText.Get("tracts-in-the-data-are-not", unknown.Count, string.Join(", ", unknown.Take(5)), (unknown.Count > 5 ? ", …" : "")));

        IEnumerable<string> Column(Func<TractRecord, string> value) => ids.Codes.Select(code => code >= 0 && tractOf[code] is { } tract ? value(tract) : "");
        var added = contextColumns.Select(c => (c, Column(t => t.Values.GetValueOrDefault(c, ""))));
        return units.With(units.Has("county") ? added : added.Prepend(("county", Column(t => t.County))));
    }

    /// <summary>The table with a <c>tract</c> column: the tract each unit's location lies in.</summary>
    private static EquityTable WithTracts(EquityTable units, (string Latitude, string Longitude) point, TractLocator locator, List<string> notes)
    {
        var (latitudes, longitudes) = (units[point.Latitude].Numbers, units[point.Longitude].Numbers);
        var tracts = new string?[units.RowCount];
        for (var row = 0; row < tracts.Length; row++)
            tracts[row] = double.IsNaN(latitudes[row]) || double.IsNaN(longitudes[row]) ? null : locator.Locate(latitudes[row], longitudes[row]);
        var located = tracts.Count(t => t is not null);
        var outside = Enumerable.Range(0, tracts.Length).Count(row => tracts[row] is null && !double.IsNaN(latitudes[row]) && !double.IsNaN(longitudes[row]));
        notes.Add(EquityText.Get("units-were-placed-in-their-census", located, point.Latitude, point.Longitude)
            + (outside > 0 ? EquityText.Get("lie-outside-the-tracts-known-and", outside) : "."));
        return units.With([("tract", tracts.Select(t => t ?? ""))]);
    }

    private static string Geoid(string raw, int row, string column, ref int padded)
    {
        var value = raw.Trim();
        if (value.Length == 10 && value.All(char.IsAsciiDigit))
        {
            padded++;
            value = "0" + value;
        }

        if (value.Length != 11 || !value.All(char.IsAsciiDigit))
            throw new EquityInputException(column, EquityText.Get("column-line-is-not-a-census", column, row + 2, raw));
        return value;
    }

    private static void AddHolc(Dictionary<string, string> values, int row)
    {
        if (values.GetValueOrDefault("class1") is { Length: 1 } grade && "ABCD".Contains(grade[0])) values[HolcGrade] = grade;
        double weighted = 0, rated = 0;
        for (var g = 0; g < 4; g++)
        {
            var key = "area_" + "ABCD"[g];
            if (!values.TryGetValue(key, out var text)) continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var area) || area < 0)
                throw new EquityInputException(key, EquityText.Get("column-line-is-not-a-share", key, row + 2, text));
            weighted += (g + 1) * area;
            rated += area;
        }

        if (rated > 0) values[RedliningScore] = (weighted / rated).ToString("0.####", CultureInfo.InvariantCulture);
    }

    // The two public sources the redlining analysis is built on are recognised by their columns,
    // so their citation and licence travel with the data into every report.
    private static string? Citation(EquityTable table) =>
        table.Has("class1") && table.Has("area_D")
            ? "HOLC neighborhood grades for US census tracts, diversitydatakids.org (Brandeis University), built from Mapping Inequality, University of Richmond Digital Scholarship Lab; CC BY-NC-SA 4.0."
            : table.Has("e0") && table.Has("se_e0")
                ? "U.S. Small-area Life Expectancy Estimates Project (USALEEP), 2010–2015, CDC National Center for Health Statistics; U.S. federal public data."
                : null;
}
