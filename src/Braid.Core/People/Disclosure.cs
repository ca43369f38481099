namespace Braid.Core.People;

/// <summary>
/// One read or disclosure of a person's data, for the log the person and their navigator can see:
/// who, from which organization, through which channel (page, api, fhir, export), which categories,
/// for what purpose, and under which consent or rule.
/// </summary>
public sealed record Disclosure(
    PersonId Person, DateTimeOffset At, string Actor, OrganizationId? Organization, string Channel, IReadOnlyList<DataCategory> Categories, Purpose Purpose,
    ConsentId? Consent, string Reason, bool BrokeTheGlass);

/// <summary>Which consent category covers a need, by its Gravity SDOH category code.</summary>
public static class NeedCategories
{
    /// <summary>
    /// The data category of a need. Interpersonal safety (AHC HRSN's "sdoh-category-unspecified"
    /// positive and Gravity's intimate-partner-violence) is sensitive; a code Braid does not know
    /// is treated as the general screening category.
    /// </summary>
    public static DataCategory Of(string sdohCategory) => sdohCategory switch
    {
        "food-insecurity" => DataCategory.FoodInsecurity,
        "housing-instability" or "homelessness" or "inadequate-housing" => DataCategory.HousingInstability,
        "transportation-insecurity" => DataCategory.Transportation,
        "utility-insecurity" => DataCategory.Utilities,
        "sdoh-category-unspecified" or "intimate-partner-violence" => DataCategory.InterpersonalSafety,
        _ => DataCategory.Screening,
    };
}
