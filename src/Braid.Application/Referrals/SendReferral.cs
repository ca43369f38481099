using System.Net.Mail;
using Braid.Application.People;
using Braid.Core.Listings;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Listings;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>What a navigator (or an EHR) asks to send: for one of the person's needs, to a service, of one of three kinds.</summary>
public sealed record ReferralRequest
{
    public required PersonId Person { get; init; }
    public required string Need { get; init; }
    public ReferralKind Kind { get; init; } = ReferralKind.Direct;

    /// <summary>The sending organization (one the sender works for).</summary>
    public required OrganizationId From { get; init; }

    /// <summary>The service at a location, from the directory; an external referral may instead name an organization and service outside it.</summary>
    public ServiceAtLocationId? Service { get; init; }

    /// <summary>
    /// A direct referral without a listing (an EHR's order): the organization on Braid it goes to,
    /// and the service asked for by name and SNOMED CT code.
    /// </summary>
    public OrganizationId? To { get; init; }
    public string? ServiceName { get; init; }
    public string? ServiceCode { get; init; }

    /// <summary>Saved as a draft its sender requests later (a ServiceRequest before its Task).</summary>
    public bool Draft { get; init; }

    /// <summary>The referral this one passes on, sent by the organization that received that one.</summary>
    public ReferralId? Parent { get; init; }
    public string? ExternalOrganization { get; init; }
    public string? ExternalEmail { get; init; }
    public string? ExternalServiceName { get; init; }

    /// <summary>The categories to share; by default who the person is, how to reach them and the need's category.</summary>
    public IReadOnlySet<DataCategory>? Shared { get; init; }
    public string? Note { get; init; }

    /// <summary>The sender's key for this request: sending again with the same key has no second effect.</summary>
    public string? IdempotencyKey { get; init; }
    public string Channel { get; init; } = "page";

    /// <summary>The language of the page a person sends their own referral from, which the consent it carries is given in.</summary>
    public string? Language { get; init; }
}

/// <summary>
/// What came of a request: the referral sent (or the one this key already sent), or why not:
/// input errors, consent missing for some categories, or an open referral for the same need and service.
/// </summary>
public sealed record SendResult
{
    public ReferralId? Id { get; init; }
    public bool Replayed { get; init; }
    public IReadOnlyDictionary<string, InputError> Errors { get; init; } = new Dictionary<string, InputError>();
    public IReadOnlyList<DataCategory> ConsentMissing { get; init; } = [];
    public ReferralId? OpenDuplicate { get; init; }
    public ServiceCapacity? Capacity { get; init; }
}

