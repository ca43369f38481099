using System.Text.Json.Nodes;
using Braid.Core.Directory.Hsds;

namespace Braid.Core.Tests.Directory.Hsds;

/// <summary>The generated model against the official HSDS 3.0 datapackage: every table, every field, each accessor on its own property.</summary>
public sealed class HsdsModelTests
{
    private static readonly JsonArray Resources =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "standards", "hsds-datapackage.json")))!["resources"]!.AsArray();

    [Fact]
    public void Every_datapackage_table_and_field_is_in_the_model_in_the_specifications_order()
    {
        Assert.Equal(Resources.Count, HsdsModel.Tables.Count);
        foreach (var resource in Resources)
        {
            var table = HsdsModel.Table(resource!["name"]!.GetValue<string>());
            Assert.Equal(resource["path"]!.GetValue<string>(), table.CsvPath);
            var fields = resource["schema"]!["fields"]!.AsArray();
            Assert.Equal(fields.Select(f => f!["name"]!.GetValue<string>()), table.Fields.Select(f => f.Name));
            Assert.Equal(fields.Select(f => f!["type"]!.GetValue<string>() == "number"), table.Fields.Select(f => f.IsNumber));
        }
    }

    [Fact]
    public void Each_field_reads_and_writes_its_own_value_and_no_other()
    {
        foreach (var table in HsdsModel.Tables)
        {
            var record = table.Create();
            Assert.IsType(table.Type, record);
            for (var i = 0; i < table.Fields.Count; i++) table.Fields[i].SetText(record, Value(table.Fields[i], i));
            for (var i = 0; i < table.Fields.Count; i++) Assert.Equal(Value(table.Fields[i], i), table.Fields[i].GetText(record));
        }
    }

    [Fact]
    public void Parents_come_before_the_tables_that_refer_to_them()
    {
        var position = HsdsModel.Tables.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var resource in Resources)
        {
            var child = resource!["name"]!.GetValue<string>();
            foreach (var key in resource["schema"]!["foreignKeys"]?.AsArray() ?? [])
            {
                var parent = key!["reference"]!["resource"]!.GetValue<string>();
                if (parent != child) Assert.True(position[parent] < position[child], $"{parent} must come before {child}");
            }
        }
    }

    private static string Value(HsdsField field, int i) => field.IsNumber ? (i + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{field.Name}-{i}";
}
