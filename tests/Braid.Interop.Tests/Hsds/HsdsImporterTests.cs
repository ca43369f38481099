using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Interop.Hsds;
using Braid.Testing;

namespace Braid.Interop.Tests.Hsds;

public sealed class HsdsImporterTests
{
    private const string Community = "test";

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    public static TheoryData<string, string> ExamplesOnEachProvider()
    {
        var data = new TheoryData<string, string>();
        var examples = Directory.EnumerateFiles(RepoPaths.HsdsExamples, "*.json").Select(Path.GetFileName).Append("csv");
        foreach (var provider in TestDatabases.Providers)
        {
            foreach (var example in examples) data.Add(provider, example!);
        }

        return data;
    }

    private static async Task<(BraidDbContext Db, DirectoryStore Store, HsdsImporter Importer)> NewAsync(string provider)
    {
        var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync(Community, "Test", "America/New_York");
        return (db, store, new HsdsImporter(store));
    }

    [Theory, MemberData(nameof(ExamplesOnEachProvider))]
    public async Task Every_official_example_imports_without_errors(string provider, string example)
    {
        var (db, store, importer) = await NewAsync(provider);
        await using var owned = db;
        var report = await importer.ImportAsync(Path.Combine(RepoPaths.HsdsExamples, example), Community);
        if (example == "base.json")
        {
            // API details, not records: an import of nothing is refused, never a success with 0 records.
            Assert.False(report.Committed);
            Assert.Equal("nothing-to-import", Assert.Single(report.Issues, i => !i.IsWarning).Code);
            return;
        }

        Assert.True(report.Committed, string.Join("\n", report.Issues));
        Assert.Equal(0, report.ErrorCount);
        Assert.True(report.Written > 0);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_export_import_is_lossless_field_by_field(string provider)
    {
        var (db, store, importer) = await NewAsync(provider);
        await using var owned = db;
        Assert.True((await importer.ImportAsync(Path.Combine(RepoPaths.HsdsExamples, "csv"), Community)).Committed);
        Assert.True((await importer.ImportAsync(Path.Combine(RepoPaths.HsdsExamples, "service_full.json"), Community)).Committed);
        var first = await store.LoadAsync(Community);

        var folder = Path.Combine(Path.GetTempPath(), "braid-export-" + Guid.NewGuid().ToString("N"));
        HsdsExporter.Export(first, folder);

        foreach (var source in new[] { folder, Path.Combine(folder, "json", "tabular.json") })
        {
            var (db2, store2, importer2) = await NewAsync(provider);
            await using var owned2 = db2;
            var report = await importer2.ImportAsync(source, Community);
            Assert.True(report.Committed, string.Join("\n", report.Issues));
            var second = await store2.LoadAsync(Community);
            foreach (var table in HsdsModel.Tables)
            {
                Assert.Equal(first.Count(table), second.Count(table));
                foreach (var record in first.Rows(table))
                {
                    var copy = second.Find(table, record.Id) ?? throw new Xunit.Sdk.XunitException($"{table.Name} {record.Id} lost in {source}");
                    foreach (var field in table.Fields) Assert.Equal(field.GetText(record), field.GetText(copy));
                }
            }
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_file_with_errors_is_rejected_whole_and_the_directory_is_unchanged(string provider)
    {
        var (db, store, importer) = await NewAsync(provider);
        await using var owned = db;
        await importer.ImportAsync(Path.Combine(RepoPaths.HsdsExamples, "csv"), Community);
        var countsBefore = await store.CountsAsync(Community);
        var before = await store.LoadAsync(Community);

        // A copy of the official example with one service renamed (valid) and one broken in three ways.
        var folder = CopyExamples();
        var services = Path.Combine(folder, "services.csv");
        var lines = File.ReadAllLines(services).ToList();
        lines[1] = lines[1].Replace("Community Counselling", "Renamed Counselling", StringComparison.Ordinal);
        lines.Add("not-a-uuid,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Broken,,desc,,bad-email,open,,,,,,,,,,,,,,");
        File.WriteAllLines(services, lines);

        var report = await importer.ImportAsync(folder, Community);

        Assert.False(report.Committed);
        Assert.Contains(report.Issues, i => i.File == "services.csv" && i.RecordId == "not-a-uuid" && i.Field == "id" && i.Problem.Contains("UUID"));
        Assert.Contains(report.Issues, i => i.RecordId == "not-a-uuid" && i.Field == "email");
        Assert.Contains(report.Issues, i => i.RecordId == "not-a-uuid" && i.Field == "status" && i.Problem.Contains("'active'"));
        Assert.Equal(countsBefore, await store.CountsAsync(Community));
        var after = await store.LoadAsync(Community);
        Assert.Equal("Community Counselling", after.All<Service>().Single().Name);
        Assert.Equal(before.TotalCount, after.TotalCount);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Skip_invalid_imports_the_valid_records_and_reports_the_rest(string provider)
    {
        var (db, store, importer) = await NewAsync(provider);
        await using var owned = db;
        var folder = CopyExamples();
        File.AppendAllText(Path.Combine(folder, "phones.csv"), "5a4c2f4e-8a52-4c3a-9d0c-1f2e3d4c5b6a,,,,,,,,,\n"); // number is required

        var report = await importer.ImportAsync(folder, Community, skipInvalid: true);

        Assert.True(report.Committed);
        var issue = Assert.Single(report.Issues, i => !i.IsWarning);
        Assert.Equal(("phone", "5a4c2f4e-8a52-4c3a-9d0c-1f2e3d4c5b6a", "number"), (issue.Table, issue.RecordId, issue.Field));
        Assert.Equal(1, (await store.CountsAsync(Community))["phone"]);
        Assert.Equal(1, (await store.CountsAsync(Community))["service"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_HSDS_2_datapackage_is_mapped_and_what_has_no_home_is_reported(string provider)
    {
        var (db, store, importer) = await NewAsync(provider);
        await using var owned = db;
        var report = await importer.ImportAsync(Path.Combine(RepoPaths.Fixtures, "hsds-2.0"), Community);

        Assert.True(report.Committed, string.Join("\n", report.Issues));
        Assert.Equal("hsds-1.x/2.x tabular", report.Format);
        Assert.Contains(report.Issues, i => i.IsWarning && i.File == "holiday_schedule.csv");
        Assert.Contains(report.Issues, i => i.IsWarning && i.File == "services.csv" && i.Field == "keywords");
        Assert.Contains(report.Issues, i => i.IsWarning && i.File == "physical_addresses.csv" && i.Field == "address_4");

        var data = await store.LoadAsync(Community);
        var service = Assert.Single(data.All<Service>());
        Assert.True(Guid.TryParse(service.Id, out var serviceGuid));
        Assert.Equal("East Baltimore residents", service.EligibilityDescription);
        Assert.Equal("https://eastside.example.org", Assert.Single(data.All<Organization>()).Website);
        var address = Assert.Single(data.All<Address>());
        Assert.Equal(("physical", "21205"), (address.AddressType, address.PostalCode));
        var schedule = Assert.Single(data.All<Schedule>());
        Assert.Equal(("TU", "WEEKLY", "10:00"), (schedule.Byday, schedule.Freq, schedule.OpensAt));
        Assert.Equal(Assert.Single(data.All<ServiceAtLocation>()).Id, schedule.ServiceAtLocationId);
        var attribute = Assert.Single(data.All<HsdsAttribute>());
        Assert.Equal((service.Id, "Food Pantries"), (attribute.LinkId, data.Find<TaxonomyTerm>(attribute.TaxonomyTermId)!.Name));
    }

    [Fact]
    public void Malformed_json_is_reported_with_the_file_name()
    {
        var reader = new HsdsJsonReader();
        reader.Read("broken.json", "{ \"id\": ");
        Assert.Contains("broken.json", Assert.Single(reader.Issues).ToString());
    }

    private static string CopyExamples()
    {
        var folder = Path.Combine(Path.GetTempPath(), "braid-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepoPaths.HsdsExamples, "csv")))
        {
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        }

        return folder;
    }
}
