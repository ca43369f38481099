using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

public sealed class ConfidenceIntervalsTests
{
    [Theory]
    // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872, Table II, method 3 (Wilson score).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_Newcombe_1998(int events, int n, double lower, double upper)
    {
        var ci = ConfidenceIntervals.Wilson(events, n);
        Assert.Equal(lower, ci.Lower, 0.00005);
        Assert.Equal(upper, ci.Upper, 0.00005);
        Assert.Equal("Wilson score", ci.Method);
    }

    [Theory]
    // Exact Poisson limits for an observed count (standard tables, e.g. Ulm 1990 / Garwood 1936).
    [InlineData(0, 0.0, 3.6889)]
    [InlineData(1, 0.0253, 5.5716)]
    [InlineData(10, 4.7954, 18.3904)]
    public void Exact_Poisson_matches_the_tables(int events, double lower, double upper)
    {
        var ci = ConfidenceIntervals.ExactPoisson(events, exposure: 1);
        Assert.Equal(lower, ci.Lower, 0.00005);
        Assert.Equal(upper, ci.Upper, 0.00005);
    }

    [Theory]
    // Exact limits from the χ² table (Pearson & Hartley; df = 100: χ²₀.₀₂₅ = 74.222, χ²₀.₉₇₅ = 129.561):
    // lower for 50 events = 74.222 / 2, upper for 49 events = 129.561 / 2. Byar's approximation agrees to 0.01.
    [InlineData(50, 37.111, null)]
    [InlineData(49, null, 64.7805)]
    public void Byar_agrees_with_the_exact_tables_and_scales_with_exposure(int events, double? lower, double? upper)
    {
        var counts = ConfidenceIntervals.Byar(events, 1);
        var perThousand = ConfidenceIntervals.Byar(events, 1000);
        if (lower is { } l) Assert.Equal(l, counts.Lower, 0.01);
        if (upper is { } u) Assert.Equal(u, counts.Upper, 0.01);
        Assert.Equal(counts.Lower / 1000, perThousand.Lower, 1e-12);
        Assert.Equal(events / 1000.0, perThousand.Estimate, 12);
    }

    [Fact]
    public void Student_t_uses_n_minus_one_degrees_of_freedom()
    {
        // t(0.975, 9) = 2.262157 (published t tables): 5 ± 2.262157 × 2 / √10.
        var ci = ConfidenceIntervals.StudentT(5, 2, 10);
        Assert.Equal(3.56929, ci.Lower, 0.00001);
        Assert.Equal(6.43071, ci.Upper, 0.00001);
    }

    [Fact]
    public void Impossible_inputs_are_named()
    {
        Assert.Equal("events", Assert.Throws<EquityInputException>(() => ConfidenceIntervals.Wilson(12, 10)).Where);
        Assert.Equal("n", Assert.Throws<EquityInputException>(() => ConfidenceIntervals.Wilson(0, 0)).Where);
        Assert.Equal("exposure", Assert.Throws<EquityInputException>(() => ConfidenceIntervals.Byar(3, -5)).Where);
        Assert.Equal("n", Assert.Throws<EquityInputException>(() => ConfidenceIntervals.StudentT(1, 1, 1)).Where);
    }
}
