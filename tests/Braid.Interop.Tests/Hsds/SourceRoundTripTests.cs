using System.Text.Json.Nodes;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Interop.Hsds;
using Braid.Testing;

namespace Braid.Interop.Tests.Hsds;

/// <summary>
/// Every field of every official example, compared with what Braid stored and gives back: the
/// source files are the expectation, not a first import. The expected differences are the repairs
/// the import reports, applied to the source here: a link dropped (it points at a record the
/// example does not contain) and surrounding spaces trimmed. Any other repair of an official example fails.
/// </summary>
public sealed class SourceRoundTripTests
{
    private const string Community = "test";

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        var examples = Directory.EnumerateFiles(RepoPaths.HsdsExamples, "*.json").Select(Path.GetFileName).OfType<string>()
            .Where(f => f != "base.json").Append("csv").Order(StringComparer.Ordinal);
        foreach (var provider in TestDatabases.Providers)
        {
            foreach (var example in examples) data.Add(provider, example);
        }

        return data;
    }

    [Theory, MemberData(nameof(Examples))]
    public async Task Given_an_official_example_When_imported_Then_every_source_field_is_stored_and_given_back(string provider, string example)
    {
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync(Community, "Test", "America/New_York");
        var path = Path.Combine(RepoPaths.HsdsExamples, example);
        var report = await new HsdsImporter(store).ImportAsync(path, Community);
        Assert.True(report.Committed, string.Join("\n", report.Issues));
        Assert.DoesNotContain(report.Issues, i => i.Code is not (null or "link-dropped" or "whitespace" or "unknown-field" or "coordinate-out-of-range"));
        var repairs = report.Issues.Where(i => i.Code is "link-dropped" or "whitespace").ToDictionary(i => (i.RecordId, i.Field), i => i.Code!);
        var data = await store.LoadAsync(Community);
        var differences = new List<string>();

        if (example == "csv")
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.csv"))
            {
                CompareRows(HsdsModel.Tables.Single(t => t.CsvPath == Path.GetFileName(file)), CsvRows(file), data, repairs, differences);
            }
        }
        else if (example == "tabular.json")
        {
            foreach (var (csv, rows) in JsonNode.Parse(File.ReadAllText(path))!.AsObject())
            {
                var table = HsdsModel.Tables.Single(t => t.CsvPath == csv);
                CompareRows(table, rows!.AsArray().Select(r => r!.AsObject().ToDictionary(p => p.Key, p => HsdsTree.Text(p.Value))), data, repairs, differences);
            }
        }
        else
        {
            var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var list = document.ContainsKey("contents");
            var table = HsdsModel.Table(TableOf(example));
            var writer = new HsdsJsonWriter(data);
            foreach (var expected in list ? document["contents"]!.AsArray().Select(c => c!.AsObject()) : [document])
            {
                var id = (string)expected["id"]!;
                if (data.Find(table, id) is not { } record)
                {
                    differences.Add($"{table.Name} {id} was not stored");
                    continue;
                }

                HsdsTree.Compare(expected, list ? writer.List(record) : writer.Full(record), $"{table.Name} {id}", id, repairs, differences);
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
    }

    private static string TableOf(string example) =>
        new[] { "service_at_location", "taxonomy_term", "taxonomy", "organization", "location", "service" }.First(example.StartsWith);

    private static void CompareRows(HsdsTable table, IEnumerable<Dictionary<string, string?>> rows, HsdsDataset data, Dictionary<(string?, string?), string> repairs, List<string> differences)
    {
        foreach (var row in rows)
        {
            var id = row["id"]!;
            if (data.Find(table, id) is not { } record)
            {
                differences.Add($"{table.Name} {id} was not stored");
                continue;
            }

            foreach (var (field, source) in row)
            {
                var expected = HsdsTree.Repaired(source, repairs.GetValueOrDefault((id, field)));
                var actual = table.FieldsByName[field].GetText(record);
                if (!HsdsTree.SameValue(expected, actual)) differences.Add($"{table.Name} {id} {field}: source '{expected}', stored '{actual}'");
            }
        }
    }

    private static IEnumerable<Dictionary<string, string?>> CsvRows(string file)
    {
        using var csv = CsvHelper.CsvReader.Create(new StreamReader(file), new CsvHelper.CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string?>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Headers.Count).ToDictionary(i => csv.Headers[i], i => (string?)csv.GetString(i)));
        }

        return rows;
    }
}
