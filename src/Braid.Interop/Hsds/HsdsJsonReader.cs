using System.Text.Json;
using System.Text.Json.Nodes;

namespace Braid.Interop.Hsds;

/// <summary>
/// Reads HSDS 3.0 JSON (one object, an array, an API <c>Page</c>, or the tabular JSON form keyed by
/// CSV file name) into flat records, filling in the foreign keys that nesting implies. A record
/// nested in several places (an organization under each of its services) is merged into one.
/// </summary>
public sealed class HsdsJsonReader
{
    private readonly Dictionary<(string Table, string Id), RawRecord> _byId = [];
    private readonly List<RawRecord> _records = [];
    private readonly List<ImportIssue> _issues = [];

    public IReadOnlyList<RawRecord> Records => _records;
    public IReadOnlyList<ImportIssue> Issues => _issues;

    /// <summary>Reads one document; <paramref name="table"/> forces the root type, otherwise it is inferred.</summary>
    public void Read(string file, string json, string? table = null)
    {
        JsonNode? root;
        try
        {
            // A property given twice is refused here, as the error it is, not found later as a crash.
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            _issues.Add(new(file, "-", null, null, $"is not valid JSON: {e.Message}"));
            return;
        }

        switch (root)
        {
            case JsonObject o when o.ContainsKey("contents") && o["contents"] is JsonArray contents:
                ReadArray(file, contents, table);
                break;
            case JsonObject o when o.Count > 0 && o.All(p => p.Key.EndsWith(".csv", StringComparison.Ordinal)):
                foreach (var (csv, rows) in o)
                {
                    var t = Braid.Core.Directory.Hsds.HsdsModel.Tables.FirstOrDefault(x => x.CsvPath == csv);
                    if (t is null || rows is not JsonArray array)
                    {
                        _issues.Add(new(file, csv, null, null, "is not an HSDS 3.0 table"));
                        continue;
                    }

                    ReadArray(file, array, t.Name);
                }

                break;
            case JsonObject o when o.ContainsKey("openapi_url") && o.ContainsKey("version"):
                _issues.Add(new(file, "-", null, null, "is API version information; nothing to import", IsWarning: true));
                break;
            case JsonObject o:
                Flatten(file, table ?? Infer(o, file), o);
                break;
            case JsonArray a:
                ReadArray(file, a, table);
                break;
            default:
                _issues.Add(new(file, "-", null, null, "must be a JSON object or array"));
                break;
        }
    }

    private void ReadArray(string file, JsonArray array, string? table)
    {
        foreach (var item in array)
        {
            if (item is JsonObject o) Flatten(file, table ?? Infer(o, file), o);
            else _issues.Add(new(file, table ?? "-", null, null, "array items must be objects"));
        }
    }

    /// <summary>Infers the HSDS table of a root object from the file name, then from fields only that table has.</summary>
    public static string Infer(JsonObject o, string file)
    {
        var name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
        foreach (var t in new[] { "service_at_location", "taxonomy_term", "taxonomy", "organization", "location", "service" })
        {
            if (name.StartsWith(t, StringComparison.Ordinal)) return t;
        }

        if (o.ContainsKey("location_id") && o.ContainsKey("service_id") || o.ContainsKey("location") && o.ContainsKey("service")) return "service_at_location";
        if (o.ContainsKey("status")) return "service";
        if (o.ContainsKey("location_type")) return "location";
        if (o.ContainsKey("term_uri") || o.ContainsKey("taxonomy_detail") || o.ContainsKey("code") || o.ContainsKey("parent_id")) return "taxonomy_term";
        if (o.ContainsKey("version") && !o.ContainsKey("website")) return "taxonomy";
        return "organization";
    }

    private string? Flatten(string file, string table, JsonObject o, (string Field, string Value)? parentKey = null)
    {
        var values = new Dictionary<string, string?>();
        var nested = new List<(string Property, JsonNode Node)>();
        foreach (var (key, node) in o)
        {
            switch (node)
            {
                case null:
                    values[key] = null;
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    values[key] = v.GetValue<string>();
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    values[key] = v.ToJsonString();
                    break;
                case JsonValue v:
                    _issues.Add(new(file, table, o["id"]?.ToString(), key, $"must be a string or number, got {v.GetValueKind().ToString().ToLowerInvariant()}"));
                    values[key] = null;
                    break;
                default:
                    nested.Add((key, node));
                    break;
            }
        }

        if (parentKey is { } pk && string.IsNullOrEmpty(values.GetValueOrDefault(pk.Field)))
        {
            values[pk.Field] = pk.Value;
        }

        var id = values.GetValueOrDefault("id");
        foreach (var (property, node) in nested)
        {
            if (HsdsNesting.Object(table, property) is { } one && node is JsonObject child)
            {
                // A program nested in a service belongs to the service's organization.
                (string, string)? inherited = one.Child == "program" && values.GetValueOrDefault("organization_id") is { } org ? ("organization_id", org) : null;
                var childId = Flatten(file, one.Child, child, inherited);
                if (childId is not null && string.IsNullOrEmpty(values.GetValueOrDefault(one.ParentField)))
                {
                    values[one.ParentField] = childId;
                }
            }
            else if (HsdsNesting.Array(table, property) is { } many && node is JsonArray children)
            {
                foreach (var item in children)
                {
                    if (item is JsonObject c) Flatten(file, many.Child, c, id is null ? null : (many.ForeignKey, id));
                    else _issues.Add(new(file, table, id, property, "items must be objects"));
                }
            }
            else
            {
                _issues.Add(new(file, table, id, property, $"is not a nested HSDS 3.0 {table} property; ignored", IsWarning: true));
            }
        }

        var record = new RawRecord(table, file, values);
        if (id is null)
        {
            _records.Add(record);
            return null;
        }

        if (_byId.TryGetValue((table, id), out var existing))
        {
            foreach (var (key, value) in values)
            {
                var old = existing.Values.GetValueOrDefault(key);
                if (old is null) existing.Values[key] = value;
                else if (value is not null && old != value)
                {
                    _issues.Add(new(file, table, id, key, $"has two different values in the same import ('{ImportIssue.Echo(old)}' and '{ImportIssue.Echo(value)}')"));
                }
            }

            return id;
        }

        _byId[(table, id)] = record;
        _records.Add(record);
        return id;
    }
}
