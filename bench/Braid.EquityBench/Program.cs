using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Braid.Bench;
using Braid.Core.Equity;
using Braid.Interop.Equity;

// The full equity report over ten million outcome rows with six grouping attributes (the race
// test adjusted for four of them, by year), side by side with DuckDB's and pandas' bare group-by
// of the same rows into the same cells. Each system holds the data in memory first; only the
// computation is timed, as the median of several runs after a warm-up.
var rowsOption = new Option<int>("--rows") { Description = "Outcome rows.", DefaultValueFactory = _ => 10_000_000 };
var runsOption = new Option<int>("--runs") { Description = "Timed runs per system (the median is reported).", DefaultValueFactory = _ => 5 };
var dataOption = new Option<string>("--data") { Description = "Where the generated CSV is kept between runs.", DefaultValueFactory = _ => Path.Combine("bench", ".data") };
var outOption = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/equity-report-DATE.md)." };
var root = new RootCommand("Braid equity report benchmark") { rowsOption, runsOption, dataOption, outOption };
root.SetAction(parse =>
{
    var rows = parse.GetValue(rowsOption);
    var runs = parse.GetValue(runsOption);
    var commit = Machine.Commit();
    Directory.CreateDirectory(parse.GetValue(dataOption)!);
    var csvPath = Path.GetFullPath(Path.Combine(parse.GetValue(dataOption)!, $"outcomes-{rows}.csv"));
    if (!File.Exists(csvPath)) OutcomeData.Write(csvPath, rows, seed: 20261122);

    var load = Stopwatch.StartNew();
    EquityTable table;
    using (var reader = new StreamReader(csvPath)) table = EquityCsv.Read(reader);
    load.Stop();
    Console.Error.WriteLine($"Braid loaded {table.RowCount:N0} rows in {load.Elapsed.TotalSeconds:F1} s");

    var request = new EquityRequest { Outcome = "need_met", By = "race", Adjust = ["age_band", "need", "sex", "county"], Period = "year", Reference = "White" };
    // Warm-up runs let the JIT finish optimizing, as DuckDB's and pandas' native code already is.
    var report = EquityAnalysis.Report(table, request);
    for (var i = 0; i < 3; i++) report = EquityAnalysis.Report(table, request);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        report = EquityAnalysis.Report(table, request);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    // The cells the peers compute, from Braid's own collapse, to check the three agree.
    var by = Grouping.Of(table["race"]);
    var cells = OutcomeCells.Build(table, OutcomeFamily.Binomial, "need_met", by, 0, ["age_band", "need", "sex", "county", "year"], null, null, null, []);
    var braid = new Result("Braid (full report)", Median(times), times.Min(), cells.Count, cells.Sum.Sum());

    var duck = Peer("DuckDB (group-by)", "node", [Path.Combine("bench", "equity-peers", "duckdb.mjs"), csvPath, $"{runs}"]);
    var pandas = Peer("pandas (group-by)", "/usr/bin/python3", [Path.Combine("bench", "equity-peers", "pandas_groupby.py"), csvPath, $"{runs}", "default"]);
    var pandasCategorical = Peer("pandas, categorical (group-by)", "/usr/bin/python3", [Path.Combine("bench", "equity-peers", "pandas_groupby.py"), csvPath, $"{runs}", "category"]);
    var text = new StringBuilder();
    text.AppendLine($"# Equity report over {rows:N0} outcome rows: Braid, DuckDB and pandas");
    text.AppendLine();
    text.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd}; commit {commit}");
    text.AppendLine($"- Machine: {Machine.Describe()}");
    text.AppendLine($"- Peers: {duck.Version}; {pandas.Version}; {pandasCategorical.Version}");
    text.AppendLine("- Data: generated with a fixed seed; columns race (OMB SPD 15 answers, some multiple), age_band, need, sex, county, year, need_met (0/1).");
    text.AppendLine("- Each system loads the CSV into memory first (not timed). Times are the median (and best) of " + runs + " runs after warm-up runs.");
    text.AppendLine("- Braid: `EquityAnalysis.Report` — need_met by race (Multiracial view) with Wilson intervals and contrasts, summary measures, the logistic race test adjusted for age_band, need, sex and county (likelihood-ratio test), the same per year and the race × year interaction.");
    text.AppendLine("- DuckDB and pandas: the bare `GROUP BY race, age_band, need, sex, county, year` with count and sum of need_met; pandas twice: with the columns `read_csv` gives by default (text as Python strings) and with categorical columns (observed groups only).");
    text.AppendLine();
    text.AppendLine("| system | median ms | best ms | cells | events | vs DuckDB | pandas ÷ system |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var r in new[] { braid, duck, pandas, pandasCategorical })
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.System} | {r.Median:F0} | {r.Best:F0} | {r.Cells:N0} | {r.Events:N0} | {r.Median / duck.Median:F2}× | {pandas.Median / r.Median:F1}× |");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Targets: Braid's full report ≤ 1.5× DuckDB's group-by: **{(braid.Median <= 1.5 * duck.Median ? "met" : "not met")}** ({braid.Median / duck.Median:F2}×); " +
        $"≥ 10× faster than pandas: **{(pandas.Median >= 10 * braid.Median ? "met" : "not met")}** ({pandas.Median / braid.Median:F1}×) with pandas' default columns, " +
        $"**{(pandasCategorical.Median >= 10 * braid.Median ? "met" : "not met")}** ({pandasCategorical.Median / braid.Median:F1}×) against pandas with categorical columns.");
    var all = new[] { braid, duck, pandas, pandasCategorical };
    text.AppendLine($"Agreement: the four give {(all.All(r => r.Cells == braid.Cells && r.Events == braid.Events) ? "the same" : "DIFFERENT")} cells and event totals.");
    text.AppendLine();
    text.AppendLine("Braid's verdict on this data: " + report.Test!.Verdict);
    var outPath = parse.GetValue(outOption) ?? Path.Combine("bench", "results", $"equity-report-{DateTime.UtcNow:yyyy-MM-dd}.md");
    File.WriteAllText(outPath, text.ToString());
    Console.WriteLine(text);
    Console.WriteLine("Written to " + outPath);
    return 0;
});
return root.Parse(args).Invoke();

