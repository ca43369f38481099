using System.Globalization;
using Braid.Core.People;
using Braid.Core.Referrals;

namespace Braid.Core.Demo;

/// <summary>
/// Two years of referral outcomes for the demo community's people, with one disparity planted on purpose
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

    /// <summary>
    /// One row per person's referral; the same seed gives the same table. Each referral is sent,
    /// declined or accepted, contacted and completed through the referral workflow, as the demo's
    /// community-based organizations behave: they decline by capacity and need alone (the control),
    /// but the help they give leaves a Black person's need met less often (the planted disparity).
    /// The table is read off the referrals' folded states, never written directly.
    /// </summary>
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

        var (clinic, pantry) = (new OrganizationId("demo-clinic"), new OrganizationId("demo-pantry"));

        for (var person = 1; person <= people; person++)
        {
            var race = Weighted(RaceAnswers);
            var (band, ageEffect) = Pick(AgeBands);
            var (need, needEffect) = Pick(Needs);
            var tract = Pick(region.Tracts).Geoid;
            var year = random.NextDouble() < 0.5 ? 2025 : 2026;
            var id = person.ToString(CultureInfo.InvariantCulture);
            var sent = new DateTimeOffset(year, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(random.Next(330));
            var referral = Referral.Send(new ReferralId("demo-" + id), new ReferralDetails
            {
                Person = new PersonId("demo-person-" + id), Need = "demo-need-" + id, NeedCategory = need, Kind = ReferralKind.Direct, From = clinic, To = pantry,
                ServiceName = "Demo service", Shared = new HashSet<DataCategory> { DataCategory.Demographics },
            }, new Stamp("demo:navigator", clinic, sent, "demo"));

            Work(referral, race == "Black or African American", ageEffect, needEffect, random);
            yield return Row(referral, race, band, tract);
        }
    }

    /// <summary>
    /// How the demo's community-based organizations work a referral just sent to them: capacity and
    /// the need decide a decline, race does not (the control); an accepted referral is contacted and
    /// completed, and the help leaves a Black person's need met less often (the planted disparity).
    /// </summary>
    internal static void Work(Referral referral, bool blackAlone, double ageEffect, double needEffect, Random random)
    {
        bool Draw(double logit) => random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        var by = new Stamp("demo:cbo", referral.Details.To, referral.SentAt.AddDays(1 + random.Next(5)), "demo");
        if (Draw(-1.6 + 0.4 * needEffect))
        {
            referral.Move(ReferralStatus.Rejected, ReferralParty.Target, by, random.NextDouble() < 0.7 ? ReferralReason.NoCapacity : ReferralReason.NotEligible);
            return;
        }

        referral.Move(ReferralStatus.Accepted, ReferralParty.Target, by);
        referral.LogContactAttempt(ReferralParty.Target, by with { At = by.At.AddDays(random.Next(7)) }, reached: true);
        var met = Draw(0.6 + ageEffect + needEffect + (blackAlone ? Math.Log(PlantedOddsRatio) : 0));
        referral.Complete(ReferralParty.Target, by with { At = by.At.AddDays(14 + random.Next(30)) }, new ServiceDelivered(null, referral.Details.ServiceName), met ? NeedMet.Yes : NeedMet.No);
    }

    /// <summary>How an age band moves the chance of having the need met (on the log-odds scale).</summary>
    internal static double AgeEffect(string band) => AgeBands.FirstOrDefault(a => a.Band == band).Effect;

    /// <summary>How hard a need is to meet (on the log-odds scale); needs the simulation does not know are as easy as food.</summary>
    internal static double NeedEffect(string need) => Needs.FirstOrDefault(n => n.Need == need).Effect;

    // Need met is the outcome of a referral that was taken on: a declined one has none (left out, and said so, by the report).
    private static string[] Row(Referral referral, string race, string band, string tract) =>
    [
        referral.Id.Value["demo-".Length..], race, band, referral.Details.NeedCategory, tract, referral.SentAt.Year.ToString(CultureInfo.InvariantCulture),
        referral.NeedMet is { } met ? (met == NeedMet.Yes ? "1" : "0") : "", referral.Status == ReferralStatus.Rejected ? "1" : "0",
    ];
}
