using Braid.Application.People;
using Braid.Core.Screening;

namespace Braid.Web.Pages.Shared;

/// <summary>
/// The screening form: one question per screen (fits a phone, needs no JavaScript), each answer
/// saved as it is given so the screen can be left and resumed, any item declinable, then completed.
/// A navigator screens a person on the person's page; a person screens themself on their portal.
/// </summary>
public abstract class ScreeningPage(ScreenPerson screen, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string ScreeningId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Item { get; set; }
    public Screening? Screening { get; private set; }
    public Question? Question { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The page of the person screened, where a completed screening leads.</summary>
    public abstract string PersonPage { get; }

    /// <summary>The resource key of the link back to it.</summary>
    public abstract string BackKey { get; }

    /// <summary>Whether the screening is of the person this page is for (the address names them, or the portal's session is theirs).</summary>
    protected abstract bool IsOfThisPerson(Screening screening);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAnswerAsync(List<string> codes, string? value, bool decline, CancellationToken ct)
    {
        var error = await screen.RespondAsync(ScreeningId, Item ?? "", decline ? ItemResponse.Decline : new ItemResponse(codes, Value: value), ct);
        if (error is null) return Redirect($"{Request.Path}?lang={Texts.Lang}");
        if (error.Key == "screening-unknown") return NotFound();
        Error = texts.Error(error);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    public async Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) =>
        await screen.CompleteAsync(ScreeningId, ct) is null ? NotFound() : Redirect($"{PersonPage}?lang={Texts.Lang}#needs");

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Screening = await screen.ReadAsync(ScreeningId, ct);
        if (Screening is null || !IsOfThisPerson(Screening) && Screening.Person != default) return NotFound();
        Question = Item is not null ? Screening.Instrument.Find(Item) : Screening.Status == ScreeningStatus.InProgress ? Screening.Next : null;
        return Page();
    }

    /// <summary>The item before this one, for "back".</summary>
    public string? Previous => Screening is null || Question is null ? null
        : Screening.Instrument.Questions.TakeWhile(q => q.Loinc != Question.Loinc).LastOrDefault()?.Loinc;
}
