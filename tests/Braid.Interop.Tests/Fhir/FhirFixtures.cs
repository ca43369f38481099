using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Core.Screening;
using Hl7.Fhir.Model;
using Braid.Interop.Fhir;
using Braid.Testing;
using Person = Braid.Core.People.Person;

namespace Braid.Interop.Tests.Fhir;

/// <summary>Base-R4 validation (Firely), the IG's files, and a person with a bit of everything.</summary>
internal static class FhirFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    /// <summary>The errors base R4 finds in the resource (as JSON, the way Braid sends it).</summary>
    public static List<string> Errors(Resource resource) => FhirValidation.Errors(resource);

    public static JsonObject Json(Resource resource) => JsonNode.Parse(FhirJson.Serialize(resource))!.AsObject();

    /// <summary>The codes of one system in a list of CodeableConcepts.</summary>
    public static List<string> Codes(JsonObject json, string property, string system) =>
        [.. (json[property] as JsonArray ?? []).SelectMany(c => c!["coding"]!.AsArray()).Where(c => (string?)c!["system"] == system).Select(c => (string)c!["code"]!)];

    /// <summary>The values at a path, arrays flattened, in order.</summary>
    public static List<string> Select(JsonNode? node, params string[] path)
    {
        if (node is null) return [];
        if (node is JsonArray array) return [.. array.SelectMany(n => Select(n, path))];
        if (path.Length == 0) return [node.ToJsonString().Trim('"')];
        return Select(node[path[0]], path[1..]);
    }

    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "fhir-sdoh", relative);

    public static T Example<T>(string file) where T : Resource => FhirJson.Parse<T>(File.ReadAllText(Path("examples/" + file)));

    public static IEnumerable<string> Examples(string type) =>
        Directory.EnumerateFiles(Path("examples"), type + "-*.json").Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static readonly Person Ana = new()
    {
        Id = new PersonId("ana"), RegisteredBy = new OrganizationId("clinic"), GivenName = "Ana", FamilyName = "Núñez Ruiz", PreferredName = "Anita",
        BirthDate = new DateOnly(1984, 3, 12), Phone = "410-555-0123", Email = "ana@example.org", PreferredChannel = ContactChannel.Text,
        AddressLine = "12 N Charles St", City = "Baltimore", State = "MD", PostalCode = "21201", Language = "es", InterpreterNeeded = true,
        RaceEthnicity = Reported<IReadOnlyList<string>>.Answer(["Black or African American", "Hispanic or Latino", "Middle Eastern or North African"]),
        Sex = Reported<string>.Declined,
    };

    /// <summary>A completed AHC HRSN screen: housing positive, one item declined, two housing problems, food often, safety total 12.</summary>
    public static Screening Screened()
    {
        var screening = new Screening { Id = "s1", Person = Ana.Id, Instrument = AhcHrsn.Core, StartedBy = "user:nav", StartedAt = Now.AddMinutes(-20), Language = "es" };
        (string Item, ItemResponse Response)[] answers =
        [
            ("71802-3", new(["LA31994-9"])), ("96778-6", new(["LA31996-4", "LA28580-1"])), ("88122-7", new(["LA28397-0"])), ("88123-5", ItemResponse.Decline),
            ("93030-5", new(["LA32-8"])), ("96779-4", new(["LA32-8"])),
            ("95618-5", new(["LA10082-8"])), ("95617-7", new(["LA10082-8"])), ("95616-9", new(["LA10082-8"])), ("95615-1", new(["LA10082-8"])),
        ];
        foreach (var (item, response) in answers) screening = screening.Respond(item, response).Screening!;
        return screening.Complete(Now);
    }

    /// <summary>A completed PRAPARE: every kind of answer (choices, several choices, a count, an income, words) and one declined.</summary>
    public static Screening PrapareScreened()
    {
        var screening = new Screening { Id = "p1", Person = Ana.Id, Instrument = Prapare.Instance, StartedBy = "user:nav", StartedAt = Now.AddMinutes(-30), Language = "en" };
        (string Item, ItemResponse Response)[] answers =
        [
            ("56051-6", new(["LA33-6"])), ("32624-9", new(["LA14042-8", "LA4457-3"])), ("63512-8", ItemResponse.Of("6")), ("71802-3", new(["LA30190-5"])),
            ("93033-9", ItemResponse.Decline), ("56799-0", ItemResponse.Of("Broadway")), ("67875-5", new(["LA17956-6"])), ("63586-2", ItemResponse.Of("25000")),
            ("93031-3", new(["LA30126-9", "LA30127-7", "LA30125-1"])), ("93030-5", new(["LA32-8"])), ("93026-3", new(["LA32-8"])),
        ];
        foreach (var (item, response) in answers) screening = screening.Respond(item, response).Screening!;
        return screening.Complete(Now);
    }

    public static readonly IReadOnlyList<Need> Needs =
    [
        new Need { Id = "n1", Person = Ana.Id, Category = "housing-instability", Screening = "s1", RecordedAt = Now, Status = NeedStatus.Accepted, Rank = 1 },
        new Need { Id = "n2", Person = Ana.Id, Category = "food-insecurity", Screening = "s1", RecordedAt = Now },
        new Need { Id = "n3", Person = Ana.Id, Category = "sdoh-category-unspecified", Screening = "s1", RecordedAt = Now, Status = NeedStatus.Rejected },
        new Need { Id = "n4", Person = Ana.Id, Category = "utility-insecurity", RecordedAt = Now, Status = NeedStatus.Met },
    ];

    public static readonly Core.People.Goal AnasGoal = new Core.People.Goal { Id = "g1", Person = Ana.Id, Need = "n1", Text = "Quedarme en mi apartamento" }.Record(GoalAchievement.Improving, Now);

    public static IReadOnlyList<PersonConsent> Consents =>
    [
        Consent("c1", Grantee.Organization(new OrganizationId("food-bank")), [DataCategory.Demographics, DataCategory.FoodInsecurity]),
        Consent("c2", Grantee.Role("navigator"), [DataCategory.Contact]) with { End = Now.AddDays(90) },
        Consent("c3", Grantee.Network, [DataCategory.SubstanceUse]) with { RevokedAt = Now.AddMinutes(-5), Method = ConsentMethod.Verbal, Witness = "Luis" },
    ];

    private static PersonConsent Consent(string id, Grantee grantee, DataCategory[] categories) => new()
    {
        Id = new ConsentId(id), Person = Ana.Id, Grantee = grantee, Categories = categories.ToHashSet(), Purposes = new HashSet<Purpose> { Purpose.CareCoordination },
        Start = Now.AddDays(-1), Method = ConsentMethod.InPerson, Language = "es", RecordedBy = "user:nav",
    };

    /// <summary>Ana's food need referred to the food bank: requested, declined with a reason and a note, and completed with the service delivered.</summary>
    public static IReadOnlyList<Referral> Referrals
    {
        get
        {
            var details = new ReferralDetails
            {
                Person = Ana.Id, Need = "n1", NeedCategory = "food-insecurity", Kind = ReferralKind.Direct, From = Ana.RegisteredBy, To = new OrganizationId("food-bank"),
                ServiceName = "Provision of food", ServiceCode = "710925007", Shared = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.FoodInsecurity },
            };
            Stamp By(string who, int hours) => new(who, null, Now.AddHours(hours), "test");
            var requested = Referral.Send(new ReferralId("r1"), details, By("user:nav", 0));
            var declined = Referral.Send(new ReferralId("r2"), details, By("user:nav", 0));
            declined.Move(ReferralStatus.Rejected, ReferralParty.Target, By("user:cbo", 2), ReferralReason.OutOfArea, "Lives outside the county");
            var completed = Referral.Send(new ReferralId("r3"), details with { ServiceCode = null, ServiceName = "Groceries" }, By("user:nav", 0));
            completed.Move(ReferralStatus.Accepted, ReferralParty.Target, By("user:cbo", 1));
            completed.Complete(ReferralParty.Target, By("user:cbo", 30), new ServiceDelivered("710925007", "Provision of food"), NeedMet.Yes);
            return [requested, declined, completed];
        }
    }
}
