using Braid.Application.People;
using Braid.Core;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Testing;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.People;

/// <summary>Registering, finding, screening and prioritizing through the use cases, on both databases.</summary>
public sealed class PeopleTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_finds_a_person_despite_a_typo_and_each_listing_is_disclosed(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var ana = await community.RegisterAsync(Draft("Ana", "Gutiérrez", new DateOnly(1990, 4, 2)));
        await community.RegisterAsync(Draft("Maria", "Okafor", new DateOnly(1971, 1, 9)));
        var find = new FindPeople(community.As(Navigator), community.People());

        var found = await find.RunAsync("Ana Gutierez", null, null);
        var byBirthDateSwapped = await find.RunAsync(null, new DateOnly(1990, 2, 4), null);

        Assert.Equal(ana, Assert.Single(found).Id);
        Assert.Contains(found[0].Match.Fields, f => f.Field == "family_name" && f.How == "typo");
        Assert.Equal(ana, Assert.Single(byBirthDateSwapped).Id);
        Assert.Equal(2, await community.DisclosuresAsync(ana));
        Assert.Empty(await new FindPeople(community.As(FoodBankStaff), community.People()).RunAsync("Ana Gutierrez", null, null));
        Assert.Contains("people.search 1 shown of 1 found", await community.AuditAsync("people.search"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_likely_duplicate_holds_registration_back_until_the_navigator_confirms_and_merging_is_undone(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var first = await community.RegisterAsync(Draft("Elizabeth", "Ruiz", new DateOnly(1984, 3, 12), "410-555-0123"));
        var register = new RegisterPerson(community.As(Navigator), community.People());

        var held = await register.RunAsync(Clinic, Draft("Liz", "Ruiz", new DateOnly(1984, 12, 3)));
        Assert.Null(held.Id);
        var duplicate = Assert.Single(held.Duplicates);
        Assert.Equal(first, duplicate.Id);
        Assert.Equal(["nickname", "exact", "day and month swapped"], duplicate.Match.Fields.Select(f => f.How));

        var second = (await register.RunAsync(Clinic, Draft("Liz", "Ruiz", new DateOnly(1984, 12, 3)), confirmedNew: true)).Id!.Value;
        var merge = new MergePeople(community.As(Navigator), community.People());
        Assert.True(await merge.MergeAsync(second, first));
        var merged = await community.Reader(Navigator).RunAsync(second, "page");
        Assert.Equal(first, merged!.Id);
        Assert.Equal(second, Assert.Single(merged.Merged).Id);
        Assert.DoesNotContain(await new FindPeople(community.As(Navigator), community.People()).RunAsync("Liz Ruiz", null, null), p => p.Id == second);

        Assert.False(await merge.UnmergeAsync(first, second));
        Assert.True(await merge.UnmergeAsync(second, first));
        Assert.Equal(second, (await community.Reader(Navigator).RunAsync(second, "page"))!.Id);
        Assert.Equal(["people.merge into " + first, "people.unmerge from " + first], (await community.AuditAsync()).Where(a => a.Contains("merge")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Bad_input_names_the_field_and_stores_nothing(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var register = new RegisterPerson(community.As(Navigator), community.People());

        var refused = await register.RunAsync(Clinic, Draft("", "", new DateOnly(2999, 1, 1), "12"));

        Assert.Equal(["birth_date", "family_name", "phone"], refused.Errors.Keys.Order());
        Assert.Empty(community.Db.People);
        var person = await community.RegisterAsync(Draft("Ana", "Ruiz"));
        var screen = new ScreenPerson(community.As(Navigator), community.People());
        Assert.Equal("screening-unknown-instrument", (await screen.StartAsync(person, "phq-9", "en")).Error!.Key);
        var screening = (await screen.StartAsync(person, AhcHrsn.Core.Id, "es")).Id!;
        var error = await screen.RespondAsync(screening, "88122-7", new ItemResponse(["LA00000-0"]));
        Assert.Equal(["LA00000-0", "88122-7"], error!.Args);
        Assert.Empty((await screen.ReadAsync(screening))!.Responses);
        Assert.Equal("screening-unknown", (await screen.RespondAsync("no-such-screening", "88122-7", ItemResponse.Decline))!.Key);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_screening_is_resumed_completed_and_its_positive_domains_proposed_for_the_person_to_rank(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await community.RegisterAsync(Draft("Ana", "Ruiz"));
        var screen = new ScreenPerson(community.As(Navigator), community.People());
        var started = (await screen.StartAsync(person, AhcHrsn.Core.Id, "es")).Id!;
        await screen.RespondAsync(started, "71802-3", new ItemResponse(["LA31994-9"]));     // housing: worried about losing it
        await screen.RespondAsync(started, "96778-6", ItemResponse.Decline);

        var resumed = (await screen.ReadAsync(started))!;
        Assert.Equal("88122-7", resumed.Next!.Loinc);
        Assert.True(resumed.Responses["96778-6"].Declined);
        foreach (var (item, answer) in new[] { ("88122-7", "LA28397-0"), ("88123-5", "LA28398-8"), ("93030-5", "LA32-8"), ("96779-4", "LA32-8") })
            await screen.RespondAsync(started, item, new ItemResponse([answer]));
        foreach (var item in new[] { "95618-5", "95617-7", "95616-9", "95615-1" }) await screen.RespondAsync(started, item, new ItemResponse(["LA6270-8"]));

        Assert.Equal(2, await screen.CompleteAsync(started));
        var proposed = (await community.Reader(Navigator).RunAsync(person, "page"))!.Needs;
        Assert.Equal(["food-insecurity", "housing-instability"], proposed.Select(n => n.Category).Order());
        Assert.All(proposed, n => Assert.Equal(NeedStatus.Proposed, n.Status));
        await Assert.ThrowsAsync<DomainRuleException>(() => screen.RespondAsync(started, "88122-7", new ItemResponse(["LA28398-8"])));

        var prioritize = new PrioritizeNeeds(community.As(Navigator), community.People());
        var housing = proposed.Single(n => n.Category == "housing-instability");
        var food = proposed.Single(n => n.Category == "food-insecurity");
        await prioritize.DecideAsync(person, food.Id, accept: true);
        await prioritize.DecideAsync(person, housing.Id, accept: true);
        var (own, _) = await prioritize.AddAsync(person, "employment-status");
        Assert.True(await prioritize.RankAsync(person, [housing.Id, own!]));
        Assert.Equal(["housing-instability", "employment-status", "food-insecurity"], (await community.Reader(Navigator).RunAsync(person, "page"))!.Needs.Select(n => n.Category));
        await prioritize.DecideAsync(person, food.Id, accept: false);
        var (goal, _) = await prioritize.SetGoalAsync(person, "Quedarme en mi apartamento", housing.Id);
        await prioritize.RecordGoalAsync(person, goal!, GoalAchievement.Improving);

        var record = (await community.Reader(Navigator).RunAsync(person, "page"))!;
        Assert.Equal([("housing-instability", 1), ("employment-status", 2), ("food-insecurity", 0)], record.Needs.Select(n => (n.Category, n.Rank ?? 0)));
        Assert.False(record.Needs.Single(n => n.Category == "food-insecurity").MayBeReferred);
        Assert.Equal(GoalAchievement.Improving, Assert.Single(record.Goals).Status);
        Assert.Equal(ScreeningStatus.Completed, Assert.Single(record.Screenings).Status);
    }
}
