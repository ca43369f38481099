using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Braid.Application.Equity;
using Braid.Core.Equity;
using Braid.Interop.Equity;

namespace Braid.Web.Equity;

/// <summary>
/// The options of a report, with its data: <c>rows</c> (objects of column → value) or <c>csv</c>
/// (a CSV text); or <c>source</c> "demo" or "context". Field names are those of <c>braid equity report</c>.
/// </summary>
public sealed record EquityReportBody : EquityRequest
{
    public EquitySource? Source { get; init; }
    public bool? Context { get; init; }
    public IReadOnlyList<Dictionary<string, JsonElement>>? Rows { get; init; }
    public string? Csv { get; init; }

    public EquityTable? Table()
    {
        if (Csv is { Length: > 0 } text) return EquityCsv.Read(new StringReader(text));
        if (Rows is not { Count: > 0 } rows) return null;
        if (FirstNull(rows) is var missing and >= 0) throw new EquityInputException($"rows[{missing}]", EquityText.Get("row-null", missing + 1));
        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        return EquityTable.FromRows(columns, rows.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => r.TryGetValue(c, out var v) ? Text(v) : "")]));
    }

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

/// <summary>
/// The query string of a report: the output format, and, for a <c>text/csv</c> body (which holds
/// only the data), the report's options. Read as text, so a bad value is named in the answer.
/// </summary>
public sealed class EquityQuery
{
    [FromQuery(Name = "format"), Description("json (default), csv or html.")] public string? Format { get; set; }
    [FromQuery(Name = "outcome"), Description("CSV body: the outcome column.")] public string? Outcome { get; set; }
    [FromQuery(Name = "by"), Description("CSV body: the grouping column (e.g. race, holc_grade).")] public string? By { get; set; }
    [FromQuery(Name = "adjust"), Description("CSV body: covariates for the race test, comma-separated.")] public string? Adjust { get; set; }
    [FromQuery(Name = "exposure"), Description("CSV body: person-time column (the outcome is a count).")] public string? Exposure { get; set; }
    [FromQuery(Name = "estimate"), Description("CSV body, published table: the estimate column.")] public string? Estimate { get; set; }
    [FromQuery(Name = "se"), Description("CSV body, published table: the standard error column.")] public string? Se { get; set; }
    [FromQuery(Name = "population"), Description("CSV body: people per row.")] public string? Population { get; set; }
    [FromQuery(Name = "order"), Description("CSV body: ordered groups, most disadvantaged first, comma-separated (e.g. D,C,B,A).")] public string? Order { get; set; }
    [FromQuery(Name = "reference"), Description("CSV body: best, average, a group's name, or advantaged.")] public string? Reference { get; set; }
    [FromQuery(Name = "adverse"), Description("CSV body: true when a higher value is worse.")] public string? Adverse { get; set; }
    [FromQuery(Name = "favourable"), Description("CSV body: true when a higher value is better (the default).")] public string? Favourable { get; set; }
    [FromQuery(Name = "period"), Description("CSV body: the period column.")] public string? Period { get; set; }
    [FromQuery(Name = "per"), Description("CSV body: the stratum column (a report per value, and pooled).")] public string? Per { get; set; }
    [FromQuery(Name = "race_view"), Description("CSV body: multiracial (default), alone, combination or hispanic.")] public string? RaceView { get; set; }
    [FromQuery(Name = "min_cell"), Description("CSV body: withhold figures from fewer people than this (default 11; 0: off).")] public string? MinCell { get; set; }
    [FromQuery(Name = "areas"), Description("CSV body: true when the units are areas, not people.")] public string? Areas { get; set; }
    [FromQuery(Name = "title"), Description("CSV body: the report's title.")] public string? Title { get; set; }
    [FromQuery(Name = "context"), Description("CSV body: true to join the imported tract context through the data's tract column.")] public string? Context { get; set; }
    [FromQuery(Name = "decision"), Description("CSV body: a 0/1 decision column audited against the outcome.")] public string? Decision { get; set; }
    [FromQuery(Name = "parity"), Description("CSV body: the parity band τ of the decision audit (default 0.8).")] public string? Parity { get; set; }

