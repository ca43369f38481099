using System.Globalization;
using Braid.Core.Equity;
using Braid.Interop.Equity;

namespace Braid.Interop.Tests.Equity;

public sealed class EquityHtmlTests
{
    private static EquityReport Report(params string[] names)
    {
        var lines = names.SelectMany((name, g) => Enumerable.Range(0, 60).Select(i => (IReadOnlyList<string>)[name, i < 15 + 5 * g ? "1" : "0", i % 2 == 0 ? "2024" : "2025"]));
        return EquityAnalysis.Report(EquityTable.FromRows(["group", "met", "year"], lines), new EquityRequest { Outcome = "met", By = "group", Reference = names[^1], Period = "year" });
    }

    [Fact]
    public async Task Group_names_that_are_markup_are_shown_as_text_in_the_tables_and_the_charts()
    {
        // OWASP XSS: a category label from an uploaded table is data, never markup.
        var html = await EquityHtml.DocumentAsync(Report("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "Plain"));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<svg", html);
        Assert.Contains("<title id=\"main-t\">", html);
        Assert.Contains("<text ", html);
    }

    [Fact]
    public async Task The_report_is_worded_in_the_reader_s_language()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("es");
            var spanish = await EquityHtml.FragmentAsync(Report("A", "B"));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var english = await EquityHtml.FragmentAsync(Report("A", "B"));

            Assert.Contains(">Grupos</h2>", spanish);
            Assert.Contains("met por group, con intervalos de confianza del 95%", spanish);
            Assert.Contains(">Groups</h2>", english);
            Assert.Contains("met by group, with 95% confidence intervals", english);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
