using Braid.Core.Directory.Hsds;
using Braid.Data.Directory;
using Braid.Interop.Hsds;

namespace Braid.Web.Hsds;

/// <summary>
/// Loads from the database exactly the records <see cref="HsdsJsonWriter"/> nests under some
/// records, one query per level and relation, following the same rules as the writer.
/// </summary>
public sealed class HsdsGraphLoader(HsdsReader reader, string communityId)
{
    public async Task<HsdsDataset> LoadAsync(HsdsTable table, IReadOnlyCollection<string> ids, bool full, CancellationToken ct)
    {
        var data = new HsdsDataset();
        var roots = await reader.WhereInAsync(communityId, table, "id", ids, ct);
        roots.ForEach(data.Put);
        await ExpandAsync(data, table, roots, arrays: full, path: [], ct);
        return data;
    }

    private async Task ExpandAsync(HsdsDataset data, HsdsTable table, List<HsdsRecord> records, bool arrays, HashSet<string> path, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var inner = new HashSet<string>(path) { table.Name };
        if (arrays)
        {
            var ids = records.Select(r => r.Id).ToList();
            foreach (var nest in HsdsNesting.Arrays.Where(a => a.Parent == table.Name && !path.Contains(a.Child)))
            {
                var child = HsdsModel.Table(nest.Child);
                var children = await reader.WhereInAsync(communityId, child, nest.ForeignKey, ids, ct);
                children.ForEach(data.Put);
                await ExpandAsync(data, child, children, arrays: true, inner, ct);
            }
        }

        foreach (var nest in HsdsNesting.Objects.Where(o => o.Parent == table.Name && !path.Contains(o.Child)))
        {
            var child = HsdsModel.Table(nest.Child);
            var field = table.FieldsByName[nest.ParentField];
            var targetIds = records.Select(r => field.Get(r) as string).OfType<string>().Distinct().ToList();
            var targets = await reader.WhereInAsync(communityId, child, "id", targetIds, ct);
            targets.ForEach(data.Put);
            await ExpandAsync(data, child, targets, arrays, inner, ct);
        }
    }
}
