using System.Globalization;
using Braid.Application.People;
using Braid.Core.People;

namespace Braid.Web.Pages.Shared;

/// <summary>The consent form as posted.</summary>
public sealed class ConsentForm
{
    /// <summary>"organization:{id}", "role:{role}" or "network".</summary>
    public string? Grantee { get; set; }
    public List<string> Categories { get; set; } = [];
    public List<string> Purposes { get; set; } = [];
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Method { get; set; }
    public string? Witness { get; set; }
    public string? Language { get; set; }
}

/// <summary>
/// A consent is recorded: to whom, which categories of the person's data, for what, from when
/// until when, and how it was given. The page says in plain words what the person is agreeing to
/// before it is saved. The organization holding the record records one the person gives it; the
/// person gives one themself on their portal, signing it electronically in the page's language.
/// </summary>
public abstract class ConsentPage(RecordConsent consents, Texts texts) : PageModel
{
    [BindProperty] public ConsentForm Form { get; set; } = new();
    public IReadOnlyList<(OrganizationId Id, string Name)> Organizations { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>Whose consent.</summary>
    protected abstract PersonId Person { get; }

    /// <summary>Where a recorded consent leads.</summary>
    protected abstract string Done { get; }

    /// <summary>The person gives it themself: signed electronically, no witness, in the page's language.</summary>
    public abstract bool BySelf { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form.Language ??= Texts.Lang;
        Form.Start ??= DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Request.Query["organization"] is [{ Length: > 0 } organization]) Form.Grantee ??= "organization:" + organization;
        if (await consents.GranteesAsync(Person, ct) is not { } organizations) return NotFound();
        Organizations = organizations;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Who may record the consent is decided before the form is read.
        if (await consents.GranteesAsync(Person, ct) is not { } organizations) return NotFound();
        Organizations = organizations;
        if (BySelf)
        {
            Form.Method = nameof(ConsentMethod.ElectronicSignature);
            Form.Witness = null;
            Form.Language = Texts.Lang;
        }

        var errors = new Dictionary<string, InputError>();
        var draft = Read(errors);
        if (draft is not null)
        {
            var (granted, refused) = await consents.GrantAsync(Person, draft, ct);
            if (granted is not null) return Redirect(Done);
            if (refused.Count == 0) return NotFound();
            errors = new(refused);
        }

        Errors = texts.Errors(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PersonConsent? Read(Dictionary<string, InputError> errors)
    {
        Grantee? grantee = Form.Grantee?.Split(':', 2) switch
        {
            ["network"] => Core.People.Grantee.Network,
            ["organization", var org] when org.Length > 0 => Core.People.Grantee.Organization(new OrganizationId(org)),
            ["role", var role] => Core.People.Grantee.Role(role),
            _ => null,
        };
        if (grantee is null) errors["grantee"] = new InputError("consent-grantee");
        var categories = Parse<DataCategory>(Form.Categories, "categories", errors);
        var purposes = Parse<Purpose>(Form.Purposes, "purposes", errors);
        var start = Date(Form.Start, "start", errors) ?? DateTimeOffset.UtcNow;
        var end = Date(Form.End, "end", errors);
        if (!Enum.TryParse<ConsentMethod>(Form.Method, out var method) || !Enum.IsDefined(method)) errors["method"] = new InputError("choice-unknown", Form.Method ?? "");
        if (errors.Count > 0) return null;
        return new PersonConsent
        {
            Id = default, Person = default, Grantee = grantee!, Categories = categories, Purposes = purposes, Start = start, End = end, Method = method,
            Witness = string.IsNullOrWhiteSpace(Form.Witness) ? null : Form.Witness.Trim(), Language = Texts.Languages.Contains(Form.Language ?? "") ? Form.Language! : "en", RecordedBy = "",
        };
    }

    private static HashSet<T> Parse<T>(List<string> values, string field, Dictionary<string, InputError> errors) where T : struct, Enum
    {
        var parsed = new HashSet<T>();
        foreach (var value in values)
        {
            if (Enum.TryParse<T>(value, out var v) && Enum.IsDefined(v)) parsed.Add(v);
            else errors[field] = new InputError("choice-unknown", value);
        }

        return parsed;
    }

    private static DateTimeOffset? Date(string? value, string field, Dictionary<string, InputError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        errors[field] = new InputError("date-invalid");
        return null;
    }
}
