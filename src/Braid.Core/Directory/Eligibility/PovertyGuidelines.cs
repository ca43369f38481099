namespace Braid.Core.Directory.Eligibility;

/// <summary>
/// The HHS poverty guidelines ("federal poverty level"): a yearly dollar amount for a household of
/// one, and an amount for each further person, for the 48 contiguous states and the District of
/// Columbia, for Alaska, and for Hawaii. The figures are those HHS published in the Federal Register
/// (2024: 89 FR 2961; 2025: 90 FR 5917). A year not yet in the table is judged by the latest one
/// before it, and the result names the year used; adding a year is adding one line per area.
/// </summary>
public static class PovertyGuidelines
{
    private sealed record Year(int Published, decimal Contiguous, decimal ContiguousEach, decimal Alaska, decimal AlaskaEach, decimal Hawaii, decimal HawaiiEach);

    private static readonly Year[] Years =
    [
        new(2024, 15_060m, 5_380m, 18_810m, 6_730m, 17_310m, 6_190m),
        new(2025, 15_650m, 5_500m, 19_550m, 6_880m, 17_990m, 6_330m),
    ];

    /// <summary>The guideline for a household of <paramref name="size"/> in a state (two-letter code; null is the contiguous states) in the year in force, and that year.</summary>
    public static (decimal Amount, int Year) For(int size, string? state, int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var y = Years.LastOrDefault(g => g.Published <= year) ?? Years[0];
        var (first, each) = state?.ToUpperInvariant() switch
        {
            "AK" => (y.Alaska, y.AlaskaEach),
            "HI" => (y.Hawaii, y.HawaiiEach),
            _ => (y.Contiguous, y.ContiguousEach),
        };
        return (first + (size - 1) * each, y.Published);
    }

    /// <summary>A yearly household income as a percentage of the guideline, unrounded: 200.4 % is above "at most 200 %".</summary>
    public static (decimal Percent, int Year) PercentOf(decimal income, int size, string? state, int year)
    {
        var (amount, used) = For(size, state, year);
        return (income * 100m / amount, used);
    }
}
