using System.Globalization;

namespace Braid.Core.Directory.Hsds;

/// <summary>One HSDS field of a table: its name and typed accessors on a record (generated, no reflection).</summary>
public sealed class HsdsField
{
    private readonly Func<HsdsRecord, string?>? _text;
    private readonly Action<HsdsRecord, string?>? _setText;
    private readonly Func<HsdsRecord, double?>? _number;
    private readonly Action<HsdsRecord, double?>? _setNumber;

    private HsdsField(string name, Func<HsdsRecord, string?>? text, Action<HsdsRecord, string?>? setText,
        Func<HsdsRecord, double?>? number, Action<HsdsRecord, double?>? setNumber)
    {
        Name = name;
        (_text, _setText, _number, _setNumber) = (text, setText, number, setNumber);
    }

    public static HsdsField Text<T>(string name, Func<T, string?> get, Action<T, string?> set) where T : HsdsRecord =>
        new(name, r => get((T)r), (r, v) => set((T)r, v), null, null);

    public static HsdsField Number<T>(string name, Func<T, double?> get, Action<T, double?> set) where T : HsdsRecord =>
        new(name, null, null, r => get((T)r), (r, v) => set((T)r, v));

    public string Name { get; }
    public bool IsNumber => _number is not null;

    public object? Get(HsdsRecord record) => _number is { } number ? number(record) : _text!(record);

    public void Set(HsdsRecord record, object? value)
    {
        if (_setNumber is { } setNumber) setNumber(record, (double?)value);
        else _setText!(record, (string?)value);
    }

    /// <summary>Sets a text field; a number field takes the text in invariant culture.</summary>
    public void SetText(HsdsRecord record, string? value)
    {
        if (_setNumber is { } setNumber) setNumber(record, value is null ? null : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        else _setText!(record, value);
    }

    public void SetNumber(HsdsRecord record, double? value) => (_setNumber ?? throw new InvalidOperationException($"{Name} is not a number field."))(record, value);

    /// <summary>The value as the text HSDS tabular files carry (numbers in invariant culture, round-trippable).</summary>
    public string? GetText(HsdsRecord record) =>
        _number is { } number ? number(record)?.ToString("R", CultureInfo.InvariantCulture) : _text!(record);
}

/// <summary>One HSDS table: its name, CSV file, SQL table, record type and fields in the specification's order.</summary>
public sealed class HsdsTable(string name, string csvPath, string sqlTable, Type type, Func<HsdsRecord> create, IReadOnlyList<HsdsField> fields)
{
    public string Name { get; } = name;
    public string CsvPath { get; } = csvPath;
    public string SqlTable { get; } = sqlTable;
    public Type Type { get; } = type;
    public IReadOnlyList<HsdsField> Fields { get; } = fields;
    public IReadOnlyDictionary<string, HsdsField> FieldsByName { get; } = fields.ToDictionary(f => f.Name);

    public HsdsRecord Create() => create();
}

/// <summary>The HSDS 3.0 tabular model as Braid stores it: every table and field (<see cref="Tables"/> is generated).</summary>
public static partial class HsdsModel
{
    public static HsdsTable Table(string name) => Lookup.ByName[name];

    public static HsdsTable Table<T>() where T : HsdsRecord => Lookup.ByType[typeof(T)];

    public static HsdsTable TableOf(HsdsRecord record) => Lookup.ByType[record.GetType()];

    // A class of its own: the order of static initializers across the parts of a partial class is unspecified.
    private static class Lookup
    {
        public static readonly Dictionary<string, HsdsTable> ByName = Tables.ToDictionary(t => t.Name);
        public static readonly Dictionary<Type, HsdsTable> ByType = Tables.ToDictionary(t => t.Type);
    }
}
