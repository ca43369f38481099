using Braid.Testing;

namespace Braid.Cli.Tests.Build;

/// <summary>
/// <c>scripts/check-pins.py</c>, which <c>scripts/test</c> runs before the build, against real restores:
/// a direct package pinned to a version NuGet does not serve floats to the next one (NU1603) and must fail the check.
/// </summary>
public sealed class PinCheckTests
{
    [Fact]
    public async Task Given_a_direct_pin_to_an_unserved_version_When_checking_Then_it_fails_naming_project_and_package()
    {
        // A pre-release that will never be published: NuGet resolves the next version up, 34.0.0.
        var (exitCode, error) = await RestoreAndCheckAsync("floated", "34.0.0-braid.never.served");

        Assert.Equal(1, exitCode);
        Assert.Contains("floated: CsvHelper is pinned to 34.0.0-braid.never.served but restored 34.0.0", error);
    }

    [Fact]
    public async Task Given_a_direct_pin_to_a_served_version_When_checking_Then_it_passes()
    {
        var (exitCode, error) = await RestoreAndCheckAsync("pinned", "34.0.0");

        Assert.True(exitCode == 0, error);
    }

    private static async Task<(int ExitCode, string Error)> RestoreAndCheckAsync(string project, string version)
    {
        // Outside the repository, so that its Directory.*.props do not apply.
        var dir = Directory.CreateTempSubdirectory("braid-pins-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, project + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageReference Include="CsvHelper" Version="{version}" /></ItemGroup>
                </Project>
                """);
            var restore = await BraidCommand.RunProcessAsync("dotnet", dir.FullName, "restore", "--nologo");
            Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
            var check = await BraidCommand.RunProcessAsync("python3", dir.FullName, Path.Combine(RepoPaths.Root, "scripts", "check-pins.py"), dir.FullName);
            return (check.ExitCode, check.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
