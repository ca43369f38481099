namespace Braid.Interop.Hsds;

/// <summary>One problem in an import: where it is (file, table, record id, field) and what is wrong.</summary>
public sealed record ImportIssue(string File, string Table, string? RecordId, string? Field, string Problem, bool IsWarning = false)
{
    public override string ToString() =>
        $"{(IsWarning ? "warning: " : "")}{File}: {Table}{(RecordId is null ? "" : $" {RecordId}")}{(Field is null ? "" : $" field '{Field}'")}: {Problem}";
}

/// <summary>A record as read from a file, before validation: field name to raw text (null when absent).</summary>
public sealed record RawRecord(string Table, string File, Dictionary<string, string?> Values)
{
    public string? Id => Values.GetValueOrDefault("id");
}
