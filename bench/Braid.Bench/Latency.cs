using System.Diagnostics;

namespace Braid.Bench;

/// <summary>Latency percentiles and throughput of one run of the query mix.</summary>
public sealed record Latency(int Count, double P50Ms, double P99Ms, double MaxMs, double QueriesPerSecond)
{
    /// <summary>Runs every query once to warm up, then times each in a second pass.</summary>
    public static async Task<Latency> MeasureAsync<T>(IReadOnlyList<T> queries, Func<T, Task> run)
    {
        foreach (var q in queries) await run(q);
        var times = new double[queries.Count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run(queries[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        total.Stop();
        Array.Sort(times);
        return new Latency(times.Length, Percentile(times, 0.50), Percentile(times, 0.99), times[^1], times.Length / total.Elapsed.TotalSeconds);
    }

    // Nearest-rank percentile of sorted values.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
