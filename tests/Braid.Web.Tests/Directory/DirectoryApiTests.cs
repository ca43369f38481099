using System.Net;
using System.Text.Json.Nodes;
using Braid.Testing;

namespace Braid.Web.Tests.Directory;

public sealed class DirectoryApiTests
{
    [Theory]
    [InlineData("lat=39.3", "lon")]
    [InlineData("lat=91&lon=-76.6", "lat")]
    [InlineData("zip=99999", "zip")]
    [InlineData("radius_km=5", "radius_km")]
    [InlineData("zip=21217&radius_km=-1", "radius_km")]
    [InlineData("open_now=maybe", "open_now")]
    [InlineData("need=not-a-need", "need")]
    [InlineData("per_page=1000", "per_page")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string query, string parameter)
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var response = await app.CreateClient().GetAsync("/api/directory/search?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Theory]
    [InlineData(TestDatabases.Sqlite)]
    [InlineData(TestDatabases.Postgres)]
    public async Task Food_near_a_zip_in_spanish_returns_ranked_results_with_reasons(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var body = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/directory/search?need=food-insecurity&zip=21217&radius_km=10&language=es&per_page=100"))!;
        var results = body["results"]!.AsArray();
        Assert.NotEmpty(results);
        Assert.Equal(results.Count, Math.Min(100, (int)body["totalItems"]!));
        var distances = results.Select(r => (double)r!["distanceKm"]!).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 10));
        // Distances are from ZIP 21217's centroid as the Census Bureau's 2010 ZCTA gazetteer gives it, by the haversine formula.
        var centroid = File.ReadLines(Path.Combine(RepoPaths.Root, "src", "Braid.Data", "Region", "maryland_zcta_2010_centroids.csv"))
            .Select(l => l.Split(',')).Single(f => f[0] == "21217");
        var (lat0, lon0) = (double.Parse(centroid[5], System.Globalization.CultureInfo.InvariantCulture), double.Parse(centroid[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(results, r => Assert.Equal(HaversineKm(lat0, lon0, (double)r!["latitude"]!, (double)r["longitude"]!), (double)r["distanceKm"]!, 0.01));
        Assert.All(results, r =>
        {
            Assert.Contains("food-insecurity", r!["needs"]!.AsArray().Select(n => (string)n!));
            Assert.Contains("Spanish", r["languages"]!.AsArray().Select(n => (string)n!));
            Assert.Contains(r["whyMatched"]!.AsArray(), w => (string)w!["kind"]! == "language");
        });
    }

    [Fact]
    public async Task The_openapi_document_lists_the_apis()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var doc = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(doc["paths"]!["/api/directory/search"]);
        Assert.NotNull(doc["paths"]!["/hsds/services/{id}"]);
    }

    private static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * 6371.0088 * Math.Asin(Math.Sqrt(h));
    }
}
