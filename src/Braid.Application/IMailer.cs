namespace Braid.Application;

/// <summary>Sends plain-text email; the web host provides it (the development outbox, or a real sender) and words it.</summary>
public interface IMailer
{
    /// <param name="to">The address.</param>
    /// <param name="message">What to say.</param>
    /// <param name="language">The reader's language (en, es) when known; otherwise the language of the request that sends it.</param>
    Task SendAsync(string to, EmailMessage message, string? language = null);
}

/// <summary>
/// An email for the host to word in the reader's language: its resources hold
/// <c>email-{Key}-subject</c> and <c>email-{Key}-body</c>. An argument may itself be a message
/// (worded from <c>email-{Key}</c>) or a list of them, one per line.
/// </summary>
public sealed record EmailMessage(string Key, params object[] Args);
