using System.Text.Json;
using System.Text.Json.Nodes;
using Braid.Core.Directory.Hsds;

namespace Braid.Interop.Hsds;

/// <summary>Writes a directory as an HSDS 3.0 tabular datapackage (CSV) and as JSON (tabular form and full services).</summary>
public static class HsdsExporter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Export(HsdsDataset data, string folder)
    {
        HsdsTabular.Write(data, folder, HsdsSpec.DatapackageJson);
        var json = Path.Combine(folder, "json");
        Directory.CreateDirectory(json);
        File.WriteAllText(Path.Combine(json, "tabular.json"), HsdsTabular.ToTabularJson(data).ToJsonString(Indented));
        var writer = new HsdsJsonWriter(data);
        var services = new JsonArray([.. data.All<Service>().Select(s => (JsonNode)writer.Full(s))]);
        File.WriteAllText(Path.Combine(json, "services.json"), services.ToJsonString(Indented));
    }
}
