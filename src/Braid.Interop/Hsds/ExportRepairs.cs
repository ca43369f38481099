using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Braid.Core;
using Braid.Core.Directory.Geo;

namespace Braid.Interop.Hsds;

/// <summary>
/// Repairs the predictable flaws of real 211 exports that have one obvious repair, before
/// validation, each reported as a warning with its class so the report can count them:
/// text with HTML entities, escaped line breaks, markup tags and stray spaces; websites without a
/// scheme; padded e-mails; phone numbers inside free text; services without a status; records
/// without an id or repeated. What has no obvious repair is left to the validator to report.
/// </summary>
public static partial class ExportRepairs
{
    /// <summary>HSDS 3.0 defaults for fields that older exports lack (listed in the README).</summary>
    public const string DefaultServiceStatus = "active";

    private static readonly Dictionary<string, string> MarkupDays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MON"] = "Monday", ["TUE"] = "Tuesday", ["WED"] = "Wednesday", ["THU"] = "Thursday", ["FRI"] = "Friday", ["SAT"] = "Saturday", ["SUN"] = "Sunday",
    };

    public static void Apply(List<RawRecord> records, List<ImportIssue> issues)
    {
        foreach (var record in records)
        {
            void Warn(string field, string problem, string code) =>
                issues.Add(new(record.File, record.Table, record.Id, field, problem, IsWarning: true, Code: code));

            var rules = HsdsSpec.Fields(record.Table);
            foreach (var (field, original) in record.Values.ToList())
            {
                if (original is null || rules.GetValueOrDefault(field) is not { } rule) continue;
                var value = original;
                if (value.Trim() != value)
                {
                    value = value.Trim();
                    Warn(field, "had spaces around it; trimmed", "whitespace");
                }

                if (rule.Format == "email")
                {
                    if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) value = value[7..].Trim();
                    if (value != original.Trim()) Warn(field, "had a mailto: prefix; removed", "email-trimmed");
                }
                else if (rule.Format == "uri")
                {
                    if (!value.Contains("://", StringComparison.Ordinal) && BareHost().IsMatch(value))
                    {
                        value = "https://" + value;
                        Warn(field, "had no scheme; https:// added", "url-scheme-added");
                    }
                }
                else if (rule.Type == "string" && rule.Format is null && field != "id")
                {
                    value = CleanText(value, (problem, code) => Warn(field, problem, code));
                }

                record.Values[field] = value.Length == 0 ? null : value;
            }

            if (record.Table == "phone" && record.Values.GetValueOrDefault("number") is { } number && !PlainPhone().IsMatch(number))
            {
                var found = NanpNumber().Matches(number);
                if (found.Count == 1)
                {
                    var m = found[0];
                    record.Values["number"] = $"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}";
                    if (Extension().Match(number) is { Success: true } ext && record.Values.GetValueOrDefault("extension") is null) record.Values["extension"] = ext.Groups[1].Value;
                    Warn("number", "held a phone number inside other text; the number was taken out", "phone-parsed");
                }
                else if (found.Count > 1)
                {
                    Warn("number", $"holds {found.Count} phone numbers; kept as written", "phone-ambiguous");
                }
            }

            if (record.Table == "service" && record.Values.GetValueOrDefault("status") is null)
            {
                record.Values["status"] = DefaultServiceStatus;
                Warn("status", $"was missing (HSDS 1.x has no status); set to '{DefaultServiceStatus}'", "status-defaulted");
            }

            if (record.Table is "organization" or "service" or "location" && record.Values.GetValueOrDefault("name") is { } name && NumberOnly().IsMatch(name))
            {
                Warn("name", $"is only a number ('{ImportIssue.Echo(name)}'): are the columns shifted?", "name-is-number");
            }
        }

        RepairIds(records, issues);
    }

    /// <summary>Flags locations placed outside the community's region; they are kept (a statewide hotline, a border town).</summary>
    public static void FlagOutsideRegion(IEnumerable<RawRecord> records, List<ImportIssue> issues, Func<GeoPoint, bool> inRegion)
    {
        foreach (var location in records.Where(r => r.Table == "location"))
        {
            if (double.TryParse(location.Values.GetValueOrDefault("latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) &&
                double.TryParse(location.Values.GetValueOrDefault("longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) &&
                new GeoPoint(lat, lon) is { IsValid: true } point && !inRegion(point))
            {
                issues.Add(new(location.File, location.Table, location.Id, "latitude", "is outside the community's region; kept, and flagged here", IsWarning: true, Code: "outside-region"));
            }
        }
    }

    private static string CleanText(string value, Action<string, string> repaired)
    {
        if (value.Contains('&') && WebUtility.HtmlDecode(value) is var decoded && decoded != value)
        {
            value = decoded;
            repaired("had HTML entities (&amp; …); decoded", "html-entities");
        }

        if (value.Contains("\\n", StringComparison.Ordinal))
        {
            value = value.Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
            repaired("had escaped line breaks (\\n); made line breaks", "escaped-line-breaks");
        }

        if (MarkupTag().IsMatch(value) || BreakTag().IsMatch(value))
        {
            value = MarkupTag().Replace(value, m => MarkupDays.GetValueOrDefault(m.Groups[1].Value, ""));
            value = BreakTag().Replace(value, "\n");
            value = MultipleSpaces().Replace(value, " ").Trim();
            repaired("had markup tags (###MON###, <br>); mapped or removed", "markup-tags");
        }

        return value;
    }

    /// <summary>
    /// Records without an id get one made from their content (so a re-import finds the same one);
    /// a repeated id that repeats the same record is merged; one that differs keeps the first.
    /// </summary>
    private static void RepairIds(List<RawRecord> records, List<ImportIssue> issues)
    {
        var kept = new Dictionary<(string, string), RawRecord>();
        var drop = new HashSet<RawRecord>(ReferenceEqualityComparer.Instance);
        foreach (var record in records)
        {
            if (record.Id is null)
            {
                var content = string.Join('\u001f', record.Values.Where(v => v.Value is not null).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
                record.Values["id"] = DeterministicGuid.From($"hsds-import:{record.Table}:{content}").ToString();
                issues.Add(new(record.File, record.Table, record.Id, "id", "was empty; an id was made from the record's content", IsWarning: true, Code: "id-generated"));
            }

            if (!kept.TryGetValue((record.Table, record.Id!), out var first))
            {
                kept[(record.Table, record.Id!)] = record;
                continue;
            }

            drop.Add(record);
            var same = record.Values.Where(v => v.Value is not null).All(v => first.Values.GetValueOrDefault(v.Key) == v.Value)
                       && first.Values.Where(v => v.Value is not null).All(v => record.Values.GetValueOrDefault(v.Key) == v.Value);
            issues.Add(same
                ? new(record.File, record.Table, record.Id, "id", "is repeated by an identical record; merged into one", IsWarning: true, Code: "duplicate-merged")
                : new(record.File, record.Table, record.Id, "id", "is repeated by a record that differs; the first is kept, this one is not imported", IsWarning: true, Code: "duplicate-conflict"));
        }

        records.RemoveAll(drop.Contains);
    }

    // www.example.org, example.org/path: a host name with a dot, no spaces.
    [GeneratedRegex(@"^(www\.)?[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+(:[0-9]+)?(/\S*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareHost();

    [GeneratedRegex(@"^\+?[0-9 ().-]+$")]
    private static partial Regex PlainPhone();

    // A North American (NANP) number: area code, exchange, line.
    [GeneratedRegex(@"\(?\b([2-9][0-9]{2})\)?[\s.-]*([2-9][0-9]{2})[\s.-]*([0-9]{4})\b")]
    private static partial Regex NanpNumber();

    [GeneratedRegex(@"\b(?:ext\.?|extension|x)\s*([0-9]{1,6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Extension();

    [GeneratedRegex(@"###([A-Z]+)###")]
    private static partial Regex MarkupTag();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex NumberOnly();
}