static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

static Result Peer(string name, string program, string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{name} failed ({process.ExitCode}).");
    var json = JsonDocument.Parse(output).RootElement;
    var times = json.GetProperty("times_ms").EnumerateArray().Select(t => t.GetDouble()).ToList();
    return new Result(name, Median(times), times.Min(), json.GetProperty("cells").GetInt32(), json.GetProperty("events").GetDouble()) { Version = json.GetProperty("version").GetString()! };
}

/// <summary>One system's timings and the cells it produced.</summary>
internal sealed record Result(string System, double Median, double Best, int Cells, double Events)
{
    public string Version { get; init; } = "";
}

/// <summary>The benchmark's outcome table: realistic shares, a planted race effect, a fixed seed.</summary>
internal static class OutcomeData
{
    public static void Write(string path, int rows, int seed)
    {
        string[] races = ["Black or African American", "White", "Hispanic or Latino", "Asian", "Middle Eastern or North African", "American Indian or Alaska Native",
            "Black or African American;White", "Declined"];
        double[] cumulative = [0.5, 0.8, 0.88, 0.93, 0.95, 0.96, 0.98, 1.0];
        string[] ages = ["18-34", "35-49", "50-64", "65+"];
        string[] needs = ["food-insecurity", "housing-instability", "transportation-insecurity", "utility-insecurity", "financial-insecurity"];
        string[] counties = ["24510", "24005", "24027", "24003", "24013", "24025"];
        var random = new Random(seed);
        using var writer = new StreamWriter(path + ".tmp");
        writer.WriteLine("race,age_band,need,sex,county,year,need_met");
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var race = Array.FindIndex(cumulative, c => u < c);
            var (age, need) = (random.Next(ages.Length), random.Next(needs.Length));
            var logit = 0.4 - 0.3 * need / 4.0 + 0.1 * age - (race == 0 ? 0.25 : 0);
            var met = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(races[race].Contains(';') ? $"\"{races[race]}\"" : races[race])},{ages[age]},{needs[need]},{(random.Next(2) == 0 ? "F" : "M")},{counties[random.Next(counties.Length)]},{2025 + random.Next(2)},{met}"));
        }

        writer.Close();
        File.Move(path + ".tmp", path);
    }
}
