using Braid.Core.Directory.Search;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Region;
using Braid.Interop.Hsds;
using Braid.Testing;

namespace Braid.Interop.Tests.Hsds;

/// <summary>A 211's messy HSDS 1.x export: repaired where the repair is obvious, reported by class with the planted counts, searchable afterwards.</summary>
public sealed class MessyExportImportTests
{
    private const string Community = "test";

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_messy_211_export_When_imported_Then_every_planted_flaw_is_reported_under_its_class_with_its_count(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("braid-messy-").FullName;
        var export = MessyExport.Write(folder);
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync(Community, "Test", "America/New_York");
        var region = RegionData.Baltimore;
        var importer = new HsdsImporter(store, p => region.Tracts.Any(t => t.Point.DistanceKm(p) <= 50));

        var report = await importer.ImportAsync(folder, Community, skipInvalid: true);

        Assert.True(report.Committed);
        var counted = report.Issues.Where(i => i.Code is not null).GroupBy(i => i.Code!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (code, planted) in export.Planted)
        {
            Assert.True(counted.GetValueOrDefault(code) == planted, $"{code}: planted {planted}, reported {counted.GetValueOrDefault(code)}");
        }

        // Only the planted unusable records are errors; nothing else in the export is rejected.
        Assert.Equal(export.Planted["link-missing"], report.ErrorCount);
        Assert.All(report.Summary(), line => Assert.True(line.Length < 400, line));

        // At least 98% of the services that have a name and an organization are found by the 211's own codes.
        var index = new DirectoryIndex(DirectoryEntryBuilder.Build(await store.LoadAsync(Community), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
        var found = 0;
        foreach (var code in export.ServiceCodes.Values.Distinct())
        {
            var names = new HashSet<string>();
            for (var page = 1; ; page++)
            {
                var results = index.Search(new SearchQuery { Need = code, Page = page, PerPage = SearchQuery.MaxPerPage });
                names.UnionWith(results.Hits.Select(h => h.Entry.ServiceName));
                if (page >= results.TotalPages) break;
            }

            found += export.ServiceCodes.Count(s => s.Value == code && names.Contains(s.Key));
        }

        Assert.True(found >= 0.98 * export.ServiceCodes.Count, $"{found} of {export.ServiceCodes.Count} services are searchable by their code");

        // Re-importing the same export changes nothing.
        var counts = await store.CountsAsync(Community);
        var again = await importer.ImportAsync(folder, Community, skipInvalid: true);
        Assert.True(again.Committed);
        Assert.Equal(counts, await store.CountsAsync(Community));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_demo_directory_exported_When_imported_Then_every_record_arrives_with_nothing_to_repair(string provider)
    {
        var demo = new Braid.Core.Demo.DemoCommunityGenerator(RegionData.Baltimore, seed: 5).Generate(300, new DateOnly(2026, 11, 1), Community);
        var folder = Directory.CreateTempSubdirectory("braid-demo-export-").FullName;
        HsdsExporter.Export(demo, folder);
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync(Community, "Test", "America/New_York");

        var report = await new HsdsImporter(store).ImportAsync(folder, Community);

        Assert.True(report.Committed, string.Join("\n", report.Issues.Take(10)));
        Assert.Equal(0, report.ErrorCount);
        Assert.DoesNotContain(report.Issues, i => i.Code is "whitespace" or "html-entities" or "link-dropped" or "id-generated" or "duplicate-merged" or "duplicate-conflict");
        var counts = await store.CountsAsync(Community);
        foreach (var table in Braid.Core.Directory.Hsds.HsdsModel.Tables)
        {
            Assert.True(counts[table.Name] == demo.Count(table), $"{table.Name}: generated {demo.Count(table)}, stored {counts[table.Name]}");
        }
    }

    [Fact]
    public void Given_the_same_seed_When_generated_twice_Then_the_export_is_the_same()
    {
        var (a, b) = (Directory.CreateTempSubdirectory().FullName, Directory.CreateTempSubdirectory().FullName);
        Assert.Equal(MessyExport.Write(a).Planted, MessyExport.Write(b).Planted);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "data", "services.csv")), File.ReadAllText(Path.Combine(b, "data", "services.csv")));
    }
}
