using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Braid.Testing;

/// <summary>
/// Braid.Web on Kestrel over a free loopback port, in its own process, as a person or a client
/// would reach it. The caller's output folder must contain Braid.Web.dll (a project reference does that).
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private WebAppProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts the app with extra command-line settings (<c>--Section:Key=value</c>) and waits until it answers.</summary>
    public static async Task<WebAppProcess> StartAsync(IEnumerable<string> settings, TimeSpan startupTimeout, Action<string>? log = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        // A folder of its own unless the caller names one (a later setting wins), so no server leaves
        // keys, checkpoints or outbox mail in the shared working folder for another test to find.
        var dataDirectory = Directory.CreateTempSubdirectory("braid-app-").FullName;
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Braid.Web.dll"), "--urls", url,
            "--contentRoot", Path.Combine(RepoPaths.Root, "src", "Braid.Web"), "--Braid:PublicBaseUrl=" + url,
            "--Braid:DataDirectory=" + dataDirectory, .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log?.Invoke(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log?.Invoke(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        // A readiness deadline, not a measurement: the server is polled until it answers, and only
        // a server that never does fails the caller. Speed targets live in bench/.
        using var deadline = new CancellationTokenSource(startupTimeout);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                if ((await http.GetAsync(url + "/hsds/")).IsSuccessStatusCode) return new WebAppProcess(process, url);
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited) throw new InvalidOperationException("Braid.Web exited with code " + process.ExitCode);
            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"Braid.Web did not start within {startupTimeout.TotalSeconds:F0} s");
    }

    /// <summary>Resident set size now and at its peak, in MiB, from /proc/PID/status.</summary>
    public (double RssMiB, double PeakMiB) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return (Kb("VmRSS:") / 1024, Kb("VmHWM:") / 1024);
    }

    /// <summary>Asks the server to stop as an orchestrator does (SIGTERM), without waiting, so the caller can act while it stops.</summary>
    public void SignalTerminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the server to exit (failing after <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the server outright (SIGKILL to its process tree), as a crash would; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
