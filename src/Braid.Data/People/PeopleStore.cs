using System.Text.Json;
using System.Text.Json.Serialization;
using Braid.Core;
using Braid.Core.Demo;
using Braid.Core.People;
using Braid.Core.Screening;

namespace Braid.Data.People;

/// <summary>What a navigator searches people by; any part may be missing.</summary>
public sealed record PersonQuery(string? GivenName, string? FamilyName, DateOnly? BirthDate, string? PhoneDigits);

/// <summary>
/// Stores people and what belongs to them: consents, screenings, needs, goals, and the disclosure
/// log. It decides nothing about who may read what; the application layer asks
/// <see cref="PersonDataAccess"/> before it returns anything from here.
/// </summary>
public sealed class PeopleStore(BraidDbContext db)
{
    public const int MaxCandidates = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    public async Task AddAsync(CommunityId community, Person person, DateTimeOffset at, CancellationToken ct = default)
    {
        db.People.Add(RowOf(community, person, at));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A whole population at once (the demo community's): people, screenings, needs, goals and consents in one save.</summary>
    public async Task AddPopulationAsync(CommunityId community, DemoPopulation population, DateTimeOffset at, CancellationToken ct = default)
    {
        db.People.AddRange(population.People.Select(p => RowOf(community, p, at)));
        db.Consents.AddRange(population.Consents.Select(c => RowOf(community, c, c.Start)));
        foreach (var screening in population.Screenings) Fill(AddScreening(community, screening), screening);
        foreach (var need in population.Needs) Fill(AddNeed(community, need), need);
        foreach (var goal in population.Goals) Fill(AddGoal(community, goal, at), goal);
        new Referrals.ReferralStore(db).AddHistory(community, population.Referrals);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static PersonRow RowOf(CommunityId community, Person person, DateTimeOffset at)
    {
        var row = new PersonRow { CommunityId = community.Value, Id = person.Id.Value, CreatedAt = at };
        Fill(row, person, at);
        return row;
    }

    public async Task UpdateAsync(CommunityId community, Person person, DateTimeOffset at, CancellationToken ct = default)
    {
        var row = await db.People.SingleAsync(p => p.CommunityId == community.Value && p.Id == person.Id.Value, ct);
        Fill(row, person, at);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person, and the record they were merged into when they are a merged duplicate.</summary>
    public async Task<(Person Person, PersonId? MergedInto)?> FindAsync(CommunityId community, PersonId id, CancellationToken ct = default) =>
        await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.CommunityId == community.Value && p.Id == id.Value, ct) is { } row
            ? (ToPerson(row), row.MergedInto is { } into ? new PersonId(into) : null)
            : null;

    /// <summary>These people (those found), for a list that names them.</summary>
    public async Task<List<Person>> ManyAsync(CommunityId community, IReadOnlyCollection<PersonId> ids, CancellationToken ct = default)
    {
        var values = ids.Select(i => i.Value).Distinct().ToList();
        return [.. (await db.People.AsNoTracking().Where(p => p.CommunityId == community.Value && values.Contains(p.Id)).ToListAsync(ct)).Select(ToPerson)];
    }

    /// <summary>The records merged into this one (each can be unmerged).</summary>
    public async Task<List<Person>> MergedIntoAsync(CommunityId community, PersonId id, CancellationToken ct = default) =>
        [.. (await db.People.AsNoTracking().Where(p => p.CommunityId == community.Value && p.MergedInto == id.Value).ToListAsync(ct)).Select(ToPerson)];

    /// <summary>
    /// People who might be the one sought, by blocking keys (<see cref="Blocks"/>), at most
    /// <see cref="MaxCandidates"/>. Merged duplicates are left out. Scoring is the caller's.
    /// </summary>
    public async Task<List<Person>> CandidatesAsync(CommunityId community, PersonQuery query, CancellationToken ct = default) =>
        [.. (await FirstOfBlocksAsync(community, query, rows => rows, p => p.Id, ct)).Select(ToPerson)];

    /// <summary>
    /// The same candidates with only what a search lists and scores on (names, date of birth, phone
    /// digits, the holding organization), read from their columns: search never parses whole records.
    /// </summary>
    public async Task<List<Person>> CandidateNamesAsync(CommunityId community, PersonQuery query, CancellationToken ct = default) =>
        [.. (await FirstOfBlocksAsync(community, query, rows => rows.Select(p => new { p.Id, p.RegisteredBy, p.GivenName, p.FamilyName, p.PreferredName, p.BirthDate, p.PhoneDigits }), p => p.Id, ct))
            .Select(p => new Person
            {
                Id = new PersonId(p.Id), RegisteredBy = new OrganizationId(p.RegisteredBy), GivenName = p.GivenName, FamilyName = p.FamilyName, PreferredName = p.PreferredName,
                BirthDate = p.BirthDate, Phone = p.PhoneDigits,
            })];

    /// <summary>
    /// Reads the blocks in turn, each only until <see cref="MaxCandidates"/> people are found: a
    /// common name's block (tens of thousands of people at a million) is never read and sorted whole.
    /// </summary>
    private async Task<List<T>> FirstOfBlocksAsync<T>(CommunityId community, PersonQuery query, Func<IQueryable<PersonRow>, IQueryable<T>> columns, Func<T, string> id, CancellationToken ct)
    {
        var found = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in Blocks(community, query))
        {
            foreach (var row in await columns(block).Take(MaxCandidates - found.Count).ToListAsync(ct))
                if (seen.Add(id(row))) found.Add(row);
            if (found.Count >= MaxCandidates) break;
        }

        return found;
    }

    /// <summary>
    /// The blocking keys, most telling first: the date of birth (also with day and month swapped)
    /// and the phone; both names' Soundex codes, either way round; then one name's code with the
    /// other's first letter (a typo that changed a consonant of it), read in index order; a single
    /// name's code when only one is known. A first letter is a range, not LIKE, so that both engines
    /// read it from the (code, code) indexes.
    /// </summary>
    private IEnumerable<IQueryable<PersonRow>> Blocks(CommunityId community, PersonQuery query)
    {
        var people = db.People.AsNoTracking().Where(p => p.CommunityId == community.Value && p.MergedInto == null);
        var (family, given) = (PersonMatching.Soundex(query.FamilyName), PersonMatching.Soundex(query.GivenName));
        var dates = query.BirthDate is { } d ? BirthDateVariants(d) : [];
        var phone = query.PhoneDigits;
        if (dates.Count > 0 || phone is not null)
            yield return people.Where(p => (p.BirthDate != null && dates.Contains(p.BirthDate.Value)) || (phone != null && p.PhoneDigits == phone)).OrderBy(p => p.NameKey);
        if (family != "" && given != "")
        {
            yield return people.Where(p => (p.FamilySound == family && p.GivenSound == given) || (p.FamilySound == given && p.GivenSound == family)).OrderBy(p => p.NameKey);
            var (g, gNext) = (given[..1], ((char)(given[0] + 1)).ToString());
            var (f, fNext) = (family[..1], ((char)(family[0] + 1)).ToString());
            yield return people.Where(p => p.FamilySound == family && p.GivenSound != given && string.Compare(p.GivenSound, g) >= 0 && string.Compare(p.GivenSound, gNext) < 0).OrderBy(p => p.GivenSound);
            yield return people.Where(p => p.GivenSound == given && p.FamilySound != family && string.Compare(p.FamilySound, f) >= 0 && string.Compare(p.FamilySound, fNext) < 0).OrderBy(p => p.FamilySound);
        }
        else if (family != "") yield return people.Where(p => p.FamilySound == family).OrderBy(p => p.GivenSound);
        else if (given != "") yield return people.Where(p => p.GivenSound == given).OrderBy(p => p.FamilySound);
    }

    private static List<DateOnly> BirthDateVariants(DateOnly date)
    {
        var dates = new List<DateOnly> { date };
        if (date.Day <= 12 && date.Day != date.Month) dates.Add(new DateOnly(date.Year, date.Day, Math.Min(date.Month, DateTime.DaysInMonth(date.Year, date.Day))));
        return dates;
    }

    public async Task MergeAsync(CommunityId community, PersonId duplicate, PersonId into, DateTimeOffset at, CancellationToken ct = default)
    {
        var row = await db.People.SingleAsync(p => p.CommunityId == community.Value && p.Id == duplicate.Value, ct);
        (row.MergedInto, row.MergedAt) = (into.Value, at);
        // Records merged into the duplicate follow it, so a chain never needs to be walked.
        foreach (var earlier in await db.People.Where(p => p.CommunityId == community.Value && p.MergedInto == duplicate.Value).ToListAsync(ct)) earlier.MergedInto = into.Value;
        await db.SaveChangesAsync(ct);
    }

    public async Task UnmergeAsync(CommunityId community, PersonId duplicate, CancellationToken ct = default)
    {
        var row = await db.People.SingleAsync(p => p.CommunityId == community.Value && p.Id == duplicate.Value, ct);
        (row.MergedInto, row.MergedAt) = (null, null);
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<PersonConsent>> ConsentsAsync(CommunityId community, IReadOnlyCollection<PersonId> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Value).ToList();
        var rows = await db.Consents.AsNoTracking().Where(c => c.CommunityId == community.Value && ids.Contains(c.PersonId)).ToListAsync(ct);
        return [.. rows.OrderBy(c => c.RecordedAt).Select(ToConsent)];
    }

    public async Task AddConsentAsync(CommunityId community, PersonConsent consent, DateTimeOffset at, CancellationToken ct = default)
    {
        db.Consents.Add(RowOf(community, consent, at));
        await db.SaveChangesAsync(ct);
    }

    private static ConsentRow RowOf(CommunityId community, PersonConsent consent, DateTimeOffset at) => new()
    {
            CommunityId = community.Value, Id = consent.Id.Value, PersonId = consent.Person.Value, GranteeKind = Name(consent.Grantee.Kind), GranteeValue = consent.Grantee.Value,
            Categories = string.Join(',', consent.Categories.Order().Select(Name)), Purposes = string.Join(',', consent.Purposes.Order().Select(Name)),
            StartAt = consent.Start, EndAt = consent.End, Method = Name(consent.Method), Witness = consent.Witness, Language = consent.Language,
            RecordedBy = consent.RecordedBy, RecordedAt = at,
    };

    /// <summary>False when there is no such consent of this person, or it was already revoked.</summary>
    public async Task<bool> RevokeConsentAsync(CommunityId community, PersonId person, ConsentId id, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        var row = await db.Consents.FirstOrDefaultAsync(c => c.CommunityId == community.Value && c.Id == id.Value && c.PersonId == person.Value && c.RevokedAt == null, ct);
        if (row is null) return false;
        (row.RevokedAt, row.RevokedBy) = (at, by);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<List<Screening>> ScreeningsAsync(CommunityId community, IReadOnlyCollection<PersonId> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Value).ToList();
        var rows = await db.Screenings.AsNoTracking().Where(s => s.CommunityId == community.Value && ids.Contains(s.PersonId)).ToListAsync(ct);
        return [.. rows.OrderByDescending(s => s.StartedAt).Select(ToScreening)];
    }

    public async Task<Screening?> ScreeningAsync(CommunityId community, string id, CancellationToken ct = default) =>
        await db.Screenings.AsNoTracking().FirstOrDefaultAsync(s => s.CommunityId == community.Value && s.Id == id, ct) is { } row ? ToScreening(row) : null;

    public async Task SaveScreeningAsync(CommunityId community, Screening screening, CancellationToken ct = default)
    {
        var row = await db.Screenings.FirstOrDefaultAsync(s => s.CommunityId == community.Value && s.Id == screening.Id, ct) ?? AddScreening(community, screening);
        Fill(row, screening);
        await db.SaveChangesAsync(ct);
    }

    private ScreeningRow AddScreening(CommunityId community, Screening screening) => db.Screenings.Add(new ScreeningRow
    {
        CommunityId = community.Value, Id = screening.Id, PersonId = screening.Person.Value, Instrument = screening.Instrument.Id, StartedBy = screening.StartedBy, StartedAt = screening.StartedAt,
    }).Entity;

    private static void Fill(ScreeningRow row, Screening screening)
    {
        row.Status = Name(screening.Status);
        row.Language = screening.Language;
        row.CompletedAt = screening.CompletedAt;
        row.Responses = JsonSerializer.Serialize(screening.Responses, Json);
    }

    public async Task<List<Need>> NeedsAsync(CommunityId community, IReadOnlyCollection<PersonId> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Value).ToList();
        var rows = await db.Needs.AsNoTracking().Where(n => n.CommunityId == community.Value && ids.Contains(n.PersonId)).ToListAsync(ct);
        return [.. Need.InPersonsOrder(rows.Select(n => new Need
        {
            Id = n.Id, Person = new PersonId(n.PersonId), Category = n.Category, Screening = n.ScreeningId, Status = Parse<NeedStatus>(n.Status)[0], Rank = n.Rank, RecordedAt = n.RecordedAt,
        }))];
    }

    /// <summary>Adds new needs and updates the status and rank of those already stored.</summary>
    public async Task SaveNeedsAsync(CommunityId community, IEnumerable<Need> needs, CancellationToken ct = default)
    {
        foreach (var need in needs)
        {
            Fill(await db.Needs.FirstOrDefaultAsync(n => n.CommunityId == community.Value && n.Id == need.Id, ct) ?? AddNeed(community, need), need);
        }

        await db.SaveChangesAsync(ct);
    }

    private NeedRow AddNeed(CommunityId community, Need need) => db.Needs.Add(new NeedRow
    {
        CommunityId = community.Value, Id = need.Id, PersonId = need.Person.Value, Category = need.Category, ScreeningId = need.Screening, RecordedAt = need.RecordedAt,
    }).Entity;

    private static void Fill(NeedRow row, Need need) => (row.Status, row.Rank) = (Name(need.Status), need.Rank);

    public async Task<List<Goal>> GoalsAsync(CommunityId community, IReadOnlyCollection<PersonId> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Value).ToList();
        var rows = await db.Goals.AsNoTracking().Where(g => g.CommunityId == community.Value && ids.Contains(g.PersonId)).ToListAsync(ct);
        return [.. rows.OrderBy(g => g.CreatedAt).Select(g => new Goal
        {
            Id = g.Id, Person = new PersonId(g.PersonId), Need = g.NeedId, Text = g.Text,
            History = [.. JsonSerializer.Deserialize<List<GoalStep>>(g.History, Json)!.Select(s => (s.Status, s.At))],
        })];
    }

