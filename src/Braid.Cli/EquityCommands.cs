using System.CommandLine;
using Braid.Application.Equity;
using Braid.Core.Equity;
using Braid.Data;
using Braid.Data.Equity;
using Braid.Data.Referrals;
using Braid.Interop.Equity;

/// <summary><c>braid equity report</c> and <c>braid context import</c>.</summary>
internal static class EquityCommands
{
    public static Command Report(Func<ParseResult, CancellationToken, Task<BraidDbContext>> open, Option<string> community)
    {
        var data = new Option<string?>("--data") { Description = "Outcome table (CSV): one row per unit, per group-level count, or per published group estimate." };
        var context = new Option<bool>("--context") { Description = "Use the imported tract context: as the data, or joined to --data through its tract GEOID column." };
        var referrals = new Option<bool>("--referrals") { Description = "Use the community's stored referrals as the data (one row per referral; joined to the tract context with --context)." };
        var outcome = new Option<string?>("--outcome") { Description = "Outcome column: 0/1, a count (with --exposure), events (with --population) or a measurement." };
        var by = new Option<string>("--by") { Description = "Grouping column (e.g. race, holc_grade).", Required = true };
        var adjust = new Option<string?>("--adjust") { Description = "Covariates for the race test, comma-separated (categorical)." };
        var exposure = new Option<string?>("--exposure") { Description = "Person-time column: the outcome is a count and the estimate a rate." };
        var estimate = new Option<string?>("--estimate") { Description = "Published table: the estimate column (with --se and --population)." };
        var se = new Option<string?>("--se") { Description = "Published table: the standard error column." };
        var population = new Option<string?>("--population") { Description = "People per row: the group's population, or the trials behind an events count." };
        var order = new Option<string?>("--order") { Description = "Ordered groups, most disadvantaged first, e.g. D,C,B,A." };
        var reference = new Option<string?>("--reference") { Description = "best, average, a group's name, or advantaged (the default for ordered groups)." };
        var favourable = new Option<bool>("--favourable") { Description = "Higher is better (the default)." };
        var adverse = new Option<bool>("--adverse") { Description = "Higher is worse." };
        var period = new Option<string?>("--period") { Description = "Period column: the test per period and whether the gap narrows." };
        var per = new Option<string?>("--per") { Description = "Stratum column (e.g. county): a report for each value, and pooled." };
        var view = new Option<RaceView?>("--race-view") { Description = "How several race selections count: multiracial (default), alone, combination, hispanic." };
        var decision = new Option<string?>("--decision") { Description = "A 0/1 decision column audited against the 0/1 outcome (Aequitas/Fairlearn rates and parity per group)." };
        var parity = new Option<double>("--parity") { Description = "Parity band τ of the decision audit: disparities within [τ, 1/τ] count as parity.", DefaultValueFactory = _ => 0.8 };
        var minCell = new Option<int>("--min-cell") { Description = "Withhold figures from fewer than this many people (0: off).", DefaultValueFactory = _ => 11 };
        var areas = new Option<bool>("--areas") { Description = "The units are areas (e.g. tracts), not people: no small-cell suppression." };
        var title = new Option<string?>("--title") { Description = "Report title." };
        var format = new Option<string>("--format") { Description = "html, json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("html", "json", "csv");
        var output = new Option<string?>("--out") { Description = "Where to write the report (default: standard output)." };

        var command = new Command("report", "Group estimates, gaps against a reference, summary measures and the race test.")
        {
            data, context, referrals, outcome, by, adjust, exposure, estimate, se, population, order, reference, favourable, adverse, period, per, view, decision, parity, minCell, areas, title, format, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(favourable) && parse.GetValue(adverse)) return Fail("Say --favourable or --adverse, not both.");
            try
            {
                var table = parse.GetValue(data) is { } path ? ReadTable(path) : null;
                var request = new EquityRequest
                {
                    Outcome = parse.GetValue(outcome), By = parse.GetValue(by)!, Adjust = List(parse.GetValue(adjust)), Exposure = parse.GetValue(exposure),
                    Estimate = parse.GetValue(estimate), StandardError = parse.GetValue(se), Population = parse.GetValue(population),
                    Order = parse.GetValue(order) is { } o ? List(o) : null, Reference = parse.GetValue(reference),
                    Favourable = parse.GetValue(adverse) ? false : parse.GetValue(favourable) ? true : null,
                    Period = parse.GetValue(period), Per = parse.GetValue(per), RaceView = parse.GetValue(view), MinimumCell = parse.GetValue(minCell),
                    Decision = parse.GetValue(decision), ParityThreshold = parse.GetValue(parity),
                    UnitsAreAreas = parse.GetValue(areas), Title = parse.GetValue(title),
                };
                EquityReport result;
                if (parse.GetValue(context) || parse.GetValue(referrals))
                {
                    await using var db = await open(parse, ct);
                    var source = parse.GetValue(referrals) ? EquitySource.Referrals : table is null ? EquitySource.Context : EquitySource.Upload;
                    result = await new RunEquityReport(OperatorCaller.Context(db, parse.GetValue(community)!), new ContextStore(db, TimeProvider.System), new ReferralStore(db))
                        .RunAsync(source, table, request, joinContext: parse.GetValue(context), ct);
                }
                else
                {
                    // A local file and nothing stored: no database to open, nothing to audit.
                    result = RunEquityReport.Analyze(table, request);
                }

                var text = parse.GetValue(format) switch
                {
                    "html" => await EquityHtml.DocumentAsync(result),
                    "csv" => EquityJson.Csv(result),
                    _ => EquityJson.Serialize(result),
                };
                if (parse.GetValue(output) is { } outPath)
                {
                    await File.WriteAllTextAsync(outPath, text, ct);
                    Console.Error.WriteLine($"Wrote {outPath}.");
                    if (result.Test is { } test) Console.Error.WriteLine(test.Verdict);
                }
                else
                {
                    Console.Write(text);
                }

                return 0;
            }
            catch (EquityInputException e)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    public static Command Import(Func<ParseResult, CancellationToken, Task<BraidDbContext>> open, Option<string> community)
    {
        var file = new Argument<string>("file") { Description = "CSV keyed by census tract GEOID (HOLC grades, life expectancy, vulnerability, population by race…)." };
        var source = new Option<string?>("--source") { Description = "Citation and licence of the data (recognised automatically for the HOLC and USALEEP files)." };
        var command = new Command("import", "Import tract-level neighbourhood context.") { file, source };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var path = parse.GetValue(file)!;
                var context = TractContext.Read(ReadTable(path));
                if (parse.GetValue(source) is null && context.Citation is null)
                    return Fail($"Say where {Path.GetFileName(path)} comes from and under which licence (--source \"…\"), so reports can cite it.");
                await using var db = await open(parse, ct);
                var (count, citation) = await new ImportContext(OperatorCaller.Context(db, parse.GetValue(community)!), new ContextStore(db, TimeProvider.System))
                    .RunAsync(context, Path.GetFileName(path), parse.GetValue(source), ct);
                foreach (var note in context.Notes) Console.Error.WriteLine(note);
                Console.WriteLine($"Imported context for {count:N0} tracts ({string.Join(", ", context.Columns)}). Source: {citation}");
                return 0;
            }
            catch (EquityInputException e)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static EquityTable ReadTable(string path)
    {
        if (!File.Exists(path)) throw new EquityInputException("data", $"There is no file {path}.");
        using var reader = new StreamReader(path);
        return EquityCsv.Read(reader);
    }

    private static List<string> List(string? text) => text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
