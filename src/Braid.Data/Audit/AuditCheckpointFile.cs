using System.Security.Cryptography;
using System.Text.Json;
using Braid.Core.Audit;

namespace Braid.Data.Audit;

/// <summary>
/// Where the audit trail's anchors live, outside the database: the signing key (a PEM file) and
/// the signed checkpoints (one JSON object per line, appended and flushed to disk).
/// </summary>
public static class AuditCheckpointFile
{
    // A line missing a field is refused as it reads, not found null later.
    private static readonly JsonSerializerOptions Strict = new() { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public const string DefaultKeyName = "audit-key.pem", DefaultCheckpointsName = "audit-checkpoints.jsonl";

    /// <summary>The signing key at <paramref name="path"/>, made (P-256, readable by its owner only) when there is none yet.</summary>
    public static (ECDsa Key, bool Created) LoadOrCreateKey(string path)
    {
        if (File.Exists(path)) return (LoadKey(path), false);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, options)) writer.Write(key.ExportPkcs8PrivateKeyPem());
        // The public half verifies checkpoints and signs nothing: the copy to keep away from this server.
        File.WriteAllText(PublicKeyPath(path), key.ExportSubjectPublicKeyInfoPem());
        return (key, true);
    }

    public static string PublicKeyPath(string keyPath) => Path.ChangeExtension(keyPath, ".public.pem");

    /// <summary>A key from PEM: the private key, or its public half, which is enough to verify.</summary>
    public static ECDsa LoadKey(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} holds no ECDSA key in PEM form: {e.Message}", e);
        }

        return key;
    }

    public static void Append(string path, AuditCheckpoint checkpoint)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(JsonSerializer.SerializeToUtf8Bytes(checkpoint));
        file.WriteByte((byte)'\n');
        file.Flush(flushToDisk: true);
    }

    /// <summary>The checkpoints in the file, oldest first; a line that is not one is an error naming it.</summary>
    public static List<AuditCheckpoint> Read(string path)
    {
        var checkpoints = new List<AuditCheckpoint>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                checkpoints.Add(JsonSerializer.Deserialize<AuditCheckpoint>(line, Strict) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}, line {number}, is not a checkpoint: {e.Message}", e);
            }
        }

        return checkpoints;
    }
}
