using System.Globalization;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>
/// Sends emails (Identity's password reset links, notices) and text messages by writing each one
/// to the outbox folder under the data directory; in development they are listed at
/// <c>/dev/outbox</c>. A deployment replaces this with an SMTP or API sender and an SMS gateway.
/// A message with a dedupe key is written under that key, so sending it again changes nothing.
/// </summary>
public sealed class OutboxEmailSender(IOptions<BraidOptions> options, TimeProvider time, Texts texts, ILogger<OutboxEmailSender> logger) : IEmailSender<BraidUser>, IMailer, ISmsSender
{
    public string Folder => Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "outbox");

    public Task SendConfirmationLinkAsync(BraidUser user, string email, string confirmationLink) =>
        SendAsync(email, new EmailMessage("confirm", confirmationLink));

    public Task SendPasswordResetLinkAsync(BraidUser user, string email, string resetLink) =>
        SendAsync(email, new EmailMessage("reset-link", resetLink));

    public Task SendPasswordResetCodeAsync(BraidUser user, string email, string resetCode) =>
        SendAsync(email, new EmailMessage("reset-code", resetCode));

    /// <summary>The messages in the outbox, newest first.</summary>
    public IReadOnlyList<(string Name, string Text)> Messages() =>
        System.IO.Directory.Exists(Folder)
            ? [.. new DirectoryInfo(Folder).GetFiles("*.txt").OrderByDescending(f => f.Name, StringComparer.Ordinal).Select(f => (f.Name, File.ReadAllText(f.FullName)))]
            : [];

    /// <summary>Words the message in the reader's language (else the request's) and writes it to the outbox.</summary>
    public async Task SendAsync(string to, EmailMessage message, string? language = null, string? dedupeKey = null)
    {
        var (subject, body) = InLanguage(language, () => (Word($"email-{message.Key}-subject", message.Args), Word($"email-{message.Key}-body", message.Args)));
        var name = await WriteAsync(dedupeKey, $"To: {to}\nSubject: {subject}\n\n{body}\n");
        logger.LogInformation("Email to {To} ({Subject}) written to the outbox as {File}", to, subject, name);
    }

    public async Task SendSmsAsync(string to, EmailMessage message, string? language, string dedupeKey)
    {
        var text = InLanguage(language, () => Word($"sms-{message.Key}", message.Args));
        var name = await WriteAsync(dedupeKey, $"To: {to}\nSMS\n\n{text}\n");
        logger.LogInformation("Text message to {To} written to the outbox as {File}", to, name);
    }

    private static T InLanguage<T>(string? language, Func<T> word)
    {
        var request = CultureInfo.CurrentUICulture;
        try
        {
            if (language is "en" or "es") CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return word();
        }
        finally
        {
            CultureInfo.CurrentUICulture = request;
        }
    }

    // Written to a temporary file and moved into place, so the outbox never shows half a message.
    private async Task<string> WriteAsync(string? dedupeKey, string content)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var name = dedupeKey is null
            ? $"{time.GetUtcNow():yyyyMMdd'T'HHmmss.fffffff}-{Guid.NewGuid():N}.txt"
            : $"{time.GetUtcNow():yyyyMMdd}-{string.Concat(dedupeKey.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'))}.txt";
        var existing = dedupeKey is null ? null : System.IO.Directory.EnumerateFiles(Folder, "*-" + name[9..]).FirstOrDefault();
        if (existing is not null) return Path.GetFileName(existing);
        var temporary = Path.Combine(Folder, "." + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(temporary, content);
        File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
        return name;
    }

    private string Word(string key, object[] args) => texts[key, [.. args.Select(Argument)]];

    private object Argument(object argument) => argument switch
    {
        EmailMessage nested => Word("email-" + nested.Key, nested.Args),
        IEnumerable<EmailMessage> lines => string.Join("\n", lines.Select(Argument)),
        _ => argument,
    };
}
