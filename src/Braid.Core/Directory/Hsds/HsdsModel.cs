using System.ComponentModel.DataAnnotations.Schema;
using System.Globalization;
using System.Reflection;

namespace Braid.Core.Directory.Hsds;

/// <summary>One HSDS field of a table: its name and how to read and write it on a record.</summary>
public sealed class HsdsField(string name, PropertyInfo property)
{
    public string Name { get; } = name;
    public bool IsNumber { get; } = property.PropertyType == typeof(double?);
    public PropertyInfo Property { get; } = property;

    public object? Get(HsdsRecord record) => Property.GetValue(record);

    public void Set(HsdsRecord record, object? value) => Property.SetValue(record, value);

    /// <summary>The value as the text HSDS tabular files carry (numbers in invariant culture, round-trippable).</summary>
    public string? GetText(HsdsRecord record) => Get(record) switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        var v => (string)v,
    };
}

/// <summary>One HSDS table: its name, CSV file, record type and fields in the specification's order.</summary>
public sealed class HsdsTable
{
    internal HsdsTable(Type type)
    {
        var attribute = type.GetCustomAttribute<HsdsTableAttribute>()!;
        Name = attribute.Name;
        CsvPath = attribute.CsvPath;
        SqlTable = type.GetCustomAttribute<TableAttribute>()!.Name;
        Type = type;
        // Base-class properties (community_id, id) come last from reflection; HSDS puts id first.
        var properties = type.GetProperties().Where(p => p.GetCustomAttribute<ColumnAttribute>() is not null).ToList();
        Fields = properties
            .Where(p => p.Name != nameof(HsdsRecord.CommunityId))
            .OrderBy(p => p.Name == nameof(HsdsRecord.Id) ? 0 : 1)
            .ThenBy(p => p.MetadataToken)
            .Select(p => new HsdsField(p.GetCustomAttribute<ColumnAttribute>()!.Name!, p))
            .ToList();
        FieldsByName = Fields.ToDictionary(f => f.Name);
    }

    public string Name { get; }
    public string CsvPath { get; }
    public string SqlTable { get; }
    public Type Type { get; }
    public IReadOnlyList<HsdsField> Fields { get; }
    public IReadOnlyDictionary<string, HsdsField> FieldsByName { get; }

    public HsdsRecord Create() => (HsdsRecord)Activator.CreateInstance(Type)!;
}

/// <summary>The HSDS 3.0 tabular model as Braid stores it: every table and field.</summary>
public static class HsdsModel
{
    /// <summary>Tables in dependency order: a table's parents come before it.</summary>
    public static IReadOnlyList<HsdsTable> Tables { get; } =
    [
        .. new[]
        {
            typeof(Taxonomy), typeof(TaxonomyTerm), typeof(Organization), typeof(OrganizationIdentifier),
            typeof(Program), typeof(Service), typeof(Location), typeof(ServiceAtLocation), typeof(Address),
            typeof(Contact), typeof(Phone), typeof(Schedule), typeof(Funding), typeof(ServiceArea),
            typeof(RequiredDocument), typeof(Language), typeof(Accessibility), typeof(CostOption),
            typeof(HsdsAttribute), typeof(Metadata), typeof(MetaTableDescription),
        }.Select(t => new HsdsTable(t)),
    ];

    private static readonly Dictionary<string, HsdsTable> ByName = Tables.ToDictionary(t => t.Name);
    private static readonly Dictionary<Type, HsdsTable> ByType = Tables.ToDictionary(t => t.Type);

    public static HsdsTable Table(string name) => ByName[name];

    public static HsdsTable Table<T>() where T : HsdsRecord => ByType[typeof(T)];

    public static HsdsTable TableOf(HsdsRecord record) => ByType[record.GetType()];
}
