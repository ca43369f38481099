using System.Diagnostics;
using System.Net.Sockets;
using Braid.Testing;

namespace Braid.EndToEnd.Tests;

/// <summary>The real web app on Kestrel over a loopback port, in its own process, as a person would reach it.</summary>
public sealed class BraidServer : IAsyncDisposable
{
    private readonly Process _process;

    private BraidServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<BraidServer> StartAsync()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var data = Path.Combine(Path.GetTempPath(), "braid-e2e-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Braid.Web.dll"), "--urls", url,
            "--contentRoot", Path.Combine(RepoPaths.Root, "src", "Braid.Web"), "--Braid:DataDirectory=" + data, "--Braid:DemoServices=400"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/hsds/")).IsSuccessStatusCode) return new BraidServer(process, url);
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited) throw new InvalidOperationException("Braid.Web exited with code " + process.ExitCode);
            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("Braid.Web did not start within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
