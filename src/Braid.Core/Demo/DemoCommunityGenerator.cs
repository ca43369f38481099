using System.Globalization;
using Braid.Core.Directory;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;

namespace Braid.Core.Demo;

/// <summary>
/// Builds a believable, deterministic directory for a region: organizations of every sector, and
/// services across every need domain with locations in real tracts, weekly hours, languages,
/// eligibility, fees and capacity. The same seed, size and date always give the same directory.
/// </summary>
public sealed class DemoCommunityGenerator(DemoRegion region, int seed = 2026)
{
    public const string SectorTaxonomyId = "0f4c8d7e-52b1-4a39-8e0d-6c1b2a3f4e51";

    /// <summary>The deterministic taxonomy_term id of a Braid sector (by its code), the same in every community.</summary>
    public static string SectorTermId(string code) => DeterministicGuid.From("braid-sector:" + code).ToString();

    public const string CapacityTaxonomyId = "a7e3b9c1-2d4f-4e6a-9b8c-1d2e3f4a5b6c";

    /// <summary>Sectors of organizations in a community information exchange, with their share of organizations.</summary>
    public static readonly (string Code, string Name, double Share)[] Sectors =
    [
        ("community-based-organization", "Community-based organization", 0.72),
        ("health-care", "Health care", 0.08),
        ("public-agency", "Public agency", 0.08),
        ("health-plan", "Health plan", 0.03),
        ("211", "211", 0.01),
        ("funder", "Funder", 0.05),
        ("backbone", "Backbone", 0.03),
    ];

    // Service kinds per need domain: name, description, schedule pattern.
    private static readonly Dictionary<string, (string Name, string Description)[]> Kinds = new()
    {
        ["food-insecurity"] = [("Food Pantry", "Free groceries and fresh produce for families; no appointment needed."), ("Community Meals", "Hot meals served to anyone who comes."), ("SNAP and WIC Enrollment Help", "Help applying for SNAP and WIC food benefits."), ("Home-Delivered Groceries", "Groceries delivered to older adults and people with disabilities.")],
        ["housing-instability"] = [("Rental Assistance", "Emergency help with back rent and eviction prevention."), ("Tenant Legal Clinic", "Free legal advice for tenants facing eviction."), ("Housing Counseling", "One-on-one counseling on budgets, leases and finding housing.")],
        ["homelessness"] = [("Emergency Shelter", "Overnight shelter beds, showers and meals."), ("Street Outreach", "Outreach workers connect people living outside to shelter and care."), ("Rapid Rehousing", "Short-term rent help and case management to move into housing.")],
        ["inadequate-housing"] = [("Home Repair Program", "Free repairs for heating, roofs and accessibility for homeowners."), ("Lead Hazard Reduction", "Inspection and removal of lead paint hazards in homes with children.")],
        ["transportation-insecurity"] = [("Medical Rides", "Free rides to medical appointments."), ("Transit Pass Program", "Reduced-fare bus passes for low-income residents.")],
        ["financial-insecurity"] = [("Free Tax Preparation", "Volunteer tax help and credits for working families."), ("Financial Coaching", "Budgeting, credit repair and savings coaching."), ("Cash Assistance Enrollment", "Help applying for temporary cash assistance.")],
        ["material-hardship"] = [("Diaper Bank", "Free diapers and baby supplies."), ("Clothing Closet", "Free clothing and shoes for all ages.")],
        ["educational-attainment"] = [("GED Classes", "Free classes to earn a high school equivalency diploma."), ("Adult Literacy Tutoring", "Reading and writing tutoring for adults.")],
        ["employment-status"] = [("Job Readiness Workshop", "Resume help, interview practice and job placement."), ("Workforce Training", "Paid training in health care, construction and IT.")],
        ["veteran-status"] = [("Veteran Services Office", "Help with VA benefits, housing and employment for veterans.")],
        ["stress"] = [("Counseling Services", "Short-term counseling for stress, anxiety and grief."), ("Peer Support Group", "Weekly peer-led support groups.")],
        ["social-connection"] = [("Senior Center Activities", "Daily activities, meals and friendship for older adults."), ("Community Volunteer Program", "Volunteer opportunities to meet neighbors.")],
        ["intimate-partner-violence"] = [("Domestic Violence Hotline", "Confidential support, safety planning and shelter referral, day and night."), ("Safe Housing Program", "Confidential emergency housing for survivors.")],
        ["elder-abuse"] = [("Adult Protective Services", "Investigation and help for vulnerable adults who are abused or neglected.")],
        ["personal-health-literacy"] = [("Health Education Classes", "Classes on managing diabetes, blood pressure and medications.")],
        ["health-insurance-coverage-status"] = [("Health Insurance Navigators", "Help enrolling in Medicaid and marketplace plans.")],
        ["medical-cost-burden"] = [("Medical Bill Assistance", "Help with hospital financial assistance and medical debt.")],
        ["digital-literacy"] = [("Digital Skills Class", "Learn to use a computer, smartphone and the internet.")],
        ["digital-access"] = [("Free Internet and Devices", "Low-cost internet enrollment and free refurbished laptops.")],
        ["utility-insecurity"] = [("Energy Assistance", "Help paying gas and electric bills and avoiding shutoff."), ("Water Bill Assistance", "Help with water bills and payment plans.")],
        ["language-access"] = [("Interpretation Services", "Free interpreters for appointments and documents."), ("English Classes", "Free English as a second language classes.")],
        ["incarceration-status"] = [("Reentry Services", "Support after release: ID, housing, jobs and benefits.")],
    };

