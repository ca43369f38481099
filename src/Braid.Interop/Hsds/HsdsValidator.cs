using System.Globalization;
using System.Net.Mail;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Schedules;

namespace Braid.Interop.Hsds;

/// <summary>The records that passed and every problem found.</summary>
public sealed record ValidationResult(IReadOnlyList<HsdsRecord> Valid, IReadOnlyList<ImportIssue> Issues)
{
    public int ErrorCount => Issues.Count(i => !i.IsWarning);
}

/// <summary>
/// Checks raw records against the HSDS 3.0 datapackage (required fields, UUIDs, numbers, dates,
/// times, e-mail and URI formats, enumerations, duplicate ids, foreign keys) and converts the
/// valid ones to typed records. Foreign keys may point into the batch or at what is already stored.
/// </summary>
public static class HsdsValidator
{
    private static readonly string[] TimeFormats = ["HH:mm:ss", "HH:mm", "HH:mm:ss.FFFFFFF"];

    public static ValidationResult Validate(IReadOnlyList<RawRecord> raws, string communityId, Func<string, string, bool> existsInStore)
    {
        var issues = new List<ImportIssue>();
        var rejected = new HashSet<RawRecord>(ReferenceEqualityComparer.Instance);
        var seen = new Dictionary<(string, string), RawRecord>();

        foreach (var raw in raws)
        {
            var before = issues.Count;
            CheckFields(raw, issues);
            if (raw.Id is { } id && !seen.TryAdd((raw.Table, id), raw))
            {
                issues.Add(new(raw.File, raw.Table, id, "id", "duplicate id: the same record appears more than once", Code: "duplicate-id"));
            }

            if (issues.Skip(before).Any(i => !i.IsWarning)) rejected.Add(raw);
        }

        // Foreign keys, repeated until stable: dropping an invalid parent invalidates its children.
        var changed = true;
        var reported = new HashSet<(RawRecord, string)>();
        while (changed)
        {
            changed = false;
            var present = raws.Where(r => !rejected.Contains(r) && r.Id is not null).Select(r => (r.Table, r.Id!)).ToHashSet();
            foreach (var raw in raws.Where(r => !rejected.Contains(r)))
            {
                foreach (var fk in HsdsSpec.ForeignKeys(raw.Table))
                {
                    if (raw.Values.GetValueOrDefault(fk.Field) is not { Length: > 0 } target ||
                        present.Contains((fk.Table, target)) || existsInStore(fk.Table, target) || !reported.Add((raw, fk.Field)))
                    {
                        continue;
                    }

                    // A reference into a record rejected in this batch is an error. A reference to a record
                    // neither here nor stored (exports are often a slice of a larger directory) is an
                    // error when the link is required, and is dropped, keeping the record, when it is optional.
                    if (seen.ContainsKey((fk.Table, target)))
                    {
                        issues.Add(new(raw.File, raw.Table, raw.Id, fk.Field, $"refers to {fk.Table} {target}, which is invalid", Code: "link-invalid"));
                        rejected.Add(raw);
                        changed = true;
                    }
                    else if (HsdsSpec.Fields(raw.Table)[fk.Field].Required)
                    {
                        issues.Add(new(raw.File, raw.Table, raw.Id, fk.Field, $"refers to {fk.Table} {target}, which is not in this import or the directory, and the link is required", Code: "link-missing"));
                        rejected.Add(raw);
                        changed = true;
                    }
                    else
                    {
                        raw.Values[fk.Field] = null;
                        issues.Add(new(raw.File, raw.Table, raw.Id, fk.Field, $"refers to a {fk.Table} that is not in this import or the directory; the record is kept without the link", IsWarning: true, Code: "link-dropped"));
                    }
                }
            }
        }

        var valid = raws.Where(r => !rejected.Contains(r)).Select(r => ToRecord(r, communityId)).ToList();
        return new ValidationResult(valid, issues);
    }

    private static void CheckFields(RawRecord raw, List<ImportIssue> issues)
    {
        var rules = HsdsSpec.Fields(raw.Table);
        void Error(string field, string problem, string code) => issues.Add(new(raw.File, raw.Table, raw.Id, field, problem, Code: code));

        foreach (var (name, value) in raw.Values)
        {
            if (!rules.ContainsKey(name))
            {
                issues.Add(new(raw.File, raw.Table, raw.Id, name, "is not an HSDS 3.0 field; ignored", IsWarning: true, Code: "unknown-field"));
            }
        }

        foreach (var rule in rules.Values)
        {
            var value = raw.Values.GetValueOrDefault(rule.Name);
            if (string.IsNullOrEmpty(value))
            {
                if (rule.Required) Error(rule.Name, "is required", "required");
                continue;
            }

            var got = $"got '{ImportIssue.Echo(value)}'";
            var (problem, code) = rule.Type switch
            {
                "number" when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => ($"must be a number, {got}", "not-a-number"),
                "date" when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => ($"must be a date (YYYY-MM-DD), {got}", "not-a-date"),
                "datetime" when !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) || !value.Contains('T') => ($"must be an ISO 8601 date-time, {got}", "not-a-date-time"),
                "time" when !TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => ($"must be a time (HH:MM:SS), {got}", "not-a-time"),
                _ => rule.Format switch
                {
                    "uuid" when !Guid.TryParseExact(value, "D", out _) => ($"must be a UUID, {got}", "not-a-uuid"),
                    "email" when !MailAddress.TryCreate(value, out _) => ($"must be an e-mail address, {got}", "not-an-email"),
                    "uri" when !Uri.TryCreate(value, UriKind.Absolute, out _) => ($"must be an absolute URI, {got}", "not-a-uri"),
                    _ => rule.Enum is { } allowed && !allowed.Contains(value) ? ($"must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, {got}", "not-in-list")
                        : rule.Name == "byday" && !OpeningRule.IsValidByDay(value) ? ($"must be RFC 5545 BYDAY days such as 'MO,TU' or '1MO', {got}", "not-byday")
                        : ((string?)null, ""),
                },
            };
            if (problem is not null) Error(rule.Name, problem, code);
        }

        if (raw.Table == "location")
        {
            foreach (var (field, limit) in new[] { ("latitude", 90.0), ("longitude", 180.0) })
            {
                if (raw.Values.GetValueOrDefault(field) is { } text && double.TryParse(text, CultureInfo.InvariantCulture, out var v) && Math.Abs(v) > limit)
                {
                    issues.Add(new(raw.File, raw.Table, raw.Id, field, $"is outside -{limit}..{limit} ({ImportIssue.Echo(text)}); kept, but the location cannot be placed on a map", IsWarning: true, Code: "coordinate-out-of-range"));
                }
            }
        }
    }

    private static HsdsRecord ToRecord(RawRecord raw, string communityId)
    {
        var table = HsdsModel.Table(raw.Table);
        var record = table.Create();
        record.CommunityId = communityId;
        foreach (var field in table.Fields)
        {
            if (raw.Values.GetValueOrDefault(field.Name) is { Length: > 0 } value)
            {
                field.SetText(record, value);
            }
        }

        return record;
    }
}
