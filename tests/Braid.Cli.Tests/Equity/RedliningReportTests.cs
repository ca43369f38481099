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
