using System.Text;
using System.Text.Json;
using Braid.Application.Equity;
using Braid.Core.Access;
using Braid.Core.Equity;
using Braid.Interop.Equity;
using Braid.Web.Access;

namespace Braid.Web.Equity;

/// <summary>
/// The options of a report, with its data: <c>rows</c> (objects of column → value) or <c>csv</c>
/// (a CSV text); or <c>source</c> "demo" or "context". Field names are those of <c>braid equity report</c>.
/// </summary>
public sealed record EquityReportBody(
    string? Outcome, string By, IReadOnlyList<string>? Adjust, string? Exposure, string? Estimate, string? Se, string? Population,
    IReadOnlyList<string>? Order, string? Reference, bool? Favourable, string? Period, string? Per, RaceView? RaceView, int? MinCell, bool? Areas,
    string? Title, EquitySource? Source, bool? Context, IReadOnlyList<Dictionary<string, JsonElement>>? Rows, string? Csv, string? Decision = null, double? Parity = null)
{
    public EquityRequest ToRequest() => new()
    {
        Outcome = Outcome, By = By, Adjust = Names(Adjust, "adjust") ?? [], Exposure = Exposure, Estimate = Estimate, StandardError = Se, Population = Population,
        Order = Names(Order, "order"), Reference = Reference, Favourable = Favourable, Period = Period, Per = Per, RaceView = RaceView,
        MinimumCell = MinCell ?? 11, UnitsArePeople = Areas != true, Title = Title, Decision = Decision, ParityThreshold = Parity ?? 0.8,
    };

    public EquityTable? Table()
    {
        if (Csv is { Length: > 0 } text) return EquityCsv.Read(new StringReader(text));
        if (Rows is not { Count: > 0 } rows) return null;
        if (FirstNull(rows) is var missing and >= 0) throw new EquityInputException($"rows[{missing}]", $"Row {missing + 1} is null; each row is an object of column → value.");
        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        return EquityTable.FromRows(columns, rows.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => r.TryGetValue(c, out var v) ? Text(v) : "")]));
    }

    // A JSON list may hold nulls whatever its declared type.
    private static IReadOnlyList<string>? Names(IReadOnlyList<string>? names, string field) =>
        names is not null && FirstNull(names) is var i and >= 0 ? throw new EquityInputException($"{field}[{i}]", $"Item {i + 1} of {field} is null; give column or group names.") : names;

    private static int FirstNull<T>(IReadOnlyList<T> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null) return i;
        }

        return -1;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => value.GetRawText(),
    };
}

/// <summary><c>POST /api/equity/report</c>: the same report as the CLI, from a JSON or a CSV body.</summary>
public static class EquityApi
{
    public static IEndpointRouteBuilder MapEquityApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/equity").WithTags("Equity").RequirePermission(Permission.EquityReport)
            .MapPost("/report", ReportAsync).WithName("EquityReport")
            .Accepts<EquityReportBody>("application/json", "text/csv")
            .Produces<EquityReport>(contentType: "application/json")
            .ProducesValidationProblem()
            .WithSummary("Group estimates with 95% CIs, gaps against the reference, summary measures and the race test. A JSON body holds the options and rows or csv; " +
                         "a text/csv body is the data, with the options in the query string (outcome, by, adjust=a,b, order=D,C,B,A, reference, adverse=true, period, per, …). format=json|csv|html.");
        app.MapGet("/equity/report.css", () => Results.Text(EquityHtml.Stylesheet, "text/css; charset=utf-8")).AllowEveryone().ExcludeFromDescription();
        return app;
    }

    // Input the report cannot use throws EquityInputException or JsonException; InputErrorHandler answers 400 naming the field.
    private static async Task<IResult> ReportAsync(HttpRequest http, RunEquityReport reports, CancellationToken ct)
    {
        EquityReportBody body;
        if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(http.Body, Encoding.UTF8);
            body = FromQuery(http.Query) with { Csv = await reader.ReadToEndAsync(ct) };
        }
        else
        {
            body = await JsonSerializer.DeserializeAsync<EquityReportBody>(http.Body, EquityJson.Options, ct)
                ?? throw new EquityInputException("body", "The body is empty.");
        }

        if (string.IsNullOrWhiteSpace(body.By)) throw new EquityInputException("by", "Say which column holds the groups (by).");
        var source = body.Source ?? EquitySource.Upload;
        var report = await reports.RunAsync(source, body.Table(), body.ToRequest(), body.Context == true, ct);
        return http.Query["format"].ToString() switch
        {
            "html" => Results.Content(EquityHtml.Document(report), "text/html; charset=utf-8"),
            "csv" => Results.Text(EquityJson.Csv(report), "text/csv; charset=utf-8"),
            _ => Results.Text(EquityJson.Serialize(report), "application/json; charset=utf-8"),
        };
    }

    private static EquityReportBody FromQuery(IQueryCollection q)
    {
        string? S(string name) => q[name].ToString() is { Length: > 0 } s ? s : null;
        List<string>? L(string name) => S(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new EquityReportBody(S("outcome"), S("by") ?? "", L("adjust"), S("exposure"), S("estimate"), S("se"), S("population"), L("order"), S("reference"),
            S("adverse") == "true" ? false : S("favourable") == "true" ? true : null, S("period"), S("per"),
            S("race_view") is not { } v ? null : Enum.TryParse<RaceView>(v, ignoreCase: true, out var view) ? view
                : throw new EquityInputException("race_view", $"race_view must be one of {string.Join(", ", Enum.GetNames<RaceView>()).ToLowerInvariant()}; got '{v}'."),
            int.TryParse(S("min_cell"), out var minCell) ? minCell : null, S("areas") == "true", S("title"), null, S("context") == "true", null, null,
            S("decision"), double.TryParse(S("parity"), System.Globalization.CultureInfo.InvariantCulture, out var parity) ? parity : null);
    }
}
