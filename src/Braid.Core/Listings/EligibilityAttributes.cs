using System.Globalization;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Hsds;

namespace Braid.Core.Listings;

/// <summary>
/// How a service's <see cref="EligibilityRules"/> are kept in HSDS, so an HSDS export carries them
/// beside the eligibility text: the ages are the service's own minimum_age and maximum_age, the
/// documents its required_document records, and the income limit and the places of residence
/// attributes of the service under Braid's eligibility taxonomy (one attribute per county or ZIP).
/// </summary>
public static class EligibilityAttributes
{
    public const string LinkType = "eligibility";
    public static readonly string TaxonomyId = DeterministicGuid.From("braid-eligibility").ToString();
    public static readonly string IncomeTermId = DeterministicGuid.From("braid-eligibility:income-limit-percent-fpg").ToString();
    public static readonly string CountyTermId = DeterministicGuid.From("braid-eligibility:residence-county").ToString();
    public static readonly string ZipTermId = DeterministicGuid.From("braid-eligibility:residence-zip").ToString();

    /// <summary>The taxonomy and its terms the attributes point to; written with the attributes, as any upsert, again harmlessly.</summary>
    public static IReadOnlyList<HsdsRecord> Vocabulary(string communityId) =>
    [
        new Taxonomy { Id = TaxonomyId, CommunityId = communityId, Name = "Braid eligibility rules", Description = "Eligibility rules a machine can check, beside the service's eligibility text." },
        new TaxonomyTerm { Id = IncomeTermId, CommunityId = communityId, TaxonomyId = TaxonomyId, Code = "income-limit-percent-fpg", Name = "Household income limit (% of the HHS poverty guideline)", Description = "The value is the highest household income served, as a percentage of the HHS poverty guideline for the household's size." },
        new TaxonomyTerm { Id = CountyTermId, CommunityId = communityId, TaxonomyId = TaxonomyId, Code = "residence-county", Name = "Serves residents of a county", Description = "The value is the county's 5-digit FIPS code." },
        new TaxonomyTerm { Id = ZipTermId, CommunityId = communityId, TaxonomyId = TaxonomyId, Code = "residence-zip", Name = "Serves residents of a ZIP code", Description = "The value is the 5-digit ZIP code." },
    ];

    public static bool IsEligibilityTerm(string? termId) => termId == IncomeTermId || termId == CountyTermId || termId == ZipTermId;

    /// <summary>The rules of a service from its HSDS records.</summary>
    public static EligibilityRules Read(Service service, IEnumerable<HsdsAttribute> attributes, IEnumerable<RequiredDocument> documents)
    {
        var mine = attributes.Where(a => a.LinkType == LinkType && a.Value is not null).ToList();
        return new EligibilityRules
        {
            MinimumAge = service.MinimumAge,
            MaximumAge = service.MaximumAge,
            IncomeLimitPercent = mine.FirstOrDefault(a => a.TaxonomyTermId == IncomeTermId) is { } income && int.TryParse(income.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null,
            Counties = [.. mine.Where(a => a.TaxonomyTermId == CountyTermId).Select(a => a.Value!).Distinct().Order(StringComparer.Ordinal)],
            Zips = [.. mine.Where(a => a.TaxonomyTermId == ZipTermId).Select(a => a.Value!).Distinct().Order(StringComparer.Ordinal)],
            Documents = EligibilityRules.Lines(documents.Select(d => d.Document)),
        };
    }

    /// <summary>The attributes and required documents that hold the rules (other than the ages) for a service, with new ids from <paramref name="newId"/>.</summary>
    public static IEnumerable<HsdsRecord> Records(string communityId, string serviceId, EligibilityRules rules, Func<string> newId)
    {
        HsdsAttribute Attribute(string term, string value) => new()
        {
            Id = newId(), CommunityId = communityId, LinkId = serviceId, LinkEntity = "service", LinkType = LinkType, TaxonomyTermId = term, Value = value,
        };

        if (rules.IncomeLimitPercent is { } limit) yield return Attribute(IncomeTermId, limit.ToString(CultureInfo.InvariantCulture));
        foreach (var county in rules.Counties) yield return Attribute(CountyTermId, county);
        foreach (var zip in rules.Zips) yield return Attribute(ZipTermId, zip);
        foreach (var document in rules.Documents) yield return new RequiredDocument { Id = newId(), CommunityId = communityId, ServiceId = serviceId, Document = document };
    }
}
