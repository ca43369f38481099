namespace Braid.Core.Directory.Hsds;

/// <summary>A whole directory (or an import batch) as HSDS tables in memory.</summary>
public sealed class HsdsDataset
{
    private readonly Dictionary<HsdsTable, Dictionary<string, HsdsRecord>> _tables =
        HsdsModel.Tables.ToDictionary(t => t, _ => new Dictionary<string, HsdsRecord>(StringComparer.Ordinal));

    /// <summary>Adds or replaces the record with the same id in its table.</summary>
    public void Put(HsdsRecord record) => _tables[HsdsModel.TableOf(record)][record.Id] = record;

    public IReadOnlyCollection<HsdsRecord> Rows(HsdsTable table) => _tables[table].Values;

    public IEnumerable<T> All<T>() where T : HsdsRecord => _tables[HsdsModel.Table<T>()].Values.Cast<T>();

    public T? Find<T>(string? id) where T : HsdsRecord =>
        id is not null && _tables[HsdsModel.Table<T>()].TryGetValue(id, out var r) ? (T)r : null;

    public HsdsRecord? Find(HsdsTable table, string id) => _tables[table].GetValueOrDefault(id);

    public bool Contains(HsdsTable table, string id) => _tables[table].ContainsKey(id);

    public int Count(HsdsTable table) => _tables[table].Count;

    public int TotalCount => _tables.Values.Sum(t => t.Count);
}
