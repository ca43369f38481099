using System.Diagnostics;

namespace Braid.Cli.Tests;

/// <summary>Runs the built <c>braid</c> command as a separate process, as an operator would.</summary>
public static class BraidCommand
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunProcessAsync("dotnet", null, [Path.Combine(AppContext.BaseDirectory, "braid.dll"), .. args]);

    /// <summary>Runs any program to its end, capturing what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string file, string? workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
