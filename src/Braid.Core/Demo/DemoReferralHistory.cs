using Braid.Core.People;
using Braid.Core.Referrals;

namespace Braid.Core.Demo;

/// <summary>
/// The referrals the demo community's people were sent before today, so its inboxes have a past
/// and the analysts' referral dashboard has outcomes to test. Each accepted need of a screened
/// person is referred, under the person's consent, from the organization that registered them to
/// a community-based organization, which works it as <see cref="DemoOutcomes.Work"/> does (the
/// planted disparity arises there). A few are never answered and expire. Only referrals closed
/// by today are kept, so no old referral waits in anyone's inbox.
/// </summary>
public static class DemoReferralHistory
{
    /// <summary>The share of referrals their organization never answers (they expire).</summary>
    public const double Unanswered = 0.06;

    /// <summary>The referrals, and the consents recorded before them for people who had not yet given one to that organization.</summary>
    public static (IReadOnlyList<Referral> Referrals, IReadOnlyList<PersonConsent> Consents) Generate(
        IReadOnlyList<Person> people, IReadOnlyList<Need> needs, IReadOnlyList<PersonConsent> consents, IReadOnlyList<OrganizationId> cbos, ReferralSla sla, DateTimeOffset now, int seed)
    {
        var random = new Random(seed);
        var (referrals, added) = (new List<Referral>(), new List<PersonConsent>());
        if (cbos.Count == 0) return (referrals, added);
        var byId = people.ToDictionary(p => p.Id);
        foreach (var need in needs.Where(n => n.Status == NeedStatus.Accepted && n.Category != "interpersonal-safety"))
        {
            var person = byId[need.Person];
            var sent = need.RecordedAt.AddHours(1 + random.Next(72));
            var granted = consents.Concat(added).FirstOrDefault(c => c.Person == person.Id && c.Grantee.Kind == GranteeKind.Organization);
            var cbo = granted is { Grantee.Value: { } value } ? new OrganizationId(value) : random.NextDouble() < 0.5 ? cbos[0] : cbos[random.Next(cbos.Count)];
            var shared = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, NeedCategories.Of(need.Category) };
            if (granted is null || !shared.IsSubsetOf(granted.Categories))
            {
                added.Add(new PersonConsent
                {
                    Id = new ConsentId(DeterministicGuid.From($"demo-referral-consent:{seed}:{need.Id}").ToString()), Person = person.Id, Grantee = Grantee.Organization(cbo),
                    Categories = shared, Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = need.RecordedAt, Method = ConsentMethod.InPerson,
                    Language = person.Language ?? "en", RecordedBy = "demo",
                });
            }

            var referral = Referral.Send(new ReferralId(DeterministicGuid.From($"demo-referral:{seed}:{need.Id}").ToString()), new ReferralDetails
            {
                Person = person.Id, Need = need.Id, NeedCategory = need.Category, Kind = ReferralKind.Direct, From = person.RegisteredBy, To = cbo,
                ServiceName = ServiceFor(need.Category), Shared = shared,
            }, new Stamp("demo:navigator", person.RegisteredBy, sent, "demo"));

            if (random.NextDouble() < Unanswered)
            {
                referral.Move(ReferralStatus.Cancelled, ReferralParty.Requester, new Stamp("system:referral-expiry", null, sla.ExpiresAt(sent), "system"), ReferralReason.Expired);
            }
            else
            {
                var blackAlone = person.RaceEthnicity.Value is ["Black or African American"];
                DemoOutcomes.Work(referral, blackAlone, DemoOutcomes.AgeEffect(ReferralOutcomes.AgeBand(person.BirthDate, sent)), DemoOutcomes.NeedEffect(need.Category), random);
            }

            if (referral.ClosedAt < now) referrals.Add(referral);
        }

        return (referrals, added);
    }

    private static string ServiceFor(string need) => need switch
    {
        "food-insecurity" => "Food Pantry",
        "housing-instability" or "homelessness" or "inadequate-housing" => "Housing Help",
        "transportation-insecurity" => "Rides to Appointments",
        "utility-insecurity" => "Energy Assistance",
        _ => "Case Management",
    };
}
