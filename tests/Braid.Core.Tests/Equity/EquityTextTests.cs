using System.Globalization;
using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>The engine words its findings and its refusals in the reader's language, the same figures in both.</summary>
public sealed class EquityTextTests
{
    private static readonly EquityTable Planted = EquityTable.FromRows(["race", "met"],
        Enumerable.Range(0, 400).Select(i => (IReadOnlyList<string>)[i % 2 == 0 ? "White" : "Black or African American", i % 2 == 0 ? (i % 10 < 8 ? "1" : "0") : (i % 10 < 4 ? "1" : "0")]));

    [Fact]
    public void A_report_read_in_Spanish_words_its_verdict_and_choices_in_Spanish_with_the_same_figures()
    {
        var request = new EquityRequest { Outcome = "met", By = "race", Reference = "White" };
        var english = In("en", () => EquityAnalysis.Report(Planted, request));
        var spanish = In("es", () => EquityAnalysis.Report(Planted, request));

        Assert.StartsWith("race predicts met: likelihood-ratio test", english.Test!.Verdict);
        Assert.StartsWith("race predice met: prueba de razón de verosimilitud", spanish.Test!.Verdict);
        Assert.Equal(("proportion", "proporción"), (english.Kind, spanish.Kind));
        Assert.Equal("más alto es mejor (supuesto; indique --adverse si más alto es peor)", spanish.Direction);
        Assert.Equal("Todos los grupos", spanish.Overall.Group);
        Assert.Equal(english.Test.PValue, spanish.Test.PValue);
        Assert.Equal(english.Groups.Select(g => g.Estimate), spanish.Groups.Select(g => g.Estimate));
    }

    [Fact]
    public void Bad_input_is_refused_in_the_readers_language_naming_the_same_field()
    {
        var english = Assert.Throws<EquityInputException>(() => In("en", () => EquityAnalysis.Report(Planted, new EquityRequest { Outcome = "met", By = "rcae" })));
        var spanish = Assert.Throws<EquityInputException>(() => In("es", () => EquityAnalysis.Report(Planted, new EquityRequest { Outcome = "met", By = "rcae" })));

        Assert.Equal(english.Where, spanish.Where);
        Assert.Equal("There is no column 'rcae' (did you mean 'race'?). Columns are: race, met.", english.Message);
        Assert.Equal("No hay ninguna columna 'rcae' (¿quiso decir 'race'?). Las columnas son: race, met.", spanish.Message);
    }

    private static T In<T>(string language, Func<T> run)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return run();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
