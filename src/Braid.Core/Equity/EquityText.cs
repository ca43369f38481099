using System.Globalization;
using System.Resources;

namespace Braid.Core.Equity;

/// <summary>
/// The equity engine's words — its findings, notes, method names and input errors — from
/// <c>EquityText.resx</c> (English) and <c>EquityText.es.resx</c> (Spanish), in the current UI culture,
/// with numbers formatted in the current culture as an interpolated string would.
/// </summary>
public static class EquityText
{
    private static readonly ResourceManager Resources = new(typeof(EquityText));

    public static string Get(string key, params object?[] args)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"EquityText has no '{key}'.");
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
