using System.Text.Json.Nodes;
using Braid.Core.Directory.Hsds;

namespace Braid.Interop.Hsds;

/// <summary>
/// Renders records as HSDS 3.0 JSON: the "full" form nests every related table as the object
/// schemas do; the "list" form has only the record's own fields and its one-to-one objects, as the
/// compiled <c>*_list</c> schemas do. Absent fields are left out rather than written as null.
/// </summary>
public sealed class HsdsJsonWriter(HsdsDataset data)
{
    private readonly Dictionary<(string Table, string Field), ILookup<string, HsdsRecord>> _lookups = [];

    public JsonObject Full(HsdsRecord record) => Render(record, arrays: true, path: []);

    public JsonObject List(HsdsRecord record) => Render(record, arrays: false, path: []);

    private JsonObject Render(HsdsRecord record, bool arrays, HashSet<string> path)
    {
        var table = HsdsModel.TableOf(record);
        var json = Scalars(record);
        var inner = new HashSet<string>(path) { table.Name };
        if (arrays)
        {
            foreach (var nest in HsdsNesting.Arrays.Where(a => a.Parent == table.Name && !path.Contains(a.Child)))
            {
                json[nest.Property] = new JsonArray([.. Children(nest.Child, nest.ForeignKey, record.Id).Select(c => (JsonNode)Render(c, true, inner))]);
            }
        }

        foreach (var nest in HsdsNesting.Objects.Where(o => o.Parent == table.Name && !path.Contains(o.Child)))
        {
            var id = table.FieldsByName[nest.ParentField].Get(record) as string;
            var target = id is null ? null : Find(nest.Child, id);
            if (target is not null)
            {
                json[nest.Property] = Render(target, arrays, inner);
            }
        }

        return json;
    }

    public static JsonObject Scalars(HsdsRecord record)
    {
        var json = new JsonObject();
        foreach (var field in HsdsModel.TableOf(record).Fields)
        {
            switch (field.Get(record))
            {
                case double d:
                    json[field.Name] = d;
                    break;
                case string s:
                    json[field.Name] = s;
                    break;
            }
        }

        return json;
    }

    private IEnumerable<HsdsRecord> Children(string table, string field, string parentId)
    {
        if (!_lookups.TryGetValue((table, field), out var lookup))
        {
            var t = HsdsModel.Table(table);
            var f = t.FieldsByName[field];
            lookup = data.Rows(t).Where(r => f.Get(r) is string).ToLookup(r => (string)f.Get(r)!);
            _lookups[(table, field)] = lookup;
        }

        return lookup[parentId];
    }

    private HsdsRecord? Find(string table, string id) => data.Find(HsdsModel.Table(table), id);
}
