using System.Globalization;
using System.Text;
using Braid.Core;
using Braid.Core.Demo;
using Braid.Core.People;
using Braid.Data;
using Braid.Data.Migrations;
using Braid.Data.People;
using Braid.Data.Region;

namespace Braid.Bench;

/// <summary>
/// Duplicate detection's precision and recall: a generated population, then probes that are
/// planted duplicates of each kind (and people who are new), each looked up the way registration
/// does (blocking keys in the database, then <see cref="PersonMatching"/>). Not timed: this is
/// about how often Braid is right.
/// </summary>
internal sealed class Duplicates(int population, int perKind, int seed)
{
    // The bench's own nickname pairs, written apart from the matcher's list.
    private static readonly (string Name, string Nickname)[] Nicknames =
    [
        ("William", "Bill"), ("Robert", "Bob"), ("Elizabeth", "Liz"), ("James", "Jim"), ("Thomas", "Tom"), ("Daniel", "Danny"), ("Joseph", "Joe"),
        ("Patricia", "Trish"), ("Gregory", "Greg"), ("José", "Pepe"), ("Francisco", "Paco"), ("Guadalupe", "Lupe"), ("Jesús", "Chuy"), ("Michelle", "Shelly"),
    ];

    private static readonly string[] Kinds =
        ["exact copy", "nickname", "typo in first name", "typo in family name", "day and month swapped", "two digits transposed", "family name changed, same phone", "moved (new phone and address)"];

    public async Task<string> RunAsync()
    {
        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var region = RegionData.Baltimore;
        var directory = new DemoCommunityGenerator(region, seed).Generate(100, DateOnly.FromDateTime(now.UtcDateTime), "bench");
        var people = DemoPeople.Generate(region, directory, now, seed, population);
        var path = Path.Combine(Path.GetTempPath(), $"braid-duplicates-{Guid.NewGuid():N}.db");
        await using var db = DatabaseOptions.CreateContext($"Data Source={path}");
        await Migrator.MigrateAsync(db);
        var community = new CommunityId("bench");
        await new PeopleStore(db).AddPopulationAsync(community, people with { Screenings = [], Needs = [], Goals = [], Consents = [] }, now);
        var store = new PeopleStore(db);

        var probes = new List<(string Kind, Person Probe, PersonId? Original)>();
        foreach (var kind in Kinds)
        {
            var planted = 0;
            foreach (var original in people.People.OrderBy(_ => random.Next()))
            {
                if (planted == perKind) break;
                if (Plant(kind, original, people.People, random) is not { } probe) continue;
                probes.Add((kind, probe with { Id = new PersonId("probe-" + probes.Count) }, original.Id));
                planted++;
            }
        }

        // People who are new to the exchange, from a population generated with another seed.
        var strangers = DemoPeople.Generate(region, directory, now, seed + 1, perKind).People;
        probes.AddRange(strangers.Select((p, i) => ("new person (no duplicate)", p with { Id = new PersonId("new-" + i) }, (PersonId?)null)));

        double[] thresholds = [5, 6, PersonMatching.DefaultThreshold, 8, 9];
        var tally = new Dictionary<(string Kind, double Threshold), (int Tp, int Fp, int Fn)>();
        foreach (var (kind, probe, original) in probes)
        {
            var fields = PersonMatching.Of(probe);
            var scored = (await store.CandidatesAsync(community, new PersonQuery(fields.Given, fields.Family, probe.BirthDate, fields.Phone)))
                .Select(c => (c.Id, PersonMatching.Compare(fields, PersonMatching.Of(c)).Score)).ToList();
            foreach (var threshold in thresholds)
            {
                var likely = scored.Where(s => s.Score >= threshold).Select(s => s.Id).ToList();
                var tp = original is { } o && likely.Contains(o) ? 1 : 0;
                var fp = likely.Count(id => id != original);
                var fn = original is not null && tp == 0 ? 1 : 0;
                var key = (kind, threshold);
                var (t, f, n) = tally.GetValueOrDefault(key);
                tally[key] = (t + tp, f + fp, n + fn);
            }
        }

        db.Database.EnsureDeleted();
        return Report(probes.Select(p => p.Kind).Distinct().ToList(), thresholds, tally, probes.Count);
    }

