namespace Braid.Core.Directory.Hsds;

/// <summary>Orders records so that every table comes after the tables it refers to.</summary>
public static class HsdsDatasetOrder
{
    public static IEnumerable<HsdsRecord> ParentsFirst(HsdsDataset data) => HsdsModel.Tables.SelectMany(data.Rows);
}
