using System.Globalization;
using System.Text.Json.Nodes;

namespace Braid.Testing;

/// <summary>Compares HSDS JSON that Braid gives back with the official example it came from.</summary>
public static class HsdsTree
{
    /// <summary>
    /// Adds to <paramref name="differences"/> every value of <paramref name="expected"/> (an official
    /// example) that <paramref name="actual"/> lacks or has otherwise; arrays are matched by id, and
    /// the import's reported repairs are applied to the expected values first.
    /// </summary>
    public static void Compare(JsonNode? expected, JsonNode? actual, string where, string? id, Dictionary<(string?, string?), string> repairs, List<string> differences)
    {
        switch (expected)
        {
            case JsonObject o:
                if (actual is not JsonObject a)
                {
                    differences.Add($"{where}: missing");
                    return;
                }

                var ownId = o["id"] is JsonValue v ? v.ToString() : id;
                foreach (var (key, value) in o)
                {
                    if (value is JsonValue && repairs.GetValueOrDefault((ownId, key)) is { } repair)
                    {
                        if (!SameValue(Repaired(Text(value), repair), Text(a[key]))) differences.Add($"{where}.{key}: source '{value.ToJsonString()}' {repair}, given back '{a[key]?.ToJsonString()}'");
                        continue;
                    }

                    Compare(value, a[key], $"{where}.{key}", ownId, repairs, differences);
                }

                break;
            case JsonArray items:
                var given = actual as JsonArray ?? [];
                foreach (var item in items)
                {
                    var itemId = item?["id"]?.ToString();
                    var match = given.FirstOrDefault(g => g?["id"]?.ToString() == itemId);
                    Compare(item, match, $"{where}[{itemId}]", itemId, repairs, differences);
                }

                break;
            case null:
                break;
            default:
                if (!SameValue(Text(expected), Text(actual))) differences.Add($"{where}: source '{expected.ToJsonString()}', given back '{actual?.ToJsonString()}'");
                break;
        }
    }

    public static string? Repaired(string? source, string? repair) => repair switch
    {
        _ when string.IsNullOrEmpty(source) => null,
        "link-dropped" => null,
        "whitespace" => source!.Trim(),
        _ => source,
    };

    // Numbers compare as numbers ("51.50" is 51.5); everything else as text.
    public static bool SameValue(string? expected, string? actual) =>
        expected == actual
        || (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && e == a);

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        _ => node.ToJsonString(),
    };
}
