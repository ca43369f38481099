using System.Globalization;
using System.Text.RegularExpressions;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Schedules;

namespace Braid.Core.Listings;

/// <summary>
/// One listing as its owner edits it: a service at one location and the records the one-screen form
/// changes. <paramref name="SiteOrganizationIds"/> are the organizations that own the location or
/// offer services there: the address belongs to the location, so when the site is shared, one of
/// them may not move it for all.
/// </summary>
public sealed record Listing(
    ServiceAtLocation ServiceAtLocation, Service Service, Location Location, Address? Address,
    IReadOnlyList<Schedule> Schedules, IReadOnlyList<Language> Languages, HsdsAttribute? Capacity,
    IReadOnlyCollection<string>? SiteOrganizationIds = null, HsdsAttribute? SelfReferral = null,
    IReadOnlyList<HsdsAttribute>? EligibilityRecords = null, IReadOnlyList<RequiredDocument>? Documents = null)
{
    /// <summary>The service's eligibility rules as stored (<see cref="EligibilityAttributes"/>).</summary>
    public EligibilityRules Rules => EligibilityAttributes.Read(Service, EligibilityRecords ?? [], Documents ?? []);

    /// <summary>The organization that provides the service, and so owns the listing.</summary>
    public OrganizationId Owner => new(Service.OrganizationId ?? "");

    /// <summary>Other organizations share the site, so its address is not this organization's alone.</summary>
    public bool SiteIsShared => SiteOrganizationIds?.Any(o => o != Service.OrganizationId) == true;
}

/// <summary>Opening hours of one weekday in the form; both empty means closed that day.</summary>
public sealed record DayHours(string Day, string? Opens, string? Closes);

/// <summary>Everything the one-screen edit form holds.</summary>
public sealed record ListingForm
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Status { get; init; }
    public string? Eligibility { get; init; }
    public string? Fees { get; init; }
    public string? Address1 { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public DayHours[] Hours { get; init; } = [];
    public string[] Languages { get; init; } = [];
    public string? Capacity { get; init; }

    /// <summary>Whether people may refer themselves from their portal; left as it is when not given.</summary>
    public bool? AcceptsSelfReferrals { get; init; }

    // The eligibility rules (EligibilityRules), as typed: each left as it is when not given (null), cleared when empty.
    public string? MinimumAge { get; init; }
    public string? MaximumAge { get; init; }

    /// <summary>Household income limit, a whole percentage of the HHS poverty guideline.</summary>
    public string? IncomeLimit { get; init; }

    /// <summary>5-digit county FIPS codes, separated by commas or spaces.</summary>
    public string? Counties { get; init; }
    public string? Zips { get; init; }

    /// <summary>Documents to bring, one per line.</summary>
    public string? Documents { get; init; }
}