    /// <summary>The options, with the CSV body as the data.</summary>
    public EquityReportBody ToBody(string csv)
    {
        static string? S(string? s) => s is { Length: > 0 } ? s : null;
        static List<string>? L(string? s) => S(s)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new EquityReportBody
        {
            Outcome = S(Outcome), By = By ?? "", Adjust = L(Adjust) ?? [], Exposure = S(Exposure), Estimate = S(Estimate), StandardError = S(Se), Population = S(Population),
            Order = L(Order), Reference = S(Reference), Favourable = Adverse == "true" ? false : Favourable == "true" ? true : null, Period = S(Period), Per = S(Per),
            RaceView = S(RaceView) is not { } v ? null : Enum.TryParse<RaceView>(v, ignoreCase: true, out var view) ? view
                : throw new EquityInputException("race_view", EquityText.Get("race-view-one-of", string.Join(", ", Enum.GetNames<RaceView>()).ToLowerInvariant(), v)),
            MinimumCell = S(MinCell) is not { } m ? 11 : int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var minCell) ? minCell
                : throw new EquityInputException("min_cell", EquityText.Get("min-cell-whole", m)),
            UnitsAreAreas = Areas == "true", Title = S(Title), Context = Context == "true", Csv = csv, Decision = S(Decision),
            ParityThreshold = S(Parity) is not { } p ? 0.8 : double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var parity) ? parity
                : throw new EquityInputException("parity", EquityText.Get("parity-number", p)),
        };
    }
}

/// <summary><c>POST /api/equity/report</c>: the same report as the CLI, from a JSON or a CSV body.</summary>
public static class EquityApi
{
    // A null where the options declare none (e.g. "adjust": null) is refused as the JSON error it is.
    private static readonly JsonSerializerOptions BodyOptions = new(EquityJson.Options) { RespectNullableAnnotations = true };

    public static IEndpointRouteBuilder MapEquityApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/equity").WithTags("Equity").RequirePermission(Permission.EquityReport)
            .MapPost("/report", ReportAsync).WithName("EquityReport")
            .Accepts<EquityReportBody>("application/json", "text/csv")
            .Produces<EquityReport>(contentType: "application/json")
            .ProducesValidationProblem()
            .WithSummary("Group estimates with 95% CIs, gaps against the reference, summary measures and the race test. A JSON body holds the options and rows or csv; " +
                         "a text/csv body is the data, with the options in the query string.");
        app.MapGet("/equity/report.css", () => Results.Text(EquityHtml.Stylesheet, "text/css; charset=utf-8")).AllowEveryone().ExcludeFromDescription();
        return app;
    }

    // Input the report cannot use throws EquityInputException or JsonException; InputErrorHandler answers 400 naming the field.
    private static async Task<IResult> ReportAsync(HttpRequest http, [AsParameters] EquityQuery query, RunEquityReport reports, CancellationToken ct)
    {
        EquityReportBody body;
        if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(http.Body, Encoding.UTF8);
            body = query.ToBody(await reader.ReadToEndAsync(ct));
        }
        else
        {
            body = await JsonSerializer.DeserializeAsync<EquityReportBody>(http.Body, BodyOptions, ct)
                ?? throw new EquityInputException("body", EquityText.Get("body-empty"));
        }

        var source = body.Source ?? EquitySource.Upload;
        var report = await reports.RunAsync(source, body.Table(), body, body.Context == true, ct);
        return query.Format switch
        {
            "html" => Results.Content(await EquityHtml.DocumentAsync(report, http.HttpContext.RequestServices), "text/html; charset=utf-8"),
            "csv" => Results.Text(EquityJson.Csv(report), "text/csv; charset=utf-8"),
            _ => Results.Text(EquityJson.Serialize(report), "application/json; charset=utf-8"),
        };
    }
}
