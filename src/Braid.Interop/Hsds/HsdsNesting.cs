namespace Braid.Interop.Hsds;

/// <summary>How HSDS 3.0 JSON nests one table in another: an array of children pointing back with a foreign key.</summary>
public sealed record NestedArray(string Parent, string Property, string Child, string ForeignKey);

/// <summary>A one-to-one nested object: the parent's field holds the child's id.</summary>
public sealed record NestedObject(string Parent, string Property, string Child, string ParentField);

/// <summary>The nesting of the HSDS 3.0 JSON schemas (schema/*.json), in one table.</summary>
public static class HsdsNesting
{
    private static readonly NestedArray[] Specific =
    [
        new("organization", "funding", "funding", "organization_id"),
        new("organization", "contacts", "contact", "organization_id"),
        new("organization", "phones", "phone", "organization_id"),
        new("organization", "locations", "location", "organization_id"),
        new("organization", "programs", "program", "organization_id"),
        new("organization", "organization_identifiers", "organization_identifier", "organization_id"),
        new("organization", "services", "service", "organization_id"),
        new("service", "phones", "phone", "service_id"),
        new("service", "schedules", "schedule", "service_id"),
        new("service", "service_areas", "service_area", "service_id"),
        new("service", "service_at_locations", "service_at_location", "service_id"),
        new("service", "languages", "language", "service_id"),
        new("service", "funding", "funding", "service_id"),
        new("service", "cost_options", "cost_option", "service_id"),
        new("service", "required_documents", "required_document", "service_id"),
        new("service", "contacts", "contact", "service_id"),
        new("service_at_location", "contacts", "contact", "service_at_location_id"),
        new("service_at_location", "phones", "phone", "service_at_location_id"),
        new("service_at_location", "schedules", "schedule", "service_at_location_id"),
        new("location", "languages", "language", "location_id"),
        new("location", "addresses", "address", "location_id"),
        new("location", "contacts", "contact", "location_id"),
        new("location", "accessibility", "accessibility", "location_id"),
        new("location", "phones", "phone", "location_id"),
        new("location", "schedules", "schedule", "location_id"),
        new("contact", "phones", "phone", "contact_id"),
        new("phone", "languages", "language", "phone_id"),
    ];

    public static IReadOnlyList<NestedObject> Objects { get; } =
    [
        new("service", "organization", "organization", "organization_id"),
        new("service", "program", "program", "program_id"),
        new("service_at_location", "location", "location", "location_id"),
        new("service_at_location", "service", "service", "service_id"),
        new("attribute", "taxonomy_term", "taxonomy_term", "taxonomy_term_id"),
        new("taxonomy_term", "taxonomy_detail", "taxonomy", "taxonomy_id"),
    ];

    /// <summary>Every table but taxonomy and metadata itself carries attributes; every table carries metadata.</summary>
    public static IReadOnlyList<NestedArray> Arrays { get; } =
    [
        .. Specific,
        .. Braid.Core.Directory.Hsds.HsdsModel.Tables
            .Where(t => t.Name is not ("taxonomy" or "taxonomy_term" or "metadata" or "attribute"))
            .Select(t => new NestedArray(t.Name, "attributes", "attribute", "link_id")),
        .. Braid.Core.Directory.Hsds.HsdsModel.Tables
            .Where(t => t.Name is not "metadata")
            .Select(t => new NestedArray(t.Name, "metadata", "metadata", "resource_id")),
    ];

    public static NestedArray? Array(string parent, string property) => Arrays.FirstOrDefault(a => a.Parent == parent && a.Property == property);

    public static NestedObject? Object(string parent, string property) => Objects.FirstOrDefault(o => o.Parent == parent && o.Property == property);
}
