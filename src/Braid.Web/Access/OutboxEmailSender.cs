using System.Globalization;
using Braid.Application;
using Braid.Data.Access;
using Braid.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>
/// Sends Identity's emails (password reset links) by writing each one to the outbox folder under
/// the data directory; in development they are listed at <c>/dev/outbox</c>. A deployment
/// replaces this with an SMTP or API sender.
/// </summary>
public sealed class OutboxEmailSender(IOptions<BraidOptions> options, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender<BraidUser>, IMailer
{
    public string Folder => Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "outbox");

    public Task SendConfirmationLinkAsync(BraidUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your Braid account", $"Confirm your account: {confirmationLink}");

    public Task SendPasswordResetLinkAsync(BraidUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your Braid password", $"Someone asked to reset the password of your Braid account.\nIf it was you, open this link within a day:\n{resetLink}\nIf not, ignore this email.");

    public Task SendPasswordResetCodeAsync(BraidUser user, string email, string resetCode) =>
        SendAsync(email, "Your Braid password reset code", $"Your reset code: {resetCode}");

    /// <summary>The messages in the outbox, newest first.</summary>
    public IReadOnlyList<(string Name, string Text)> Messages() =>
        System.IO.Directory.Exists(Folder)
            ? [.. new DirectoryInfo(Folder).GetFiles("*.txt").OrderByDescending(f => f.Name, StringComparer.Ordinal).Select(f => (f.Name, File.ReadAllText(f.FullName)))]
            : [];

    public async Task SendAsync(string to, string subject, string body)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss.fffffff}-{Guid.NewGuid():N}.txt";
        await File.WriteAllTextAsync(Path.Combine(Folder, name), string.Create(CultureInfo.InvariantCulture, $"To: {to}\nSubject: {subject}\n\n{body}\n"));
        logger.LogInformation("Email to {To} ({Subject}) written to the outbox as {File}", to, subject, name);
    }
}
