using Braid.Application.People;
using Braid.Core.Screening;

namespace Braid.Web.Pages.People;

/// <summary>
/// The screening form: one question per screen (fits a phone, needs no JavaScript), each answer
/// saved as it is given so the screen can be left and resumed, any item declinable, then completed.
/// </summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class ScreeningModel(ScreenPerson screen, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string ScreeningId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Item { get; set; }
    public Screening? Screening { get; private set; }
    public Question? Question { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAnswerAsync(List<string> codes, string? value, bool decline, CancellationToken ct)
    {
        var error = await screen.RespondAsync(ScreeningId, Item ?? "", decline ? ItemResponse.Decline : new ItemResponse(codes, Value: value), ct);
        if (error is null) return Redirect($"/people/{Id}/screenings/{ScreeningId}?lang={Texts.Lang}");
        if (error.Key == "screening-unknown") return NotFound();
        Error = texts.Error(error);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    public async Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) =>
        await screen.CompleteAsync(ScreeningId, ct) is null ? NotFound() : Redirect($"/people/{Id}?lang={Texts.Lang}#needs");

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Screening = await screen.ReadAsync(ScreeningId, ct);
        if (Screening is null || Screening.Person.Value != Id && Screening.Person != default) return NotFound();
        Question = Item is not null ? Screening.Instrument.Find(Item) : Screening.Status == ScreeningStatus.InProgress ? Screening.Next : null;
        return Page();
    }

    /// <summary>The item before this one, for "back".</summary>
    public string? Previous => Screening is null || Question is null ? null
        : Screening.Instrument.Questions.TakeWhile(q => q.Loinc != Question.Loinc).LastOrDefault()?.Loinc;
}
