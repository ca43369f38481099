using System.Text.Json;
using Braid.Core;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Listings;
using Braid.Data.Directory;

namespace Braid.Data.Listings;

/// <summary>An organization's claim on its own listings, as stored (<see cref="ListingClaim"/> is the aggregate).</summary>
public sealed class ListingClaimRow
{
    public string CommunityId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    /// <summary>The <see cref="ClaimState"/>, lower case.</summary>
    public string Status { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>One saved edit or verification of a listing.</summary>
public sealed class ListingVersionRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string ServiceId { get; set; } = "";
    public string? ServiceAtLocationId { get; set; }
    public string OrganizationId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    /// <summary>The field changes as JSON: [{"Field":…, "Before":…, "After":…}].</summary>
    public string Changes { get; set; } = "[]";

    public IReadOnlyList<FieldChange> FieldChanges => JsonSerializer.Deserialize<List<FieldChange>>(Changes) ?? [];
}

/// <summary>A listing overdue for verification, for the freshness view.</summary>
public sealed record StaleListing(string ServiceId, string ServiceName, string? OrganizationId, string? OrganizationName, string? LastVerified);

/// <summary>A service a person may refer themself to, at one location.</summary>
public sealed record SelfReferralOption(ServiceAtLocationId Id, string ServiceName, OrganizationId Organization, string OrganizationName, string? Address)
{
    /// <summary>The service's eligibility rules.</summary>
    public EligibilityRules Rules { get; init; } = EligibilityRules.None;
}

/// <summary>Reads listings for editing, and saves edits and verifications (each with its version) and claims, in the caller's transaction.</summary>
public sealed class ListingStore(BraidDbContext db, TimeProvider time)
{
    /// <summary>A listing with everything its editor shows, in one round trip to the database.</summary>
    public async Task<Listing?> LoadAsync(string communityId, string serviceAtLocationId, CancellationToken ct = default)
    {
        var sals = HsdsModel.Table<ServiceAtLocation>().SqlTable;
        var service = $"(SELECT service_id FROM {sals} WHERE community_id = @c AND id = @sal)";
        var location = $"(SELECT location_id FROM {sals} WHERE community_id = @c AND id = @sal)";
        var results = await new HsdsReader(db).BatchAsync(communityId,
        [
            (HsdsModel.Table<ServiceAtLocation>(), "id = @sal"),
            (HsdsModel.Table<Service>(), $"id = {service}"),
            (HsdsModel.Table<Location>(), $"id = {location}"),
            (HsdsModel.Table<Address>(), $"location_id = {location}"),
            (HsdsModel.Table<Schedule>(), $"service_at_location_id = @sal OR service_id = {service}"),
            (HsdsModel.Table<Language>(), $"service_id = {service}"),
            (HsdsModel.Table<HsdsAttribute>(), $"link_id = {service} AND link_type IN ('capacity', '{SelfReferral.LinkType}', '{EligibilityAttributes.LinkType}')"),
            // Who else is at this site: the address is the location's, not the service's.
            (HsdsModel.Table<Service>(), $"id IN (SELECT service_id FROM {sals} WHERE community_id = @c AND location_id = {location})"),
            (HsdsModel.Table<RequiredDocument>(), $"service_id = {service}"),
        ], new Dictionary<string, string> { ["@sal"] = serviceAtLocationId }, ct);

        if (results[0].OfType<ServiceAtLocation>().FirstOrDefault() is not { ServiceId: not null, LocationId: not null } sal) return null;
        if (results[1].OfType<Service>().FirstOrDefault() is not { } found || results[2].OfType<Location>().FirstOrDefault() is not { } place) return null;
        var address = results[3].OfType<Address>().OrderBy(a => a.AddressType == "physical" ? 0 : 1).FirstOrDefault();
        var allSchedules = results[4].OfType<Schedule>().ToList();
        var schedules = allSchedules.Where(x => x.ServiceAtLocationId == sal.Id).ToList();
        if (schedules.Count == 0) schedules = [.. allSchedules.Where(x => x.ServiceId == found.Id && (x.LocationId is null || x.LocationId == place.Id))];
        var siteOrganizations = results[7].OfType<Service>().Select(x => x.OrganizationId).Append(place.OrganizationId).OfType<string>().ToHashSet();
        return new Listing(sal, found, place, address, schedules, [.. results[5].OfType<Language>()], results[6].OfType<HsdsAttribute>().FirstOrDefault(a => a.LinkType == "capacity"), siteOrganizations,
            results[6].OfType<HsdsAttribute>().FirstOrDefault(a => a.LinkType == SelfReferral.LinkType),
            [.. results[6].OfType<HsdsAttribute>().Where(a => a.LinkType == EligibilityAttributes.LinkType)], [.. results[8].OfType<RequiredDocument>()]);
    }

