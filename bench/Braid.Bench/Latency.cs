using System.Diagnostics;

namespace Braid.Bench;

/// <summary>Latency percentiles and throughput of one run of the query mix.</summary>
public sealed record Latency(int Count, double P50Ms, double P99Ms, double MaxMs, double QueriesPerSecond)
{
    /// <summary>
    /// Warms up by running the queries over and over for at least <see cref="WarmUp"/> (the JIT
    /// recompiles hot code in the background for seconds after it is first called: a server
    /// answers from that code, and so is timed from it), then times each query once. The harness's
    /// own garbage (the data it generated and loaded) is collected in between, so a pause for it
    /// is not charged to a query.
    /// </summary>
    public static async Task<Latency> MeasureAsync<T>(IReadOnlyList<T> queries, Func<T, Task> run)
    {
        var warming = Stopwatch.StartNew();
        do
            foreach (var q in queries) await run(q);
        while (warming.Elapsed < WarmUp);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
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

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    // Nearest-rank percentile of sorted values.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
