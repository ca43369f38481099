using Braid.Core.Directory.Hsds;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Core.Screening;

namespace Braid.Core.Demo;

/// <summary>The demo community's people and what belongs to them.</summary>
public sealed record DemoPopulation(
    IReadOnlyList<Person> People, IReadOnlyList<Screening.Screening> Screenings, IReadOnlyList<Need> Needs, IReadOnlyList<Goal> Goals, IReadOnlyList<PersonConsent> Consents)
{
    /// <summary>The referrals they were sent before today (<see cref="DemoReferralHistory"/>).</summary>
    public IReadOnlyList<Referral> Referrals { get; init; } = [];
}

/// <summary>
/// About two thousand people for the demo community, from a seed: Baltimore City's race and
/// ethnicity mix, homes in the region's real tracts, registered by its health-care organizations,
/// most screened with AHC HRSN (some screens left half done), with the needs the positive domains
/// proposed (mostly accepted and ranked, some rejected), goals in their own language, and consents
/// for a community-based organization to see their contact details and one need, and the
/// referrals they were sent in the past.
/// </summary>
public static class DemoPeople
{
    private static readonly string[] Given = ["Aaliyah", "Andre", "Angela", "Antoine", "Brenda", "Darnell", "Denise", "Dwayne", "Ebony", "Gregory", "Imani", "Jamal", "Jasmine", "Keisha", "Kevin", "Latoya", "Marcus", "Michelle", "Patricia", "Robert", "Sandra", "Terrence", "Tiffany", "William", "Elizabeth", "James", "Mary", "Thomas", "Karen", "Daniel", "Linda", "Joseph", "Emily", "Kim", "Wei", "Priya", "Omar", "Fatima", "Amina", "Chukwuemeka"];
    private static readonly string[] GivenSpanish = ["María", "José", "Guadalupe", "Juan", "Ana", "Luis", "Carmen", "Jesús", "Rosa", "Carlos", "Lucía", "Francisco", "Sofía", "Miguel", "Isabel", "Alejandro"];
    private static readonly string[] Family = ["Johnson", "Williams", "Smith", "Brown", "Jones", "Davis", "Jackson", "Harris", "Thomas", "Wilson", "Miller", "Moore", "Taylor", "White", "Robinson", "Green", "Lewis", "Washington", "Kim", "Lee", "Nguyen", "Chen", "Patel", "Okafor", "Mensah", "Ali", "Haddad", "Yazzie", "Kahale"];
    private static readonly string[] FamilySpanish = ["García", "Martínez", "Rodríguez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Flores", "Cruz", "Reyes", "Morales", "Ortiz"];

    private static readonly Dictionary<string, (string En, string Es)> Goals = new()
    {
        ["housing-instability"] = ("Pay the rent on time every month", "Pagar la renta a tiempo cada mes"),
        ["homelessness"] = ("Have a place of my own", "Tener un lugar propio"),
        ["inadequate-housing"] = ("Get the heat fixed before winter", "Arreglar la calefacción antes del invierno"),
        ["food-insecurity"] = ("Have food for the whole month", "Tener comida para todo el mes"),
        ["transportation-insecurity"] = ("Get to my appointments", "Llegar a mis citas"),
        ["utility-insecurity"] = ("Keep the lights on", "Mantener la luz encendida"),
    };

    /// <summary>
    /// The organizations of one sector in a generated directory: those running a food pantry first
    /// (the demo's CBO staff work at the first, so the tour's closed loop is a food referral), then by id.
    /// </summary>
    public static IReadOnlyList<OrganizationId> OfSector(HsdsDataset directory, string sector)
    {
        var term = directory.All<TaxonomyTerm>().FirstOrDefault(t => t.TaxonomyId == DemoCommunityGenerator.SectorTaxonomyId && t.Code == sector)?.Id;
        var pantries = directory.All<Service>().Where(s => s.Name == "Food Pantry").Select(s => s.OrganizationId).ToHashSet();
        return [.. directory.All<HsdsAttribute>().Where(a => a.LinkEntity == "organization" && a.LinkType == "sector" && a.TaxonomyTermId == term && a.LinkId is not null)
            .Select(a => a.LinkId!).OrderBy(id => pantries.Contains(id) ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal).Select(id => new OrganizationId(id))];
    }