    private static Person? Plant(string kind, Person original, IReadOnlyList<Person> everyone, Random random)
    {
        var born = original.BirthDate!.Value;
        switch (kind)
        {
            case "exact copy":
                return original;
            case "nickname":
                return Nicknames.FirstOrDefault(n => n.Name == original.GivenName) is { Nickname: { } nick } ? original with { GivenName = nick } : null;
            case "typo in first name":
                return original.GivenName is { Length: >= 4 } g ? original with { GivenName = Typo(g, random) } : null;
            case "typo in family name":
                return original.FamilyName is { Length: >= 4 } f ? original with { FamilyName = Typo(f, random) } : null;
            case "day and month swapped":
                return born.Day <= 12 && born.Day != born.Month ? original with { BirthDate = new DateOnly(born.Year, born.Day, born.Month) } : null;
            case "two digits transposed":
                var digits = born.ToString("yyyyMMdd", CultureInfo.InvariantCulture).ToCharArray();
                var i = random.Next(2, 7);
                if (digits[i] == digits[i + 1]) return null;
                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
                return DateOnly.TryParseExact(new string(digits), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var swapped) && swapped.Year > 1900
                    ? original with { BirthDate = swapped }
                    : null;
            case "family name changed, same phone":
                var other = everyone[random.Next(everyone.Count)].FamilyName;
                return original.Phone is not null && other != original.FamilyName ? original with { FamilyName = other } : null;
            default: // moved
                return original with { Phone = $"(443) 555-{random.Next(100, 10000):0000}", AddressLine = $"{random.Next(100, 4000)} Moved Ave", PostalCode = "21218" };
        }
    }

    /// <summary>One keyboard slip: a letter dropped, doubled, swapped with the next, or replaced.</summary>
    private static string Typo(string word, Random random)
    {
        var i = random.Next(1, word.Length - 1);
        return random.Next(4) switch
        {
            0 => word.Remove(i, 1),
            1 => word.Insert(i, word[i].ToString()),
            2 => word[..i] + word[i + 1] + word[i] + word[(i + 2)..],
            _ => word[..i] + "aeiourstln"[random.Next(10)] + word[(i + 1)..],
        };
    }

    private string Report(IReadOnlyList<string> kinds, double[] thresholds, Dictionary<(string Kind, double Threshold), (int Tp, int Fp, int Fn)> tally, int probes)
    {
        static string Ratio(int a, int b) => b == 0 ? "–" : ((double)a / b).ToString("F3", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("# Duplicate detection: precision and recall on planted duplicates");
        text.AppendLine();
        text.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"- Commit: {Machine.Commit()}");
        text.AppendLine($"- Machine: {Machine.Describe()}");
        text.AppendLine($"- Population: {population:N0} generated demo people (Baltimore City's mix, seed {seed}) in SQLite; {probes:N0} probes: {perKind} planted duplicates of each kind and {perKind} new people");
        text.AppendLine("- Method: each probe is looked up as registration does (the Soundex, date-of-birth and phone blocking keys of `PeopleStore.CandidatesAsync`, then `PersonMatching.Compare`); " +
                        "a true positive is the probe's original above the threshold, every other record above it a false positive, a planted duplicate whose original is not above it a false negative. Not timed.");
        text.AppendLine($"- Default threshold: {PersonMatching.DefaultThreshold}; targets precision ≥ 0.95 and recall ≥ 0.90 there.");
        text.AppendLine();
        text.AppendLine("| threshold | precision | recall | true pos. | false pos. | false neg. |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var threshold in thresholds)
        {
            var (tp, fp, fn) = kinds.Select(k => tally[(k, threshold)]).Aggregate((a, b) => (a.Tp + b.Tp, a.Fp + b.Fp, a.Fn + b.Fn));
            var mark = threshold == PersonMatching.DefaultThreshold ? " (default)" : "";
            text.AppendLine($"| {threshold}{mark} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} | {tp} | {fp} | {fn} |");
        }

        text.AppendLine();
        text.AppendLine($"By kind, at the default threshold ({PersonMatching.DefaultThreshold}):");
        text.AppendLine();
        text.AppendLine("| kind | recall | false pos. |");
        text.AppendLine("|---|---:|---:|");
        foreach (var kind in kinds)
        {
            var (tp, fp, fn) = tally[(kind, PersonMatching.DefaultThreshold)];
            text.AppendLine($"| {kind} | {Ratio(tp, tp + fn)} | {fp} |");
        }

        return text.ToString();
    }
}
