namespace Braid.Application;

/// <summary>Sends plain-text email; the web host provides it (the development outbox, or a real sender) and words it.</summary>
public interface IMailer
{
    /// <param name="to">The address.</param>
    /// <param name="message">What to say.</param>
    /// <param name="language">The reader's language (en, es) when known; otherwise the language of the request that sends it.</param>
    /// <param name="dedupeKey">The outbox message's id: the same key sent twice is one email.</param>
    Task SendAsync(string to, EmailMessage message, string? language = null, string? dedupeKey = null);
}

/// <summary>Sends text messages, worded from <c>sms-{Key}</c> in the reader's language; the web host provides it (the development outbox, or an SMS gateway).</summary>
public interface ISmsSender
{
    /// <param name="to">The phone number.</param>
    /// <param name="message">What to say; nothing sensitive, as a phone's lock screen shows it.</param>
    /// <param name="language">The reader's language (en, es).</param>
    /// <param name="dedupeKey">The outbox message's id: the same key sent twice is one text.</param>
    Task SendSmsAsync(string to, EmailMessage message, string? language, string dedupeKey);
}

/// <summary>
/// An email for the host to word in the reader's language: its resources hold
/// <c>email-{Key}-subject</c> and <c>email-{Key}-body</c>. An argument may itself be a message
/// (worded from <c>email-{Key}</c>) or a list of them, one per line.
/// </summary>
public sealed record EmailMessage(string Key, params object[] Args);
