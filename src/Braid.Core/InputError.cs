namespace Braid.Core;

/// <summary>
/// What is wrong with one field of a form or query: a message key, worded in the reader's language
/// by the host's resources (<c>error-</c> + key), and the values the message names.
/// </summary>
public sealed record InputError(string Key, params object[] Args)
{
    /// <summary>The field (form field, item, element) the error is about, where a message alone does not say.</summary>
    public string? Field { get; init; }
}
