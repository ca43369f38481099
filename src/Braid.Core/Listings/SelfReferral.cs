using Braid.Core.Directory.Hsds;

namespace Braid.Core.Listings;

/// <summary>
/// Whether a service takes referrals from the people it serves, sent from their own portal: an
/// HSDS attribute of the service under Braid's intake taxonomy, so an HSDS export carries it.
/// </summary>
public static class SelfReferral
{
    public const string LinkType = "self_referral";
    public static readonly string TaxonomyId = DeterministicGuid.From("braid-intake").ToString();
    public static readonly string TermId = DeterministicGuid.From("braid-intake:self-referral").ToString();

    /// <summary>The taxonomy and its term the attribute points to; written with the first attribute, as any upsert, again harmlessly.</summary>
    public static IReadOnlyList<HsdsRecord> Vocabulary(string communityId) =>
    [
        new Taxonomy { Id = TaxonomyId, CommunityId = communityId, Name = "Braid referral intake", Description = "How a service takes referrals." },
        new TaxonomyTerm { Id = TermId, CommunityId = communityId, TaxonomyId = TaxonomyId, Code = "self-referral", Name = "Accepts self-referrals", Description = "People may refer themselves to the service from their own portal." },
    ];

    /// <summary>The attribute that says the service accepts self-referrals.</summary>
    public static HsdsAttribute Attribute(string communityId, string serviceId, string id) => new()
    {
        Id = id, CommunityId = communityId, LinkId = serviceId, LinkEntity = "service", LinkType = LinkType, TaxonomyTermId = TermId, Value = "true",
    };
}
