using System.Globalization;

namespace Braid.Web.Pages.Shared;

/// <summary>Dates as forms send them (an input of type date): yyyy-MM-dd, or null when the text is not one.</summary>
public static class FormDates
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>
/// A page whose forms each run one use case: when it succeeds, the page redirects to itself saying
/// what was done; when the input is wrong, the page shows again, as 400, with each error by field;
/// a resource that is gone is 404.
/// </summary>
public abstract class FormPageModel(Texts texts) : PageModel
{
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <param name="change">The use case, returning the fields that are wrong.</param>
    /// <param name="done">What the page says was done, as <c>?done=</c>.</param>
    /// <param name="reload">Loads the page again to show the errors; false when the resource is gone.</param>
    protected async Task<IActionResult> AfterAsync(Func<Task<IReadOnlyDictionary<string, InputError>>> change, string done, Func<Task<bool>> reload)
    {
        IReadOnlyDictionary<string, InputError> errors;
        try
        {
            errors = await change();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        if (errors.Count == 0) return Redirect($"{Request.Path}?lang={Texts.Lang}&done={done}");
        Errors = texts.Errors(errors);
        if (!await reload()) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