/// <summary>
/// Sends a referral for one of the person's accepted needs: checks that the person consented to
/// share each category with the recipient, that no referral for the same need and service is
/// still open, and states the service's latest capacity. The referral, the disclosure of what it
/// shares and the audit event are saved together; a repeated idempotency key returns the first. A
/// person sends one for themself, from their portal, to a service that accepts self-referrals;
/// sending it records their consent to share what it carries with the organization (<see cref="ReferMyself"/>).
/// </summary>
public sealed class SendReferral(UseCaseContext context, PeopleStore people, ReferralStore referrals, ListingStore listings, ReferralNotices notices)
{
    public async Task<SendResult?> RunAsync(ReferralRequest request, CancellationToken ct = default)
    {
        var target = PersonGate.Target(request.Person);
        var self = (await context.Caller.ActorAsync(ct)).Kind == ActorKind.Person;
        var actor = self ? await context.AuthorizeAsync(Permission.OwnRecord, target: target, ct: ct) : await context.AuthorizeAsync(Permission.ReferralWrite, request.From, target, ct);
        if (self && (request.From != PersonPortal.SelfRegistered || request.Kind != ReferralKind.Direct || request.Service is null || request.Parent is not null || request.Draft))
            throw new DomainRuleException("A person refers themself directly to a service in the directory, from their own portal.");
        if (request.IdempotencyKey is { } key && await referrals.FindByIdempotencyKeyAsync(context.CommunityId, request.From, key, ct) is { } earlier)
            return new SendResult { Id = earlier.Id, Replayed = true };

        var gate = new PersonGate(context, people);
        if (await gate.LoadAsync(request.Person, ct) is not { } file) return null;
        var need = (await people.NeedsAsync(context.CommunityId, file.Ids, ct)).FirstOrDefault(n => n.Id == request.Need);
        if (need is null) return Invalid("need", new InputError("referral-need-unknown", request.Need));
        await gate.RequireAsync(actor, file, NeedCategories.Of(need.Category), ct);
        if (!need.MayBeReferred) throw new DomainRuleException($"Only a need the person accepted is referred; this one is {need.Status.ToString().ToLowerInvariant()}.");

        var (destination, errors) = await DestinationAsync(request, ct);
        if (errors.Count > 0) return new SendResult { Errors = errors };
        if (self && !destination.AcceptsSelfReferrals)
            return Invalid("service", new InputError("referral-self-not-accepted", destination.ServiceName));

        var shared = request.Kind == ReferralKind.Informational ? new SortedSet<DataCategory>() : request.Shared ?? ReferralConsent.DefaultShared(need);
        var now = context.Time.GetUtcNow();
        IReadOnlyList<PersonConsent> consents = file.Consents;
        PersonConsent? given = null;
        var missing = ReferralConsent.Decide(context.CommunityId, file.Person, consents, destination.To, shared, now).Where(c => !c.Value.Allowed).Select(c => c.Key).Order().ToList();
        if (missing.Count > 0 && !self) return new SendResult { ConsentMissing = missing, Capacity = destination.Capacity };
        if (missing.Count > 0)
        {
            // A person who sends a referral themself consents, by sending it, to share what it carries with the organization they send it to (the page says so first).
            given = new PersonConsent
            {
                Id = new ConsentId(Guid.NewGuid().ToString()), Person = file.Person.Id, Grantee = Grantee.Organization(destination.To!.Value), Categories = new SortedSet<DataCategory>(missing),
                Purposes = new SortedSet<Purpose> { Purpose.CareCoordination }, Start = now, Method = ConsentMethod.ElectronicSignature, Language = request.Language ?? "en", RecordedBy = actor.Id,
            };
            consents = [.. consents, given];
        }

        var consent = ReferralConsent.Decide(context.CommunityId, file.Person, consents, destination.To, shared, now);

        var open = await referrals.OpenForAsync(context.CommunityId, file.Person.Id.Value, need.Id, destination.Service?.Value, destination.ServiceName, destination.To?.Value, ct);
        if (open.Count > 0)
        {
            // The open one may be this very request, sent again while this one was being checked.
            return open.FirstOrDefault(o => request.IdempotencyKey is not null && o.IdempotencyKey == request.IdempotencyKey && o.FromOrganization == request.From.Value) is { } same
                ? new SendResult { Id = new ReferralId(same.Id), Replayed = true }
                : new SendResult { OpenDuplicate = new ReferralId(open[0].Id), Capacity = destination.Capacity };
        }

        if (request.Parent is { } parentId) await RequireParentAsync(parentId, request, need.Id, ct);
        var referral = Referral.Send(new ReferralId(Guid.NewGuid().ToString()), new ReferralDetails
        {
            Person = file.Person.Id, Need = need.Id, NeedCategory = need.Category, Kind = request.Kind, From = request.From, To = destination.To,
            Service = destination.Service, ServiceName = destination.ServiceName, ServiceCode = request.ServiceCode, ExternalOrganization = destination.ExternalOrganization,
            ExternalEmail = destination.ExternalEmail, Capacity = destination.Capacity, Shared = shared, Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Parent = request.Parent,
        }, new Stamp(actor.Id, request.From, now, request.Channel), request.Draft ? ReferralStatus.Draft : ReferralStatus.Requested);

        try
        {
            await context.ChangeAsync(async audit =>
            {
                if (given is not null)
                {
                    await people.AddConsentAsync(context.CommunityId, given, now, ct);
                    audit.Record(actor, "consents.grant", $"with a self-referral: organization {destination.To}: {string.Join(',', given.Categories.Select(PeopleStore.Name))}", target: target);
                }

                await referrals.AddAsync(context.CommunityId, referral, request.IdempotencyKey, ct);
                await notices.QueueAsync(referral, ct);
                if (shared.Count > 0)
                {
                    await people.AddDisclosuresAsync(context.CommunityId, [.. consent.GroupBy(c => c.Value.Consent).Select(g => new Disclosure(
                        file.Person.Id, now, actor.Id, destination.To, "referral", [.. g.Select(c => c.Key).Order()], Purpose.CareCoordination, g.Key,
                        $"referral {referral.Id} to {destination.ExternalOrganization ?? destination.ServiceName}", false))], ct);
                }

                audit.Record(actor, "referrals.send", $"{request.Kind.ToString().ToLowerInvariant()} for {need.Category}, sharing {string.Join(',', shared.Select(PeopleStore.Name))}",
                    request.From, Target(referral.Id));
                return true;
            }, ct);
        }
        catch (ConcurrentChangeException) when (request.IdempotencyKey is not null)
        {
            // The same request, retried while the first was still being saved: one referral, both told of it.
            context.Db.ChangeTracker.Clear();
            var winner = await referrals.FindByIdempotencyKeyAsync(context.CommunityId, request.From, request.IdempotencyKey, ct) ?? throw new InvalidOperationException("The referral that took this idempotency key is gone.");
            return new SendResult { Id = winner.Id, Replayed = true };
        }

        return new SendResult { Id = referral.Id, Capacity = destination.Capacity };
    }

