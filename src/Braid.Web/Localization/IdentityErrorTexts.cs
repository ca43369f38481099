namespace Braid.Web.Localization;

/// <summary>Identity's messages about passwords and reset links, in the reader's language (the others never reach a page).</summary>
public sealed class IdentityErrorTexts(Texts texts) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), texts["identity-default"]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), texts["identity-invalid-token"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), texts["identity-password-mismatch"]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), texts["identity-password-too-short", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), texts["identity-password-unique", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), texts["identity-password-symbol"]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), texts["identity-password-digit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), texts["identity-password-lower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), texts["identity-password-upper"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
