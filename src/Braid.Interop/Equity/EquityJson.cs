using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Braid.Core.Equity;
using CsvHelper;

namespace Braid.Interop.Equity;

/// <summary>The report as JSON (the documented shape the CLI and the API share) and as one CSV table.</summary>
public static class EquityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(EquityReport report) => JsonSerializer.Serialize(report, Options);

    private static readonly CsvWriterOptions CsvOptions = new() { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };

    /// <summary>
    /// One line per group (per stratum and period), per summary measure and per test, told apart
    /// by the <c>section</c> column; withheld figures are empty with the reason in <c>suppressed</c>.
    /// </summary>
    public static string Csv(EquityReport report)
    {
        var text = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvOptions, leaveOpen: true))
        {
            void Line(params object?[] fields) => csv.WriteRecord([.. fields.Select(f => f switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                string text => SpreadsheetText.Safe(text),
                _ => Convert.ToString(f, CultureInfo.InvariantCulture) ?? "",
            })]);

            Line("section", "stratum", "period", "name", "order", "units", "events", "estimate", "lower", "upper", "method",
                "difference", "difference_lower", "difference_upper", "ratio", "ratio_lower", "ratio_upper", "is_reference", "suppressed", "p_value");
            void Report(EquityReport r, string stratum)
            {
                void Groups(IEnumerable<GroupRow> rows, string period)
                {
                    foreach (var g in rows)
                        Line("group", stratum, period, g.Group, g.Order, g.Units, g.Events, g.Estimate, g.Lower, g.Upper, g.Method,
                            g.Difference?.Estimate, g.Difference?.Lower, g.Difference?.Upper, g.Ratio?.Estimate, g.Ratio?.Lower, g.Ratio?.Upper, g.IsReference, g.Suppressed, null);
                }

                Groups([r.Overall], "");
                Groups(r.Groups, "");
                foreach (var p in r.Periods) Groups(p.Groups, p.Period);
                foreach (var m in r.Measures) Line("measure", stratum, "", m.Measure, null, null, null, m.Value, null, null, m.Weighting, null, null, null, null, null, null, null, null, null);
                if (r.Test is { } t) Line("test", stratum, "", t.Test, null, t.Units, null, t.Statistic, null, null, t.Model, null, null, null, null, null, null, null, null, t.PValue);
                if (r.Trend is { } trend) Line("trend", stratum, "", "interaction", null, null, null, trend.Statistic, null, null, trend.Verdict, null, null, null, null, null, null, null, null, trend.PValue);
            }

            Report(report, "");
            foreach (var s in report.Strata) Report(s.Report, s.Stratum);
        }

        return text.ToString();
    }
}
