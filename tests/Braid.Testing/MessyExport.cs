using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Braid.Testing;

/// <summary>
/// A seeded generator of an HSDS 1.x export as real 211 tools write them, with every flaw class
/// of the foundation-repair issue planted at known rates, and the count of each kept in
/// <see cref="Planted"/> (by the class the import must report it under). Written for the tests;
/// the counts come from what was planted, not from Braid's importer.
/// </summary>
public sealed class MessyExport
{
    /// <summary>How many of each flaw were planted, by the class the import report must use.</summary>
    public Dictionary<string, int> Planted { get; } = [];

    /// <summary>Every service (by name) with the 211 taxonomy code it is linked to; all have a name and an organization.</summary>
    public Dictionary<string, string> ServiceCodes { get; } = [];

    private readonly Random _random;
    private readonly Dictionary<string, List<string[]>> _tables = [];

    private MessyExport(int seed) => _random = new Random(seed);

    private void Plant(string code) => Planted[code] = Planted.GetValueOrDefault(code) + 1;

    private void Row(string file, params string[] values) =>
        (_tables.TryGetValue(file, out var rows) ? rows : _tables[file] = []).Add(values);

    private bool Chance(double rate) => _random.NextDouble() < rate;

    public static MessyExport Write(string folder, int seed = 211, int organizations = 40, int servicesPerOrganization = 10)
    {
        var export = new MessyExport(seed);
        export.Generate(organizations, servicesPerOrganization);
        export.Save(folder);
        return export;
    }

    // AIRS / 211 LA style codes: half are listed in the taxonomy file, half only in the links.
    private static readonly string[] Codes = ["BD-1800.2000", "BD-1800.1900", "BH-1800.8500", "BH-3800.7000", "LH-2700.6000", "LN-5000.1500", "NL-6000.2000", "TJ-3000.8000", "BM-6500.6500", "FT-3200.3000"];

