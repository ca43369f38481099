using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;

namespace Braid.Web.Tests.Directory;

/// <summary>A staff member saves a search by name, runs it again from their list, and removes it; no one else sees it.</summary>
public sealed class SavedSearchesTests
{
    [Fact]
    public async Task A_saved_search_runs_the_same_search_again_and_is_its_owners_alone()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var other = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CboStaff));

        var results = await navigator.GetStringAsync("/search?need=food-insecurity&free=true&page=1&lang=en");
        var save = await navigator.PostAsync("/searches?lang=en", SignInTests.Form(SignInTests.Token(results),
            ("need", "food-insecurity"), ("free", "true"), ("page", "1"), ("lang", "en"), ("name", "Free food")));
        Assert.Equal("/searches?lang=en&done=saved", save.Headers.Location!.OriginalString);

        var mine = WebUtility.HtmlDecode(await navigator.GetStringAsync("/searches?lang=en"));
        var link = Regex.Match(mine, "<a href=\"(/search\\?[^\"]+)\" translate=\"no\">Free food</a>").Groups[1].Value;
        Assert.Equal("/search?need=food-insecurity&free=true&lang=en", link); // what was asked, not the page or language it was asked on
        Assert.Equal(ResultIds(results), ResultIds(await navigator.GetStringAsync(link)));

        var theirs = await other.GetStringAsync("/searches?lang=en");
        Assert.DoesNotContain("Free food", theirs);
        var id = Regex.Match(mine, "name=\"id\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/searches?handler=Remove&lang=en", SignInTests.Form(SignInTests.Token(theirs), ("id", id)))).StatusCode);
        Assert.Contains("Free food", await navigator.GetStringAsync("/searches?lang=en"));

        var removed = await navigator.PostAsync("/searches?handler=Remove&lang=en", SignInTests.Form(SignInTests.Token(mine), ("id", id)));
        Assert.Equal("/searches?lang=en&done=removed", removed.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Free food", await navigator.GetStringAsync("/searches?lang=en"));
    }

    [Fact]
    public async Task A_search_without_a_name_or_with_a_wrong_value_is_not_saved()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var token = SignInTests.Token(await navigator.GetStringAsync("/searches?lang=en"));

        async Task<string> RefusedAsync(params (string, string)[] fields)
        {
            var response = await navigator.PostAsync("/searches?lang=en", SignInTests.Form(token, fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("Give the search a name.", await RefusedAsync(("need", "food-insecurity"), ("name", " ")));
        Assert.Contains("The search has wrong values (age)", await RefusedAsync(("need", "food-insecurity"), ("age", "old"), ("name", "Seniors")));
        Assert.Contains("There is nothing to save", await RefusedAsync(("lang", "en"), ("name", "Nothing")));
        Assert.Contains("A name has at most 100 characters; this one has 101.", await RefusedAsync(("need", "food-insecurity"), ("name", new string('x', 101))));
        Assert.Contains("No saved searches yet", await navigator.GetStringAsync("/searches?lang=en"));
    }

    private static List<string> ResultIds(string html) => [.. Regex.Matches(html, "<h2 translate=\"no\"><a href=\"/services/([^?\"]+)").Select(m => m.Groups[1].Value)];
}
