using System.Globalization;

namespace Braid.Testing;

/// <summary>How big a sized test runs: the suite's small default, or what a bench script sets in the environment.</summary>
public static class TestSize
{
    /// <summary>The positive whole number in the environment variable, else <paramref name="fallback"/>.</summary>
    public static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
