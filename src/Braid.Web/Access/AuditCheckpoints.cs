using System.Security.Cryptography;
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
public sealed class AuditCheckpoints(IServiceScopeFactory scopes, IOptions<BraidOptions> options, TimeProvider time, ILogger<AuditCheckpoints> logger)
    : PeriodicJob(time, logger)
{
    private ECDsa? _key;
    private IReadOnlyList<AuditLane>? _last;

    public string KeyFile => options.Value.AuditKeyFile ?? Path.Combine(options.Value.DataDirectory, AuditCheckpointFile.DefaultKeyName);

    public string CheckpointFile => options.Value.AuditCheckpointFile ?? Path.Combine(options.Value.DataDirectory, AuditCheckpointFile.DefaultCheckpointsName);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0, options.Value.AuditCheckpointMinutes));

    protected override Task RunOnceAsync(CancellationToken ct) => WriteAsync(ct);

    /// <summary>Signs and appends a checkpoint unless the heads are those of the last one; returns it, or null.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct)
    {
        if (_key is null)
        {
            (_key, var created) = AuditCheckpointFile.LoadOrCreateKey(KeyFile);
            if (created) logger.LogWarning("Made the audit signing key {KeyFile}; keep a copy of {PublicKey} away from this server to verify checkpoints with", KeyFile, AuditCheckpointFile.PublicKeyPath(KeyFile));
            _last = File.Exists(CheckpointFile) ? AuditCheckpointFile.Read(CheckpointFile).LastOrDefault()?.Lanes : null;
        }

        using var scope = scopes.CreateScope();
        var heads = await new AuditLog(scope.ServiceProvider.GetRequiredService<BraidDbContext>(), Time).HeadsAsync(ct);
        if (_last is not null && heads.SequenceEqual(_last)) return null;
        var checkpoint = AuditCheckpoint.Sign(Time.GetUtcNow(), heads, _key);
        AuditCheckpointFile.Append(CheckpointFile, checkpoint);
        _last = heads;
        logger.LogInformation("Audit checkpoint of {Events} events signed into {File}", heads.Sum(h => h.Events), CheckpointFile);
        return checkpoint;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interval <= TimeSpan.Zero) return;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The audit checkpoint at shutdown failed");
        }
    }

    public override void Dispose()
    {
        _key?.Dispose();
        base.Dispose();
    }
}
