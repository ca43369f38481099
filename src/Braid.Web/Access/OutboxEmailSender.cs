using System.Globalization;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>
/// Sends Identity's emails (password reset links) by writing each one to the outbox folder under
/// the data directory; in development they are listed at <c>/dev/outbox</c>. A deployment
/// replaces this with an SMTP or API sender.
/// </summary>
public sealed class OutboxEmailSender(IOptions<BraidOptions> options, TimeProvider time, Texts texts, ILogger<OutboxEmailSender> logger) : IEmailSender<BraidUser>, IMailer
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
    public async Task SendAsync(string to, EmailMessage message, string? language = null)
    {
        var request = CultureInfo.CurrentUICulture;
        string subject, body;
        try
        {
            if (language is "en" or "es") CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            subject = Word($"email-{message.Key}-subject", message.Args);
            body = Word($"email-{message.Key}-body", message.Args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = request;
        }

        System.IO.Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss.fffffff}-{Guid.NewGuid():N}.txt";
        await File.WriteAllTextAsync(Path.Combine(Folder, name), string.Create(CultureInfo.InvariantCulture, $"To: {to}\nSubject: {subject}\n\n{body}\n"));
        logger.LogInformation("Email to {To} ({Subject}) written to the outbox as {File}", to, subject, name);
    }

    private string Word(string key, object[] args) => texts[key, [.. args.Select(Argument)]];

    private object Argument(object argument) => argument switch
    {
        EmailMessage nested => Word("email-" + nested.Key, nested.Args),
        IEnumerable<EmailMessage> lines => string.Join("\n", lines.Select(Argument)),
        _ => argument,
    };
}
