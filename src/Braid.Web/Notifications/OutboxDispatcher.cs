using System.Text;
using Braid.Application.Referrals;
using Braid.Data.Outbox;
using Microsoft.Extensions.Options;

namespace Braid.Web.Notifications;

/// <summary>
/// Sends what the outbox holds, once it is due: emails and texts through the host's senders,
/// subscription notifications by POSTing their Bundle to the subscriber. A message is marked sent
/// only after it was; one that fails is tried again later, each time waiting longer. A crash between
/// sending and marking sends it again, which the dedupe key makes harmless.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<BraidOptions> options, TimeProvider time, IHttpClientFactory http, ILogger<OutboxDispatcher> logger)
    : PeriodicJob(time, logger)
{
    public const string HttpClientName = "subscriptions";

    protected override TimeSpan Interval => options.Value.OutboxDispatch ? TimeSpan.FromSeconds(options.Value.OutboxPollSeconds) : TimeSpan.Zero;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        while (await DispatchDueAsync(ct) > 0)
        {
        }
    }

    /// <summary>Sends one batch of due messages; the number looked at.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var due = await outbox.DueAsync(Time.GetUtcNow(), 50, ct);
        foreach (var message in due)
        {
            try
            {
                await SendAsync(scope.ServiceProvider, message, ct);
                await outbox.MarkSentAsync(message, Time.GetUtcNow(), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await outbox.MarkFailedAsync(message, e.Message, Time.GetUtcNow(), ct);
                logger.LogWarning("Outbox message {Id} ({Channel}) not sent, attempt {Attempts}: {Error}", message.Id, message.Channel, message.Attempts, e.Message);
            }
        }

        return due.Count;
    }

    private async Task SendAsync(IServiceProvider services, OutboxMessageRow message, CancellationToken ct)
    {
        switch (message.Channel)
        {
            case "email":
                var email = OutboxText.FromJson(message.Payload);
                await services.GetRequiredService<IMailer>().SendAsync(message.Recipient, new EmailMessage(email.Key, [.. email.Args]), message.Language, message.Id);
                break;
            case "sms":
                var text = OutboxText.FromJson(message.Payload);
                await services.GetRequiredService<ISmsSender>().SendSmsAsync(message.Recipient, new EmailMessage(text.Key, [.. text.Args]), message.Language, message.Id);
                break;
            case "rest-hook":
                using (var content = new StringContent(message.Payload, Encoding.UTF8, "application/fhir+json"))
                {
                    using var response = await http.CreateClient(HttpClientName).PostAsync(message.Recipient, content, ct);
                    if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{message.Recipient} answered {(int)response.StatusCode}.");
                }

                break;
            default:
                throw new FormatException($"Outbox message {message.Id} has no channel Braid knows ('{message.Channel}').");
        }
    }
}