    private static readonly (string Days, string Opens, string Closes)[] Patterns =
    [
        ("MO,TU,WE,TH,FR", "09:00:00", "17:00:00"),
        ("MO,TU,WE,TH,FR", "08:30:00", "16:30:00"),
        ("TU,TH", "10:00:00", "14:00:00"),
        ("SA", "08:00:00", "12:00:00"),
        ("MO,WE,FR", "12:00:00", "19:00:00"),
        ("MO,TU,WE,TH", "17:00:00", "21:00:00"),
        ("MO,TU,WE,TH,FR,SA,SU", "19:00:00", "07:00:00"), // overnight, e.g. a shelter
        ("MO,TU,WE,TH,FR,SA,SU", "00:00:00", "00:00:00"), // around the clock, e.g. a hotline
    ];

    private static readonly (string Code, string Name, double Share)[] ExtraLanguages =
    [
        ("es", "Spanish", 0.45), ("zh", "Chinese", 0.06), ("ko", "Korean", 0.05), ("fr", "French", 0.05),
        ("am", "Amharic", 0.04), ("ar", "Arabic", 0.04), ("vi", "Vietnamese", 0.04), ("ru", "Russian", 0.03), ("ase", "American Sign Language", 0.05),
    ];

    /// <summary>The county every demo service serves: Baltimore City's FIPS code.</summary>
    private const string BaltimoreCity = "24510";

    // Income limits as common in these programs (TEFAP food at 200% of the guidelines, Maryland energy assistance at 175%).
    private static readonly Dictionary<string, int> DemoIncomeLimits = new() { ["food-insecurity"] = 200, ["utility-insecurity"] = 175 };

    private static readonly Dictionary<string, string[]> DemoDocuments = new()
    {
        ["food-insecurity"] = ["Photo ID", "Proof of address"],
        ["utility-insecurity"] = ["Most recent utility bill", "Proof of household income"],
    };

