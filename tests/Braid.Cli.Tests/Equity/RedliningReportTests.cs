using System.Globalization;
using System.Text.Json;
using Braid.Testing;
using MathNet.Numerics.Distributions;

namespace Braid.Cli.Tests.Equity;

/// <summary>
/// The redlining report on real data (tests/fixtures/redlining): HOLC grades and USALEEP life
/// expectancy imported as context, then life expectancy by grade per county and pooled.
/// </summary>
public sealed class RedliningReportTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "redlining");

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static Dictionary<string, string[]> Csv(string file) => File.ReadAllLines(Path.Combine(Fixtures, file)).Skip(1)
        .Select(l => l.Split(',')).ToDictionary(f => f[0]);

    [Theory, MemberData(nameof(Providers))]
    public async Task Life_expectancy_by_HOLC_grade_per_county_and_pooled_with_intervals_gaps_and_sources(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        var holc = await BraidCommand.RunAsync("context", "import", Path.Combine(Fixtures, "ddk_holc_2010_census_tracts_5counties.csv"), "--database", cs);
        Assert.Equal(0, holc.ExitCode);
        Assert.Contains("401 tracts", holc.Output);
        Assert.Equal(0, (await BraidCommand.RunAsync("context", "import", Path.Combine(Fixtures, "usaleep_e0_subset_5counties.csv"), "--database", cs)).ExitCode);

        var run = await BraidCommand.RunAsync("equity", "report", "--context", "--outcome", "e0", "--by", "holc_grade", "--order", "D,C,B,A", "--per", "county", "--format", "json", "--database", cs);
        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(run.Output).RootElement;

        // The expectation, computed here from the two files: tracts with both a grade and a life expectancy.
        var grades = Csv("ddk_holc_2010_census_tracts_5counties.csv");
        var tracts = Csv("usaleep_e0_subset_5counties.csv")
            .Where(t => grades.ContainsKey(t.Key))
            .Select(t => (County: t.Key[..5], Grade: grades[t.Key][1], E0: double.Parse(t.Value[1], CultureInfo.InvariantCulture))).ToList();
        void Check(JsonElement r, IReadOnlyList<(string County, string Grade, double E0)> units)
        {
            foreach (var g in r.GetProperty("groups").EnumerateArray())
            {
                var values = units.Where(u => u.Grade == g.GetProperty("group").GetString()).Select(u => u.E0).ToList();
                var mean = values.Average();
                Assert.Equal(values.Count, g.GetProperty("units").GetDouble());
                Assert.Equal(mean, g.GetProperty("estimate").GetDouble(), 1e-9);
                if (values.Count > 1)
                {
                    var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
                    Assert.Equal(mean - StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * sd / Math.Sqrt(values.Count), g.GetProperty("lower").GetDouble(), 1e-9);
                }
            }
        }

        Check(report, tracts);
        Assert.Equal(["D", "C", "B", "A"], report.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.Contains(report.GetProperty("measures").EnumerateArray(), m => m.GetProperty("measure").GetString() == "SII" && m.GetProperty("value").GetDouble() > 0);
        Assert.Contains(report.GetProperty("measures").EnumerateArray(), m => m.GetProperty("measure").GetString() == "RII");
        var slope = report.GetProperty("slope");
        var sii = report.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "SII").GetProperty("value").GetDouble();
        Assert.Equal(sii, slope.GetProperty("advantaged").GetDouble() - slope.GetProperty("disadvantaged").GetDouble(), 1e-9);
        Assert.Equal(4, slope.GetProperty("ridits").EnumerateObject().Count());

        // SII and RII computed here by weighted least squares of the grade means on their ridits
        // (Harper & Lynch 2005): weights are the grades' shares of tracts, D first.
        var order = new[] { "D", "C", "B", "A" };
        var n = order.Select(g => (double)tracts.Count(t => t.Grade == g)).ToArray();
        var y = order.Select(g => tracts.Where(t => t.Grade == g).Average(t => t.E0)).ToArray();
        var w = n.Select(v => v / n.Sum()).ToArray();
        var x = w.Select((share, i) => w.Take(i).Sum() + share / 2).ToArray();
        var (xBar, yBar) = (w.Zip(x, (a, b) => a * b).Sum(), w.Zip(y, (a, b) => a * b).Sum());
        var b = Enumerable.Range(0, 4).Sum(i => w[i] * (x[i] - xBar) * (y[i] - yBar)) / Enumerable.Range(0, 4).Sum(i => w[i] * (x[i] - xBar) * (x[i] - xBar));
        var a = yBar - b * xBar;
        Assert.Equal(b, sii, 1e-9);
        var rii = report.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "RII").GetProperty("value").GetDouble();
        Assert.Equal((a + b) / a, rii, 1e-9);

        var strata = report.GetProperty("strata").EnumerateArray().ToList();
        Assert.Equal(tracts.Select(t => t.County).Distinct().Order(), strata.Select(s => s.GetProperty("stratum").GetString()));
        foreach (var s in strata)
        {
            var county = s.GetProperty("stratum").GetString()!;
            var inCounty = tracts.Where(t => t.County == county).ToList();
            Check(s.GetProperty("report"), inCounty);
            // The gap between the most and the least redlined tracts: grade D against grade A.
            if (inCounty.Any(t => t.Grade == "D") && inCounty.Any(t => t.Grade == "A"))
            {
                var d = s.GetProperty("report").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "D");
                var gap = inCounty.Where(t => t.Grade == "D").Average(t => t.E0) - inCounty.Where(t => t.Grade == "A").Average(t => t.E0);
                Assert.Equal(gap, d.GetProperty("difference").GetProperty("estimate").GetDouble(), 1e-9);
                Assert.True(d.GetProperty("difference").GetProperty("lower").GetDouble() < gap);
            }
        }

        var sources = report.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Contains(sources, s => s.Contains("Mapping Inequality") && s.Contains("CC BY-NC-SA 4.0"));
        Assert.Contains(sources, s => s.Contains("USALEEP"));

        var html = await BraidCommand.RunAsync("equity", "report", "--context", "--outcome", "e0", "--by", "holc_grade", "--order", "D,C,B,A", "--per", "county", "--format", "html", "--database", cs);
        Assert.Contains("<svg", html.Output);
        Assert.Contains("role=\"img\"", html.Output);
        Assert.Contains("<desc id=", html.Output);
        Assert.Contains("CC BY-NC-SA 4.0", html.Output);

        // The web runs the same report on the same database: every number it gives is the CLI's.
        var web = await WebReportAsync(cs, """{"source":"context","context":true,"outcome":"e0","by":"holc_grade","order":["D","C","B","A"],"per":"county"}""");
        var differences = new List<string>();
        CompareNumbers(report, web, "$", differences);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
    }

    /// <summary>Signs in to Braid.Web (its own process, the same database) as the demo analyst and posts a report.</summary>
    private static async Task<JsonElement> WebReportAsync(string connectionString, string body)
    {
        const string password = "Cli-web-compare-1";
        await using var server = await WebAppProcess.StartAsync(["--ConnectionStrings:Braid=" + connectionString, "--Braid:DemoServices=50", "--Braid:DemoPassword=" + password], TimeSpan.FromMinutes(2));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.Url) };
        var page = await http.GetStringAsync("/account/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "analyst@demo.braid.example", ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await http.PostAsync("/api/equity/report", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void CompareNumbers(JsonElement cli, JsonElement web, string path, List<string> differences)
    {
        switch (cli.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in cli.EnumerateObject())
                {
                    if (!web.TryGetProperty(p.Name, out var w)) differences.Add($"{path}.{p.Name}: missing on the web");
                    else CompareNumbers(p.Value, w, $"{path}.{p.Name}", differences);
                }

                break;
            case JsonValueKind.Array:
                var (a, b) = (cli.EnumerateArray().ToList(), web.EnumerateArray().ToList());
                if (a.Count != b.Count) differences.Add($"{path}: {a.Count} items in the CLI, {b.Count} on the web");
                else for (var i = 0; i < a.Count; i++) CompareNumbers(a[i], b[i], $"{path}[{i}]", differences);
                break;
            case JsonValueKind.Number:
                if (web.ValueKind != JsonValueKind.Number || Math.Abs(cli.GetDouble() - web.GetDouble()) > 1e-12 * Math.Max(1, Math.Abs(cli.GetDouble())))
                    differences.Add($"{path}: CLI {cli.GetRawText()}, web {web.GetRawText()}");
                break;
        }
    }

    [Fact]
    public async Task Bad_input_gets_a_message_that_names_it_and_no_stack_trace()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var data = Path.Combine(folder, "outcomes.csv");
        await File.WriteAllLinesAsync(data, ["race,need_met", "White,1", "Asian,0", "White,abc"]);

        var misspelled = await BraidCommand.RunAsync("equity", "report", "--data", data, "--outcome", "need_mte", "--by", "race");
        Assert.Equal(2, misspelled.ExitCode);
        Assert.Contains("did you mean 'need_met'?", misspelled.Error);

        var text = await BraidCommand.RunAsync("equity", "report", "--data", data, "--outcome", "need_met", "--by", "race");
        Assert.Equal(2, text.ExitCode);
        Assert.Contains("line 4 has 'abc'", text.Error);
        Assert.DoesNotContain("   at ", text.Error);

        var geoids = Path.Combine(folder, "context.csv");
        await File.WriteAllLinesAsync(geoids, ["geoid,score", "24510010100,3", "2451A,4"]);
        var bad = await BraidCommand.RunAsync("context", "import", geoids, "--source", "test", "--data-dir", folder);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 3: '2451A' is not a census tract GEOID", bad.Error);
    }
}
