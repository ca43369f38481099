using Braid.Application.People;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.People;

/// <summary>A navigator screens a person (see <see cref="ScreeningPage"/>).</summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class ScreeningModel(ScreenPerson screen, Texts texts) : ScreeningPage(screen, texts)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public override string PersonPage => "/people/" + Id;

    public override string BackKey => "back-to-person";

    protected override bool IsOfThisPerson(Braid.Core.Screening.Screening screening) => screening.Person.Value == Id;
}
