namespace Braid.Application;

/// <summary>Sends plain-text email; the web host provides it (the development outbox, or a real sender).</summary>
public interface IMailer
{
    Task SendAsync(string to, string subject, string body);
}