    public static DemoPopulation Generate(DemoRegion region, HsdsDataset directory, DateTimeOffset now, int seed = 2026, int count = 2000)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Chance(double p) => random.NextDouble() < p;
        string Weighted((string Answer, double Share)[] items)
        {
            var u = random.NextDouble() * items.Sum(i => i.Share);
            foreach (var (answer, share) in items)
            {
                if ((u -= share) <= 0) return answer;
            }

            return items[^1].Answer;
        }

        // The first health-care organization and the first community-based one are those of the demo navigator and CBO staff.
        var clinics = OfSector(directory, "health-care").Take(4).ToList();
        var cbos = OfSector(directory, "community-based-organization").Take(6).ToList();
        var (people, screenings, needs, goals, consents) = (new List<Person>(), new List<Screening.Screening>(), new List<Need>(), new List<Goal>(), new List<PersonConsent>());
        if (clinics.Count == 0 || cbos.Count == 0) return new DemoPopulation(people, screenings, needs, goals, consents);
        for (var i = 0; i < count; i++)
        {
            var race = Weighted(DemoOutcomes.RaceAnswers);
            var hispanic = race.Contains("Hispanic", StringComparison.Ordinal);
            var language = hispanic && Chance(0.6) ? "es" : Chance(0.02) ? Pick(["zh", "ko", "ar", "fr"]) : "en";
            var tract = Pick(region.Tracts);
            var registered = now.AddDays(-random.Next(1, 700));
            var person = new Person
            {
                Id = new PersonId(DeterministicGuid.From($"demo-person:{seed}:{i}").ToString()),
                RegisteredBy = Chance(0.5) ? clinics[0] : Pick(clinics),
                GivenName = hispanic ? Pick(GivenSpanish) : Pick(Given),
                FamilyName = hispanic ? Pick(FamilySpanish) : Pick(Family),
                BirthDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(18 * 365, 90 * 365)),
                Phone = Chance(0.85) ? $"(410) 555-{random.Next(100, 10000):0000}" : null,
                PreferredChannel = Chance(0.5) ? ContactChannel.Text : ContactChannel.Phone,
                MayLeaveMessage = Chance(0.7),
                AddressLine = $"{random.Next(100, 4000)} {Pick(["N", "S", "E", "W"])} {Pick(["Charles", "Monroe", "Baltimore", "Fayette", "Greenmount", "Harford", "Belair", "Edmondson"])} St",
                City = region.City, State = region.State, PostalCode = region.NearestZip(tract.Point).Id,
                Latitude = tract.Point.Latitude, Longitude = tract.Point.Longitude, Tract = tract.Geoid,
                Language = language, InterpreterNeeded = language != "en" && Chance(0.7),
                RaceEthnicity = race == "Declined" ? Reported<IReadOnlyList<string>>.Declined : Reported<IReadOnlyList<string>>.Answer(race.Split(';')),
                Sex = Chance(0.05) ? Reported<string>.Declined : Reported<string>.Answer(Chance(0.53) ? "female" : "male"),
                HouseholdSize = Chance(0.7) ? Reported<int>.Answer(random.Next(1, 7)) : Reported<int>.NotAsked,
            };
            people.Add(person);
            if (person.Phone is null) people[^1] = person = person with { PreferredChannel = ContactChannel.Mail };
            if (!Chance(0.8)) continue;

