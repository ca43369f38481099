namespace Braid.Interop.Hsds;

/// <summary>
/// One problem in an import: where it is (file, table, record id, field), what is wrong, and its
/// class (<see cref="Code"/>) when it is one of the known flaws of real exports, so a report can
/// count them instead of listing tens of thousands of lines.
/// </summary>
public sealed record ImportIssue(string File, string Table, string? RecordId, string? Field, string Problem, bool IsWarning = false, string? Code = null)
{
    /// <summary>Longest input value an issue repeats; a 50 MB value must not become a 200 MB report.</summary>
    public const int MaxEcho = 80;

    public override string ToString() =>
        $"{(IsWarning ? "warning: " : "")}{File}: {Table}{(RecordId is null ? "" : $" {Echo(RecordId)}")}{(Field is null ? "" : $" field '{Field}'")}: {Problem}";

    /// <summary>An input value as an issue quotes it: cut after <see cref="MaxEcho"/> characters, with its length.</summary>
    public static string Echo(string value) =>
        value.Length <= MaxEcho ? value : $"{value[..MaxEcho]}… ({value.Length:N0} characters)";
}

/// <summary>A record as read from a file, before validation: field name to raw text (null when absent).</summary>
public sealed record RawRecord(string Table, string File, Dictionary<string, string?> Values)
{
    public string? Id => Values.GetValueOrDefault("id");
}
