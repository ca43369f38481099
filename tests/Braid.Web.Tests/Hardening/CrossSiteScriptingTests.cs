using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Braid.Data;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// Stored and reflected cross-site scripting. Markup is planted in every text people and
/// organizations write (names, descriptions, notes, addresses: found from the data model, not from
/// a list), web addresses are set to script URLs, and every query parameter the pages read is sent
/// markup too; then every page is opened by someone who may see it. No page may grow an element or
/// attribute of the payload's, nor a link that runs script, and the planted text must be on the
/// pages, shown as text.
/// </summary>
public sealed partial class CrossSiteScriptingTests
{
    /// <summary>Breaks out of an attribute, a script and a tag, then adds an element and an attribute of its own; either one on a page is an injection.</summary>
    private const string Payload = "\"'></script></textarea><braidxss></braidxss><img braidxss src=x>";

    private const string ScriptUrl = "javascript:braidxss()";

    private static readonly string[] Parameters =
    [
        "q", "name", "need", "zip", "language", "radius_km", "open_now", "box", "status", "month", "layer", "source", "outcome", "by", "adjust", "reference",
        "period", "returnUrl", "contact", "email", "code", "done", "item", "category", "sal", "birth_date", "missed", "age", "household", "income", "county",
    ];

    [Fact]
    public async Task No_page_runs_markup_planted_in_stored_text_or_sent_in_its_query()
    {
        var database = await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite);
        await using (var seeding = new BraidApp(database)) _ = seeding.CreateClient();

        // Planted before the server starts, so its search index holds the markup too; and again after the pages' own records are made.
        var planted = await PlantAsync(database);
        await using var app = new BraidApp(database);
        var every = await EveryPage.OfAsync(app);
        planted.UnionWith(await PlantAsync(database));
        TestContext.Current.TestOutputHelper?.WriteLine($"{planted.Count} columns planted: {string.Join(", ", planted.Order())}");
        Assert.True(planted.Count >= 25, $"only {planted.Count} text columns planted: {string.Join(", ", planted)}");

        var findings = new List<string>();
        var shown = new HashSet<string>();
        var reflected = string.Join("&", Parameters.Select(p => p + "=" + Uri.EscapeDataString(Payload)));
        foreach (var (client, url) in every.Pages)
        {
            foreach (var visit in new[] { url, url + (url.Contains('?') ? "&" : "?") + reflected })
            {
                var response = await client.GetAsync(visit);
                if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                findings.AddRange(document.QuerySelectorAll("braidxss").Select(_ => $"{visit}: a <braidxss> element"));
                findings.AddRange(document.All.Where(e => e.HasAttribute("braidxss")).Select(e => $"{visit}: <{e.LocalName}> with the braidxss attribute"));
                findings.AddRange(document.All.SelectMany(e => e.Attributes).Where(a => a.Name is "href" or "src" or "action" or "formaction" && ScriptScheme().IsMatch(a.Value))
                    .Select(a => $"{visit}: {a.Name}=\"{a.Value}\""));
                if (document.Body?.TextContent.Contains("<braidxss>", StringComparison.Ordinal) == true) shown.Add(url);
            }
        }

        Assert.True(findings.Count == 0, "Markup ran:\n" + string.Join("\n", findings.Distinct()));
        // The markup reached the pages, as text: on the listing, the person's record and the search among them.
        Assert.Contains($"/services/{every.Listing}", shown);
        Assert.Contains($"/people/{every.Person}", shown);
        Assert.Contains(shown, u => u.StartsWith("/search?", StringComparison.Ordinal));
    }

    /// <summary>
    /// Appends the payload to every stored text that is written by people (by the name of its
    /// property: names, descriptions, notes, addresses and the like; not keys, codes or accounts'
    /// sign-in names), and makes every stored web address a script URL. Returns the columns changed.
    /// </summary>
    private static async Task<HashSet<string>> PlantAsync(string database)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var planted = new HashSet<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is { } t && !t.StartsWith("AspNet", StringComparison.Ordinal) && !t.StartsWith("audit", StringComparison.Ordinal)))
        {
            var keys = entity.GetKeys().SelectMany(k => k.Properties).Concat(entity.GetForeignKeys().SelectMany(f => f.Properties)).ToHashSet();
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && !keys.Contains(p)))
            {
                var (table, column) = (entity.GetTableName()!, property.GetColumnName());
                var sql = WrittenText().IsMatch(property.Name) ? $"UPDATE \"{table}\" SET \"{column}\" = \"{column}\" || {{0}} WHERE \"{column}\" <> '' AND \"{column}\" NOT LIKE '%braidxss%'"
                    : WebAddress().IsMatch(property.Name) ? $"UPDATE \"{table}\" SET \"{column}\" = {{0}} WHERE \"{column}\" <> ''"
                    : null;
                if (sql is null) continue;
                try
                {
                    if (await db.Database.ExecuteSqlRawAsync(sql, WrittenText().IsMatch(property.Name) ? Payload : ScriptUrl) > 0) planted.Add($"{table}.{column}");
                }
                catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 19)
                {
                    // A record the schema keeps unchangeable (a signed document's signatures): what was written stays as written.
                }
            }
        }

        return planted;
    }

    [GeneratedRegex("^(?!Normalized|User)(.*Name|.*Description|Notes?|.*Note|Title|Summary|Comments?|Address[12]?|City|Text|Label|Question|Message)$")]
    private static partial Regex WrittenText();

    [GeneratedRegex("^(Url|.*Url|Website|Uri)$")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^\s*(javascript|vbscript):", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptScheme();
}