    /// <summary>
    /// The active services of a need's domain that accept self-referrals, at each of their
    /// locations, with their organization's name and the location's street address.
    /// </summary>
    public async Task<IReadOnlyList<SelfReferralOption>> SelfReferralServicesAsync(string communityId, string needTermId, CancellationToken ct = default)
    {
        var attributes = HsdsModel.Table<HsdsAttribute>().SqlTable;
        var services = $"(SELECT link_id FROM {attributes} WHERE community_id = @c AND link_type = '{SelfReferral.LinkType}' " +
            $"INTERSECT SELECT link_id FROM {attributes} WHERE community_id = @c AND link_type = 'need' AND taxonomy_term_id = @term)";
        var sals = $"(SELECT location_id FROM {HsdsModel.Table<ServiceAtLocation>().SqlTable} WHERE community_id = @c AND service_id IN {services})";
        var results = await new HsdsReader(db).BatchAsync(communityId,
        [
            (HsdsModel.Table<Service>(), $"id IN {services} AND status = 'active'"),
            (HsdsModel.Table<ServiceAtLocation>(), $"service_id IN {services}"),
            (HsdsModel.Table<Organization>(), $"id IN (SELECT organization_id FROM {HsdsModel.Table<Service>().SqlTable} WHERE community_id = @c AND id IN {services})"),
            (HsdsModel.Table<Address>(), $"location_id IN {sals}"),
            (HsdsModel.Table<HsdsAttribute>(), $"link_id IN {services} AND link_type = '{EligibilityAttributes.LinkType}'"),
            (HsdsModel.Table<RequiredDocument>(), $"service_id IN {services}"),
        ], new Dictionary<string, string> { ["@term"] = needTermId }, ct);
        var rules = results[4].OfType<HsdsAttribute>().ToLookup(a => a.LinkId);
        var documents = results[5].OfType<RequiredDocument>().ToLookup(d => d.ServiceId);
        var found = results[0].OfType<Service>().ToDictionary(x => x.Id);
        var organizations = results[2].OfType<Organization>().ToDictionary(o => o.Id, o => o.Name);
        var addresses = results[3].OfType<Address>().GroupBy(a => a.LocationId ?? "").ToDictionary(g => g.Key, g => g.OrderBy(a => a.AddressType == "physical" ? 0 : 1).First());
        return [.. results[1].OfType<ServiceAtLocation>()
            .Where(sal => sal.ServiceId is not null && found.ContainsKey(sal.ServiceId) && found[sal.ServiceId].OrganizationId is not null)
            .Select(sal =>
            {
                var service = found[sal.ServiceId!];
                var address = addresses.GetValueOrDefault(sal.LocationId ?? "");
                return new SelfReferralOption(new ServiceAtLocationId(sal.Id), service.Name ?? sal.Id, new OrganizationId(service.OrganizationId!),
                    organizations.GetValueOrDefault(service.OrganizationId!) ?? service.OrganizationId!, address is null ? null : $"{address.Address1}, {address.City}")
                {
                    Rules = EligibilityAttributes.Read(service, rules[service.Id], documents[service.Id]),
                };
            })
            .OrderBy(o => o.ServiceName, StringComparer.Ordinal).ThenBy(o => o.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>Writes the change and its version; run it in a transaction so they commit together.</summary>
    public async Task SaveAsync(string communityId, Listing listing, ListingChange change, string action, string actor, CancellationToken ct = default)
    {
        await new DirectoryStore(db).WriteAsync(communityId, change.Upserts, ct: ct, deletes: change.Deletes);
        db.ListingVersions.Add(new ListingVersionRow
        {
            CommunityId = communityId, Id = Guid.NewGuid().ToString(), ServiceId = listing.Service.Id, ServiceAtLocationId = listing.ServiceAtLocation.Id,
            OrganizationId = listing.Service.OrganizationId ?? "", At = time.GetUtcNow(),
            Actor = actor, Action = action, Changes = JsonSerializer.Serialize(change.Changes),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<ListingVersionRow>> HistoryAsync(string communityId, string serviceId, CancellationToken ct = default) =>
        [.. (await db.ListingVersions.AsNoTracking().Where(v => v.CommunityId == communityId && v.ServiceId == serviceId).ToListAsync(ct))
            .OrderByDescending(v => v.At)];

    public async Task<ListingClaim?> ClaimAsync(string communityId, string organizationId, CancellationToken ct = default) =>
        await db.ListingClaims.AsNoTracking().FirstOrDefaultAsync(c => c.CommunityId == communityId && c.OrganizationId == organizationId, ct) is { } row ? ToClaim(row) : null;

    /// <summary>The state of each of these organizations' claims (none for an organization that never asked), in one query.</summary>
    public async Task<Dictionary<string, ClaimState>> ClaimStatesAsync(string communityId, IReadOnlyList<string> organizationIds, CancellationToken ct = default) =>
        (await db.ListingClaims.AsNoTracking().Where(c => c.CommunityId == communityId && organizationIds.Contains(c.OrganizationId)).ToListAsync(ct))
            .ToDictionary(c => c.OrganizationId, c => State(c.Status));

    /// <summary>The claims in one state, oldest request first.</summary>
    public async Task<List<ListingClaim>> ClaimsAsync(string communityId, ClaimState state, CancellationToken ct = default)
    {
        var status = Status(state);
        return [.. (await db.ListingClaims.AsNoTracking().Where(c => c.CommunityId == communityId && c.Status == status).ToListAsync(ct))
            .Select(ToClaim).OrderBy(c => c.RequestedAt)];
    }

    /// <summary>Stores the claim's current state (inserted the first time).</summary>
    public async Task SaveClaimAsync(string communityId, ListingClaim claim, CancellationToken ct = default)
    {
        var organizationId = claim.Organization.Value;
        var row = await db.ListingClaims.FirstOrDefaultAsync(c => c.CommunityId == communityId && c.OrganizationId == organizationId, ct);
        if (row is null) db.ListingClaims.Add(row = new ListingClaimRow { CommunityId = communityId, OrganizationId = organizationId });
        row.Status = Status(claim.State);
        row.RequestedBy = claim.RequestedBy;
        row.RequestedAt = claim.RequestedAt.ToUniversalTime();
        row.DecidedBy = claim.DecidedBy;
        row.DecidedAt = claim.DecidedAt?.ToUniversalTime();
        await db.SaveChangesAsync(ct);
    }

    private static string Status(ClaimState state) => state.ToString().ToLowerInvariant();

    private static ClaimState State(string status) => Enum.Parse<ClaimState>(status, ignoreCase: true);

    private static ListingClaim ToClaim(ListingClaimRow row) => ListingClaim.Restore(new OrganizationId(row.OrganizationId),
        State(row.Status), row.RequestedBy, row.RequestedAt, row.DecidedBy, row.DecidedAt);

    /// <summary>Active services not verified since the cutoff date (or never), oldest first.</summary>
    public async Task<List<StaleListing>> StaleAsync(string communityId, DateOnly cutoff, int limit, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "SELECT s.id, s.name, s.organization_id, o.name, s.assured_date FROM services s " +
                              "LEFT JOIN organizations o ON o.community_id = s.community_id AND o.id = s.organization_id " +
                              "WHERE s.community_id = @c AND (s.status IS NULL OR s.status = 'active') AND (s.assured_date IS NULL OR s.assured_date < @cutoff) " +
                              $"ORDER BY s.assured_date, s.name LIMIT {limit}";
            Migrator.AddParameter(cmd, "@c", communityId);
            Migrator.AddParameter(cmd, "@cutoff", cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var stale = new List<StaleListing>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                stale.Add(new StaleListing(reader.GetString(0), Text(1) ?? "", Text(2), Text(3), Text(4)));
            }

            return stale;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
