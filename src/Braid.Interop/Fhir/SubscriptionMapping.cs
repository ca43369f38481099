using System.Globalization;
using Hl7.Fhir.Model;

namespace Braid.Interop.Fhir;

/// <summary>What a subscriber asks for: changes to its referral Tasks (optionally filtered), sent to its endpoint.</summary>
public sealed record SubscriptionRequest(string? Filter, Uri Endpoint);

/// <summary>
/// Subscriptions as the FHIR R4 Subscriptions Backport IG has them (topic-based, rest-hook) and the
/// notification Bundles sent for them. Notifications are id-only: they say which Task changed,
/// never what is in it; the subscriber reads the Task with its own token (and the read is audited).
/// Resources carry the backport's shapes and extensions but claim no profile in meta: the backport
/// IG's profiles are not among the specifications Braid validates against.
/// </summary>
public static class SubscriptionMapping
{
    private const string FilterCriteria = FhirCodes.Backport + "backport-filter-criteria";
    private const string PayloadContent = FhirCodes.Backport + "backport-payload-content";

    /// <summary>The filters Braid understands: by the organization that owns or requested the Task.</summary>
    public static readonly string[] FilterParameters = ["Task?owner=", "Task?requester="];

    /// <summary>The request a Subscription makes, or <see cref="FormatException"/> naming what Braid cannot honour.</summary>
    public static SubscriptionRequest FromSubscription(Subscription subscription)
    {
        if (subscription.Criteria != FhirCodes.ReferralTaskTopic) throw new FormatException($"Subscription.criteria: Braid's topic is {FhirCodes.ReferralTaskTopic}, not '{subscription.Criteria}'.");
        var filter = subscription.CriteriaElement?.Extension.FirstOrDefault(e => e.Url == FilterCriteria)?.Value?.ToString();
        if (filter is not null && !FilterParameters.Any(p => filter.StartsWith(p, StringComparison.Ordinal) && filter.Length > p.Length))
            throw new FormatException($"Subscription.criteria filter: give {string.Join(" or ", FilterParameters.Select(p => p + "Organization/{id}"))}, not '{filter}'.");
        var channel = subscription.Channel ?? throw new FormatException("Subscription.channel is missing.");
        if (channel.Type != Subscription.SubscriptionChannelType.RestHook) throw new FormatException("Subscription.channel.type: Braid notifies by rest-hook.");
        if (!Uri.TryCreate(channel.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            throw new FormatException("Subscription.channel.endpoint: give the absolute https URL to notify.");
        if (endpoint.Scheme == "http" && !endpoint.IsLoopback) throw new FormatException("Subscription.channel.endpoint: notifications go over https (plain http only to this machine).");
        var content = channel.PayloadElement?.Extension.FirstOrDefault(e => e.Url == PayloadContent)?.Value?.ToString() ?? "id-only";
        if (content != "id-only") throw new FormatException($"Subscription.channel.payload content: Braid sends id-only notifications (no personal data leaves in them), not {content}.");
        return new SubscriptionRequest(filter, endpoint);
    }

    public static Subscription ToSubscription(string id, string? filter, string endpoint, bool active, string reason)
    {
        var criteria = new FhirString(FhirCodes.ReferralTaskTopic);
        if (filter is not null) criteria.Extension.Add(new Extension(FilterCriteria, new FhirString(filter)));
        var payload = new Code("application/fhir+json");
        payload.Extension.Add(new Extension(PayloadContent, new Code("id-only")));
        return new Subscription
        {
            Id = id,
            Status = active ? Subscription.SubscriptionStatus.Active : Subscription.SubscriptionStatus.Off, Reason = reason, CriteriaElement = criteria,
            Channel = new Subscription.ChannelComponent { Type = Subscription.SubscriptionChannelType.RestHook, Endpoint = endpoint, PayloadElement = payload },
        };
    }

    /// <summary>The notification of one change: a history Bundle whose SubscriptionStatus names the Task that changed and numbers the event.</summary>
    public static Bundle Notification(string subscription, int eventNumber, DateTimeOffset at, string taskId)
    {
        var number = eventNumber.ToString(CultureInfo.InvariantCulture);
        var status = new Parameters { Id = Guid.NewGuid().ToString() };
        status.Add("subscription", new ResourceReference("Subscription/" + subscription));
        status.Add("topic", new Canonical(FhirCodes.ReferralTaskTopic));
        status.Add("status", new Code("active"));
        status.Add("type", new Code("event-notification"));
        status.Add("events-since-subscription-start", new FhirString(number));
        status.Parameter.Add(new Parameters.ParameterComponent
        {
            Name = "notification-event",
            Part = [new() { Name = "event-number", Value = new FhirString(number) }, new() { Name = "timestamp", Value = new Instant(at) }, new() { Name = "focus", Value = new ResourceReference("Task/" + taskId) }],
        });
        return new Bundle
        {
            Type = Bundle.BundleType.History, Timestamp = at,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = "urn:uuid:" + status.Id, Resource = status,
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = $"Subscription/{subscription}/$status" },
                    Response = new Bundle.ResponseComponent { Status = "200" },
                },
            ],
        };
    }
}
