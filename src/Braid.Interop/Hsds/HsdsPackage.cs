using System.Text.Json;
using System.Text.Json.Nodes;

namespace Braid.Interop.Hsds;

/// <summary>
/// The files of an HSDS export found at a path: its CSV tables or its JSON documents, and the
/// version its <c>datapackage.json</c> declares. Real exports rarely match their own datapackage:
/// tables sit in a <c>data/</c> subfolder, resources are listed but absent, the JSON is malformed.
/// </summary>
public sealed record HsdsPackage(IReadOnlyList<string> CsvFiles, IReadOnlyList<string> JsonFiles, string? DeclaredVersion)
{
    private const string Datapackage = "datapackage.json";

    /// <summary>What was looked for, for the "nothing to import" error.</summary>
    public const string LookedFor = "HSDS CSV tables (services.csv, organizations.csv, …, listed in datapackage.json or not, in the folder or a subfolder such as data/) or HSDS JSON files";

    public static HsdsPackage Locate(string path, List<ImportIssue> issues)
    {
        if (File.Exists(path) && Path.GetFileName(path) == Datapackage) path = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (File.Exists(path)) return new([], [Path.GetFullPath(path)], null);
        if (!Directory.Exists(path))
        {
            issues.Add(new(path, "-", null, null, "does not exist", Code: "not-found"));
            return new([], [], null);
        }

        var root = Path.GetFullPath(path);
        var (version, listed) = ReadDatapackage(root, issues);
        var csv = listed.Concat(Directory.EnumerateFiles(root, "*.csv")).ToList();
        // Nothing at the top: the tables may sit in a subfolder (data/, csv/…).
        if (csv.Count == 0) csv = [.. Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var tables = new List<string>();
        foreach (var group in csv.Select(Path.GetFullPath).Distinct().GroupBy(f => Path.GetFileName(f).ToLowerInvariant()))
        {
            tables.Add(group.First());
            foreach (var other in group.Skip(1))
            {
                issues.Add(new(Path.GetRelativePath(root, other), "-", null, null, $"is a second {Path.GetFileName(other)}; the first, {Path.GetRelativePath(root, group.First())}, is read", IsWarning: true, Code: "duplicate-file"));
            }
        }

        if (tables.Count > 0) return new(tables, [], version);
        var json = Directory.EnumerateFiles(root, "*.json").Where(f => Path.GetFileName(f) != Datapackage).ToList();
        if (json.Count == 0) json = [.. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != Datapackage)];
        return new([], [.. json.Order(StringComparer.Ordinal)], version);
    }

    /// <summary>The datapackage's version and the files its resources name that exist, found where they are.</summary>
    private static (string? Version, List<string> Files) ReadDatapackage(string root, List<ImportIssue> issues)
    {
        var file = Path.Combine(root, Datapackage);
        if (!File.Exists(file)) return (null, []);
        var text = File.ReadAllText(file);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // The official example's datapackage.json is a bare path, not JSON: nothing to say about that one.
            if (text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['))
            {
                issues.Add(new(Datapackage, "-", null, null, $"is not valid JSON ({e.Message}); the folder's files are read by their names", IsWarning: true, Code: "datapackage-malformed"));
            }

            return (null, []);
        }

        var version = node is JsonObject o && o["version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (node?["resources"] is not JsonArray resources)
        {
            issues.Add(new(Datapackage, "-", null, null, "lists no resources; the folder's files are read by their names", IsWarning: true, Code: "datapackage-no-resources"));
            return (version, []);
        }

        var files = new List<string>();
        foreach (var resource in resources)
        {
            var paths = resource?["path"] switch
            {
                JsonValue p when p.TryGetValue<string>(out var one) => [one],
                JsonArray many => many.Select(p => p is JsonValue pv && pv.TryGetValue<string>(out var x) ? x : null).OfType<string>().ToList(),
                _ => new List<string>(),
            };
            foreach (var declared in paths)
            {
                if (Uri.TryCreate(declared, UriKind.Absolute, out var uri) && !uri.IsFile) continue; // remote resources are not fetched
                var full = Path.GetFullPath(Path.Combine(root, declared));
                if (Path.IsPathRooted(declared) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    issues.Add(new(Datapackage, "-", null, "resources.path", $"names '{ImportIssue.Echo(declared)}', which is outside the package; refused", Code: "resource-outside-package"));
                    continue;
                }

                if (File.Exists(full))
                {
                    files.Add(full);
                    continue;
                }

                var found = Directory.EnumerateFiles(root, Path.GetFileName(full), SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
                if (found is not null)
                {
                    files.Add(found);
                    issues.Add(new(Datapackage, "-", null, "resources.path", "lists a file that is elsewhere in the package; the file found is read", IsWarning: true, Code: "resource-relocated"));
                }
                else
                {
                    issues.Add(new(Datapackage, "-", null, "resources.path", $"lists {ImportIssue.Echo(declared)}, which is not in the package", IsWarning: true, Code: "resource-missing"));
                }
            }
        }

        return (version, files);
    }
}
