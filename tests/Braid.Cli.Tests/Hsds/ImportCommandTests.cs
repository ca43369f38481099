using Braid.Testing;

namespace Braid.Cli.Tests.Hsds;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task Given_an_empty_folder_When_imported_Then_the_command_fails_saying_there_is_nothing_to_import()
    {
        var cs = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var empty = Directory.CreateTempSubdirectory("braid-empty-").FullName;

        var (exitCode, output, error) = await BraidCommand.RunAsync("import", "hsds", empty, "--database", cs, "--report", Path.Combine(empty, "report.csv"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Nothing to import", error);
        Assert.DoesNotContain("Imported", output);
    }

    [Fact]
    public async Task Given_a_messy_export_When_imported_Then_the_console_shows_a_summary_by_class_and_the_report_has_every_line()
    {
        var cs = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var folder = Directory.CreateTempSubdirectory("braid-messy-").FullName;
        var export = MessyExport.Write(folder);
        var report = Path.Combine(folder, "report.csv");

        var (exitCode, output, error) = await BraidCommand.RunAsync("import", "hsds", folder, "--skip-invalid", "--database", cs, "--report", report);

        Assert.Equal(0, exitCode);
        Assert.Contains("Imported", output);
        var planted = export.Planted.Values.Sum();
        var summary = error.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.True(summary.Count < 60, $"{summary.Count} summary lines for {planted} planted flaws");
        Assert.Contains(summary, l => l.Contains($"{export.Planted["phone-parsed"]} × phones.csv phone 'number'") && l.Contains("e.g."));
        Assert.True(File.ReadAllLines(report).Length > planted, "the report file lists every issue");
    }
}
