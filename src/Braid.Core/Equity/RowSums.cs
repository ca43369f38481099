namespace Braid.Core.Equity;

/// <summary>Running sums per slot (a group, or a cell of the collapsed table): units, outcome, its square, exposure and the Poisson constant.</summary>
internal sealed class RowSums(int width, bool poisson)
{
    public double[] Units { get; } = new double[width];
    public double[] Sum { get; } = new double[width];
    public double[] Squares { get; } = new double[width];
    public double[] Exposure { get; } = new double[width];
    public double[]? Constant { get; } = poisson ? new double[width] : null;

    /// <summary>Rows per chunk below which a second core costs more than it saves.</summary>
    private const int MinimumChunk = 1 << 20;

    /// <summary>
    /// Sums rows [0, <paramref name="rows"/>) into <paramref name="width"/> slots: each chunk of
    /// rows is summed by <paramref name="accumulate"/> into sums of its own, on every core, and
    /// the chunks' sums are added up at the end (a row's slot never depends on another row).
    /// </summary>
    public static RowSums Over(int rows, int width, bool poisson, Action<int, int, RowSums> accumulate)
    {
        var chunks = Math.Clamp(rows / MinimumChunk, 1, Environment.ProcessorCount);
        var parts = new RowSums[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, k =>
        {
            parts[k] = new RowSums(width, poisson);
            accumulate((int)((long)rows * k / chunks), (int)((long)rows * (k + 1) / chunks), parts[k]);
        });
        for (var k = 1; k < chunks; k++) parts[0].Add(parts[k]);
        return parts[0];
    }

    private void Add(RowSums other)
    {
        for (var i = 0; i < Units.Length; i++)
        {
            Units[i] += other.Units[i];
            Sum[i] += other.Sum[i];
            Squares[i] += other.Squares[i];
            Exposure[i] += other.Exposure[i];
            if (Constant is not null) Constant[i] += other.Constant![i];
        }
    }
}
