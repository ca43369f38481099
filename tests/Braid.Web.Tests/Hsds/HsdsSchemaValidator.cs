using System.Diagnostics;
using System.Text.Json.Nodes;
using Braid.Testing;

namespace Braid.Web.Tests.Hsds;

/// <summary>Runs ajv (tests/hsds-validator) over documents with the official HSDS 3.0 schemas.</summary>
public static class HsdsSchemaValidator
{
    public static async Task<IReadOnlyList<string>> ValidateAsync(IEnumerable<(string Schema, JsonNode Data)> documents)
    {
        var input = new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject { ["schema"] = d.Schema, ["data"] = d.Data.DeepClone() })]);
        var psi = new ProcessStartInfo("node", Path.Combine(RepoPaths.Root, "tests", "hsds-validator", "validate.mjs"))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "validator failed: " + error);
        var results = JsonNode.Parse(output)!.AsArray();
        var docs = input.ToList();
        return [.. results.SelectMany((r, i) => r!["errors"]!.AsArray().Select(e => $"{docs[i]!["schema"]}: {e}"))];
    }
}
