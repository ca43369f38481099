namespace Braid.Interop;

/// <summary>Text for CSV files that people open in a spreadsheet (reports, import problems).</summary>
public static class SpreadsheetText
{
    /// <summary>
    /// Text a spreadsheet would run as a formula (a group named <c>=1+1</c>, <c>@SUM(…)</c>) gets a
    /// leading apostrophe (OWASP, CSV injection). Callers write numbers as numbers, not through this.
    /// </summary>
    public static string Safe(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