    private static readonly string[] OrgWords = ["Harbor", "Unity", "Chesapeake", "Patapsco", "Druid Hill", "Greenmount", "Beacon", "Hope", "New Day", "Riverside", "Oriole", "Cornerstone", "Bridge", "Sojourner", "Douglass", "Harriet Tubman", "Charm City", "Jones Falls", "Gwynns Falls", "Herring Run"];
    private static readonly string[] OrgKinds = ["Community Center", "Family Services", "Outreach", "Alliance", "Mission", "Neighborhood Association", "Health Center", "Coalition", "Partners", "Collaborative"];
    private static readonly string[] Streets = ["North Avenue", "Greenmount Avenue", "Edmondson Avenue", "Pennsylvania Avenue", "Eastern Avenue", "Harford Road", "Belair Road", "Park Heights Avenue", "Liberty Heights Avenue", "Charles Street", "Monument Street", "Baltimore Street", "Fayette Street", "Wilkens Avenue", "York Road", "Reisterstown Road", "Frederick Avenue", "Washington Boulevard", "Patterson Park Avenue", "Fulton Avenue"];

    /// <summary>Builds the directory as of a date (assured dates fall in the year before it).</summary>
    public HsdsDataset Generate(int services, DateOnly asOf, string communityId)
    {
        var rng = new Random(seed);
        var data = new HsdsDataset();
        var n = 0;
        string Id(string kind) => DeterministicGuid.From($"braid-demo:{seed}:{kind}:{n++}").ToString();
        T Put<T>(T record) where T : HsdsRecord
        {
            record.CommunityId = communityId;
            data.Put(record);
            return record;
        }

        // Taxonomies: need domains, organization sectors, capacity.
        Put(new Taxonomy { Id = NeedDomains.TaxonomyId, Name = "SDOH need domains", Description = "Gravity Project SDOH categories (SDOHCC CodeSystem temporary codes).", Uri = NeedDomains.System, Version = "2.2.0" });
        foreach (var d in NeedDomains.All)
        {
            Put(new TaxonomyTerm { Id = NeedDomains.TermId(d.Code), Code = d.Code, Name = d.English, Description = d.English, Taxonomy = "SDOHCC", TaxonomyId = NeedDomains.TaxonomyId, TermUri = NeedDomains.System + "#" + d.Code, Language = "en" });
        }

        Put(new Taxonomy { Id = SectorTaxonomyId, Name = "Braid organization sectors", Description = "The sector an organization belongs to in a community information exchange." });
        foreach (var s in Sectors)
        {
            Put(new TaxonomyTerm { Id = SectorTermId(s.Code), Code = s.Code, Name = s.Name, Description = s.Name, TaxonomyId = SectorTaxonomyId, Taxonomy = "Braid sectors" });
        }

        Put(new Taxonomy { Id = CapacityTaxonomyId, Name = "Braid service capacity", Description = "How many people a service can serve per period; the attribute value holds the number and period." });
        var capacityTerm = Put(new TaxonomyTerm { Id = DeterministicGuid.From("braid-capacity").ToString(), Code = "capacity", Name = "Capacity", Description = "People or households served per period", TaxonomyId = CapacityTaxonomyId });
        foreach (var record in SelfReferral.Vocabulary(communityId)) Put(record);
        foreach (var record in EligibilityAttributes.Vocabulary(communityId)) Put(record);

        // Organizations: about one per five services, every sector present.
        var orgCount = Math.Max(Sectors.Length, services / 5);
        var orgs = new List<(Organization Org, List<Location> Locations, string Sector)>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        // Real regions have several "Unity Outreach"-like names; a neighborhood tells them apart.
        string UniqueName(string name)
        {
            var candidate = name;
            for (var attempt = 0; !usedNames.Add(candidate); attempt++)
            {
                candidate = attempt < 20 ? $"{name} of {Pick(rng, region.Tracts).Neighborhood}" : $"{name} {usedNames.Count}";
            }

            return candidate;
        }

        for (var i = 0; i < orgCount; i++)
        {
            var sector = i < Sectors.Length ? Sectors[i] : Pick(rng, Sectors);
            var name = sector.Code switch
            {
                "health-care" => $"{Pick(rng, OrgWords)} Health System",
                "public-agency" => $"Baltimore City {Pick(rng, ["Department of Social Services", "Health Department", "Office of Aging", "Housing Authority", "Office of Employment Development"])}",
                "health-plan" => $"{Pick(rng, OrgWords)} Health Plan",
                "211" => "211 Maryland Central",
                "funder" => $"{Pick(rng, OrgWords)} Community Foundation",
                "backbone" => $"{Pick(rng, OrgWords)} Health Equity Partnership",
                _ => $"{Pick(rng, OrgWords)} {Pick(rng, OrgKinds)}",
            };
            var org = Put(new Organization
            {
                Id = Id("organization"),
                Name = UniqueName(name),
                Description = $"{name} serves Baltimore City residents.",
                Email = $"info{i + 1}@example.org",
                Website = $"https://example.org/org{i + 1}",
                YearIncorporated = 1950 + rng.Next(70),
                LegalStatus = sector.Code is "public-agency" ? "Government" : "Nonprofit",
            });
            Put(new HsdsAttribute { Id = Id("attribute"), LinkId = org.Id, LinkEntity = "organization", LinkType = "sector", TaxonomyTermId = SectorTermId(sector.Code) });
            var locations = new List<Location>();
            for (var l = 0; l < 1 + rng.Next(3); l++)
            {
                locations.Add(NewLocation(rng, org, r => Put(r), Id, l));
            }

            orgs.Add((org, locations, sector.Code));
        }

        // Services: every need domain covered, CBOs carry most of them.
        var domains = NeedDomains.All;
        for (var i = 0; i < services; i++)
        {
            var domain = i < domains.Count ? domains[i] : Pick(rng, domains);
            var kind = Pick(rng, Kinds[domain.Code]);
            var (org, locations, _) = orgs[i < orgs.Count ? i : rng.Next(orgs.Count)];
            var minimumAge = kind.Name.Contains("Senior", StringComparison.Ordinal) || kind.Name.Contains("older", StringComparison.Ordinal) ? 60 : (int?)null;
            var incomeLimit = DemoIncomeLimits.TryGetValue(domain.Code, out var limit) ? limit : (int?)null;
            var service = Put(new Service
            {
                Id = Id("service"),
                OrganizationId = org.Id,
                Name = kind.Name,
                Description = kind.Description,
                Status = "active",
                Email = org.Email,
                Url = org.Website,
                FeesDescription = rng.NextDouble() < 0.85 ? "Free" : "Sliding scale based on income",
                EligibilityDescription = (minimumAge is null ? "Baltimore City residents" : $"Baltimore City residents aged {minimumAge} and over")
                    + (incomeLimit is null ? "" : $" with household income at or below {incomeLimit}% of the federal poverty guidelines"),
                MinimumAge = minimumAge,
                ApplicationProcess = rng.NextDouble() < 0.5 ? "Walk in during open hours" : "Call to make an appointment",
                AssuredDate = asOf.AddDays(-rng.Next(400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                AssurerEmail = org.Email,
                LastModified = asOf.AddDays(-rng.Next(400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00Z",
            });
            Put(new HsdsAttribute { Id = Id("attribute"), LinkId = service.Id, LinkEntity = "service", LinkType = "need", TaxonomyTermId = NeedDomains.TermId(domain.Code) });
            // Food services and those people walk in to also take people's own requests from their portal. Its own id series keeps every other id as it was.
            if (domain.Code == "food-insecurity" || service.ApplicationProcess?.StartsWith("Walk in", StringComparison.Ordinal) == true)
                Put(SelfReferral.Attribute(communityId, service.Id, DeterministicGuid.From($"braid-demo:{seed}:self-referral:{service.Id}").ToString()));
            // The same rules as the text, for a machine to check; their own id series keeps every other id as it was.
            var ruleIds = 0;
            foreach (var record in EligibilityAttributes.Records(communityId, service.Id,
                         new EligibilityRules { IncomeLimitPercent = incomeLimit, Counties = [BaltimoreCity], Documents = DemoDocuments.GetValueOrDefault(domain.Code, []) },
                         () => DeterministicGuid.From($"braid-demo:{seed}:eligibility:{service.Id}:{ruleIds++}").ToString()))
                Put(record);
            Put(new HsdsAttribute { Id = Id("attribute"), LinkId = service.Id, LinkEntity = "service", LinkType = "capacity", TaxonomyTermId = capacityTerm.Id, Value = $"{10 * (1 + rng.Next(30))} per week" });
            Put(new Phone { Id = Id("phone"), ServiceId = service.Id, Number = $"410-555-{rng.Next(10000):D4}", Type = "voice" });
            Put(new Language { Id = Id("language"), ServiceId = service.Id, Code = "en", Name = "English" });
            foreach (var lang in ExtraLanguages)
            {
                if (rng.NextDouble() < lang.Share)
                {
                    Put(new Language { Id = Id("language"), ServiceId = service.Id, Code = lang.Code, Name = lang.Name });
                }
            }

            // Mostly at one of the organization's sites, sometimes at two.
            foreach (var location in locations.OrderBy(_ => rng.Next()).Take(rng.NextDouble() < 0.8 ? 1 : 2))
            {
                var sal = Put(new ServiceAtLocation { Id = Id("service_at_location"), ServiceId = service.Id, LocationId = location.Id });
                var pattern = domain.Code switch
                {
                    "homelessness" when kind.Name.Contains("Shelter", StringComparison.Ordinal) => Patterns[6],
                    "intimate-partner-violence" when kind.Name.Contains("Hotline", StringComparison.Ordinal) => Patterns[7],
                    _ => Patterns[rng.Next(Patterns.Length - 2)],
                };
                Put(new Schedule
                {
                    Id = Id("schedule"),
                    ServiceAtLocationId = sal.Id,
                    Freq = "WEEKLY",
                    Wkst = "MO",
                    Byday = pattern.Days,
                    OpensAt = pattern.Opens,
                    ClosesAt = pattern.Closes,
                    Description = $"{pattern.Days} {pattern.Opens[..5]}–{pattern.Closes[..5]}",
                });
            }
        }

        return data;
    }

    private Location NewLocation(Random rng, Organization org, Action<HsdsRecord> put, Func<string, string> id, int index)
    {
        var tract = Pick(rng, region.Tracts);
        // Jitter within about 150 m of the tract's internal point keeps the site inside its tract.
        var lat = Math.Round(tract.Point.Latitude + (rng.NextDouble() - 0.5) * 0.0027, 6);
        var lon = Math.Round(tract.Point.Longitude + (rng.NextDouble() - 0.5) * 0.0035, 6);
        var location = new Location
        {
            Id = id("location"),
            OrganizationId = org.Id,
            LocationType = "physical",
            Name = index == 0 ? $"{org.Name} – {tract.Neighborhood}" : $"{org.Name} – {tract.Neighborhood} site",
            Latitude = lat,
            Longitude = lon,
            ExternalIdentifier = tract.Geoid,
            ExternalIdentifierType = "census-tract-2010",
        };
        put(location);
        var zip = region.NearestZip(new(lat, lon));
        put(new Address
        {
            Id = id("address"),
            LocationId = location.Id,
            Address1 = $"{100 + rng.Next(4800)} {Pick(rng, Streets)}",
            City = region.City,
            StateProvince = region.State,
            PostalCode = zip.Id,
            Country = "US",
            AddressType = "physical",
        });
        // Two sites in three describe step-free access. Chosen by the tract, id derived from the
        // location's: neither draws from the shared sequences, so every other listing stays as it was.
        if (tract.Geoid[^1] % 3 != 0)
        {
            put(new Accessibility
            {
                Id = DeterministicGuid.From(location.Id + ":accessibility").ToString(), LocationId = location.Id,
                Description = "Step-free entrance and an accessible restroom",
            });
        }

        return location;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static (string Code, string Name, double Share) Pick(Random rng, (string Code, string Name, double Share)[] weighted)
    {
        var x = rng.NextDouble() * weighted.Sum(w => w.Share);
        foreach (var w in weighted)
        {
            x -= w.Share;
            if (x <= 0) return w;
        }

        return weighted[^1];
    }
}
