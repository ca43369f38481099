using System.Globalization;

namespace Braid.Core.Demo;

/// <summary>
/// Two years of outcomes for the demo community's people, with one disparity planted on purpose
/// and a control outcome with none, so the equity engine can be seen to find the first and not
/// the second. People live in the demo region's real tracts, so outcomes can also be joined to
/// neighbourhood context (HOLC grade) through <c>tract</c>.
/// </summary>
public static class DemoOutcomes
{
    /// <summary>
    /// The planted disparity: for people who report Black or African American alone, the odds
    /// that their need was met are this many times those of people who report White alone with
    /// the same age band and need. No other group differs.
    /// </summary>
    public const double PlantedOddsRatio = 0.6;

    public static readonly IReadOnlyList<string> Header =
        ["person_id", "race", "age_band", "need", "tract", "year", "need_met", "referral_declined"];

    // Shares close to Baltimore City's, in the OMB SPD 15 categories people choose from.
    internal static readonly (string Answer, double Share)[] RaceAnswers =
    [
        ("Black or African American", 0.57), ("White", 0.27), ("Hispanic or Latino", 0.055), ("Asian", 0.03),
        ("Middle Eastern or North African", 0.01), ("American Indian or Alaska Native", 0.005), ("Native Hawaiian or Pacific Islander", 0.002),
        ("Black or African American;White", 0.02), ("Hispanic or Latino;White", 0.01), ("Declined", 0.028),
    ];

    private static readonly (string Band, double Effect)[] AgeBands = [("18-34", 0), ("35-49", 0.05), ("50-64", 0.25), ("65+", -0.2)];
    private static readonly (string Need, double Effect)[] Needs = [("food-insecurity", 0), ("housing-instability", -1.0), ("transportation-insecurity", -0.3), ("utility-insecurity", -0.3)];

    /// <summary>One row per person and year; the same seed gives the same table.</summary>
    public static IEnumerable<string[]> Generate(DemoRegion region, int seed, int people = 8000)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        string Weighted((string Answer, double Share)[] items)
        {
            var u = random.NextDouble() * items.Sum(i => i.Share);
            foreach (var (answer, share) in items)
            {
                if ((u -= share) <= 0) return answer;
            }

            return items[^1].Answer;
        }

        bool Draw(double logit) => random.NextDouble() < 1 / (1 + Math.Exp(-logit));

        for (var person = 1; person <= people; person++)
        {
            var race = Weighted(RaceAnswers);
            var (band, ageEffect) = Pick(AgeBands);
            var (need, needEffect) = Pick(Needs);
            var tract = Pick(region.Tracts).Geoid;
            var year = random.NextDouble() < 0.5 ? "2025" : "2026";
            var planted = race == "Black or African American" ? Math.Log(PlantedOddsRatio) : 0;
            var met = Draw(0.6 + ageEffect + needEffect + planted);
            var declined = Draw(-1.6 + 0.4 * needEffect); // depends on the need only: the control
            yield return [person.ToString(CultureInfo.InvariantCulture), race, band, need, tract, year, met ? "1" : "0", declined ? "1" : "0"];
        }
    }
}