    private void Generate(int organizations, int servicesPerOrganization)
    {
        for (var c = 0; c < Codes.Length; c++)
        {
            if (c % 2 == 0) Row("taxonomy_terms.csv", Codes[c], $"Term {Codes[c]}", "", "AIRS");
            else Plant("term-created");
        }

        var phone = 100;
        for (var o = 1; o <= organizations; o++)
        {
            var org = $"org-{o}";
            var website = $"org{o}.example.org";
            if (Chance(0.2)) Plant("url-scheme-added");
            else website = "https://" + website;
            var email = $"help@org{o}.example.org";
            if (Chance(0.15))
            {
                email = "mailto:" + email;
                Plant("email-trimmed");
            }

            Row("organizations.csv", org, $"Organization {o}", $"Serves Baltimore families ({o})", email, website);
            for (var s = 1; s <= servicesPerOrganization; s++)
            {
                var svc = $"svc-{o}-{s}";
                var name = $"Service {s} of organization {o}";
                var status = "active";
                if (Chance(0.15))
                {
                    status = "";
                    Plant("status-defaulted");
                }

                var description = "Food and groceries for families";
                if (Chance(0.1))
                {
                    description = "Food &amp; groceries for families";
                    Plant("html-entities");
                }

                if (Chance(0.1))
                {
                    description += "\\nCall ahead";
                    Plant("escaped-line-breaks");
                }

                var program = "";
                if (Chance(0.05))
                {
                    program = $"prog-{o}-{s}"; // programs.csv is not in the export
                    Plant("link-dropped");
                }

                Row("services.csv", svc, org, program, name, description, status);
                var code = Codes[_random.Next(Codes.Length)];
                ServiceCodes[name] = code;
                Row("services_taxonomy.csv", $"st-{o}-{s}", svc, code, "");

                var loc = $"loc-{o}-{s}";
                var (lat, lon) = (39.29 + _random.NextDouble() * 0.06, -76.65 + _random.NextDouble() * 0.08);
                if (Chance(0.03))
                {
                    (lat, lon) = (34.05, -118.24); // a Los Angeles office in a Baltimore export
                    Plant("outside-region");
                }

                Row("locations.csv", loc, org, $"Site {s} of organization {o}", lat.ToString("F5", CultureInfo.InvariantCulture), lon.ToString("F5", CultureInfo.InvariantCulture));
                Row("services_at_location.csv", $"sal-{o}-{s}", svc, loc);
                var state = "MD";
                if (Chance(0.1))
                {
                    state = " MD";
                    Plant("whitespace");
                }

                Row("physical_addresses.csv", $"addr-{o}-{s}", loc, $"{100 + s} N Milton Ave", "Baltimore", state, "21205", "US");

                var number = $"410-555-{phone++:D4}";
                if (Chance(0.2))
                {
                    number = $"Call ({number[..3]}) {number[4..]} ext. 12 for intake";
                    Plant("phone-parsed");
                }
                else if (Chance(0.03))
                {
                    number = $"{number} or 410-555-{phone++:D4}";
                    Plant("phone-ambiguous");
                }

                Row("phones.csv", $"ph-{o}-{s}", svc, number, "");

                var hours = "9am-5pm";
                if (Chance(0.15))
                {
                    hours = "###MON### 9am-5pm";
                    Plant("markup-tags");
                }

                Row("regular_schedules.csv", $"rs-{o}-{s}", svc, "Monday", "09:00", "17:00", hours);

                // Languages: child rows with empty ids, exact repeats and conflicting repeats.
                var languageId = $"lang-{o}-{s}";
                if (Chance(0.15))
                {
                    languageId = "";
                    Plant("id-generated");
                }

                Row("languages.csv", languageId, svc, "English");
                if (languageId.Length > 0 && Chance(0.05))
                {
                    Row("languages.csv", languageId, svc, "English");
                    Plant("duplicate-merged");
                }
                else if (languageId.Length > 0 && Chance(0.05))
                {
                    Row("languages.csv", languageId, svc, "Spanish");
                    Plant("duplicate-conflict");
                }

                if (Chance(0.02))
                {
                    // A service at a location whose service is not in the export: its required link cannot be kept.
                    Row("services_at_location.csv", $"sal-orphan-{o}-{s}", $"svc-gone-{o}-{s}", loc);
                    Plant("link-missing");
                }
            }
        }
    }

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["taxonomy_terms.csv"] = "id,name,parent_id,vocabulary",
        ["organizations.csv"] = "id,name,description,email,url",
        ["services.csv"] = "id,organization_id,program_id,name,description,status",
        ["services_taxonomy.csv"] = "id,service_id,taxonomy_id,taxonomy_detail",
        ["locations.csv"] = "id,organization_id,name,latitude,longitude",
        ["services_at_location.csv"] = "id,service_id,location_id",
        ["physical_addresses.csv"] = "id,location_id,address_1,city,state_province,postal_code,country",
        ["phones.csv"] = "id,service_id,number,extension",
        ["regular_schedules.csv"] = "id,service_id,weekday,opens_at,closes_at,description",
        ["languages.csv"] = "id,service_id,language",
    };

    /// <summary>
    /// The tables go in a <c>data/</c> subfolder while <c>datapackage.json</c> lists them at the root,
    /// and lists one resource the export does not have.
    /// </summary>
    private void Save(string folder)
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var resources = new JsonArray();
        foreach (var (file, rows) in _tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var text = new StringBuilder(Headers[file]).Append('\n');
            foreach (var row in rows) text.Append(string.Join(',', row.Select(Quote))).Append('\n');
            File.WriteAllText(Path.Combine(data, file), text.ToString());
            resources.Add(new JsonObject { ["name"] = Path.GetFileNameWithoutExtension(file), ["path"] = file });
            Plant("resource-relocated");
        }

        resources.Add(new JsonObject { ["name"] = "holiday_schedules", ["path"] = "holiday_schedules.csv" });
        Plant("resource-missing");
        File.WriteAllText(Path.Combine(folder, "datapackage.json"), new JsonObject { ["name"] = "messy-211", ["resources"] = resources }.ToJsonString());
    }

    private static string Quote(string value) =>
        value.Contains(',') || value.Contains('"') || value.StartsWith(' ') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
