using System.Security.Claims;
using Braid.Application.People;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Me;

/// <summary>A person gives a consent themself on their portal (see <see cref="ConsentPage"/>).</summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class ConsentModel(RecordConsent consents, Texts texts) : ConsentPage(consents, texts)
{
    protected override PersonId Person => new(User.FindFirstValue(AccessSetup.PersonClaim)!);

    protected override string Done => $"/me?lang={Texts.Lang}#consents";

    public override bool BySelf => true;
}