/// <summary>One field's value before and after an edit, as the history shows it.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>The records to write and delete for an edit, and what changed.</summary>
public sealed record ListingChange(IReadOnlyList<HsdsRecord> Upserts, IReadOnlyList<HsdsRecord> Deletes, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Turns the owner's one-screen form into HSDS records: validates every field (errors keyed by
/// form field), rewrites the listing's weekly schedule and languages, and records what changed.
/// An edit by the owner also verifies the listing (HSDS assured_date/assurer_email). Times are
/// given in the community's time zone, so "verified today" is the community's today.
/// </summary>
public static partial class ListingEditor
{
    public static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>Languages the form offers (ISO 639 code and English name).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownLanguages = new Dictionary<string, string>
    {
        ["en"] = "English", ["es"] = "Spanish", ["zh"] = "Chinese", ["ko"] = "Korean", ["fr"] = "French", ["am"] = "Amharic",
        ["ar"] = "Arabic", ["vi"] = "Vietnamese", ["ru"] = "Russian", ["ase"] = "American Sign Language",
    };

    public static ListingForm FormOf(Listing l) => new()
    {
        Name = l.Service.Name,
        Description = l.Service.Description,
        Status = l.Service.Status,
        Eligibility = l.Service.EligibilityDescription,
        Fees = l.Service.FeesDescription,
        Address1 = l.Address?.Address1,
        City = l.Address?.City,
        PostalCode = l.Address?.PostalCode,
        Hours = [.. Days.Select(d => HoursOn(l.Schedules, d))],
        Languages = [.. l.Languages.Select(x => x.Code).OfType<string>().Distinct()],
        Capacity = l.Capacity?.Value,
        AcceptsSelfReferrals = l.SelfReferral is not null,
        MinimumAge = l.Rules.MinimumAge?.ToString(CultureInfo.InvariantCulture),
        MaximumAge = l.Rules.MaximumAge?.ToString(CultureInfo.InvariantCulture),
        IncomeLimit = l.Rules.IncomeLimitPercent?.ToString(CultureInfo.InvariantCulture),
        Counties = string.Join(", ", l.Rules.Counties),
        Zips = string.Join(", ", l.Rules.Zips),
        Documents = string.Join("\n", l.Rules.Documents),
    };

    /// <summary>The weekly hours as text, one group of days per line ("MO,TU 09:00–17:00"), for history and comparison.</summary>
    public static string HoursText(IEnumerable<DayHours> hours) =>
        string.Join("; ", hours.Where(h => h.Opens is not null)
            .GroupBy(h => (h.Opens, h.Closes))
            .Select(g => $"{string.Join(",", g.Select(h => h.Day))} {g.Key.Opens}–{g.Key.Closes}"));

    public static (ListingChange? Change, Dictionary<string, InputError> Errors) Apply(Listing l, ListingForm form, DateTimeOffset now, string editorEmail, Func<string> newId)
    {
        var errors = new Dictionary<string, InputError>();
        void Error(string field, string key, params object[] args) => errors[field] = new InputError(key, args);
        string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        // A JSON body can send null for any field, and text of any length or with control characters.
        foreach (var (field, value, max, multiline) in new[]
        {
            ("name", form.Name, 200, false), ("description", form.Description, 2000, true), ("status", form.Status, 20, false),
            ("eligibility", form.Eligibility, 2000, true), ("fees", form.Fees, 2000, true), ("address1", form.Address1, 200, false),
            ("city", form.City, 100, false), ("postal_code", form.PostalCode, 10, false), ("capacity", form.Capacity, 40, false),
        })
        {
            if (value is null) continue;
            if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))) Error(field, multiline ? "control-character" : "control-character-or-line-break");
            else if (value.Trim().Length > max) Error(field, "too-long", max, value.Trim().Length);
        }

        var name = Clean(form.Name);
        if (name is null && !errors.ContainsKey("name")) Error("name", "name-required");
        var status = Clean(form.Status) ?? "active";
        if (status is not ("active" or "inactive") && !errors.ContainsKey("status")) Error("status", "status");
        if (Clean(form.Address1) is null) Error("address1", "street-required");
        if (Clean(form.City) is null) Error("city", "city-required");
        if (Clean(form.PostalCode) is not { } zip || !ZipCode().IsMatch(zip)) Error("postal_code", "zip");
        if (Clean(form.Capacity) is { } capacity && !CapacityText().IsMatch(capacity)) Error("capacity", "capacity");
        var languages = form.Languages ?? [];
        if (languages.Length == 0) Error("languages", "no-language");
        foreach (var language in languages.Where(c => c is null || !KnownLanguages.ContainsKey(c)))
        {
            Error("languages", language is null ? "language-null" : "language-unknown", language ?? "", string.Join(", ", KnownLanguages.Keys));
        }

        var given = new Dictionary<string, DayHours>();
        if (form.Hours is null) Error("hours", "hours-missing");
        foreach (var (row, i) in (form.Hours ?? []).Select((h, i) => (h, i)))
        {
            if (row?.Day is not { } day) Error($"hours[{i}]", "day-missing", string.Join(", ", Days));
            else if (!Days.Contains(day)) Error($"hours[{i}]", "day-unknown", day, string.Join(", ", Days));
            else if (!given.TryAdd(day, row)) Error($"hours[{i}]", "day-twice", day);
        }

        var hours = new List<DayHours>();
        foreach (var day in Days)
        {
            var row = given.GetValueOrDefault(day) ?? new DayHours(day, null, null);
            var (opens, closes) = (Clean(row.Opens), Clean(row.Closes));
            if (opens is null && closes is null) continue;
            if (!OpeningRule.TryParseTime(opens, out var o) || !OpeningRule.TryParseTime(closes, out var c))
            {
                Error("hours-" + day, "times", day);
                continue;
            }

            hours.Add(new DayHours(day, o.ToString("HH:mm", CultureInfo.InvariantCulture), c.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        var rulesBefore = l.Rules;
        var rules = ReadRules(form, rulesBefore, errors);
        if (errors.Count > 0) return (null, errors);

        var changes = new List<FieldChange>();
        var upserts = new List<HsdsRecord>();
        var deletes = new List<HsdsRecord>();
        void Track(string field, string? before, string? after)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal)) changes.Add(new FieldChange(field, before, after));
        }

        var today = DateOnly.FromDateTime(now.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var service = Copy(l.Service);
        Track("name", service.Name, name);
        Track("description", service.Description, Clean(form.Description));
        Track("status", service.Status, status);
        Track("eligibility", service.EligibilityDescription, Clean(form.Eligibility));
        Track("fees", service.FeesDescription, Clean(form.Fees));
        service.Name = name;
        service.Description = Clean(form.Description);
        service.Status = status;
        service.EligibilityDescription = Clean(form.Eligibility);
        service.FeesDescription = Clean(form.Fees);

        var addressAfter = $"{Clean(form.Address1)}, {Clean(form.City)} {Clean(form.PostalCode)}";
        var addressChanged = FormatAddress(l.Address) != addressAfter;
        if (l.SiteIsShared && addressChanged)
        {
            return (null, new() { ["address1"] = new InputError("shared-site") });
        }

        var address = l.Address is null ? new Address { Id = newId(), CommunityId = l.Location.CommunityId, LocationId = l.Location.Id, AddressType = "physical", Country = "US" } : Copy(l.Address);
        Track("address", FormatAddress(l.Address), addressAfter);
        address.Address1 = Clean(form.Address1);
        address.City = Clean(form.City);
        address.PostalCode = Clean(form.PostalCode);
        if (addressChanged) upserts.Add(address);

        var hoursBefore = HoursText(Days.Select(d => HoursOn(l.Schedules, d)));
        var hoursAfter = HoursText(hours);
        Track("hours", hoursBefore, hoursAfter);
        if (hoursBefore != hoursAfter)
        {
            deletes.AddRange(l.Schedules);
            foreach (var group in hours.GroupBy(h => (h.Opens, h.Closes)))
            {
                var days = string.Join(",", group.Select(h => h.Day));
                upserts.Add(new Schedule
                {
                    Id = newId(), CommunityId = l.ServiceAtLocation.CommunityId, ServiceAtLocationId = l.ServiceAtLocation.Id,
                    Freq = "WEEKLY", Wkst = "MO", Byday = days, OpensAt = group.Key.Opens + ":00", ClosesAt = group.Key.Closes + ":00",
                    Description = $"{days} {group.Key.Opens}–{group.Key.Closes}",
                });
            }
        }

        var languagesBefore = string.Join(", ", l.Languages.Select(x => x.Code).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        var languagesAfter = string.Join(", ", languages.Distinct().Order(StringComparer.Ordinal));
        Track("languages", languagesBefore, languagesAfter);
        if (languagesBefore != languagesAfter)
        {
            deletes.AddRange(l.Languages);
            upserts.AddRange(languages.Distinct().Select(code => new Language
            {
                Id = newId(), CommunityId = l.Service.CommunityId, ServiceId = l.Service.Id, Code = code, Name = KnownLanguages[code],
            }));
        }

        Track("capacity", l.Capacity?.Value, Clean(form.Capacity));
        if (l.Capacity is { } existing)
        {
            var capacityAttribute = Copy(existing);
            capacityAttribute.Value = Clean(form.Capacity);
            upserts.Add(capacityAttribute);
        }

        var selfReferrals = form.AcceptsSelfReferrals ?? l.SelfReferral is not null;
        Track("accepts_self_referrals", l.SelfReferral is null ? "no" : "yes", selfReferrals ? "yes" : "no");
        if (selfReferrals && l.SelfReferral is null) upserts.AddRange([.. SelfReferral.Vocabulary(l.Service.CommunityId), SelfReferral.Attribute(l.Service.CommunityId, l.Service.Id, newId())]);
        if (!selfReferrals && l.SelfReferral is not null) deletes.Add(l.SelfReferral);

        Track("eligibility_rules", DescribeRules(rulesBefore), DescribeRules(rules));
        (service.MinimumAge, service.MaximumAge) = (rules.MinimumAge, rules.MaximumAge);
        if (!(rulesBefore with { MinimumAge = null, MaximumAge = null }).Equals(rules with { MinimumAge = null, MaximumAge = null }))
        {
            deletes.AddRange(l.EligibilityRecords ?? []);
            deletes.AddRange(l.Documents ?? []);
            upserts.AddRange(EligibilityAttributes.Vocabulary(l.Service.CommunityId));
            upserts.AddRange(EligibilityAttributes.Records(l.Service.CommunityId, l.Service.Id, rules, newId));
        }

        // Saving is the owner saying the listing is accurate today, whether or not anything changed.
        if (changes.Count > 0) service.LastModified = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        service.AssuredDate = today;
        service.AssurerEmail = editorEmail;
        upserts.Insert(0, service);
        return (new ListingChange(upserts, deletes, changes), errors);
    }

    private static EligibilityRules ReadRules(ListingForm form, EligibilityRules before, Dictionary<string, InputError> errors)
    {
        double? Age(string field, string? text, double? was)
        {
            if (text is null) return was;
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var age)) return age;
            errors[field] = new InputError("age-range", 0, 130);
            return null;
        }

        int? limit = before.IncomeLimitPercent;
        if (form.IncomeLimit is { } typed)
        {
            limit = string.IsNullOrWhiteSpace(typed) ? null : int.TryParse(typed.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : 0;
        }

        var rules = new EligibilityRules
        {
            MinimumAge = Age("minimum_age", form.MinimumAge, before.MinimumAge),
            MaximumAge = Age("maximum_age", form.MaximumAge, before.MaximumAge),
            IncomeLimitPercent = limit,
            Counties = form.Counties is null ? before.Counties : EligibilityRules.Split(form.Counties),
            Zips = form.Zips is null ? before.Zips : EligibilityRules.Split(form.Zips),
            Documents = form.Documents is null ? before.Documents : EligibilityRules.Lines(form.Documents.Split('\n')),
        };
        foreach (var (field, error) in rules.Validate()) errors.TryAdd(field, error);
        return rules;
    }

    /// <summary>The rules in one line, for the listing's history.</summary>
    private static string? DescribeRules(EligibilityRules r)
    {
        var parts = new List<string>();
        if (r.MinimumAge is not null || r.MaximumAge is not null) parts.Add($"ages {r.MinimumAge?.ToString(CultureInfo.InvariantCulture) ?? ""}–{r.MaximumAge?.ToString(CultureInfo.InvariantCulture) ?? ""}");
        if (r.IncomeLimitPercent is { } limit) parts.Add($"income ≤ {limit}% of the poverty guideline");
        if (r.Counties.Count > 0) parts.Add("counties " + string.Join(",", r.Counties));
        if (r.Zips.Count > 0) parts.Add("ZIPs " + string.Join(",", r.Zips));
        if (r.Documents.Count > 0) parts.Add("documents: " + string.Join(", ", r.Documents));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>The "still accurate" action: verifies without editing.</summary>
    public static Service Verified(Service service, DateTimeOffset now, string editorEmail)
    {
        var copy = Copy(service);
        copy.AssuredDate = DateOnly.FromDateTime(now.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        copy.AssurerEmail = editorEmail;
        return copy;
    }

    private static DayHours HoursOn(IReadOnlyList<Schedule> schedules, string day)
    {
        foreach (var s in schedules)
        {
            if (OpeningRule.FromHsds(s) is { Monthly: false } rule && (rule.Days.Count == 0 || rule.Days.Any(d => d.Ordinal == 0 && Days[((int)d.Day + 6) % 7] == day)))
            {
                return new DayHours(day, rule.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), rule.Closes.ToString("HH:mm", CultureInfo.InvariantCulture));
            }
        }

        return new DayHours(day, null, null);
    }

    private static string? FormatAddress(Address? a) => a is null ? null : $"{a.Address1}, {a.City} {a.PostalCode}";

    private static T Copy<T>(T record) where T : HsdsRecord
    {
        var table = HsdsModel.TableOf(record);
        var copy = (T)table.Create();
        copy.CommunityId = record.CommunityId;
        foreach (var field in table.Fields) field.Set(copy, field.Get(record));
        return copy;
    }

    // [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits.
    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"^[0-9]{1,6} per (day|week|month)$")]
    private static partial Regex CapacityText();
}
