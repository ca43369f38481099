using Braid.Core;

namespace Braid.Interop.Hsds;

/// <summary>How one HSDS 1.x/2.x CSV maps onto an HSDS 3.0 table.</summary>
internal sealed record LegacyFile(string? Table, Dictionary<string, string>? Renames = null, Dictionary<string, string>? Defaults = null);

/// <summary>
/// Maps the HSDS 1.x/2.x tabular layout (physical_addresses.csv, regular_schedule.csv,
/// service_taxonomy.csv…) onto HSDS 3.0, reporting every file and column that has no 3.0 home.
/// Ids that are not UUIDs (common in older exports) become name-based UUIDs, consistently for
/// the record and every reference to it.
/// </summary>
internal static class LegacyHsds
{
    private static readonly LegacyFile Schedule = new("schedule", new() { ["weekday"] = "byday" }, new() { ["freq"] = "WEEKLY" });
    private static readonly LegacyFile ServiceTerm = new("attribute", new() { ["service_id"] = "link_id", ["taxonomy_id"] = "taxonomy_term_id", ["taxonomy_detail"] = "value" }, new() { ["link_entity"] = "service" });
    private static readonly LegacyFile Term = new("taxonomy_term", new() { ["vocabulary"] = "taxonomy" });

    /// <summary>The tables by file name, with the variants real exports use (hsds-transformer, ORServices, older 211 tools).</summary>
    private static readonly Dictionary<string, LegacyFile> Files = new()
    {
        ["organizations"] = new("organization", new() { ["url"] = "website" }),
        ["programs"] = new("program"),
        ["services"] = new("service", new() { ["keywords"] = "" }),
        ["locations"] = new("location", Defaults: new() { ["location_type"] = "physical" }),
        ["services_at_location"] = new("service_at_location"),
        ["service_at_location"] = new("service_at_location"),
        ["services_at_locations"] = new("service_at_location"),
        ["physical_addresses"] = new("address", Defaults: new() { ["address_type"] = "physical" }),
        ["physical_address"] = new("address", Defaults: new() { ["address_type"] = "physical" }),
        ["postal_addresses"] = new("address", Defaults: new() { ["address_type"] = "postal" }),
        ["postal_address"] = new("address", Defaults: new() { ["address_type"] = "postal" }),
        ["phones"] = new("phone"),
        ["contacts"] = new("contact"),
        ["regular_schedule"] = Schedule,
        ["regular_schedules"] = Schedule,
        ["service_taxonomy"] = ServiceTerm,
        ["services_taxonomy"] = ServiceTerm,
        ["service_taxonomies"] = ServiceTerm,
        ["service_attributes"] = ServiceTerm,
        ["taxonomy"] = Term,
        ["taxonomy_terms"] = Term,
        ["taxonomy_types"] = new("taxonomy"),
        ["service_area"] = new("service_area", new() { ["service_area"] = "name" }),
        ["service_areas"] = new("service_area", new() { ["service_area"] = "name" }),
        ["languages"] = new("language", new() { ["language"] = "name" }),
        ["accessibility_for_disabilities"] = new("accessibility", new() { ["accessibility"] = "description" }),
        ["accessibility"] = new("accessibility", new() { ["accessibility"] = "description" }),
        ["funding"] = new("funding"),
        ["required_documents"] = new("required_document"),
        ["eligibility"] = new(null), // merged into service.eligibility_description
        ["eligibilities"] = new(null),
        ["holiday_schedule"] = new(null),
        ["holiday_schedules"] = new(null),
        ["payment_accepted"] = new(null),
    };

    /// <summary>The table a 1.x/2.x file holds, by its name in any case, with '-' or '_'.</summary>
    public static LegacyFile? Find(string fileName) =>
        Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? Files.GetValueOrDefault(Path.GetFileNameWithoutExtension(fileName).Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_'))
            : null;

    private static readonly Dictionary<string, string> References = new()
    {
        ["id"] = "", ["organization_id"] = "organization", ["parent_organization_id"] = "organization", ["service_id"] = "service",
        ["location_id"] = "location", ["program_id"] = "program", ["contact_id"] = "contact", ["phone_id"] = "phone",
        ["service_at_location_id"] = "service_at_location", ["taxonomy_term_id"] = "taxonomy_term", ["parent_id"] = "taxonomy_term",
    };

    private static readonly Dictionary<string, string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = "MO", ["tuesday"] = "TU", ["wednesday"] = "WE", ["thursday"] = "TH", ["friday"] = "FR", ["saturday"] = "SA", ["sunday"] = "SU",
        ["mon"] = "MO", ["tue"] = "TU", ["wed"] = "WE", ["thu"] = "TH", ["fri"] = "FR", ["sat"] = "SA", ["sun"] = "SU",
        // Numbers follow ISO 8601 (1 = Monday).
        ["1"] = "MO", ["2"] = "TU", ["3"] = "WE", ["4"] = "TH", ["5"] = "FR", ["6"] = "SA", ["7"] = "SU",
    };

