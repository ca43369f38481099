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
    public static readonly Dictionary<string, LegacyFile> Files = new()
    {
        ["organizations.csv"] = new("organization", new() { ["url"] = "website" }),
        ["programs.csv"] = new("program"),
        ["services.csv"] = new("service", new() { ["keywords"] = "" }),
        ["locations.csv"] = new("location", Defaults: new() { ["location_type"] = "physical" }),
        ["services_at_location.csv"] = new("service_at_location"),
        ["service_at_location.csv"] = new("service_at_location"),
        ["physical_addresses.csv"] = new("address", Defaults: new() { ["address_type"] = "physical" }),
        ["postal_addresses.csv"] = new("address", Defaults: new() { ["address_type"] = "postal" }),
        ["phones.csv"] = new("phone"),
        ["contacts.csv"] = new("contact"),
        ["regular_schedule.csv"] = new("schedule", new() { ["weekday"] = "byday" }, new() { ["freq"] = "WEEKLY" }),
        ["service_taxonomy.csv"] = new("attribute", new() { ["service_id"] = "link_id", ["taxonomy_id"] = "taxonomy_term_id", ["taxonomy_detail"] = "value" }, new() { ["link_entity"] = "service" }),
        ["taxonomy.csv"] = new("taxonomy_term", new() { ["vocabulary"] = "taxonomy" }),
        ["taxonomy_terms.csv"] = new("taxonomy_term", new() { ["vocabulary"] = "taxonomy" }),
        ["service_area.csv"] = new("service_area", new() { ["service_area"] = "name" }),
        ["service_areas.csv"] = new("service_area", new() { ["service_area"] = "name" }),
        ["languages.csv"] = new("language", new() { ["language"] = "name" }),
        ["accessibility_for_disabilities.csv"] = new("accessibility", new() { ["accessibility"] = "description" }),
        ["funding.csv"] = new("funding"),
        ["required_documents.csv"] = new("required_document"),
        ["eligibility.csv"] = new(null), // merged into service.eligibility_description
        ["holiday_schedule.csv"] = new(null),
        ["payment_accepted.csv"] = new(null),
    };

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

    public static void Read(string folder, List<RawRecord> records, List<ImportIssue> issues)
    {
        var eligibility = new Dictionary<string, List<string>>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").OrderBy(f => f, StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (!Files.TryGetValue(file, out var map))
            {
                issues.Add(new(file, "-", null, null, "is not an HSDS 1.x/2.x table Braid knows; not imported", IsWarning: true));
                continue;
            }

            var rows = HsdsTabular.ReadCsv(path, issues);
            if (file == "eligibility.csv")
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
                issues.Add(new(file, "-", null, null, "has no HSDS 3.0 equivalent; not imported", IsWarning: true));
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

                records.Add(new RawRecord(map.Table, file, values));
            }

            foreach (var column in unmapped.Order(StringComparer.Ordinal))
            {
                issues.Add(new(file, map.Table, null, column, "has no HSDS 3.0 field; not imported", IsWarning: true));
            }

            if (converted)
            {
                issues.Add(new(file, map.Table, null, "id", "ids that were not UUIDs were replaced by name-based UUIDs (the same old id always gives the same UUID)", IsWarning: true));
            }
        }

        foreach (var service in records.Where(r => r.Table == "service"))
        {
            if (service.Id is { } id && eligibility.TryGetValue(id, out var texts))
            {
                service.Values["eligibility_description"] = string.Join("; ", texts);
            }
        }
    }

    private static string Convert(string table, string id) =>
        Guid.TryParseExact(id, "D", out _) ? id : DeterministicGuid.From($"hsds-legacy:{table}:{id.Trim()}").ToString();
}
