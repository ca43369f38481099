using Braid.Core.People;
using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>A person found, with what the reader may see of them and why the search thinks it is them.</summary>
public sealed record PersonMatch(PersonId Id, string DisplayName, DateOnly? BirthDate, OrganizationId RegisteredBy, MatchResult Match);

/// <summary>
/// A navigator looks a person up by name, date of birth and phone, despite typos: candidates by
/// blocking keys, scored by <see cref="PersonMatching"/>, best first. Only people whose
/// demographics the navigator may see are listed, and each listing is in the person's disclosure log.
/// </summary>
public sealed class FindPeople(UseCaseContext context, PeopleStore people)
{
    /// <summary>Below this a candidate is not worth showing: a family name within a typo alone scores 2.5.</summary>
    public const double ShowFrom = 2.0;
    public const int MaxResults = 25;

    /// <param name="name">"Given Family" or "Family, Given".</param>
    /// <param name="birthDate">The date of birth, when known.</param>
    /// <param name="phone">The phone number, when known.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <param name="channel">Where the list goes (search page, fhir), for the disclosure log.</param>
    public async Task<IReadOnlyList<PersonMatch>> RunAsync(string? name, DateOnly? birthDate, string? phone, CancellationToken ct = default, string channel = "search")
    {
        var actor = await context.AuthorizeAsync(Permission.PersonRead, ct: ct);
        var (given, family) = SplitName(name);
        var digits = phone is { } p ? PersonRules.PhoneDigits(p) : null;
        if (given is null && family is null && birthDate is null && digits is null) return [];

        var sought = new MatchFields(given, family, birthDate, digits, null);
        var swapped = sought with { Given = family, Family = given };
        var now = context.Time.GetUtcNow();
        var scored = (await people.CandidateNamesAsync(context.CommunityId, new PersonQuery(given, family, birthDate, digits), ct))
            .Select(person => (person, fields: PersonMatching.Of(person)))
            .Select(c => (c.person, match: Best(PersonMatching.Compare(sought, c.fields), PersonMatching.Compare(swapped, c.fields))))
            .Where(c => c.match.Score >= ShowFrom)
            .OrderByDescending(c => c.match.Score).ThenBy(c => PersonMatching.NameKey(c.person.GivenName, c.person.FamilyName), StringComparer.Ordinal)
            .ToList();
        if (scored.Count == 0) return [];

        var consents = await people.ConsentsAsync(context.CommunityId, [.. scored.Select(c => c.person.Id)], ct);
        var visible = scored
            .Select(c => (c.person, c.match, access: PersonDataAccess.Decide(actor, context.CommunityId, c.person, consents, DataCategory.Demographics, Purpose.CareCoordination, now)))
            .Where(c => c.access.Allowed).Take(MaxResults).ToList();

        return await context.ChangeAsync(async audit =>
        {
            await new PersonGate(context, people).DiscloseListedAsync(audit, actor, [.. visible.Select(v => (v.person, v.access))], consents, channel, ct);
            audit.Record(actor, "people.search", $"{visible.Count} shown of {scored.Count} found");
            return (IReadOnlyList<PersonMatch>)[.. visible.Select(v => new PersonMatch(v.person.Id, v.person.DisplayName, v.person.BirthDate, v.person.RegisteredBy, v.match))];
        }, ct);
    }

    /// <summary>"Family, Given" when there is a comma; otherwise the last word is the family name.</summary>
    public static (string? Given, string? Family) SplitName(string? name)
    {
        var folded = name?.Split(',', 2) is [var family, var given] ? (PersonMatching.Fold(given), PersonMatching.Fold(family)) : Split(PersonMatching.Fold(name));
        return (NullIfEmpty(folded.Item1), NullIfEmpty(folded.Item2));

        static (string, string) Split(string words) => words.LastIndexOf(' ') is var i and > 0 ? (words[..i], words[(i + 1)..]) : ("", words);
        static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
    }

    private static MatchResult Best(MatchResult a, MatchResult b) => a.Score >= b.Score ? a : b;
}