    public static void Read(IReadOnlyList<string> files, List<RawRecord> records, List<ImportIssue> issues)
    {
        var eligibility = new Dictionary<string, List<string>>();
        var linkedTerms = new Dictionary<string, (string Code, string? Name, string File)>();
        foreach (var path in files.OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (Find(file) is not { } map)
            {
                issues.Add(new(file, "-", null, null, "is not an HSDS 1.x/2.x table Braid knows; not imported", IsWarning: true, Code: "unknown-table"));
                continue;
            }

            var rows = HsdsTabular.ReadCsv(path, issues);
            if (map.Table is null && file.StartsWith("eligibilit", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var row in rows)
                {
                    if (row.GetValueOrDefault("service_id") is { } sid && row.GetValueOrDefault("eligibility") is { } text)
                    {
                        (eligibility.TryGetValue(Convert("service", sid), out var list) ? list : eligibility[Convert("service", sid)] = []).Add(text);
                    }
                }

                continue;
            }

            if (map.Table is null)
            {
                issues.Add(new(file, "-", null, null, "has no HSDS 3.0 equivalent; not imported", IsWarning: true, Code: "no-3.0-table"));
                continue;
            }

            var rules = HsdsSpec.Fields(map.Table);
            var unmapped = new HashSet<string>();
            var converted = false;
            foreach (var row in rows)
            {
                var values = new Dictionary<string, string?>();
                foreach (var (column, value) in row)
                {
                    var name = map.Renames?.GetValueOrDefault(column) ?? column;
                    if (!rules.ContainsKey(name))
                    {
                        if (value is not null) unmapped.Add(column);
                        continue;
                    }

                    var table = name == "id" ? map.Table : name == "link_id" ? "service" : References.GetValueOrDefault(name);
                    var newValue = value is not null && table is not null ? Convert(table, value) : value;
                    converted |= newValue != value;
                    values[name] = name == "byday" && value is not null ? Weekdays.GetValueOrDefault(value.Trim(), value) : newValue;
                }

                foreach (var (field, value) in map.Defaults ?? [])
                {
                    values.TryAdd(field, value);
                }

                // HSDS 3.0 requires a term description that 1.x/2.x taxonomies did not have: the name stands in.
                if (map.Table == "taxonomy_term" && string.IsNullOrEmpty(values.GetValueOrDefault("description")))
                {
                    values["description"] = values.GetValueOrDefault("name");
                }

                // 1.x taxonomies are keyed by the code itself (AIRS/211 LA "BD-1800.2000"): keep it as
                // the term's code, so the 211's own codes still find its services.
                if (map.Table == "taxonomy_term" && string.IsNullOrEmpty(values.GetValueOrDefault("code")) && row.GetValueOrDefault("id") is { } code && !IsUuid(code))
                {
                    values["code"] = code.Trim();
                }

                if (map == ServiceTerm && row.GetValueOrDefault("taxonomy_id") is { } linked && !IsUuid(linked))
                {
                    linkedTerms.TryAdd(Convert("taxonomy_term", linked), (linked.Trim(), row.GetValueOrDefault("taxonomy_detail"), file));
                }

                records.Add(new RawRecord(map.Table, file, values));
            }

            foreach (var column in unmapped.Order(StringComparer.Ordinal))
            {
                issues.Add(new(file, map.Table, null, column, "has no HSDS 3.0 field; not imported", IsWarning: true, Code: "unknown-column"));
            }

            if (converted)
            {
                issues.Add(new(file, map.Table, null, "id", "ids that were not UUIDs were replaced by name-based UUIDs (the same old id always gives the same UUID)", IsWarning: true, Code: "ids-converted"));
            }
        }

        // Links to codes the export has no taxonomy file row for: the code is the term.
        var terms = records.Where(r => r.Table == "taxonomy_term").Select(r => r.Id).OfType<string>().ToHashSet();
        foreach (var (id, (code, name, file)) in linkedTerms.Where(t => !terms.Contains(t.Key)).OrderBy(t => t.Value.Code, StringComparer.Ordinal))
        {
            records.Add(new RawRecord("taxonomy_term", file, new() { ["id"] = id, ["code"] = code, ["name"] = name ?? code, ["description"] = name ?? code }));
            issues.Add(new(file, "taxonomy_term", id, "taxonomy_id", "links to a code the export's taxonomy does not list; a term with that code was created", IsWarning: true, Code: "term-created"));
        }

        foreach (var service in records.Where(r => r.Table == "service"))
        {
            if (service.Id is { } id && eligibility.TryGetValue(id, out var texts))
            {
                service.Values["eligibility_description"] = string.Join("; ", texts);
            }
        }
    }

    private static bool IsUuid(string id) => Guid.TryParseExact(id.Trim(), "D", out _);

    private static string Convert(string table, string id) =>
        Guid.TryParseExact(id, "D", out _) ? id : DeterministicGuid.From($"hsds-legacy:{table}:{id.Trim()}").ToString();
}
