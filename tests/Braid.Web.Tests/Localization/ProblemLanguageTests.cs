using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Braid.Testing;

namespace Braid.Web.Tests.Localization;

/// <summary>An API client that asks for Spanish (Accept-Language) reads its errors in Spanish; the field names stay the parameters'.</summary>
public sealed class ProblemLanguageTests
{
    [Theory]
    [InlineData("es", "Parámetros de búsqueda no válidos", "'abc' no es un número.")]
    [InlineData("en", "Invalid search parameters", "'abc' is not a number.")]
    public async Task A_bad_search_parameter_is_named_in_the_language_asked_for(string language, string title, string message)
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var response = await client.GetAsync("/api/directory/search?radius_km=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(message, problem.RootElement.GetProperty("errors").GetProperty("radius_km")[0].GetString());
    }
}