            var screening = new Screening.Screening { Id = DeterministicGuid.From($"demo-screening:{seed}:{i}").ToString(), Person = person.Id, Instrument = AhcHrsn.Core, StartedBy = "demo", StartedAt = registered, Language = language };
            var stopAt = Chance(0.1) ? random.Next(1, AhcHrsn.Core.Questions.Count) : int.MaxValue;
            var safety = Chance(0.04);
            foreach (var question in AhcHrsn.Core.Questions.Take(stopAt))
            {
                var response = Chance(0.03) ? ItemResponse.Decline : new ItemResponse([Answer(question, safety, random)]);
                screening = screening.Respond(question.Loinc, response).Screening!;
            }

            if (stopAt < int.MaxValue)
            {
                screenings.Add(screening);
                continue;
            }

            screening = screening.Complete(registered.AddMinutes(12));
            screenings.Add(screening);
            var proposed = screening.PositiveCategories
                .Select((c, n) => new Need { Id = DeterministicGuid.From($"demo-need:{seed}:{i}:{n}").ToString(), Person = person.Id, Category = c, Screening = screening.Id, RecordedAt = screening.CompletedAt!.Value })
                .Select(n => Chance(0.75) ? n.Accept() : Chance(0.4) ? n.Reject() : n).ToList();
            var ranked = Need.Ranked(proposed, [.. proposed.Where(n => n.Status == NeedStatus.Accepted).OrderBy(_ => random.Next()).Select(n => n.Id)]);
            needs.AddRange(ranked);

            if (ranked.FirstOrDefault(n => n.Rank == 1) is not { } first) continue;
            if (Goals.TryGetValue(first.Category, out var words) && Chance(0.5))
            {
                var goal = new Goal { Id = DeterministicGuid.From($"demo-goal:{seed}:{i}").ToString(), Person = person.Id, Need = first.Id, Text = language == "es" ? words.Es : words.En };
                goals.Add(Chance(0.5) ? goal.Record(Pick([GoalAchievement.Improving, GoalAchievement.NoChange, GoalAchievement.Achieved]), first.RecordedAt.AddDays(30)) : goal);
            }

            if (Chance(0.4))
            {
                consents.Add(new PersonConsent
                {
                    Id = new ConsentId(DeterministicGuid.From($"demo-consent:{seed}:{i}").ToString()), Person = person.Id,
                    Grantee = Grantee.Organization(Chance(0.5) ? cbos[0] : Pick(cbos)),
                    Categories = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, NeedCategories.Of(first.Category) },
                    Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = first.RecordedAt, Method = ConsentMethod.InPerson, Language = language, RecordedBy = "demo",
                });
            }
        }

        // A generator of its own, so the people stay those the seed always gave.
        var (referrals, referralConsents) = DemoReferralHistory.Generate(people, needs, consents, cbos, ReferralSla.Default, now, seed + 1);
        return new DemoPopulation(people, screenings, needs, goals, [.. consents, .. referralConsents]) { Referrals = referrals };
    }

    private static string Answer(Question question, bool unsafeAtHome, Random random)
    {
        var roll = random.NextDouble();
        return question.Loinc switch
        {
            "71802-3" => roll < 0.75 ? "LA31993-1" : roll < 0.93 ? "LA31994-9" : "LA31995-6",
            "96778-6" => roll < 0.7 ? "LA9-3" : question.Answers[random.Next(question.Answers.Count - 1)].Code,
            "88122-7" or "88123-5" => roll < 0.7 ? "LA28398-8" : roll < 0.9 ? "LA6729-3" : "LA28397-0",
            "93030-5" => roll < 0.8 ? "LA32-8" : "LA33-6",
            "96779-4" => roll < 0.8 ? "LA32-8" : roll < 0.95 ? "LA33-6" : "LA32002-0",
            // Interpersonal safety: mostly "never"; for a few, often enough to total 11 or more.
            _ => unsafeAtHome ? question.Answers[random.Next(2, 5)].Code : roll < 0.85 ? "LA6270-8" : roll < 0.95 ? "LA10066-1" : "LA10082-8",
        };
    }
}
