namespace Braid.Web.Infrastructure;

/// <summary>The <c>Braid</c> configuration section.</summary>
public sealed class BraidOptions
{
    /// <summary>Folder for the embedded SQLite database (used when no connection string is set).</summary>
    public string DataDirectory { get; set; } = "braid-data";

    /// <summary>The community (exchange) this server serves.</summary>
    public string Community { get; set; } = "demo";

    /// <summary>Seed the demo community on first start when the directory is empty.</summary>
    public bool SeedDemo { get; set; } = true;

    public int DemoServices { get; set; } = 1500;

    /// <summary>How many people the demo community serves.</summary>
    public int DemoPeople { get; set; } = 2000;

    /// <summary>Password of the demo staff accounts; random when not set (printed only in development).</summary>
    public string? DemoPassword { get; set; }

    /// <summary>How often owners must verify a listing; older listings show in the freshness view.</summary>
    public int FreshnessDays { get; set; } = 180;

    /// <summary>Posts of the sign-in, password-reset and token forms allowed per client address and form each minute.</summary>
    public int SecretFormsPerMinute { get; set; } = 20;

    /// <summary>
    /// The addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto Braid believes;
    /// empty (the default), it believes none, so a client cannot name its own address to the rate limit or the audit trail.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The address people reach Braid at (e.g. https://braid.example.org); emailed links use it. Required outside development.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Send the outbox's messages (emails, texts, subscription notifications); off, they wait in the database.</summary>
    public bool OutboxDispatch { get; set; } = true;

    /// <summary>How often the outbox is looked at for messages due, in seconds.</summary>
    public double OutboxPollSeconds { get; set; } = 2;

    /// <summary>How often missed referral deadlines are looked for, in minutes (0: never).</summary>
    public double ReminderMinutes { get; set; } = 15;

    /// <summary>
    /// The PEM file of the key that signs the audit trail's checkpoints (default <c>audit-key.pem</c> in the data
    /// folder, made on first start). It must not live in the database; keep its <c>.public.pem</c> half elsewhere too.
    /// </summary>
    public string? AuditKeyFile { get; set; }

    /// <summary>Where signed checkpoints are appended (default <c>audit-checkpoints.jsonl</c> in the data folder): outside the database, ideally on other storage.</summary>
    public string? AuditCheckpointFile { get; set; }

    /// <summary>How often the audit trail's heads are signed into a checkpoint, in minutes (0: never); one more is written at shutdown.</summary>
    public double AuditCheckpointMinutes { get; set; } = 10;

    /// <summary>How long a stopping server (SIGTERM) waits for requests in flight to finish, in seconds.</summary>
    public double ShutdownSeconds { get; set; } = 30;

    /// <summary>When set, the server's clock starts at this instant (ISO 8601) instead of the real time.</summary>
    public DateTimeOffset? ClockStartsAt { get; set; }

    /// <summary>
    /// The connection string: <c>ConnectionStrings:Braid</c>, else the <c>BRAID_DATABASE</c>
    /// environment variable, else SQLite under the data folder.
    /// </summary>
    public static string ConnectionString(IConfiguration config, BraidOptions options) =>
        config.GetConnectionString("Braid") is { Length: > 0 } cs ? cs
        : Environment.GetEnvironmentVariable("BRAID_DATABASE") is { Length: > 0 } env ? env
        : Braid.Data.DatabaseOptions.DefaultSqlite(options.DataDirectory);
}