    public async Task SaveGoalAsync(CommunityId community, Goal goal, DateTimeOffset at, CancellationToken ct = default)
    {
        Fill(await db.Goals.FirstOrDefaultAsync(g => g.CommunityId == community.Value && g.Id == goal.Id, ct) ?? AddGoal(community, goal, at), goal);
        await db.SaveChangesAsync(ct);
    }

    private GoalRow AddGoal(CommunityId community, Goal goal, DateTimeOffset at) =>
        db.Goals.Add(new GoalRow { CommunityId = community.Value, Id = goal.Id, PersonId = goal.Person.Value, NeedId = goal.Need, CreatedAt = at }).Entity;

    private static void Fill(GoalRow row, Goal goal)
    {
        row.Text = goal.Text;
        row.History = JsonSerializer.Serialize(goal.History.Select(h => new GoalStep(h.Status, h.At)), Json);
    }

    public async Task AddDisclosuresAsync(CommunityId community, IReadOnlyList<Disclosure> disclosures, CancellationToken ct = default)
    {
        db.Disclosures.AddRange(disclosures.Select(d => new DisclosureRow
        {
            CommunityId = community.Value, Id = Guid.NewGuid().ToString(), PersonId = d.Person.Value, At = d.At, Actor = d.Actor,
            OrganizationId = d.Organization?.Value, Channel = d.Channel, Categories = string.Join(',', d.Categories.Order().Select(Name)),
            Purpose = Name(d.Purpose), ConsentId = d.Consent?.Value, Reason = d.Reason, BrokeGlass = d.BrokeTheGlass,
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every read of the person's data, newest first.</summary>
    public async Task<List<Disclosure>> DisclosuresAsync(CommunityId community, IReadOnlyCollection<PersonId> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Value).ToList();
        var rows = await db.Disclosures.AsNoTracking().Where(d => d.CommunityId == community.Value && ids.Contains(d.PersonId)).ToListAsync(ct);
        return [.. rows.OrderByDescending(d => d.At).Select(d => new Disclosure(
            new PersonId(d.PersonId), d.At, d.Actor, d.OrganizationId is { } o ? new OrganizationId(o) : null, d.Channel, Parse<DataCategory>(d.Categories),
            Parse<Purpose>(d.Purpose)[0], d.ConsentId is { } c ? new ConsentId(c) : null, d.Reason, d.BrokeGlass))];
    }

    private sealed record GoalStep(GoalAchievement Status, DateTimeOffset At);

    private static void Fill(PersonRow row, Person person, DateTimeOffset at)
    {
        row.RegisteredBy = person.RegisteredBy.Value;
        (row.GivenName, row.FamilyName, row.PreferredName) = (person.GivenName, person.FamilyName, person.PreferredName);
        row.NameKey = PersonMatching.NameKey(person.GivenName, person.FamilyName);
        (row.FamilySound, row.GivenSound) = (PersonMatching.Soundex(person.FamilyName), PersonMatching.Soundex(person.GivenName));
        row.BirthDate = person.BirthDate;
        row.PhoneDigits = person.Phone is { } phone ? PersonRules.PhoneDigits(phone) : null;
        (row.Email, row.Tract, row.Language) = (person.Email, person.Tract, person.Language);
        row.RaceEthnicity = person.RaceEthnicity switch
        {
            { Status: ReportStatus.Declined } => "declined",
            { Status: ReportStatus.Answered, Value: { } selected } => string.Join('|', selected),
            _ => null,
        };
        row.Details = JsonSerializer.Serialize(person, Json);
        row.UpdatedAt = at;
    }

    private static Person ToPerson(PersonRow row) => JsonSerializer.Deserialize<Person>(row.Details, Json)!;

    private static PersonConsent ToConsent(ConsentRow row) => new()
    {
        Id = new ConsentId(row.Id), Person = new PersonId(row.PersonId), Grantee = new Grantee(Parse<GranteeKind>(row.GranteeKind)[0], row.GranteeValue),
        Categories = Parse<DataCategory>(row.Categories).ToHashSet(), Purposes = Parse<Purpose>(row.Purposes).ToHashSet(), Start = row.StartAt, End = row.EndAt,
        RevokedAt = row.RevokedAt, Method = Parse<ConsentMethod>(row.Method)[0], Witness = row.Witness, Language = row.Language, RecordedBy = row.RecordedBy,
    };

    private static Screening ToScreening(ScreeningRow row) => new()
    {
        Id = row.Id, Person = new PersonId(row.PersonId), Instrument = Instruments.Find(row.Instrument) ?? throw new InvalidDataException($"Screening {row.Id} uses an unknown instrument '{row.Instrument}'."),
        StartedBy = row.StartedBy, StartedAt = row.StartedAt, Language = row.Language, Status = Parse<ScreeningStatus>(row.Status)[0], CompletedAt = row.CompletedAt,
        Responses = JsonSerializer.Deserialize<Dictionary<string, ItemResponse>>(row.Responses, Json)!,
    };

    /// <summary>An enum value as stored: kebab-case (care-coordination, interpersonal-safety).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static List<T> Parse<T>(string names) where T : struct, Enum =>
        [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => Enum.Parse<T>(n.Replace("-", ""), ignoreCase: true))];
}