    public const int MaxNote = 2000;

    public static string Target(ReferralId id) => "referral:" + id;

    private static SendResult Invalid(string field, InputError error) => new() { Errors = new Dictionary<string, InputError> { [field] = error } };

    // Only the organization a referral was sent to passes it on, for the same person and need, once it has taken it on.
    private async Task RequireParentAsync(ReferralId id, ReferralRequest request, string need, CancellationToken ct)
    {
        var parent = await referrals.FindAsync(context.CommunityId, id, ct) ?? throw new DomainRuleException($"Referral {id}, which this one would pass on, does not exist.");
        if (parent.Details.To != request.From) throw new DomainRuleException($"Only the organization referral {id} was sent to passes it on.");
        if (parent.Details.Person != request.Person || parent.Details.Need != need) throw new DomainRuleException($"A referral passed on is for the person and need of referral {id}.");
        if (parent.Status is not (ReferralStatus.Accepted or ReferralStatus.InProgress))
            throw new DomainRuleException($"Referral {id} is passed on once accepted; it is {parent.Status.Code()}.");
    }

    private sealed record Destination(OrganizationId? To, ServiceAtLocationId? Service, string ServiceName, string? ExternalOrganization, string? ExternalEmail, ServiceCapacity? Capacity)
    {
        public bool AcceptsSelfReferrals { get; init; }
    }

    private async Task<(Destination Destination, Dictionary<string, InputError> Errors)> DestinationAsync(ReferralRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        if (request.Note?.Trim().Length > MaxNote) errors["note"] = new InputError("too-long", MaxNote, request.Note.Trim().Length);
        Listing? listing = null;
        if (request.Service is { } service)
        {
            listing = await listings.LoadAsync(context.CommunityId.Value, service.Value, ct);
            if (listing is null) errors["service"] = new InputError("referral-service-unknown", service.Value);
        }
        else if (request.Kind == ReferralKind.Direct && request.To is not null)
        {
            if (string.IsNullOrWhiteSpace(request.ServiceName)) errors["service"] = new InputError("referral-service-required");
        }
        else if (request.Kind != ReferralKind.External) errors["service"] = new InputError("referral-service-required");

        if (request.Kind == ReferralKind.External)
        {
            if (string.IsNullOrWhiteSpace(request.ExternalOrganization)) errors["external_organization"] = new InputError("referral-external-organization");
            if (!MailAddress.TryCreate(request.ExternalEmail?.Trim(), out _)) errors["external_email"] = new InputError("email-invalid");
            if (listing is null && string.IsNullOrWhiteSpace(request.ExternalServiceName)) errors["external_service_name"] = new InputError("referral-external-service");
        }

        var capacity = listing is null ? null : new ServiceCapacity(listing.Capacity?.Value, listing.Service.AssuredDate);
        if (errors.Count > 0 || request.Kind != ReferralKind.Direct)
        {
            return (new Destination(null, request.Service, listing?.Service.Name ?? request.ExternalServiceName?.Trim() ?? "", request.ExternalOrganization?.Trim(), request.ExternalEmail?.Trim(), capacity), errors);
        }

        var to = listing?.Owner ?? request.To!.Value;
        var name = listing?.Service.Name ?? request.ServiceName!.Trim();
        if (listing is not null && request.To is { } named && named != listing.Owner) throw new DomainRuleException($"{name} is offered by organization {listing.Owner}, not {named}.");
        if (!await referrals.ReceivesReferralsAsync(context.CommunityId, to, ct))
            throw new DomainRuleException($"{name} is offered by an organization that does not work referrals on Braid: send it as external (a secure link by email) or informational.");
        return (new Destination(to, request.Service, name, null, null, capacity) { AcceptsSelfReferrals = listing?.SelfReferral is not null }, errors);
    }
}
