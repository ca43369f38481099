using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Schedules;
using Braid.Core.Listings;

namespace Braid.Core.Directory.Search;

/// <summary>
/// Joins the HSDS tables into one <see cref="DirectoryEntry"/> per active service at a location.
/// Values that repeat across listings (names, descriptions, terms, languages, opening hours) are
/// shared between entries, so a directory of a million listings fits in memory.
/// </summary>
public static class DirectoryEntryBuilder
{
    public static IEnumerable<DirectoryEntry> Build(HsdsDataset data, TimeZoneInfo zone)
    {
        ILookup<string, T> By<T>(Func<T, string?> key) where T : HsdsRecord =>
            data.All<T>().Where(r => key(r) is not null).ToLookup(r => key(r)!);

        var terms = data.All<TaxonomyTerm>().ToDictionary(t => t.Id);
        var attributesByLink = By<HsdsAttribute>(a => a.LinkId);
        var languagesByService = By<Language>(l => l.ServiceId);
        var languagesByLocation = By<Language>(l => l.LocationId);
        var phonesBySal = By<Phone>(p => p.ServiceAtLocationId);
        var phonesByService = By<Phone>(p => p.ServiceId);
        var phonesByLocation = By<Phone>(p => p.LocationId);
        var schedulesBySal = By<Schedule>(s => s.ServiceAtLocationId);
        var schedulesByService = By<Schedule>(s => s.ServiceId);
        var schedulesByLocation = By<Schedule>(s => s.LocationId);
        var addressesByLocation = By<Address>(a => a.LocationId);
        var accessibilityByLocation = By<Accessibility>(a => a.LocationId);
        var documentsByService = By<RequiredDocument>(d => d.ServiceId);
        var sharedRules = new Dictionary<EligibilityRules, EligibilityRules>();
        EligibilityRules Rules(Service service)
        {
            var rules = EligibilityAttributes.Read(service, attributesByLink[service.Id], documentsByService[service.Id]);
            return sharedRules.TryGetValue(rules, out var shared) ? shared : sharedRules[rules] = rules;
        }

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Shared(string? value) => value is null ? null : strings.TryGetValue(value, out var s) ? s : strings[value] = value;
        var serviceTerms = new Dictionary<string, ServiceTerm>(StringComparer.Ordinal);
        var termLists = new Dictionary<string, ServiceTerm[]>(StringComparer.Ordinal);
        ServiceTerm[] Terms(IEnumerable<ServiceTerm> terms)
        {
            var array = terms.ToArray();
            var key = string.Join(",", array.Select(t => t.Id));
            return termLists.TryGetValue(key, out var shared) ? shared : termLists[key] = array;
        }

        var languageLists = new Dictionary<string, LanguageOffered[]>(StringComparer.Ordinal);
        LanguageOffered[] Languages(IEnumerable<LanguageOffered> languages)
        {
            var array = languages.Distinct().ToArray();
            var key = string.Join("\n", array.Select(l => $"{l.Code}|{l.Name}"));
            return languageLists.TryGetValue(key, out var shared) ? shared : languageLists[key] = array;
        }
        var hours = new Dictionary<string, OpeningHours>(StringComparer.Ordinal);
        OpeningHours Hours(List<Schedule> schedules)
        {
            var key = string.Join("\n", schedules.Select(s => string.Join("|", s.Freq, s.Interval, s.Byday, s.Bymonthday, s.OpensAt, s.ClosesAt, s.Dtstart, s.Until, s.ValidFrom, s.ValidTo)));
            if (!hours.TryGetValue(key, out var h))
            {
                hours[key] = h = new OpeningHours([.. schedules.Select(OpeningRule.FromHsds).OfType<OpeningRule>()], zone);
            }

            return h;
        }

        foreach (var sal in data.All<ServiceAtLocation>())
        {
            var service = data.Find<Service>(sal.ServiceId);
            var location = data.Find<Location>(sal.LocationId);
            if (service is null || location is null || !string.Equals(service.Status, "active", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var organization = data.Find<Organization>(service.OrganizationId);
            var schedules = schedulesBySal[sal.Id].ToList();
            if (schedules.Count == 0) schedules = [.. schedulesByService[service.Id].Where(s => s.LocationId is null || s.LocationId == location.Id)];
            if (schedules.Count == 0) schedules = [.. schedulesByLocation[location.Id]];
            var phones = phonesBySal[sal.Id].Concat(phonesByService[service.Id]).Concat(phonesByLocation[location.Id]);
            var address = addressesByLocation[location.Id].OrderBy(a => a.AddressType == "physical" ? 0 : 1).FirstOrDefault();

            yield return new DirectoryEntry
            {
                ServiceAtLocationId = sal.Id,
                ServiceId = service.Id,
                ServiceName = Shared(service.Name) ?? "",
                ServiceDescription = Shared(service.Description),
                OrganizationId = organization?.Id,
                OrganizationName = Shared(organization?.Name),
                LocationName = Shared(location.Name),
                Address = address is null ? null : Shared(FormatAddress(address)),
                Point = location.Latitude is { } lat && location.Longitude is { } lon && new GeoPoint(lat, lon) is { IsValid: true } point ? point : null,
                Terms = Terms(attributesByLink[service.Id]
                    .Where(a => !EligibilityAttributes.IsEligibilityTerm(a.TaxonomyTermId))
                    .Select(a => terms.GetValueOrDefault(a.TaxonomyTermId ?? ""))
                    .OfType<TaxonomyTerm>()
                    .DistinctBy(t => t.Id)
                    .Select(t => serviceTerms.TryGetValue(t.Id, out var st) ? st : serviceTerms[t.Id] = new ServiceTerm(t.Id, t.Code, t.Name))),
                Languages = Languages(languagesByService[service.Id].Concat(languagesByLocation[location.Id])
                    .Select(l => new LanguageOffered(l.Code, l.Name))),
                Hours = Hours(schedules),
                Phones = phones.Select(p => Shared(p.Number)).OfType<string>().Distinct().ToArray(),
                Eligibility = Shared(service.EligibilityDescription),
                Fees = Shared(service.FeesDescription),
                Rules = Rules(service),
                LastVerified = Shared(service.AssuredDate),
                Accessibility = Shared(string.Join("; ", accessibilityByLocation[location.Id].Select(a => a.Description?.Trim()).Where(d => !string.IsNullOrEmpty(d))) is { Length: > 0 } access ? access : null),
            };
        }
    }

    public static string FormatAddress(Address a) =>
        string.Join(", ", new[] { a.Address1, a.Address2, a.City, $"{a.StateProvince} {a.PostalCode}".Trim() }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
}
