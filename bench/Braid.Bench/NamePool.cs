namespace Braid.Bench;

/// <summary>
/// Names spread as a real population's are, for searches at a million people: the demo's few dozen
/// names give 43 Soundex codes at any size, so a name alone could never tell people apart. Here
/// family names follow a Zipf law over 80,000 pronounceable made-up names (exponent 0.7: the most
/// common about 1 % of people, as Smith is in the U.S. census), given names over 4,000 (exponent
/// 0.8, the most common about 5 %). Deterministic for a seed.
/// </summary>
internal sealed class NamePool
{
    private static readonly string[] Onsets = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "r", "s", "sh", "st", "t", "th", "v", "w", "y", "z", ""];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "t", "m", "ck", "nd", "rt", "ng", "x", "ld"];

    private readonly string[] family;
    private readonly double[] familyCumulative;
    private readonly string[] given;
    private readonly double[] givenCumulative;

    public NamePool(int seed)
    {
        var random = new Random(seed);
        family = Names(80_000, random);
        given = Names(4_000, random);
        familyCumulative = Zipf(family.Length, 0.7);
        givenCumulative = Zipf(given.Length, 0.8);
    }

    public (string Given, string Family) Draw(Random random) =>
        (given[Rank(givenCumulative, random.NextDouble())], family[Rank(familyCumulative, random.NextDouble())]);

    private static string[] Names(int count, Random random)
    {
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (names.Count < count)
        {
            var word = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)] + Codas[random.Next(Codas.Length)]));
            if (word.Length >= 3 && seen.Add(word)) names.Add(char.ToUpperInvariant(word[0]) + word[1..]);
        }

        return [.. names];
    }

    private static double[] Zipf(int count, double exponent)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++) cumulative[i] = total += Math.Pow(i + 1, -exponent);
        for (var i = 0; i < count; i++) cumulative[i] /= total;
        return cumulative;
    }

    private static int Rank(double[] cumulative, double u)
    {
        var i = Array.BinarySearch(cumulative, u);
        return Math.Min(i >= 0 ? i : ~i, cumulative.Length - 1);
    }
}
