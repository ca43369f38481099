using System.Globalization;
using Braid.Core;
using Braid.Core.Equity;
using Braid.Core.People;
using CsvHelper;

namespace Braid.Interop.People;

/// <summary>
/// Reads people to import from CSV: one person per record, a header naming Braid's person fields
/// (<see cref="Columns"/>, in any order, any subset that names the person). A header Braid does not
/// know refuses the file, so a misspelt column never drops what it held; a record that cannot be
/// read is a problem of its own line, naming the column.
/// </summary>
public static class PeopleCsv
{
    /// <summary>At most this many people in one file: one transaction checks each against everyone before it.</summary>
    public const int MaxRows = 10_000;

    private static readonly CsvReaderOptions Options = new() { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>The column a navigator fills in with yes after reviewing a held-back row's likely duplicates.</summary>
    public const string ConfirmedNew = "confirmed_new";

    /// <summary>A column: how its text sets the entry, or (for a yes/no column) how its answer does.</summary>
    private sealed record Column(string Name, Action<PersonEntry, string>? Text = null, Action<PersonEntry, bool>? YesNo = null);

    /// <summary>Every column, in the order a template lists them; confirmed_new sets the row, not the entry.</summary>
    private static readonly Column[] Table =
    [
        new("given_name", (e, v) => e.GivenName = v),
        new("family_name", (e, v) => e.FamilyName = v),
        new("preferred_name", (e, v) => e.PreferredName = v),
        new("birth_date", (e, v) => e.BirthDate = v),
        new("phone", (e, v) => e.Phone = v),
        new("email", (e, v) => e.Email = v),
        new("preferred_channel", (e, v) => e.PreferredChannel = v),
        new("may_leave_message", YesNo: (e, v) => e.MayLeaveMessage = v),
        new("alternate_contact", (e, v) => e.AlternateContact = v),
        new("address_line", (e, v) => e.AddressLine = v),
        new("city", (e, v) => e.City = v),
        new("state", (e, v) => e.State = v),
        new("postal_code", (e, v) => e.PostalCode = v),
        new("latitude", (e, v) => e.Latitude = v),
        new("longitude", (e, v) => e.Longitude = v),
        new("language", (e, v) => e.Language = v),
        new("interpreter_needed", YesNo: (e, v) => e.InterpreterNeeded = v),
        new("race_ethnicity", (e, v) => e.RaceEthnicity = Selections(v)),
        new("sex", (e, v) => e.Sex = v.ToLowerInvariant()),
        new("gender_identity", (e, v) => e.GenderIdentity = v),
        new("pronouns", (e, v) => e.Pronouns = v),
        new("household_size", (e, v) => e.HouseholdSize = v),
        new("income_band", (e, v) => e.IncomeBand = v.ToLowerInvariant()),
        new("strengths", (e, v) => e.Strengths = string.Join('\n', v.Split([';', '\n'], StringSplitOptions.TrimEntries))),
        new(ConfirmedNew),
    ];

    private static readonly Dictionary<string, Column> ByName = Table.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every column Braid reads, in the order a template lists them.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Table.Select(c => c.Name)];

    public static PeopleFile Read(TextReader text)
    {
        var rows = new List<PeopleFileRow>();
        var problems = new List<RowProblem>();
        try
        {
            using var csv = CsvReader.Create(new LineLengthLimit(text), Options, leaveOpen: true);
            if (!csv.Read()) return File([], 1, "file", "people-csv-empty");
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => (csv.GetString(i) ?? "").Trim()).ToList();
            header[0] = header[0].TrimStart('\uFEFF');
            foreach (var unknown in header.Where(h => !ByName.ContainsKey(h)))
                problems.Add(new RowProblem(1, unknown, new InputError("people-csv-column-unknown", unknown, string.Join(", ", Columns))));
            foreach (var repeated in header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                problems.Add(new RowProblem(1, repeated.Key, new InputError("people-csv-column-repeated", repeated.Key)));
            if (!header.Any(h => h.Equals("given_name", StringComparison.OrdinalIgnoreCase) || h.Equals("family_name", StringComparison.OrdinalIgnoreCase)))
                problems.Add(new RowProblem(1, "family_name", new InputError("people-csv-no-name")));
            if (problems.Count > 0) return new PeopleFile([], problems);

            var line = 1;
            while (csv.Read())
            {
                line++;
                if (rows.Count == MaxRows) return File([], line, "file", "people-csv-too-many", MaxRows);
                if (csv.FieldCount != header.Count)
                {
                    if (csv.FieldCount == 1 && string.IsNullOrWhiteSpace(csv.GetString(0))) continue;
                    problems.Add(new RowProblem(line, "row", new InputError("csv-field-count", csv.FieldCount, header.Count)));
                    continue;
                }

                rows.Add(Row(line, header, i => csv.GetString(i) ?? ""));
            }
        }
        catch (CsvFormatException e)
        {
            return File([], rows.Count + 2, "file", "csv-invalid", e.Message.Split('\n')[0]);
        }
        catch (LineTooLongException e)
        {
            return File([], e.Line, "file", "csv-line-too-long", LineLengthLimit.MaxChars);
        }

        return new PeopleFile(rows, problems);
    }

    private static PeopleFileRow Row(int line, List<string> header, Func<int, string> field)
    {
        var entry = new PersonEntry();
        var unreadable = new Dictionary<string, InputError>();
        var confirmed = false;
        for (var i = 0; i < header.Count; i++)
        {
            var (value, column) = (field(i).Trim(), ByName[header[i]]);
            if (value.Length == 0) continue;
            if (column.Text is { } set) set(entry, value);
            else if (YesNo(value) is not { } yes) unreadable[column.Name] = new InputError("yes-no-invalid", value);
            else if (column.YesNo is { } flag) flag(entry, yes);
            else confirmed = yes;
        }

        return new PeopleFileRow(line, entry, confirmed, unreadable);
    }

    private static bool? YesNo(string value) => value.ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "sí" or "si" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    /// <summary>An answer's selections in the standard's words (its common spellings recognised); any refusal is "declined".</summary>
    private static List<string> Selections(string answer)
    {
        var chosen = RaceEthnicity.Normalize(answer);
        return chosen.Contains(RaceEthnicity.Declined) ? [PersonEntry.Declined] : [.. chosen];
    }

    private static PeopleFile File(List<PeopleFileRow> rows, int line, string field, string key, params object[] args) =>
        new(rows, [new RowProblem(line, field, new InputError(key, args))]);
}
