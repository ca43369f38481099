using System.Text.Json;
using Braid.Core.Directory.Hsds;

namespace Braid.Interop.Hsds;

/// <summary>What the HSDS 3.0 datapackage says of one field: type, format, whether required, allowed values.</summary>
public sealed record FieldRule(string Name, string Type, string? Format, bool Required, IReadOnlyList<string>? Enum);

/// <summary>A foreign key of a table: the field and the table it points at.</summary>
public sealed record ForeignKey(string Field, string Table);

/// <summary>The validation rules of every HSDS table, read from the official datapackage.json.</summary>
public static class HsdsSpec
{
    private static readonly Lazy<(Dictionary<string, Dictionary<string, FieldRule>> Fields, Dictionary<string, List<ForeignKey>> Keys)> Spec = new(Load);

    public const string Version = "3.0";

    /// <summary>The official datapackage.json text, written beside every tabular export.</summary>
    public static string DatapackageJson { get; } = ReadResource();

    private static string ReadResource()
    {
        using var reader = new StreamReader(typeof(HsdsSpec).Assembly.GetManifestResourceStream("hsds-3.0-datapackage.json")!);
        return reader.ReadToEnd();
    }

    public static IReadOnlyDictionary<string, FieldRule> Fields(string table) => Spec.Value.Fields[table];

    public static IReadOnlyList<ForeignKey> ForeignKeys(string table) => Spec.Value.Keys[table];

    private static (Dictionary<string, Dictionary<string, FieldRule>>, Dictionary<string, List<ForeignKey>>) Load()
    {
        using var stream = typeof(HsdsSpec).Assembly.GetManifestResourceStream("hsds-3.0-datapackage.json")!;
        using var doc = JsonDocument.Parse(stream);
        var fields = new Dictionary<string, Dictionary<string, FieldRule>>();
        var keys = new Dictionary<string, List<ForeignKey>>();
        foreach (var resource in doc.RootElement.GetProperty("resources").EnumerateArray())
        {
            var name = resource.GetProperty("name").GetString()!;
            var schema = resource.GetProperty("schema");
            fields[name] = schema.GetProperty("fields").EnumerateArray().Select(f =>
            {
                var constraints = f.TryGetProperty("constraints", out var c) ? c : default;
                return new FieldRule(
                    f.GetProperty("name").GetString()!,
                    f.GetProperty("type").GetString()!,
                    f.TryGetProperty("format", out var format) ? format.GetString() : null,
                    constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty("required", out var r) && r.GetBoolean(),
                    constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty("enum", out var e)
                        ? [.. e.EnumerateArray().Select(v => v.GetString()!)]
                        : null);
            }).ToDictionary(f => f.Name);
            keys[name] = schema.TryGetProperty("foreignKeys", out var fks)
                ? [.. fks.EnumerateArray().Select(fk => new ForeignKey(fk.GetProperty("fields").GetString()!, fk.GetProperty("reference").GetProperty("resource").GetString()!))]
                : [];
        }

        // The generated records and the datapackage must describe the same tables.
        foreach (var table in HsdsModel.Tables)
        {
            if (!fields.TryGetValue(table.Name, out var f) || f.Count != table.Fields.Count)
            {
                throw new InvalidOperationException($"HSDS table {table.Name} differs from the datapackage; re-run tools/hsds-codegen.py.");
            }
        }

        return (fields, keys);
    }
}
