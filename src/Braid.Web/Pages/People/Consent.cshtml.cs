using Braid.Application.People;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.People;

/// <summary>The organization holding a person's record records a consent the person gives (see <see cref="ConsentPage"/>).</summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class ConsentModel(RecordConsent consents, Texts texts) : ConsentPage(consents, texts)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    protected override PersonId Person => new(Id);

    protected override string Done => $"/people/{Id}?lang={Texts.Lang}#consents";

    public override bool BySelf => false;
}
