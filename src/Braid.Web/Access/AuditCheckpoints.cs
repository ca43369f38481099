using Braid.Core.Audit;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Web.Notifications;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>
/// Anchors the audit trail: every <see cref="BraidOptions.AuditCheckpointMinutes"/>, and at
/// shutdown, signs the lanes' heads with the key outside the database and appends the checkpoint
/// to a file outside it, when the trail has grown since the last one. <c>braid audit verify</c> checks them.
/// </summary>
public sealed class AuditCheckpoints(IConfiguration configuration, IOptions<BraidOptions> options, TimeProvider time, ILogger<AuditCheckpoints> logger)
    : PeriodicJob(time, logger)
{
    // Its own connection, not one from the container: the last checkpoint is written as the host stops, when the container may be gone.
    private readonly string _database = BraidOptions.ConnectionString(configuration, options.Value);
    private IReadOnlyList<AuditLane>? _last;
    private int _stopped;

    public string KeyFile => options.Value.AuditKeyFile ?? Path.Combine(options.Value.DataDirectory, AuditCheckpointFile.DefaultKeyName);

    public string CheckpointFile => options.Value.AuditCheckpointFile ?? Path.Combine(options.Value.DataDirectory, AuditCheckpointFile.DefaultCheckpointsName);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0, options.Value.AuditCheckpointMinutes));

    protected override Task RunOnceAsync(CancellationToken ct) => WriteAsync(ct);

    /// <summary>Signs and appends a checkpoint unless the heads are those of the last one; returns it, or null.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct)
    {
        // Read for each checkpoint, not held: a stopping host may dispose what it holds before the last one.
        var (key, created) = AuditCheckpointFile.LoadOrCreateKey(KeyFile);
        using var _ = key;
        if (created) logger.LogWarning("Made the audit signing key {KeyFile}; keep a copy of {PublicKey} away from this server to verify checkpoints with", KeyFile, AuditCheckpointFile.PublicKeyPath(KeyFile));
        _last ??= File.Exists(CheckpointFile) ? AuditCheckpointFile.Read(CheckpointFile).LastOrDefault()?.Lanes : null;

        List<AuditLane> heads;
        await using (var db = DatabaseOptions.CreateContext(_database)) heads = await new AuditLog(db, Time).HeadsAsync(ct);
        if (_last is not null && heads.SequenceEqual(_last)) return null;
        var checkpoint = AuditCheckpoint.Sign(Time.GetUtcNow(), heads, key);
        AuditCheckpointFile.Append(CheckpointFile, checkpoint);
        _last = heads;
        logger.LogInformation("Audit checkpoint of {Events} events signed into {File}", heads.Sum(h => h.Events), CheckpointFile);
        return checkpoint;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A host may be stopped twice (a test host is); the second time its services are gone.
        if (Interval <= TimeSpan.Zero || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The audit checkpoint at shutdown failed");
        }
    }
}
