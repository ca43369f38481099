using System.Security.Claims;
using Braid.Application.People;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Me;

/// <summary>A person screens themself on their portal (see <see cref="ScreeningPage"/>).</summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class ScreeningModel(ScreenPerson screen, Texts texts) : ScreeningPage(screen, texts)
{
    public override string PersonPage => "/me";

    public override string BackKey => "portal-back";

    protected override bool IsOfThisPerson(Braid.Core.Screening.Screening screening) => screening.Person.Value == User.FindFirstValue(AccessSetup.PersonClaim);
}
